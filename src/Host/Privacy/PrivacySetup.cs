using Marten;

namespace Participation.Host.Privacy;

public static class PrivacySetup
{
    /// <summary>Participants' keys, the guard against unencrypted personal data, and the revealer that opens it in answers.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<PersonalDataRevealer>();
        services.ConfigureMarten(options =>
        {
            options.Schema.For<PersonalDataKey>();
            options.Listeners.Add(new UnencryptedPersonalDataGuard());
        });
        return services;
    }
}
