namespace Participation.Host.Retention.Destroying;

/// <summary>
/// The answers Wolverine stored for <c>Idempotency-Key</c>s (ADR 3) that name a destroyed case (the opening's <c>201</c>, its
/// <c>Location</c>): they go with it. Stored answers are keyed by a hash of tenant, user and key, so they are found by the case's
/// id in what they hold, once per destruction transaction; they expire after a day anyway.
/// </summary>
public static class IdempotentAnswers
{
    public const string Table = "wolverine_deduplicated_responses";

    public static string DeleteSql(string schema) =>
        $"delete from {schema}.{Table} where body like any(?) or location like any(?)";

    public static string[] Patterns(IEnumerable<Guid> caseIds) => caseIds.Select(id => $"%{id}%").ToArray();
}
