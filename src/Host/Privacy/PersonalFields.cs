using Participation.Domain.Cases;

namespace Participation.Host.Privacy;

/// <summary>
/// Which data in the case events is personal, and whom it is about: names and contact details of
/// participants, and free text written about them (contact summaries, strength descriptions,
/// agreement texts, reasons for leaving, connection purposes). Text that names no participant
/// (case titles, phase reasons, closing summaries) is not classified as personal.
/// </summary>
public static class PersonalFields
{
    public static IReadOnlyList<Guid> Subjects(object data) => data switch
    {
        ParticipantJoined e => [e.ParticipantId],
        ParticipantLeft e => [e.ParticipantId],
        ContactMomentRecorded e => e.ParticipantIds,
        StrengthRecorded { ParticipantId: { } id } => [id],
        NetworkConnected e => e.ParticipantIds,
        AgreementMade e => e.Parties,
        AgreementFulfilled e => e.Parties,
        AgreementBroken e => e.Parties,
        _ => [],
    };

    /// <summary>The event with <paramref name="text"/> applied to each of its personal fields.</summary>
    public static object Map(object data, Func<string, string> text)
    {
        if (Subjects(data).Count == 0) return data;
        string? Optional(string? value) => value is null ? null : text(value);
        return data switch
        {
            ParticipantJoined e => e with
            {
                DisplayName = text(e.DisplayName),
                Contact = e.Contact is null ? null : new ContactDetails(Optional(e.Contact.Phone), Optional(e.Contact.Email)),
            },
            ParticipantLeft e => e with { Reason = text(e.Reason) },
            ContactMomentRecorded e => e with { Summary = text(e.Summary) },
            StrengthRecorded e => e with { Description = text(e.Description) },
            NetworkConnected e => e with { Purpose = text(e.Purpose) },
            AgreementMade e => e with { Gives = text(e.Gives), Receives = Optional(e.Receives) },
            AgreementFulfilled e => e with { Note = text(e.Note) },
            AgreementBroken e => e with { Note = text(e.Note) },
            _ => data,
        };
    }
}
