using Microsoft.Extensions.Options;

namespace Participation.Host.Notifications;

/// <summary>Checked as the Host starts (a duration that does not parse already fails binding, naming its setting).</summary>
public sealed class NotificationOptionsValidation : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        const string at = NotificationOptions.Section + ":";
        var problems = new List<string>();
        if (options.Timeout <= TimeSpan.Zero) problems.Add($"{at}Timeout must be a positive duration, e.g. 00:00:10.");
        for (var i = 0; i < (options.RetryDelays?.Length ?? 0); i++)
            if (options.RetryDelays![i] <= TimeSpan.Zero) problems.Add($"{at}RetryDelays:{i} must be a positive duration, e.g. 00:00:30.");
        if (options.DeliveryLogRetention <= TimeSpan.Zero) problems.Add($"{at}DeliveryLogRetention must be a positive duration, e.g. 30.00:00:00.");
        if (options.MaxPendingAge <= TimeSpan.Zero) problems.Add($"{at}MaxPendingAge must be a positive duration, e.g. 00:15:00.");
        if (options.ConcurrentCasesPerSubscription < 1) problems.Add($"{at}ConcurrentCasesPerSubscription must be 1 or more.");
        if (options.FailuresBeforeReceiverDown < 1) problems.Add($"{at}FailuresBeforeReceiverDown must be 1 or more.");
        if (options.ReceiverDownProbeInterval <= TimeSpan.Zero) problems.Add($"{at}ReceiverDownProbeInterval must be a positive duration, e.g. 00:00:05.");
        if (string.IsNullOrWhiteSpace(options.Source)) problems.Add($"{at}Source must be a URI reference, e.g. urn:nld:participation.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
