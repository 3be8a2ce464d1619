using Marten;
using Microsoft.Extensions.Options;

namespace Participation.Host.Privacy;

public static class PrivacySetup
{
    /// <summary>
    /// Participants' keys wrapped under the master keys, the guard against unencrypted personal data, and the revealer
    /// that opens it in answers, recording each opening in the processing log.
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MasterKeyOptions>().Bind(configuration.GetSection(MasterKeyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MasterKeyOptions>, MasterKeyValidation>();
        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<PersonalDataKeys>();
        services.AddSingleton<PersonalDataRevealer>();
        services.AddProcessingLog(configuration);
        services.AddSingleton(PersonalDataKeys.Kind);
        services.ConfigureMarten(options =>
        {
            options.Schema.For<PersonalDataKey>();
            options.Listeners.Add(new UnencryptedPersonalDataGuard());
        });
        return services;
    }
}
