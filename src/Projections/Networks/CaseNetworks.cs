namespace Participation.Projections.Networks;

/// <summary>A case connected to one or more networks: its facts, and the networks its events count for.</summary>
public sealed class CaseNetworks
{
    public Guid Id { get; set; }
    public CaseFacts Facts { get; set; } = new();
    public List<Guid> NetworkIds { get; set; } = [];
}
