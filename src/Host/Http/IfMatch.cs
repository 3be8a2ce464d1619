namespace Participation.Host.Http;

/// <summary>Endpoint metadata: the endpoint changes a versioned resource, honours <c>If-Match</c> and answers its new <c>ETag</c>.</summary>
public sealed class VersionedWriteEndpoint
{
    public static readonly VersionedWriteEndpoint Metadata = new();

    private VersionedWriteEndpoint() { }
}

/// <summary>Optimistic concurrency for integrators: <c>ETag: "{version}"</c> out, <c>If-Match</c> in.</summary>
public static class IfMatch
{
    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>Throws <see cref="PreconditionFailed"/> (412) unless If-Match is absent, <c>*</c> or names <paramref name="current"/>.</summary>
    public static void Ensure(HttpContext http, long current)
    {
        var header = http.Request.Headers.IfMatch;
        if (header.Count == 0) return;

        var tags = header.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
        if (tags.Contains("*") || tags.Contains(ETag(current))) return;
        throw new PreconditionFailed($"If-Match names {string.Join(", ", tags)}, but the current version is {current} (ETag {ETag(current)}).");
    }
}
