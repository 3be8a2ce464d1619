using System.Diagnostics;

namespace Participation.Host.Privacy;

/// <summary>
/// One request's processing of personal data, as the log records it: the operation and its processing activity, the W3C
/// trace context (this request's trace and span; the caller's <c>traceparent</c> as parent), who asked, when, and the data
/// subjects already recorded, so a subject is recorded once per request however many answers reveal their data.
/// </summary>
public sealed class ProcessingContext(
    string tenant, string? user, string name, string activity, DateTimeOffset start, Guid? routeCase,
    string traceId, string spanId, string? parentSpanId)
{
    private readonly Dictionary<Guid, Guid> _caseOf = new();
    private readonly HashSet<Guid> _recorded = new();

    public string Tenant { get; } = tenant;
    public string? User { get; } = user;
    public string Name { get; } = name;
    public string Activity { get; } = activity;
    public DateTimeOffset Start { get; } = start;
    public string TraceId { get; } = traceId;
    public string SpanId { get; } = spanId;
    public string? ParentSpanId { get; } = parentSpanId;

    /// <summary>Whether any record of this request was stored (and may need its status set to error afterwards).</summary>
    public bool Stored { get; private set; }

    /// <summary>A read across cases (the audit log) names each subject's case before it reveals their data.</summary>
    public void AboutCase(Guid caseId, IEnumerable<Guid> subjects)
    {
        foreach (var subject in subjects) _caseOf[subject] = caseId;
    }

    /// <summary>The subjects not recorded yet, each with their case; from now on they count as recorded.</summary>
    public IReadOnlyList<(Guid Subject, Guid? Case)> Take(IEnumerable<Guid> subjects)
    {
        List<(Guid, Guid?)>? fresh = null;
        foreach (var subject in subjects)
        {
            if (_recorded.Add(subject)) (fresh ??= []).Add((subject, _caseOf.TryGetValue(subject, out var c) ? c : routeCase));
        }
        return fresh ?? (IReadOnlyList<(Guid, Guid?)>)[];
    }

    /// <summary>Subjects that <see cref="Take"/> handed out but could not be stored are not recorded after all.</summary>
    public void Forget(IEnumerable<(Guid Subject, Guid? Case)> subjects)
    {
        foreach (var (subject, _) in subjects) _recorded.Remove(subject);
    }

    public void MarkStored() => Stored = true;

    /// <summary>Subjects whose records were stored beside the read: recorded, and not again.</summary>
    public void Recorded(IEnumerable<Guid> subjects)
    {
        _recorded.UnionWith(subjects);
        Stored = true;
    }

    /// <summary>The trace context of the current activity, or, without one, of the caller's <c>traceparent</c> with a span of our own.</summary>
    public static (string TraceId, string SpanId, string? Parent) TraceOf(Activity? activity, string? traceparent)
    {
        if (activity is { IdFormat: ActivityIdFormat.W3C })
            return (activity.TraceId.ToHexString(), activity.SpanId.ToHexString(), activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString());
        if (traceparent is not null && ActivityContext.TryParse(traceparent, null, out var caller))
            return (caller.TraceId.ToHexString(), ActivitySpanId.CreateRandom().ToHexString(), caller.SpanId.ToHexString());
        return (ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString(), null);
    }
}
