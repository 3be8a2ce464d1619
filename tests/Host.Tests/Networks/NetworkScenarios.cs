using Alba;
using Marten.Events;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Networks;

/// <summary>Networks registered and connected through the real API.</summary>
public static class NetworkScenarios
{
    public static readonly object Slotermeer = new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" };
    public static readonly object Geuzenveld = new { code = "F76", name = "Geuzenveld", district = "Nieuw-West" };

    public static object NewNetwork(string name = "Vrouwengroep Moskee Slotermeer", string kind = "faith", object? activeIn = null) =>
        new { name, kind, activeIn = new[] { activeIn ?? Slotermeer }, description = "Koffieochtend op dinsdag", organisation = "Moskee Slotermeer" };

    public static async Task<Guid> RegisterNetwork(this Caller caller, string name = "Vrouwengroep Moskee Slotermeer", string kind = "faith", object? activeIn = null) =>
        (Guid)(await caller.Post("/api/networks", NewNetwork(name, kind, activeIn))).ShouldBe(201).Json["id"]!;

    public static async Task<Guid> ConnectTo(this Caller caller, Guid caseId, Guid networkId, params Guid[] participantIds) =>
        (Guid)(await caller.Post($"/api/cases/{caseId}/connections", new { networkId, participantIds, purpose = "Samen koken" }))
            .ShouldBe(200).Json["connectionId"]!;

    /// <summary>Waits until the async daemon has projected every event so far (the networks' reach is async).</summary>
    public static Task CatchUp(this IAlbaHost host) => host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
}
