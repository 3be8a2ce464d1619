using Marten;
using Participation.Host.Security;

namespace Participation.Host.Infrastructure;

/// <summary>
/// Stamps every event a command appends with the acting user, a correlation id (the caller's
/// <c>X-Correlation-Id</c>, else this request's trace id) and a causation id (this request).
/// </summary>
public static class EventMetadataMiddleware
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public static void Before(IDocumentSession session, HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true) session.LastModifiedBy = context.User.UserName();
        var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        var correlation = context.Request.Headers[CorrelationHeader].ToString();
        session.CorrelationId = correlation is { Length: > 0 and <= 100 } ? correlation : traceId;
        session.CausationId = context.TraceIdentifier;
    }
}
