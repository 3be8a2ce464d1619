using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Participation.Host.Pages;
using Participation.Host.Security;

namespace Participation.Host.Tests.Pages;

/// <summary>Outside Development the pages sign in at the provider the API trusts, once the pages' client id is configured.</summary>
public sealed class PagesConfigTests
{
    private const string Provider = "https://login.gemeente.example/realms/amsterdam";

    [Fact]
    public void Outside_development_the_pages_use_the_apis_provider_with_their_client_id_and_the_apis_claim_mapping()
    {
        var config = PagesConfig.From(Production, Settings(("Authentication:Schemes:Bearer:Authority", Provider)),
            new PagesOptions { ClientId = "participatie-pages" }, new ClaimMapping { Roles = "realm_access.roles", Tenant = "municipality" });

        Assert.Equal(new PagesConfig("oidc", Provider, "participatie-pages", "openid profile", new PagesClaims("name", "municipality", "realm_access.roles"),
            config.TenantNames), config);
        Assert.Empty(config.TenantNames);
    }

    [Fact]
    public void A_provider_of_the_pages_own_comes_before_the_apis()
    {
        var config = PagesConfig.From(Production, Settings(("Authentication:Schemes:Bearer:Authority", Provider)),
            new PagesOptions { ClientId = "pages", Authority = "https://other.example" }, new ClaimMapping());

        Assert.Equal("https://other.example", config.Authority);
    }

    [Fact]
    public void Without_a_client_id_outside_development_the_pages_say_signing_in_is_not_set_up()
    {
        var config = PagesConfig.From(Production, Settings(("Authentication:Schemes:Bearer:Authority", Provider)), new PagesOptions(), new ClaimMapping());

        Assert.Equal("none", config.SignIn);
    }

    [Fact]
    public void The_municipalities_names_come_from_the_tenants_display_names()
    {
        var config = PagesConfig.From(Production, Settings(("Tenants:denbosch:DisplayName", "'s-Hertogenbosch"), ("Tenants:amsterdam:DisplayName", "Amsterdam"),
            ("Tenants:utrecht:Other", "x")), new PagesOptions(), new ClaimMapping());

        Assert.Equal(new Dictionary<string, string> { ["denbosch"] = "'s-Hertogenbosch", ["amsterdam"] = "Amsterdam" }, config.TenantNames);
    }

    private static readonly IHostEnvironment Production = new Environment(Environments.Production);

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Participation.Host";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
