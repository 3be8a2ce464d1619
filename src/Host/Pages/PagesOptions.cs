namespace Participation.Host.Pages;

/// <summary>
/// How the pages under <c>/app/</c> sign in outside Development (section <c>Pages</c>): the client id the municipality's
/// identity provider knows the pages by, the scopes they ask for, and the provider itself when it is not the API's
/// <c>Authentication:Schemes:Bearer:Authority</c>.
/// </summary>
public sealed class PagesOptions
{
    public const string Section = "Pages";

    /// <summary>The public client (authorization code with PKCE, no secret) registered at the provider for the pages.</summary>
    public string? ClientId { get; set; }

    /// <summary>The scopes asked for; the provider must put the API's audience and the tenant and role claims in the access token.</summary>
    public string Scope { get; set; } = "openid profile";

    /// <summary>The provider the pages sign in at; by default the one whose tokens the API accepts.</summary>
    public string? Authority { get; set; }
}
