using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Participation.Host.Http;
using Participation.Host.Security;

namespace Participation.Host.Privacy;

/// <summary>
/// Opens a <see cref="ProcessingContext"/> for every API operation a tenant's user calls (named by its OperationId), so
/// whatever the operation reads or writes about a participant is recorded under it; answers <c>503</c> when a read's records
/// could not be stored (its body never sent, or cut off if it was streaming), and marks the records of a request that
/// failed after they were stored as <c>error</c>.
/// </summary>
public static class ProcessingLogMiddleware
{
    public const string ProblemType = "https://participation.example/problems/processing-log-unavailable";

    public static IApplicationBuilder UseProcessingLog(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ProcessingLogOptions>>().Value;
        if (!options.Enabled) return app;
        var writer = app.ApplicationServices.GetRequiredService<ProcessingLogWriter>();
        var clock = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (http, next) =>
        {
            if (Open(http, options, clock) is not { } context)
            {
                await next(http);
                return;
            }
            http.Features.Set(context);
            try
            {
                await next(http);
            }
            catch (ProcessingLogNotStored) when (!http.Response.HasStarted)
            {
                await RefuseAsync(http);
                return;
            }
            catch (ProcessingLogNotStored)
            {
                http.Abort();
                return;
            }
            catch when (context.Stored)
            {
                await writer.MarkFailedAsync(context, clock.GetUtcNow());
                throw;
            }
            if (context.Stored && http.Response.StatusCode >= StatusCodes.Status500InternalServerError)
                await writer.MarkFailedAsync(context, clock.GetUtcNow());
        });
    }

    private static ProcessingContext? Open(HttpContext http, ProcessingLogOptions options, TimeProvider clock)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is not { } operation) return null;
        if (http.User.FindFirstValue(ClaimNames.Tenant) is not { Length: > 0 } tenant) return null;
        var (traceId, spanId, parent) = ProcessingContext.TraceOf(System.Diagnostics.Activity.Current, http.Request.Headers.TraceParent.FirstOrDefault());
        var routeCase = http.GetRouteValue("caseId") is string id && Guid.TryParse(id, out var caseId) ? caseId : (Guid?)null;
        var user = http.User.FindFirstValue(ClaimNames.Name) ?? http.User.FindFirstValue(ClaimNames.Subject);
        return new ProcessingContext(tenant, user, operation, options.ActivityOf(operation), clock.GetUtcNow(), routeCase, traceId, spanId, parent);
    }

    private static async Task RefuseAsync(HttpContext http)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Type = ProblemType, Title = "The processing log is unavailable", Status = StatusCodes.Status503ServiceUnavailable,
                Detail = "Personal data is only shown once its processing is recorded, and the record could not be stored; nothing was shown. " +
                         $"Retry in {DatabaseUnavailable.RetryAfterSeconds} seconds.",
            },
        });
    }
}
