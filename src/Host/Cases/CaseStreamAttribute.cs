using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Events;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Participation.Domain.Cases;
using Participation.Host.FollowUp;
using Participation.Host.Http;
using Participation.Host.Privacy;
using Wolverine.Configuration;
using Wolverine.Http;
using Wolverine.Marten;

namespace Participation.Host.Cases;

/// <summary>
/// The case a command changes, named by the <c>{caseId}</c> route segment: loaded for writing with its stream
/// locked for the rest of the transaction (racing commands on one case are applied one after another
/// instead of failing; an unknown case, or another tenant's, is a 404), in the same round trip as its participants'
/// keys (<see cref="CaseParticipantKeys"/>) and the tenant's norms (<see cref="TenantNormsPlan"/>), checked against <c>If-Match</c>
/// (412) before the command decides, and answered with the new version as <c>ETag</c>.
/// </summary>
public sealed class CaseStreamAttribute : WriteAggregateAttribute
{
    public CaseStreamAttribute() : base("caseId")
    {
        LoadStyle = ConcurrencyStyle.Exclusive;
    }

    public override Variable Modify(IChain chain, ParameterInfo parameter, IServiceContainer container, GenerationRules rules)
    {
        var loading = chain.Middleware.Count;
        var state = base.Modify(chain, parameter, container, rules);
        // The case's participants' keys join the batch that locks the stream and loads the state (one round trip):
        // Wolverine batches the plan's query with the aggregate's fetch, where the fetch was (after the body is read).
        chain.Middleware.Insert(loading, new MethodCall(typeof(CaseParticipantKeysPlan), nameof(CaseParticipantKeysPlan.For)));
        // So do the tenant's norms, which the follow-up the command writes is counted under (ADR 28).
        chain.Middleware.Insert(loading, new MethodCall(typeof(TenantNormsPlan), nameof(TenantNormsPlan.For)));
        chain.Middleware.Add(new MethodCall(typeof(CaseStreamAttribute), nameof(EnsureIfMatch)));
        chain.Postprocessors.Insert(0, new MethodCall(typeof(CaseStreamAttribute), nameof(AnswerETag)));
        if (chain is HttpChain http) http.Metadata.WithMetadata(VersionedWriteEndpoint.Metadata);
        return state;
    }

    public static void EnsureIfMatch(HttpContext http, IEventStream<Case> stream) => IfMatch.Ensure(http, stream.StartingVersion ?? 0);

    public static void AnswerETag(HttpContext http, IEventStream<Case> stream) =>
        http.Response.Headers.ETag = IfMatch.ETag(stream.CurrentVersion ?? stream.StartingVersion ?? 0);
}
