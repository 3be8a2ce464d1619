using Participation.Domain.Cases;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Participation.Host.Http;

/// <summary>Endpoint metadata: the endpoint honours an optional <c>Idempotency-Key</c> (the OpenAPI document says so).</summary>
public sealed class IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Metadata = new();

    private IdempotentEndpoint() { }
}

/// <summary>
/// An optional <c>Idempotency-Key</c> on an endpoint that writes: Wolverine stores the first answer in the
/// same transaction as the work, so a retry with the same key and body gets that answer back without
/// the work being done twice. Keys belong to one tenant and user.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>Keys are stored with the answer, so an over-long or garbled key is a 400 before anything runs.</summary>
    public static IApplicationBuilder UseIdempotencyKeyCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers.TryGetValue(Header, out var keys) && keys.ToString() is { Length: > 0 } key
            && (key.Length > MaxKeyLength || CommandValidation.HasForbiddenCharacters(key)))
            throw new InvalidCommand(new Dictionary<string, string[]>
            {
                ["idempotencyKey"] = [$"the {Header} header must be at most {MaxKeyLength} characters, without control characters"],
            });
        await next(context);
    });

    /// <summary>Makes <paramref name="chain"/> honour the header.</summary>
    public static void Apply(HttpChain chain)
    {
        chain.DeduplicatedWithResponse = new DeduplicatedWithResponseRequirement
        {
            Scope = DeduplicationScope.Tenant | DeduplicationScope.User,
            Source = ValueSource.Header,
            Key = Header,
            Required = false,
            ClaimInTransaction = true,
            Window = TimeSpan.FromDays(1),
        };
        chain.Metadata.WithMetadata(IdempotentEndpoint.Metadata);
    }
}
