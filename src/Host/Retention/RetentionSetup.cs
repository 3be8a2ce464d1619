using Marten;
using Participation.Host.Http;
using Microsoft.Extensions.Options;
using Participation.Domain.Retention;
using Participation.Host.Retention.Destroying;
using Wolverine;

namespace Participation.Host.Retention;

public static class RetentionSetup
{
    /// <summary>
    /// Retention and destruction (Archiefwet, ADR 34): the periods, the lists as streams with their document, the durable
    /// queue that destroys an approved list's cases one small transaction after another, and the list's problems.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        services.AddExceptionHandler<DestructionProblems>();
        services.AddSingleton<CaseDestruction>();
        services.AddHealthChecks().AddCheck<DestructionHealthCheck>("destruction", tags: ["ready"]);
        services.AddRequestExample(new Excluding.ExcludeCase("Lopende bezwaarprocedure: het dossier blijft tot de uitspraak bewaard."));
        services.ConfigureMarten(options =>
        {
            foreach (var (type, name) in DestructionEventTypes.All) options.Events.MapEventType(type, name);
            options.Projections.Add(new DestructionListProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            options.Schema.For<DestructionList>();
        });
        services.ConfigureWolverine(options =>
        {
            // One list at a time per node, a few cases per transaction: commands on other cases keep their pace.
            options.LocalQueue(DestroyCases.Queue).UseDurableInbox().Sequential();
            options.PublishMessage<DestroyCases>().ToLocalQueue(DestroyCases.Queue);
        });
        return services;
    }
}
