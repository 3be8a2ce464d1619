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
    public const int MaxKeyLength = 200;

    /// <summary>Keys are stored with the answer, so an over-long or garbled key is a 400 before anything runs.</summary>
    public static IApplicationBuilder UseIdempotencyKeyCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers.TryGetValue(Header, out var keys) && keys.ToString() is { Length: > 0 } key
            && (key.Length > MaxKeyLength || Participation.Domain.Cases.CommandValidation.HasForbiddenCharacters(key)))
            throw new Participation.Domain.Cases.InvalidCommand(new Dictionary<string, string[]>
            {
                ["idempotencyKey"] = [$"the {Header} header must be at most {MaxKeyLength} characters, without control characters"],
            });
        await next(context);
    });

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
