using Marten;
using Marten.Services.BatchQuerying;
using Participation.Domain.FollowUp;
using Participation.Projections.FollowUp;

namespace Participation.Host.FollowUp;

/// <summary>
/// The tenant's norms in force, read in the batch that locks the case (as its participants' keys are), so a case command
/// writes its follow-up without a round trip of its own for them.
/// </summary>
public sealed class TenantNormsPlan : IBatchQueryPlan<TenantNorms>
{
    public static readonly TenantNormsPlan Instance = new();

    /// <summary>The plan a case command's middleware hands to the aggregate's batched fetch.</summary>
    public static TenantNormsPlan For() => Instance;

    public async Task<TenantNorms> Fetch(IBatchedQuery query) =>
        (await query.Load<NormsState>(NormsStream.IdOf(query.Parent.TenantId)))?.Norms ?? TenantNorms.Default;
}
