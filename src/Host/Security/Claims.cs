using System.Security.Claims;

namespace Participation.Host.Security;

public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Tenant = "tenant";
    public const string Role = "role";
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The acting user recorded on every event: the token's <c>name</c>, else its <c>sub</c>.</summary>
    public static string UserName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimNames.Name) ?? user.FindFirstValue(ClaimNames.Subject)
        ?? throw new InvalidOperationException("An authenticated user always has a name or subject.");
}
