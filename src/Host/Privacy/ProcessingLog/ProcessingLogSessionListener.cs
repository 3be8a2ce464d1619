using Marten;
using Participation.Domain.Cases;

namespace Participation.Host.Privacy;

/// <summary>
/// A write's records, one per participant whose personal data its case events carry (as <see cref="CaseEventTypes"/>
/// declares them; an erasure counts for the erased), queued in the write's own session just before it saves: they commit in
/// the same transaction as the events, or neither does. A write outside any API request (a command-line tool) is
/// recorded as <c>background</c>.
/// </summary>
public sealed class ProcessingLogSessionListener(IHttpContextAccessor http, TimeProvider clock, ProcessingLogOptions options)
    : DocumentSessionListenerBase
{
    public const string Background = "background";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (!options.Enabled) return Task.CompletedTask;
        List<(Guid Subject, Guid? Case)>? subjects = null;
        foreach (var stream in session.PendingChanges.Streams())
        {
            foreach (var e in stream.Events)
            {
                if (e.Data is not ICaseEvent data) continue;
                var about = data is ParticipantErased erased ? [erased.ParticipantId] : CaseEventTypes.Of(data).Subjects(data);
                foreach (var subject in about) (subjects ??= []).Add((subject, stream.Id));
            }
        }
        if (subjects is null) return Task.CompletedTask;

        var context = ProcessingLogRecorder.Of(http.HttpContext) ?? BackgroundContext(session);
        var fresh = context.Take(subjects.Select(s => s.Subject));
        if (fresh.Count == 0) return Task.CompletedTask;
        var caseOf = subjects.DistinctBy(s => s.Subject).ToDictionary(s => s.Subject, s => s.Case);
        ProcessingLogWriter.Queue(session, context, fresh.Select(f => (f.Subject, caseOf[f.Subject])).ToList(), clock.GetUtcNow());
        return Task.CompletedTask;
    }

    private ProcessingContext BackgroundContext(IDocumentSession session)
    {
        var (trace, span, parent) = ProcessingContext.TraceOf(System.Diagnostics.Activity.Current, null);
        return new ProcessingContext(session.TenantId, session.LastModifiedBy, Background, options.ActivityOf(Background), clock.GetUtcNow(), null,
            trace, span, parent);
    }
}
