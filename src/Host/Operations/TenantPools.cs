using Npgsql;

namespace Participation.Host.Operations;

/// <summary>
/// How many connections a node keeps to each tenant's database (ADR 40): with a database per tenant every database has pools
/// of its own (the store's and its variants), so the connections of a node grow with the number of databases. Each pool is
/// bounded (<c>Tenancy:ConnectionsPerDatabase</c>, default 10) and gives back a connection idle for
/// <c>Tenancy:IdleSeconds</c> (default 60): a node's connections to a tenant that is quiet fall back to none.
/// </summary>
public static class TenantPools
{
    public const int DefaultConnectionsPerDatabase = 10;
    public const int DefaultIdleSeconds = 60;

    public static void Bound(NpgsqlConnectionStringBuilder builder, IConfiguration configuration)
    {
        builder.MaxPoolSize = configuration.GetValue("Tenancy:ConnectionsPerDatabase", DefaultConnectionsPerDatabase);
        builder.ConnectionIdleLifetime = configuration.GetValue("Tenancy:IdleSeconds", DefaultIdleSeconds);
        builder.ConnectionPruningInterval = Math.Min(10, builder.ConnectionIdleLifetime);
    }

    /// <summary>Whether two connection strings name the same database (the master's pools are not a tenant's).</summary>
    public static bool SameDatabase(NpgsqlConnectionStringBuilder one, NpgsqlConnectionStringBuilder other) =>
        string.Equals(one.Host, other.Host, StringComparison.OrdinalIgnoreCase) && one.Port == other.Port && one.Database == other.Database;
}
