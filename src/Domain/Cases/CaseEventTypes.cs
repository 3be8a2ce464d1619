namespace Participation.Domain.Cases;

/// <summary>
/// Every case event type, declared once: the name it is stored and published under (stable: renaming a
/// class never changes stored data), and its personal data: whom it is about and which of its texts are
/// theirs (names, contact details and free text written about participants; text that names no
/// participant, such as case titles, phase reasons and closing summaries, is not theirs). The event
/// store's type names, the audit filters and the encryption of personal data are derived from this list,
/// and a test checks that it declares every <see cref="ICaseEvent"/> of this assembly.
/// </summary>
public static class CaseEventTypes
{
    public static readonly IReadOnlyList<CaseEventType> All =
    [
        CaseEventType.Of<CaseOpened>("case_opened"),
        CaseEventType.Of<ParticipantJoined>("participant_joined").About(e => [e.ParticipantId], (e, text) => e with
        {
            DisplayName = text.Of(e.DisplayName),
            Contact = e.Contact is null ? null : new ContactDetails(text.OfOptional(e.Contact.Phone), text.OfOptional(e.Contact.Email)),
        }),
        CaseEventType.Of<ParticipantLeft>("participant_left").About(e => [e.ParticipantId], (e, text) => e with { Reason = text.Of(e.Reason) }),
        CaseEventType.Of<ContactMomentRecorded>("contact_moment_recorded").About(e => e.ParticipantIds, (e, text) => e with { Summary = text.Of(e.Summary) }),
        CaseEventType.Of<StrengthRecorded>("strength_recorded")
            .About(e => e.ParticipantId is { } id ? [id] : [], (e, text) => e with { Description = text.Of(e.Description) }),
        CaseEventType.Of<NetworkConnected>("network_connected").About(e => e.ParticipantIds, (e, text) => e with { Purpose = text.Of(e.Purpose) }),
        CaseEventType.Of<AgreementMade>("agreement_made")
            .About(e => e.Parties, (e, text) => e with { Gives = text.Of(e.Gives), Receives = text.OfOptional(e.Receives) }),
        CaseEventType.Of<AgreementFulfilled>("agreement_fulfilled").About(e => e.Parties, (e, text) => e with { Note = text.Of(e.Note) }),
        CaseEventType.Of<AgreementBroken>("agreement_broken").About(e => e.Parties, (e, text) => e with { Note = text.Of(e.Note) }),
        CaseEventType.Of<CaseAssigned>("case_assigned"),
        CaseEventType.Of<PhaseChanged>("phase_changed"),
        CaseEventType.Of<CaseClosed>("case_closed"),
        CaseEventType.Of<CaseReopened>("case_reopened"),
        CaseEventType.Of<ParticipantErased>("participant_erased"),
        CaseEventType.Of<MeasurementRecorded>("measurement_recorded")
            .About(e => [e.ParticipantId], (e, text) => e with { Domains = text.Of(e.Domains), Note = text.OfOptional(e.Note) }),
        // A suspension's reason and a resume's note say why the case waits, like a phase change's reason: not about a participant.
        CaseEventType.Of<CaseSuspended>("case_suspended"),
        CaseEventType.Of<CaseResumed>("case_resumed"),
        CaseEventType.Of<FollowUpOverdue>("follow_up_overdue"),
    ];

    private static readonly Dictionary<Type, CaseEventType> ByType = All.ToDictionary(t => t.Type);
    private static readonly Dictionary<string, CaseEventType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The stored names, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToArray();

    public static CaseEventType Of(Type type) => ByType.TryGetValue(type, out var declared)
        ? declared
        : throw new InvalidOperationException($"{type.Name} is not declared in {nameof(CaseEventTypes)}.{nameof(All)}.");

    public static CaseEventType Of(ICaseEvent e) => Of(e.GetType());

    public static CaseEventType? Named(string name) => ByName.GetValueOrDefault(name);
}

/// <summary>One declared case event type; see <see cref="CaseEventTypes"/>.</summary>
public abstract class CaseEventType(Type type, string name)
{
    public Type Type { get; } = type;

    /// <summary>The stored name, e.g. <c>contact_moment_recorded</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Whether events of this type can hold personal data.</summary>
    public abstract bool HoldsPersonalData { get; }

    /// <summary>The participants the event's personal data is about; none when it holds no personal data.</summary>
    public abstract IReadOnlyList<Guid> Subjects(ICaseEvent e);

    /// <summary>The event with <paramref name="text"/> applied to each of its personal texts; itself when it is about nobody.</summary>
    public abstract ICaseEvent WithPersonalText(ICaseEvent e, Func<string, string> text);

    public static CaseEventType<T> Of<T>(string name) where T : ICaseEvent => new(name, null, null);

    public override string ToString() => Name;
}

public sealed class CaseEventType<T>(string name, Func<T, IReadOnlyList<Guid>>? subjects, Func<T, PersonalText, T>? personal)
    : CaseEventType(typeof(T), name) where T : ICaseEvent
{
    /// <summary>Declares the event's personal data: whom it is about, and the event with each personal text passed through.</summary>
    public CaseEventType<T> About(Func<T, IReadOnlyList<Guid>> about, Func<T, PersonalText, T> personalTexts) => new(Name, about, personalTexts);

    public override bool HoldsPersonalData => subjects is not null;

    public override IReadOnlyList<Guid> Subjects(ICaseEvent e) => subjects is null ? [] : subjects((T)e);

    public override ICaseEvent WithPersonalText(ICaseEvent e, Func<string, string> text) =>
        personal is null || Subjects(e).Count == 0 ? e : personal((T)e, new PersonalText(text));
}

/// <summary>One transformation (encrypting, say) applied to each personal text of an event.</summary>
public sealed class PersonalText(Func<string, string> apply)
{
    public string Of(string text) => apply(text);

    public string? OfOptional(string? text) => text is null ? null : apply(text);
}
