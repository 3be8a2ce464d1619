using JasperFx.Events;
using Marten;
using Participation.Domain.Cases;
using Participation.Host.Infrastructure;
using Participation.Host.Privacy;
using Participation.Host.Security;

namespace Participation.Host.Cases;

/// <summary>
/// The one path every case command takes once Wolverine has loaded (and locked) the case stream:
/// check <c>If-Match</c>, decide, seal the personal data, append, and answer the new version as body and <c>ETag</c>.
/// </summary>
public static class CaseCommands
{
    public const string CaseRoute = "/api/cases/{caseId:id}";

    public static async Task<long> DecideAsync(this IDocumentSession session, HttpContext http, IEventStream<Case> stream,
        Func<Case, Stamp, IReadOnlyList<object>> decide)
    {
        var current = stream.StartingVersion ?? 0;
        IfMatch.Ensure(http, current);

        var events = decide(stream.Aggregate!, http.Stamp());
        stream.AppendMany(await session.SealAsync(events, http.RequestAborted));

        var version = current + events.Count;
        http.Response.Headers.ETag = IfMatch.ETag(version);
        return version;
    }

    public static Stamp Stamp(this HttpContext http) =>
        new(http.User.UserName(), http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
}
