namespace Participation.Domain.FollowUp;

/// <summary>The tenant's settings stream that holds its norms: one per tenant, its id derived from the tenant's name.</summary>
public static class NormsStream
{
    public static Guid IdOf(string tenant) => NameBasedIds.Of(Namespace, tenant);

    private static readonly Guid Namespace = new("6f1c2b7e-3d4a-4c59-8e0b-2a9f5d7c1e43");
}
