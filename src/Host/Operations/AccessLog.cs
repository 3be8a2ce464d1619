using Microsoft.AspNetCore.HttpLogging;

namespace Participation.Host.Operations;

/// <summary>
/// One line per request (category <c>Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware</c>, level Information):
/// method, path, status and duration. Never the query string, headers or bodies, which may hold personal data or
/// tokens; a path holds ids only. Off by default; on with <c>Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Information</c>.
/// </summary>
public static class AccessLog
{
    public static IServiceCollection AddAccessLog(this IServiceCollection services) =>
        services.AddHttpLogging(log =>
        {
            log.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            log.CombineLogs = true;
        });

    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app) => app.UseHttpLogging();
}
