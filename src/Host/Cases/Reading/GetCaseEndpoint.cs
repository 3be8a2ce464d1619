using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Host.Http;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Projections.Cases;
using Participation.Projections.FollowUp;
using Wolverine.Http;

namespace Participation.Host.Cases.Reading;

public static class GetCaseEndpoint
{
    [EndpointSummary("The case's full current state")]
    [WolverineGet(CaseRoutes.Case, OperationId = "GetCase"), Authorize(Policy = Policies.ReadCases)]
    public static async Task<RevealedJson<CaseDetails>> Get(Guid caseId, IQuerySession session, IDocumentStore store,
        PersonalDataRevealer personalData, ProcessingLogRecorder processingLog, TimeProvider clock, HttpContext http, CancellationToken cancellation)
    {
        // Its participants' processing log records are stored while the case is read (ADR 32), before the answer is sent.
        var recorded = processingLog.RecordingCaseReadAsync(caseId, cancellation);
        // The stored case, its lists, its participants' keys, and its decision state and the tenant's norms (for its
        // deadlines) come in one batched round trip (ADR 18).
        var batch = session.CreateBatchQuery();
        var stored = batch.QueryByPlan(new CaseDetailsPlan(caseId, session.TenantId));
        var keys = batch.QueryByPlan(CaseParticipantKeysPlan.For(http, store));
        var state = batch.Load<Case>(caseId);
        var norms = batch.Load<NormsState>(NormsStream.IdOf(session.TenantId));
        await batch.Execute(cancellation);
        await recorded;

        var details = (await stored ?? throw new ResourceNotFound($"There is no case {caseId}."))
            .WithFollowUp(await state, (await norms)?.Norms ?? TenantNorms.Default, clock.GetUtcNow());
        http.Response.Headers.ETag = IfMatch.ETag(details.Version);
        return await personalData.RevealAsync(details, session, await keys, details.Participants.ConvertAll(p => p.ParticipantId), cancellation);
    }
}
