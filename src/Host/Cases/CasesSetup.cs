using Marten;
using Participation.Host.Cases.Measuring;
using Participation.Host.Cases.Reading;
using Participation.Host.Operations;
using Participation.Projections.Cases;
using Wolverine.Http;

namespace Participation.Host.Cases;

public static class CasesSetup
{
    /// <summary>The case stream's event names and its inline read models: decision state, details and the list.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(options => options.AddCaseProjections());
        services.AddSingleton(_ => UnpreparedReads.For(EventStore.ConnectionString(configuration)));
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
