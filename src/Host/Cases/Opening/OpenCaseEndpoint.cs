using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Opening;
using Marten;
using Participation.Host.FollowUp;
using Participation.Host.Http;
using Participation.Host.Security;
using Wolverine.Http;
using Wolverine.Marten;

namespace Participation.Host.Cases.Opening;

/// <summary>201 with <c>Location: /api/cases/{id}</c>, <c>ETag</c>, and <c>{id, version}</c>.</summary>
public sealed record CaseCreated(Guid Id, long Version) : IHttpAware
{
    public void Apply(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = $"/api/cases/{Id}";
        context.Response.Headers.ETag = IfMatch.ETag(Version);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(CaseCreated), ["application/json"]));
}

public static class OpenCaseEndpoint
{
    [EndpointSummary("Open a case (starts in engage)")]
    [WolverinePost("/api/cases", OperationId = "OpenCase"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<(CaseCreated, IStartStream)> Post(OpenCase command, Stamp stamp, IDocumentSession session, CancellationToken cancellation)
    {
        var caseId = Guid.CreateVersion7();
        var opened = command.Decide(caseId, stamp);
        await session.ScheduleAsync(Case.Evolve(null, opened), stamp.At, cancellation);
        return (new CaseCreated(caseId, 1), MartenOps.StartStream<Case>(caseId, opened));
    }
}
