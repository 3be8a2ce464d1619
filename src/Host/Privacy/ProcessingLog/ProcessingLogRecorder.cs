using JasperFx.Events;
using Participation.Domain.Cases;

namespace Participation.Host.Privacy;

/// <summary>
/// What the rest of the Host tells the processing log: whose personal data a read reveals (from
/// <see cref="PersonalDataRevealer"/>, which knows the subjects of every value it opens), and for a read across cases, whose
/// case each subject is in. A request outside the log (no API operation, the log switched off) records nothing.
/// </summary>
public sealed class ProcessingLogRecorder(IHttpContextAccessor http, ProcessingLogWriter writer, TimeProvider clock)
{
    public static ProcessingContext? Of(HttpContext? http) => http?.Features.Get<ProcessingContext>();

    public ProcessingContext? Current => Of(http.HttpContext);

    /// <summary>Stores the records of the subjects this request has not recorded yet, before their data is handed out.</summary>
    public async ValueTask RevealedAsync(IEnumerable<Guid> subjects, CancellationToken cancellation)
    {
        if (Current is not { } context) return;
        var fresh = context.Take(subjects);
        if (fresh.Count == 0) return;
        try
        {
            await writer.StoreAsync(context, fresh, clock.GetUtcNow(), cancellation);
            context.MarkStored();
        }
        catch
        {
            context.Forget(fresh);
            throw;
        }
    }

    /// <summary>
    /// For a read of a whole case (every participant's data): stores their records beside the read, in a round trip of its own
    /// that runs while the case is read, instead of after it. The revealer then finds them recorded and stores only a subject
    /// this missed. Await it before the answer is written.
    /// </summary>
    public async Task RecordingCaseReadAsync(Guid caseId, CancellationToken cancellation)
    {
        if (Current is not { } context) return;
        context.Recorded(await writer.StoreCaseReadAsync(context, caseId, clock.GetUtcNow(), cancellation));
    }

    /// <summary>A read across cases says whose case each subject is in before it reveals their data.</summary>
    public void AboutCase(Guid caseId, IEnumerable<Guid> subjects) => Current?.AboutCase(caseId, subjects);

    /// <summary>As <see cref="AboutCase"/> for the participants a stored case event is about.</summary>
    public void AboutCaseOf(IEvent e)
    {
        if (e.Data is ICaseEvent data && Current is { } context) context.AboutCase(e.StreamId, CaseEventTypes.Of(data).Subjects(data));
    }
}
