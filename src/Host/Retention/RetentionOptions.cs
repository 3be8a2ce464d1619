using Microsoft.Extensions.Options;
using Participation.Domain.Cases;
using Participation.Domain.Retention;
using Participation.Host.Http;

namespace Participation.Host.Retention;

/// <summary>
/// How long closed cases are kept, per programme domain (<c>Retention:Periods:&lt;domain&gt;</c>, ISO-8601 durations from the
/// closing), and how many cases one destruction transaction takes (<c>Retention:CasesPerTransaction</c>).
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>The municipal selection list: youth care 20 years after closing (Jeugdwet art. 7.3.8), the others 7.</summary>
    public Dictionary<string, string> Periods { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int CasesPerTransaction { get; set; } = 50;

    /// <summary>
    /// After each destruction transaction the work rests this many times as long as the transaction took (<c>Retention:Rest</c>):
    /// 1 gives the destruction at most half of one connection's time, so the commands of the day keep their pace.
    /// </summary>
    public double Rest { get; set; } = 1;

    private static readonly Dictionary<CaseDomain, string> Defaults = new()
    {
        [CaseDomain.Jeugdzorg] = "P20Y", [CaseDomain.Ouderparticipatie] = "P7Y", [CaseDomain.Sport] = "P7Y",
    };

    public RetentionPeriod PeriodOf(CaseDomain domain) =>
        RetentionPeriod.TryParse(Periods.GetValueOrDefault(ApiEnum.Name(domain)) ?? Defaults[domain], out var period)
            ? period
            : throw new InvalidOperationException($"Retention:Periods:{ApiEnum.Name(domain)} is not an ISO-8601 duration.");
}

/// <summary>Refuses to start with a period that is not an ISO-8601 duration or names no programme domain, or a batch size below 1.</summary>
public sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        foreach (var (domain, value) in options.Periods)
        {
            if (!ApiEnum.TryParse<CaseDomain>(domain, out _))
                failures.Add($"Retention:Periods:{domain} names no programme domain; the domains are {ApiEnum.Allowed<CaseDomain>()}.");
            else if (!RetentionPeriod.TryParse(value, out _))
                failures.Add($"Retention:Periods:{domain} is '{value}', not an ISO-8601 duration such as P20Y, P7Y or P6M.");
        }
        if (options.CasesPerTransaction is < 1 or > 1000) failures.Add("Retention:CasesPerTransaction must be between 1 and 1000.");
        if (options.Rest is < 0 or > 100 || double.IsNaN(options.Rest)) failures.Add("Retention:Rest must be between 0 and 100.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
