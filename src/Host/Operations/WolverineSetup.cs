using JasperFx.CodeGeneration;
using Wolverine;
using Wolverine.Persistence;

namespace Participation.Host.Operations;

public static class WolverineSetup
{
    /// <summary>
    /// Wolverine as the Host runs it: transactional endpoints, stored idempotent answers, one node alone in Development,
    /// and elsewhere nodes that take over a dead one's work within seconds (<see cref="ClusterOptions"/>).
    /// </summary>
    public static void UseHostDefaults(this WolverineOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        var production = !environment.IsDevelopment();
        // Discover endpoints here even when another assembly (a test or benchmark runner) is the entry point.
        options.ApplicationAssembly = typeof(Program).Assembly;
        // Roslyn is needed only to compile handler code at start; Production loads the committed code (ADR 5).
        if (CodeGenerationMode.From(configuration, production) != TypeLoadMode.Static) options.UseRuntimeCompilation();
        options.Policies.AutoApplyTransactions();
        options.Durability.EnableDeduplicatedResponses = true;
        options.EntityDefaults.OnMissing = OnMissing.ProblemDetailsWith404;
        // Scheduled messages (a webhook's retry) are picked up within a second of their time, not five.
        options.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
        ClusterOptions.From(configuration).ApplyTo(options.Durability);
        if (!production) options.Durability.Mode = DurabilityMode.Solo;
    }
}
