using Wolverine.Http;
using Wolverine.Http.Marten;

namespace Participation.Host.Http;

/// <summary>The API's HTTP conventions: JSON wire format, problem details, limits, route constraint, paging and OpenAPI.</summary>
public static class HttpSetup
{
    public static IServiceCollection AddHttpApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsCustomization.Customize);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<IdRouteConstraint>(IdRouteConstraint.Name));
        services.AddParticipationOpenApi();
        services.AddWolverineHttp();
        return services;
    }

    /// <summary>What every request passes before it reaches an endpoint: errors as problems, the body limit, the idempotency key check; and the OpenAPI routes.</summary>
    public static IApplicationBuilder UseHttpApi(this IApplicationBuilder app)
    {
        app.UseApiVersionHeader();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
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
