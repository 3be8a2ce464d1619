using System.Text.Json.Nodes;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.FollowUp;

/// <summary>The follow-up calls as an integrator makes them.</summary>
public static class FollowUpCalls
{
    public static Task<Response> PutNorms(this Caller caller, object body) =>
        caller.Send(HttpMethod.Put, "/api/norms", new StringContent(body as string ?? System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"));

    public static async Task<JsonArray> FollowUp(this Caller caller, Guid caseId) =>
        (JsonArray)(await caller.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["followUp"]!;

    public static async Task<JsonNode> Deadline(this Caller caller, Guid caseId, string kind, Guid? reference = null) =>
        (await caller.FollowUp(caseId)).Single(d => (string?)d!["kind"] == kind && (reference is null || (Guid?)d["ref"] == reference))!;

    /// <summary>The case's <c>follow_up_overdue</c> events, from its history.</summary>
    public static async Task<IReadOnlyList<JsonNode>> Overdue(this Caller caller, Guid caseId) =>
        (await caller.Get($"/api/cases/{caseId}/history")).ShouldBe(200).Json.AsArray()
        .Where(e => (string?)e!["type"] == "follow_up_overdue").Select(e => e!).ToList();
}
