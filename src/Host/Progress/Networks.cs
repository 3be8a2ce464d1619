using Participation.Domain.Cases;
using Participation.Projections.Progress;

namespace Participation.Host.Progress;

public sealed record NetworkList(IReadOnlyList<NetworkFigures> Items);

/// <summary>One network and what it reaches through the tenant's cases.</summary>
public sealed record NetworkFigures(
    string Key, string Name, NetworkKind Kind, int Cases, int OpenCases, int Participants, int Neighbourhoods,
    IReadOnlyList<string> NeighbourhoodCodes, int Connections, DateTimeOffset FirstConnectedAt, DateTimeOffset LastConnectedAt,
    IReadOnlyList<ActiveAgreement> ActiveAgreements)
{
    /// <summary>
    /// Joins a network with the progress of its cases. Participants: everyone named on a connection to
    /// it. Active agreements: those neither fulfilled nor broken on the cases connected to it.
    /// </summary>
    public static NetworkFigures From(NetworkReach network, IReadOnlyDictionary<Guid, CaseProgress> progress)
    {
        var cases = network.Cases.Select(c => progress.GetValueOrDefault(c.CaseId)).OfType<CaseProgress>().ToList();
        var codes = cases.Select(c => c.Neighbourhood.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var agreements = cases
            .SelectMany(c => c.OpenAgreements.Select(a => new ActiveAgreement(c.Id, a.AgreementId, a.MadeAt, a.DueOn)))
            .OrderBy(a => a.MadeAt).ThenBy(a => a.AgreementId).ToList();
        return new NetworkFigures(
            network.Id, network.Name, network.Kind, network.Cases.Count, cases.Count(c => c.Status == CaseStatus.Open),
            network.Cases.SelectMany(c => c.ParticipantIds).Distinct().Count(), codes.Count, codes,
            network.Connections, network.FirstConnectedAt, network.LastConnectedAt, agreements);
    }
}

public sealed record ActiveAgreement(Guid CaseId, Guid AgreementId, DateTimeOffset MadeAt, DateOnly? DueOn);
