using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Projections.Networks;

namespace Participation.Host.Networks.Reading;

/// <summary>
/// One network as the list answers it: what it is and its reach. <c>key</c>, <c>neighbourhoods</c> (a count),
/// <c>neighbourhoodCodes</c>, <c>connections</c>, <c>lastConnectedAt</c> and <c>activeAgreements</c> are the fields of
/// the list before networks had streams, kept for the clients that read them.
/// </summary>
public record NetworkItem(
    Guid Id, string Name, NetworkKind Kind, IReadOnlyList<Neighbourhood> ActiveIn, string? Organisation, NetworkStatus Status, Guid? MergedInto,
    long Version, bool Registered, int Cases, int OpenCases, int Participants, IReadOnlyList<string> NeighbourhoodsReached, AgreementCounts Agreements,
    DateTimeOffset? FirstConnectedAt, DateTimeOffset? LastActivityAt,
    string Key, int Neighbourhoods, IReadOnlyList<string> NeighbourhoodCodes, int Connections, DateTimeOffset? LastConnectedAt,
    IReadOnlyList<ActiveAgreement> ActiveAgreements)
{
    public static NetworkItem From(NetworkSummary n) => new(
        n.Id, n.Name, n.Kind, n.ActiveIn, n.Organisation, n.Status, n.MergedInto, n.Version, n.Registered, n.Cases, n.OpenCases, n.Participants,
        n.NeighbourhoodsReached, n.Agreements, n.FirstConnectedAt, n.LastActivityAt,
        NetworkNames.Key(n.Name), n.NeighbourhoodsReached.Count, n.NeighbourhoodsReached, n.Connections, n.LastConnectedAt, n.ActiveAgreements);
}

public sealed record NetworkPage(IReadOnlyList<NetworkItem> Items, int Page, int PageSize, long Total);

/// <summary>One network in full: the list's item, its description, its connected cases and its reach per quarter.</summary>
public sealed record NetworkView : NetworkItem
{
    public NetworkView(NetworkSummary summary, NetworkCases connected) : base(From(summary))
    {
        Description = summary.Description;
        ConnectedCases = connected.Cases.Where(c => !c.IsDestroyed).OrderBy(c => c.ConnectedAt).ThenBy(c => c.CaseId)
            .Select(c => new ConnectedCase(c.CaseId, c.Facts.Title, c.Facts.Domain, c.Facts.Phase, c.Facts.Status, c.ConnectedAt)).ToList();
        ReachByQuarter = QuarterReach.Of(connected);
    }

    public string? Description { get; init; }
    public IReadOnlyList<ConnectedCase> ConnectedCases { get; init; }
    public IReadOnlyList<QuarterReach> ReachByQuarter { get; init; }
}

public sealed record ConnectedCase(Guid CaseId, string Title, CaseDomain Domain, CasePhase Phase, CaseStatus Status, DateTimeOffset ConnectedAt);

/// <summary>What the network reached in one quarter (<c>2026-Q3</c>): cases and participants connected for the first time, agreements fulfilled in its cases.</summary>
public sealed record QuarterReach(string Quarter, int CasesConnected, int ParticipantsConnected, int AgreementsFulfilled)
{
    public static IReadOnlyList<QuarterReach> Of(NetworkCases connected)
    {
        var cases = connected.Cases.Select(c => Index(c.ConnectedAt)).ToList();
        var participants = connected.Cases.SelectMany(c => c.Participants).GroupBy(p => p.ParticipantId).Select(g => Index(g.Min(p => p.ConnectedAt))).ToList();
        var fulfilled = connected.Cases.SelectMany(c => c.Facts.Agreements)
            .Where(a => a is { Status: AgreementStatus.Fulfilled, SettledAt: not null }).Select(a => Index(a.SettledAt!.Value)).ToList();
        var all = cases.Concat(participants).Concat(fulfilled).ToList();
        if (all.Count == 0) return [];
        return Enumerable.Range(all.Min(), all.Max() - all.Min() + 1)
            .Select(q => new QuarterReach($"{q / 4}-Q{q % 4 + 1}", cases.Count(c => c == q), participants.Count(p => p == q), fulfilled.Count(f => f == q)))
            .ToList();
    }

    private static int Index(DateTimeOffset at) => at.UtcDateTime.Year * 4 + (at.UtcDateTime.Month - 1) / 3;
}
