using Wolverine.Attributes;
using Wolverine.Http;

namespace Participation.Host.Infrastructure;

/// <summary>
/// Every <c>POST /api/...</c> honours an optional <c>Idempotency-Key</c>: Wolverine stores the first
/// answer in the same transaction as the events, so a retry with the same key and body gets that
/// answer back without applying the command twice. Keys belong to one tenant and user.
/// </summary>
public static class IdempotencyPolicy
{
    public const string Header = "Idempotency-Key";

    public static void Apply(HttpChain chain)
    {
        if (!chain.HttpMethods.Contains("POST") || chain.RoutePattern?.RawText?.StartsWith("/api/", StringComparison.Ordinal) != true) return;
        chain.DeduplicatedWithResponse = new DeduplicatedWithResponseRequirement
        {
            Scope = DeduplicationScope.Tenant | DeduplicationScope.User,
            Source = ValueSource.Header,
            Key = Header,
            Required = false,
            ClaimInTransaction = true,
            Window = TimeSpan.FromDays(1),
        };
    }
}
