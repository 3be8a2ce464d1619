namespace Participation.Host.Operations;

/// <summary>
/// Where the municipalities' data lives (ADR 40): all of them in one database (<see cref="Shared"/>, the default and the
/// embedded database's mode), or each in a database of its own that a master database names (<see cref="DatabasePerTenant"/>).
/// </summary>
public enum TenancyMode
{
    Shared,
    DatabasePerTenant,
}

public static class TenancyModes
{
    public const string Setting = "Tenancy:Mode";

    /// <summary>The schema in the master database that holds which tenant lives in which database.</summary>
    public const string MasterSchema = "tenants";

    public static TenancyMode From(IConfiguration configuration) => configuration[Setting]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "shared" => TenancyMode.Shared,
        "database-per-tenant" => TenancyMode.DatabasePerTenant,
        var other => throw new InvalidOperationException($"{Setting} is '{other}'; it is 'shared' (the default) or 'database-per-tenant'."),
    };
}
