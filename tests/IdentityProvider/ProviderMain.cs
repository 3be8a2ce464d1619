namespace Participation.IdentityProvider;

/// <summary>
/// <c>dotnet run --project tests/IdentityProvider -- [--urls http://127.0.0.1:5090] [--audience participation-api]</c>:
/// the loopback provider by hand, to try the Host in Production (README, "Trying Production").
/// </summary>
public static class ProviderMain
{
    public static async Task Main(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        await using var provider = await LoopbackIdentityProvider.StartAsync(Arg("--urls", "http://127.0.0.1:5090"), Arg("--audience", "participation-api"));
        Console.WriteLine($"OpenID Connect provider on {provider.Authority} (audience {provider.Audience}); POST {provider.Authority}/token with the claims as JSON. Ctrl+C stops it.");
        await provider.WaitForShutdownAsync();
    }
}
