using Participation.Domain.Cases;
using Participation.Domain.Retention;

namespace Participation.Projections.Networks;

/// <summary>The cases connected to one network (or to a network merged into it): what its reach is computed from.</summary>
public sealed class NetworkCases
{
    public Guid Id { get; set; }
    public List<NetworkCaseEntry> Cases { get; set; } = [];

    public NetworkCaseEntry? Find(Guid caseId) => Cases.Find(c => c.CaseId == caseId);
}

/// <summary>One connected case: its facts, when it was first and last connected, and who was connected through the network.</summary>
public sealed class NetworkCaseEntry
{
    public Guid CaseId { get; set; }
    public CaseFacts Facts { get; set; } = new();
    public DateTimeOffset ConnectedAt { get; set; }
    public DateTimeOffset LastConnectedAt { get; set; }
    public int Connections { get; set; }
    public List<ConnectedParticipant> Participants { get; set; } = [];

    /// <summary>A destroyed case's entry: it counts in the figures, and names neither the case nor its participants (ADR 34).</summary>
    public bool IsDestroyed { get; set; }

    /// <summary>The entry of a destroyed case, from the reach its declaration keeps: the same in a live run and a rebuild.</summary>
    public static NetworkCaseEntry Destroyed(CaseDestroyed destroyed, KeptConnection kept) => new()
    {
        CaseId = DestroyedIds.Case(destroyed.ListId, destroyed.CaseId),
        IsDestroyed = true,
        ConnectedAt = kept.ConnectedAt,
        LastConnectedAt = kept.LastConnectedAt,
        Connections = kept.Connections,
        Participants = kept.ParticipantsConnectedAt
            .Select((at, i) => new ConnectedParticipant(DestroyedIds.Participant(destroyed.ListId, destroyed.CaseId, i), at)).ToList(),
        Facts = new CaseFacts
        {
            Domain = destroyed.Domain, Neighbourhood = kept.Neighbourhood, Phase = kept.Phase, Status = kept.Status, LastActivityAt = kept.LastActivityAt,
            Agreements = kept.Agreements.Select(a => new AgreementFact(Guid.Empty, a.Status, a.MadeAt, a.DueOn, a.SettledAt)).ToList(),
        },
    };

    /// <summary>What a declaration keeps of this entry when its case is destroyed.</summary>
    public KeptConnection Keep(Guid networkId) => new(networkId, ConnectedAt, LastConnectedAt, Connections,
        Participants.Select(p => p.ConnectedAt).ToList(), Facts.Neighbourhood, Facts.Phase, Facts.Status, Facts.LastActivityAt,
        Facts.Agreements.Select(a => new KeptAgreement(a.Status, a.MadeAt, a.DueOn, a.SettledAt)).ToList());

    /// <summary>Adds a connection, or the entry of the same case from a network merged into this one.</summary>
    public void Connect(DateTimeOffset at, int connections, IEnumerable<ConnectedParticipant> participants)
    {
        if (Connections == 0 || at < ConnectedAt) ConnectedAt = at;
        if (at > LastConnectedAt) LastConnectedAt = at;
        Connections += connections;
        foreach (var participant in participants)
        {
            var index = Participants.FindIndex(p => p.ParticipantId == participant.ParticipantId);
            if (index < 0) Participants.Add(participant);
            else if (participant.ConnectedAt < Participants[index].ConnectedAt) Participants[index] = participant;
        }
    }

    public DateTimeOffset LastActivityAt => Facts.LastActivityAt > LastConnectedAt ? Facts.LastActivityAt : LastConnectedAt;
}

/// <summary>A participant connected to the network through a case, first at <see cref="ConnectedAt"/>.</summary>
public sealed record ConnectedParticipant(Guid ParticipantId, DateTimeOffset ConnectedAt);

public sealed record AgreementCounts(int Open, int Fulfilled, int Broken);

public sealed record ActiveAgreement(Guid CaseId, Guid AgreementId, DateTimeOffset MadeAt, DateOnly? DueOn);
