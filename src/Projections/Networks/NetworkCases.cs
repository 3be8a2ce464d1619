using Participation.Domain.Cases;

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
