namespace Participation.Host.Cases;

/// <summary>The answer to a case command: the case's new version (also sent as <c>ETag</c>).</summary>
public sealed record CaseChanged(long Version);

public sealed record ParticipantAdded(Guid ParticipantId, long Version);

public sealed record ContactRecorded(Guid ContactId, long Version);

public sealed record StrengthAdded(Guid StrengthId, long Version);

public sealed record ConnectionAdded(Guid ConnectionId, long Version);

public sealed record AgreementAdded(Guid AgreementId, long Version);
