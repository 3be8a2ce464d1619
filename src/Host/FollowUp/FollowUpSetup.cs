using Marten;
using Participation.Domain.FollowUp;
using Participation.Host.FollowUp.Norms;
using Participation.Host.FollowUp.Reading;
using Participation.Host.FollowUp.Timers;
using Participation.Host.Http;
using Participation.Projections.FollowUp;

namespace Participation.Host.FollowUp;

public static class FollowUpSetup
{
    /// <summary>The tenants' norms streams, the cases' follow-up documents and the timers that record overdue deadlines.</summary>
    public static IServiceCollection AddFollowUp(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(options => options.AddFollowUp());
        services.AddOptions<FollowUpOptions>().Bind(configuration.GetSection(FollowUpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OverdueCheck>();
        services.AddSingleton<WorklistBackfill>();
        services.AddHostedService<FollowUpTimers>();
        services.AddRequestExample(new SetNormsBody(
        [
            new NormBody(NormBody.Any, NormBody.Any, MaxDaysWithoutContact: 30),
            new NormBody("jeugdzorg", NormBody.Any, MaxDaysWithoutContact: 10, DayKind: DayCount.Working),
            new NormBody("jeugdzorg", "engage", MaxDaysInPhase: 20, DayKind: DayCount.Working),
        ], RemeasureAfterDays: 180));
        return services;
    }
}
