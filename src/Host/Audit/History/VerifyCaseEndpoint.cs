using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Host.Cases;
using Participation.Host.Http;
using Participation.Host.Audit.Seals;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Audit.History;

public static class VerifyCaseEndpoint
{
    /// <summary>Recomputes the case's tamper-evidence chain: is the stored history as it was written?</summary>
    [EndpointSummary("Verify the case's tamper-evidence chain")]
    [WolverineGet(CaseRoutes.Case + "/verify", OperationId = "VerifyCase"), Authorize(Policy = Policies.Audit)]
    public static async Task<ChainVerification> Get(Guid caseId, IQuerySession session, ChainVerifier verifier, CancellationToken cancellation) =>
        await verifier.VerifyAsync(session.TenantId, caseId, cancellation)
        ?? throw new ResourceNotFound($"There is no case {caseId}.");
}
