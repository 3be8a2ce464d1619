using Microsoft.Extensions.Options;
using Wolverine.Http;
using Wolverine.Http.Marten;

namespace Participation.Host.Http;

/// <summary>The API's HTTP conventions: JSON wire format, problem details, limits, route constraint, paging and OpenAPI.</summary>
public static class HttpSetup
{
    public static IServiceCollection AddHttpApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsCustomization.Customize);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<IdRouteConstraint>(IdRouteConstraint.Name));
        services.AddOptions<PublicAddressOptions>().Bind(configuration.GetSection(PublicAddressOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicAddressOptions>, PublicAddressOptionsValidation>();
        services.AddSingleton<ApiAddress>();
        services.AddParticipationOpenApi(configuration);
        services.AddWolverineHttp();
        services.AddRateLimits(configuration);
        services.AddBrowserClients(configuration);
        return services;
    }

    /// <summary>
    /// What every request passes before it reaches an endpoint: the versioned routes (rewritten before routing), the
    /// response headers, errors as problems, CORS, the body limit, the idempotency key check; and the OpenAPI routes.
    /// Rate limits come after authentication (<see cref="RateLimits.UseRateLimits"/>).
    /// </summary>
    public static IApplicationBuilder UseHttpApi(this IApplicationBuilder app)
    {
        app.UseVersionedRoutes();
        app.UseRouting();
        app.UseUnversionedRouteDeprecation();
        app.UseResponseHeaders();
        app.UseApiVersionHeader();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseRequestBodyLimit();
        app.UseIdempotencyKeyCheck();
        app.UseSwagger();
        app.UseSwaggerUI();
        return app;
    }

    /// <summary>Strict input and problem answers on every Wolverine endpoint.</summary>
    public static WolverineHttpOptions UseApiConventions(this WolverineHttpOptions options)
    {
        options.RejectUnparseableQueryValues = true;
        options.MapMartenConcurrencyFailuresToConflict();
        options.ConfigureEndpoints(RequiredBodyPolicy.Apply);
        return options;
    }
}
