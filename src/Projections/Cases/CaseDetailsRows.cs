using System.Security.Cryptography;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

/// <summary>
/// The stored form of <see cref="CaseDetails"/>: the case's own fields in one row, and each entry of its
/// growing lists in a row of its own, so a command inserts the entry it adds instead of rewriting the case
/// (ADR 18). <see cref="CaseDetailsReader"/> puts them together again.
/// </summary>
public sealed class CaseDetailsHead
{
    public Guid Id { get; set; }
    public CaseDomain Domain { get; set; }
    public Neighbourhood Neighbourhood { get; set; } = null!;
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? Goal { get; set; }
    public CasePhase Phase { get; set; }
    public CaseStatus Status { get; set; }
    public string? Owner { get; set; }
    public CaseOutcome? Outcome { get; set; }
    public string? OutcomeSummary { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One entry of one of a case's lists; <see cref="Position"/> (the version that added it) keeps the list's order.</summary>
public abstract class CaseDetailsEntry<TItem> where TItem : class
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public long Position { get; set; }
    public TItem Item { get; set; } = null!;

    /// <summary>
    /// The row id of an entry: derived from the case and the entry's own id, since a participant id may be
    /// chosen by the client and the same person may take part in more than one case.
    /// </summary>
    public static Guid IdOf(Guid caseId, Guid itemId)
    {
        Span<byte> both = stackalloc byte[32];
        caseId.TryWriteBytes(both);
        itemId.TryWriteBytes(both[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(both, hash);
        return new Guid(hash[..16]);
    }
}

public sealed class CaseParticipantEntry : CaseDetailsEntry<ParticipantDetails>;

public sealed class CaseContactEntry : CaseDetailsEntry<ContactDetailsView>;

public sealed class CaseStrengthEntry : CaseDetailsEntry<StrengthDetails>;

public sealed class CaseConnectionEntry : CaseDetailsEntry<ConnectionDetails>;

public sealed class CaseAgreementEntry : CaseDetailsEntry<AgreementDetails>;

public sealed class CaseMeasurementEntry : CaseDetailsEntry<MeasurementDetails>;
