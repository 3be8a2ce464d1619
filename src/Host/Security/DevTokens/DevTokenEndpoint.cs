using Microsoft.AspNetCore.Http.HttpResults;

namespace Participation.Host.Security.DevTokens;

public sealed record DevTokenRequest(string Name, string Tenant, IReadOnlyList<string> Roles);

public sealed record DevTokenResponse(string Token);

/// <summary>
/// <c>POST /dev/tokens</c>: hands out a token so the API can be tried without an identity provider.
/// Mapped in the Development environment only; elsewhere the route does not exist.
/// </summary>
public static class DevTokenEndpoint
{
    public static IEndpointRouteBuilder MapDevTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/tokens", Issue)
            .WithTags("Development")
            .WithSummary("Issue a token (Development only)")
            .AllowAnonymous();
        return app;
    }

    private static Results<Ok<DevTokenResponse>, ValidationProblem> Issue(DevTokenRequest request, TokenIssuer issuer)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["is required"];
        if (string.IsNullOrWhiteSpace(request.Tenant)) errors["tenant"] = ["is required"];
        var unknown = request.Roles.Except(Participation.Host.Security.Roles.All).ToArray();
        if (unknown.Length > 0) errors["roles"] = [$"unknown roles: {string.Join(", ", unknown)}; known: {string.Join(", ", Participation.Host.Security.Roles.All)}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        return TypedResults.Ok(new DevTokenResponse(issuer.Issue(request.Name, request.Tenant.Trim().ToLowerInvariant(), request.Roles)));
    }
}
