using Participation.Host.Security;
using Participation.Host.Tests.Support;
using Participation.IdentityProvider;

namespace Participation.Host.Tests.Security;

/// <summary>The provider rotates its signing key; the running Host follows without a restart. A host of its own: the first unknown key it meets refreshes its key set.</summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task A_new_key_is_picked_up_without_a_restart_and_a_dropped_key_is_refused()
    {
        await using var provider = await LoopbackIdentityProvider.StartAsync();
        await using var host = await IdentityProviderHost.StartAsync(provider, "oidc_rotation_tests");
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        Caller Signed(string token) => new(host, tenant, "anna", token);
        var oldKey = provider.KeyIds.Single();
        var beforeRotation = provider.Issue(IdentityProviderHost.Claims("anna", tenant, Roles.Caseworker));
        (await Signed(beforeRotation).Get("/api/cases")).ShouldBe(200);

        var newKey = provider.AddKey();
        provider.DropKey(oldKey);
        var afterRotation = provider.Issue(IdentityProviderHost.Claims("anna", tenant, Roles.Caseworker));

        Assert.Equal([newKey], provider.KeyIds);
        await Signed(afterRotation).OpenCase();
        (await Signed(afterRotation).Get("/api/cases")).ShouldBe(200);
        (await Signed(beforeRotation).Get("/api/cases")).ShouldBeProblem(401);
    }
}
