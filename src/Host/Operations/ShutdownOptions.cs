using Microsoft.Extensions.Options;

namespace Participation.Host.Operations;

/// <summary>How the Host stops on <c>SIGTERM</c> (section <c>Shutdown</c>, ADR 16).</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// How long readiness already answers 503 while the Host still accepts and serves requests: the time the load
    /// balancer needs to notice and stop sending new ones. Zero when nothing in front of the Host probes it.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long the requests still running once the Host stops listening (commands, streamed exports) may take; then they are aborted.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Checked as the Host starts (a duration that does not parse already fails binding, naming its setting).</summary>
public sealed class ShutdownOptionsValidation : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        const string at = ShutdownOptions.Section + ":";
        var problems = new List<string>();
        if (options.DrainDelay < TimeSpan.Zero) problems.Add($"{at}DrainDelay must be zero or a positive duration, e.g. 00:00:05.");
        if (options.Timeout <= TimeSpan.Zero) problems.Add($"{at}Timeout must be a positive duration, e.g. 00:00:30.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
