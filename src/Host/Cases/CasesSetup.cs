using Marten;
using Participation.Host.Cases.Measuring;
using Participation.Host.Cases.Reading;
using Participation.Host.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Participation.Projections;
using Participation.Projections.Cases;
using Wolverine.Http;

namespace Participation.Host.Cases;

public static class CasesSetup
{
    /// <summary>The case stream's event names and its inline read models: decision state, details and the list.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        // The versions of the read models are this node's (ADR 39): the tables it writes are named after them.
        services.TryAddSingleton(configuration.ReadModelVersions());
        services.ConfigureMarten((provider, options) => options.AddCaseProjections(provider.GetRequiredService<ReadModelVersions>()));
        services.AddSingleton<UnpreparedReads>();
        services.AddOptions<CaseListOptions>().Bind(configuration.GetSection(CaseListOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddCaseCommandExamples();
        services.ConfigureSwaggerGen(options => options.SchemaFilter<MeasurementSchemaFilter>());
        return services;
    }

    /// <summary>Stamps, event metadata and idempotency for every case command.</summary>
    public static WolverineHttpOptions UseCaseCommands(this WolverineHttpOptions options)
    {
        options.AddPolicy<CaseCommandPolicy>();
        options.AddParameterHandlingStrategy<CaseCommandPolicy>();
        return options;
    }
}
