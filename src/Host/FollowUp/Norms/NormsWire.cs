using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Host.Http;

namespace Participation.Host.FollowUp.Norms;

/// <summary>One norm as integrators send and read it: <c>domain</c> and <c>phase</c> are a value or <c>*</c> (any).</summary>
public sealed record NormBody(string Domain, string Phase, int? MaxDaysInPhase = null, int? MaxDaysWithoutContact = null, DayCount DayKind = DayCount.Calendar)
{
    public const string Any = "*";

    public static NormBody Of(Norm norm) => new(norm.Domain is { } d ? ApiEnum.Name(d) : Any, norm.Phase is { } p ? ApiEnum.Name(p) : Any,
        norm.MaxDaysInPhase, norm.MaxDaysWithoutContact, norm.DayKind);
}

/// <summary>The body of <c>PUT /api/norms</c>: every norm of the tenant (replacing the ones before) and the re-measurement span.</summary>
public sealed record SetNormsBody(IReadOnlyList<NormBody> Norms, int? RemeasureAfterDays = null)
{
    /// <summary>The domain's command; an unknown domain or phase is a field error (400) before the norms' own checks.</summary>
    public SetNorms ToCommand()
    {
        var validation = new CommandValidation().Check(Norms is not null, "norms", "is required (an empty list sets the defaults)");
        var norms = new List<Norm>();
        foreach (var (body, i) in (Norms ?? []).Select((n, i) => (n, i)))
        {
            if (body is null) { validation.Check(false, $"norms[{i}]", "is required"); continue; }
            var domain = Parse<CaseDomain>(validation, $"norms[{i}].domain", body.Domain);
            var phase = Parse<CasePhase>(validation, $"norms[{i}].phase", body.Phase);
            norms.Add(new Norm(domain, phase, body.MaxDaysInPhase, body.MaxDaysWithoutContact, body.DayKind));
        }
        validation.ThrowIfInvalid();
        return new SetNorms(norms, RemeasureAfterDays);
    }

    private static TEnum? Parse<TEnum>(CommandValidation validation, string field, string? value) where TEnum : struct, Enum
    {
        if (value == NormBody.Any) return null;
        if (value is not null && ApiEnum.TryParse<TEnum>(value, out var parsed)) return parsed;
        validation.Check(false, field, $"must be {NormBody.Any} or one of {ApiEnum.Allowed<TEnum>()}");
        return null;
    }
}

/// <summary>The norms in force: those last set (with who set them and when, and the settings stream's version), or the defaults.</summary>
public sealed record NormsView(IReadOnlyList<NormBody> Norms, int? RemeasureAfterDays, long Version, string? SetBy, DateTimeOffset? SetAt)
{
    public static NormsView Of(NormsSet? set, long version)
    {
        var norms = TenantNorms.From(set);
        return new(norms.Norms.Select(NormBody.Of).ToList(), norms.RemeasureAfterDays, version, set?.SetBy, set?.SetAt);
    }
}
