using Participation.Domain.Cases;

namespace Participation.Domain.FollowUp;

/// <summary>
/// A tenant's norm for cases of a programme domain in a phase (null: any): at most so many days in the phase, at most so
/// many days without a contact moment, counted in calendar or working days. A span left out is taken from a wider norm.
/// </summary>
public sealed record Norm(CaseDomain? Domain, CasePhase? Phase, int? MaxDaysInPhase, int? MaxDaysWithoutContact, DayCount DayKind = DayCount.Calendar);

/// <summary>The tenant's norms were set (replacing the ones before); kept in the tenant's settings stream, so every change is on record.</summary>
public sealed record NormsSet(IReadOnlyList<Norm> Norms, int? RemeasureAfterDays, string SetBy, DateTimeOffset SetAt);

public sealed record SetNorms(IReadOnlyList<Norm> Norms, int? RemeasureAfterDays = null)
{
    public NormsSet Decide(Stamp stamp)
    {
        var validation = new CommandValidation()
            .Check(Norms is not null, "norms", "is required (an empty list sets the defaults)")
            .Check(RemeasureAfterDays is null or > 0, "remeasureAfterDays", "must be a positive number of days");
        foreach (var (norm, i) in (Norms ?? []).Select((n, i) => (n, i)))
        {
            var field = $"norms[{i}]";
            if (norm is null) { validation.Check(false, field, "is required"); continue; }
            if (norm.Domain is { } domain) validation.Defined($"{field}.domain", domain);
            if (norm.Phase is { } phase) validation.Defined($"{field}.phase", phase);
            validation.Defined($"{field}.dayKind", norm.DayKind)
                .Check(norm.MaxDaysInPhase is null or > 0, $"{field}.maxDaysInPhase", "must be a positive number of days")
                .Check(norm.MaxDaysWithoutContact is null or > 0, $"{field}.maxDaysWithoutContact", "must be a positive number of days")
                .Check(norm.MaxDaysInPhase is not null || norm.MaxDaysWithoutContact is not null, field, "needs maxDaysInPhase or maxDaysWithoutContact");
        }
        var given = (Norms ?? []).Where(n => n is not null).ToList();
        validation.Check(given.Select(n => (n.Domain, n.Phase)).Distinct().Count() == given.Count, "norms", "may name each domain and phase once");
        validation.ThrowIfInvalid();
        return new NormsSet(given, RemeasureAfterDays, stamp.By, stamp.At);
    }
}

/// <summary>The norms in force for a tenant, and the span that applies to a case: from the most specific norm that sets it.</summary>
public sealed record TenantNorms(IReadOnlyList<Norm> Norms, int? RemeasureAfterDays)
{
    /// <summary>Without norms of its own a tenant keeps today's stalled rule: a contact moment at least every 30 calendar days.</summary>
    public static readonly TenantNorms Default = new([new Norm(null, null, null, 30)], null);

    public static TenantNorms From(NormsSet? set) => set is null || set.Norms.Count == 0 ? Default : new(set.Norms, set.RemeasureAfterDays);

    /// <summary>Most specific first: domain and phase, domain alone, phase alone, then the tenant's norm for every case.</summary>
    private IEnumerable<Norm> Applying(CaseDomain domain, CasePhase phase) =>
        Norms.Where(n => (n.Domain is null || n.Domain == domain) && (n.Phase is null || n.Phase == phase))
            .OrderByDescending(n => (n.Domain is null ? 0 : 2) + (n.Phase is null ? 0 : 1));

    public (int Days, DayCount Kind)? MaxDaysInPhase(CaseDomain domain, CasePhase phase) =>
        Applying(domain, phase).FirstOrDefault(n => n.MaxDaysInPhase is not null) is { } norm ? (norm.MaxDaysInPhase!.Value, norm.DayKind) : null;

    public (int Days, DayCount Kind)? MaxDaysWithoutContact(CaseDomain domain, CasePhase phase) =>
        Applying(domain, phase).FirstOrDefault(n => n.MaxDaysWithoutContact is not null) is { } norm ? (norm.MaxDaysWithoutContact!.Value, norm.DayKind) : null;
}
