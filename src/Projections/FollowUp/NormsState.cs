using JasperFx.Events;
using Marten.Events.Aggregation;
using Participation.Domain.FollowUp;

namespace Participation.Projections.FollowUp;

/// <summary>The norms in force for a tenant: the last <see cref="NormsSet"/> of its settings stream, kept inline (read-your-writes).</summary>
public sealed class NormsState
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public NormsSet? Current { get; set; }

    public TenantNorms Norms => TenantNorms.From(Current);
}

public sealed class NormsStateProjection : SingleStreamProjection<NormsState, Guid>
{
    public NormsStateProjection() => IncludeType<NormsSet>();

    public override NormsState? Evolve(NormsState? snapshot, Guid id, IEvent e) =>
        e.Data is NormsSet set ? new NormsState { Id = id, Version = e.Version, Current = set } : snapshot;
}
