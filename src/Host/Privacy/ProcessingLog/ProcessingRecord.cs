namespace Participation.Host.Privacy;

/// <summary>
/// One record of the processing log (LDV 1.0): which operation (<c>name</c>) processed whose data (<c>dataSubjectId</c>, a
/// participant id) in which case, for which registered processing activity, by whom, when, and whether it succeeded; the
/// W3C trace context links it to the caller's records. Ids only: no names, no texts.
/// </summary>
public sealed record ProcessingRecord(
    string TraceId, string SpanId, string? ParentSpanId, string Name, DateTimeOffset StartTime, DateTimeOffset EndTime, string Status,
    string? User, Guid? CaseId, Guid DataSubjectId, string ProcessingActivityId);

/// <summary>A page of the log, newest first.</summary>
public sealed record ProcessingLogPage(IReadOnlyList<ProcessingRecord> Items, int Page, int PageSize, long Total);
