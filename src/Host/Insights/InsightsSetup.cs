using Marten;
using Microsoft.Extensions.Options;
using Participation.Host.Privacy;
using Participation.Projections.Insights;

namespace Participation.Host.Insights;

public static class InsightsSetup
{
    /// <summary>The figures of "Eigen Kracht in Beeld": their projection (which opens measured scores with the participants' keys) and the publication threshold.</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FigureOptions>().Bind(configuration.GetSection(FigureOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FigureOptions>, FigureOptionsValidation>();
        services.AddSingleton<InsightTables>();
        services.ConfigureMarten((provider, options) => options.AddInsightProjections(new PersonalTexts(provider.GetRequiredService<PersonalDataKeys>())));
        return services;
    }
}
