namespace Participation.Host.Http;

/// <summary>The <c>type</c> URIs of our problem details; stable, documented in the OpenAPI description.</summary>
public static class ProblemTypes
{
    private const string Base = "https://participation.example/problems/";
    public const string Validation = Base + "validation";
    public const string MalformedRequest = Base + "malformed-request";
    public const string RuleViolated = Base + "rule-violated";
    public const string NotFound = Base + "not-found";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string Conflict = Base + "concurrency-conflict";
    public const string StoredEventUnreadable = Base + "stored-event-unreadable";
    public const string DatabaseUnavailable = Base + "database-unavailable";
    public const string RateLimited = Base + "rate-limited";
    public const string TenantNotServed = Base + "tenant-not-served";
}
