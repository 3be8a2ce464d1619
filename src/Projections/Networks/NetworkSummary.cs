using Participation.Domain.Cases;
using Participation.Domain.Networks;

namespace Participation.Projections.Networks;

/// <summary>
/// One network of the tenant as <c>GET /api/networks</c> lists it: what it is (from its own stream, or from the connections
/// that named it before networks had streams: <see cref="Registered"/> false) and its reach, kept as events arrive.
/// </summary>
public sealed class NetworkSummary
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public NetworkKind Kind { get; set; }
    public List<Neighbourhood> ActiveIn { get; set; } = [];
    public string? Description { get; set; }
    public string? Organisation { get; set; }
    public NetworkStatus Status { get; set; }
    public Guid? MergedInto { get; set; }

    /// <summary>The version of the network's stream; 0 for a network only connections have named.</summary>
    public long Version { get; set; }
    public bool Registered { get; set; }

    public int Cases { get; set; }
    public int OpenCases { get; set; }
    public int Participants { get; set; }
    public int Connections { get; set; }
    public List<string> NeighbourhoodsReached { get; set; } = [];
    public AgreementCounts Agreements { get; set; } = new(0, 0, 0);
    public List<ActiveAgreement> ActiveAgreements { get; set; } = [];
    public DateTimeOffset? FirstConnectedAt { get; set; }
    public DateTimeOffset? LastConnectedAt { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>The codes of the neighbourhoods it is active in or reaches, and their districts: what the list's filters match.</summary>
    public List<string> Neighbourhoods { get; set; } = [];
    public List<string> Districts { get; set; } = [];

    /// <summary>Name and organisation as the search compares them (<see cref="NetworkNames.Key"/>).</summary>
    public string SearchText { get; set; } = "";

    /// <summary>Takes what the network is from its decision state, which is current within the command's transaction.</summary>
    public NetworkSummary Describe(NetworkState state)
    {
        (Name, Kind, ActiveIn, Description, Organisation) = (state.Name, state.Kind, state.ActiveIn.ToList(), state.Description, state.Organisation);
        (Status, MergedInto, Version, Registered) = (state.Status, state.MergedInto, state.Version, true);
        return this;
    }

    /// <summary>Sets the figures from the network's connected cases.</summary>
    public void Reach(NetworkCases connected)
    {
        var cases = connected.Cases;
        Cases = cases.Count;
        OpenCases = cases.Count(c => c.Facts.Status == CaseStatus.Open);
        Participants = cases.SelectMany(c => c.Participants).Select(p => p.ParticipantId).Distinct().Count();
        Connections = cases.Sum(c => c.Connections);
        NeighbourhoodsReached = cases.Select(c => c.Facts.Neighbourhood.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var agreements = cases.SelectMany(c => c.Facts.Agreements).ToList();
        Agreements = new AgreementCounts(
            agreements.Count(a => a.Status == AgreementStatus.Open), agreements.Count(a => a.Status == AgreementStatus.Fulfilled),
            agreements.Count(a => a.Status == AgreementStatus.Broken));
        ActiveAgreements = cases.Where(c => !c.IsDestroyed)
            .SelectMany(c => c.Facts.Agreements.Where(a => a.Status == AgreementStatus.Open).Select(a => new ActiveAgreement(c.CaseId, a.AgreementId, a.MadeAt, a.DueOn)))
            .OrderBy(a => a.MadeAt).ThenBy(a => a.AgreementId).ToList();
        FirstConnectedAt = cases.Count == 0 ? null : cases.Min(c => c.ConnectedAt);
        LastConnectedAt = cases.Count == 0 ? null : cases.Max(c => c.LastConnectedAt);
        LastActivityAt = cases.Count == 0 ? null : cases.Max(c => c.LastActivityAt);
        Neighbourhoods = ActiveIn.Select(n => n.Code).Concat(NeighbourhoodsReached).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Districts = ActiveIn.Select(n => n.District).Concat(cases.Select(c => c.Facts.Neighbourhood.District))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        SearchText = NetworkNames.Key($"{Name} {Organisation}");
    }
}
