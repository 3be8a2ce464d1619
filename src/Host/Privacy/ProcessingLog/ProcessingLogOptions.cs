using Microsoft.Extensions.Options;

namespace Participation.Host.Privacy;

/// <summary>
/// <c>ProcessingLog</c>: the processing activity of each operation (a URI into the municipality's register of processing
/// activities, by OperationId), how long records are kept, and when a log that cannot be written makes the node unready.
/// </summary>
public sealed class ProcessingLogOptions
{
    public const string Section = "ProcessingLog";

    /// <summary>The register entry of every operation <see cref="Activities"/> does not name.</summary>
    public const string DefaultActivityId = "urn:nld:participation:processing-activity:case-work";

    /// <summary>
    /// False writes no records at all: only for measuring what the log costs (the benchmark's baseline); the Host refuses it
    /// in every environment but Development and <see cref="BenchmarkEnvironment"/>.
    /// </summary>
    public bool Enabled { get; set; } = true;

    public const string BenchmarkEnvironment = "Benchmark";

    public string DefaultActivity { get; set; } = DefaultActivityId;

    /// <summary>OperationId → processing activity URI, e.g. <c>GetParticipantData</c> → the register's entry for requests of access.</summary>
    public Dictionary<string, string> Activities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// True makes a read wait, before its answer, until its records are flushed to disk; false (the default) until they are
    /// stored and visible, durable a few hundred milliseconds later (<see cref="ProcessingLogDataSource"/>).
    /// </summary>
    public bool SynchronousReadCommit { get; set; }

    /// <summary>How long a record is kept (two years unless set).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(730);

    /// <summary>How often each node removes the records past <see cref="Retention"/> (idempotent deletes: every node may).</summary>
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long writing records may keep failing before readiness reports the node unhealthy.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);

    public string ActivityOf(string operation) => Activities.TryGetValue(operation, out var activity) ? activity : DefaultActivity;
}

/// <summary>Checks the settings at start; without a host environment (a tool that builds the store alone) the log cannot be switched off.</summary>
public sealed class ProcessingLogOptionsValidation(IHostEnvironment? environment = null) : IValidateOptions<ProcessingLogOptions>
{
    public ValidateOptionsResult Validate(string? name, ProcessingLogOptions options)
    {
        var errors = new List<string>();
        if (!options.Enabled && environment?.IsDevelopment() != true && environment?.IsEnvironment(ProcessingLogOptions.BenchmarkEnvironment) != true)
            errors.Add($"{ProcessingLogOptions.Section}:Enabled=false is refused in {environment?.EnvironmentName ?? "a store without a host"}: the law asks for a record of every processing of personal data.");
        if (!IsUri(options.DefaultActivity))
            errors.Add($"{ProcessingLogOptions.Section}:DefaultActivity must be an absolute URI (the register's entry), not '{options.DefaultActivity}'.");
        foreach (var (operation, activity) in options.Activities)
        {
            if (!IsUri(activity))
                errors.Add($"{ProcessingLogOptions.Section}:Activities:{operation} must be an absolute URI (the register's entry), not '{activity}'.");
        }
        if (options.Retention <= TimeSpan.Zero) errors.Add($"{ProcessingLogOptions.Section}:Retention must be positive.");
        if (options.RetentionCheckInterval <= TimeSpan.Zero) errors.Add($"{ProcessingLogOptions.Section}:RetentionCheckInterval must be positive.");
        if (options.UnhealthyAfter < TimeSpan.Zero) errors.Add($"{ProcessingLogOptions.Section}:UnhealthyAfter must not be negative.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsUri(string? value) => Uri.TryCreate(value, UriKind.Absolute, out _);
}
