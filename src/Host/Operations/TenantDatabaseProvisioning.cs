using System.Text.RegularExpressions;
using Marten;
using Marten.Storage;
using Npgsql;

namespace Participation.Host.Operations;

/// <summary>Gives a municipality a database of its own (ADR 40): created when missing, its schema applied, then named in the master table.</summary>
public static class TenantDatabaseProvisioning
{
    public static async Task AddAsync(IDocumentStore store, MasterTableTenancy tenancy, string tenant, string connectionString, CancellationToken cancellation)
    {
        await tenancy.BuildDatabases(); // creates the master table when no node has yet
        await RefuseAnotherDatabaseAsync(tenancy, tenant, connectionString);
        await CreateDatabaseIfMissingAsync(connectionString, cancellation);
        // The schema first, the master table after: the nodes use a tenant from the moment the table names it, and their
        // own schema check must not meet this one's DDL half-way.
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var database = new MartenDatabase((StoreOptions)store.Options, dataSource, tenant))
            await database.ApplyAllConfiguredChangesToDatabaseAsync(ct: cancellation);
        await tenancy.AddTenantAsync(tenant, connectionString);
    }

    // Pointing a tenant that has a database at another one would leave its history behind, out of sight: that is a move.
    private static async Task RefuseAnotherDatabaseAsync(MasterTableTenancy tenancy, string tenant, string connectionString)
    {
        string current;
        try
        {
            current = await ((JasperFx.MultiTenancy.ITenantedSource<string>)tenancy).FindAsync(tenant);
        }
        catch (JasperFx.MultiTenancy.UnknownTenantIdException)
        {
            return;
        }
        if (!TenantPools.SameDatabase(new NpgsqlConnectionStringBuilder(current), new NpgsqlConnectionStringBuilder(connectionString)))
            throw new TenantHasADatabase(tenant, Describe(current));
    }

    /// <summary>Where a connection string points, without its password: for lists and log lines.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Database} on {builder.Host}:{builder.Port}";
    }

    private static async Task CreateDatabaseIfMissingAsync(string connectionString, CancellationToken cancellation)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellation);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(cancellation) is not null) return;
        await using var create = new NpgsqlCommand($"create database {QuotedIdentifier(name)}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellation);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another node or operator created it meanwhile: that is what was asked.
        }
    }

    private static string QuotedIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}

/// <summary>What a tenant id may be: it names the municipality in tokens, rows and the master table.</summary>
public static partial class TenantIds
{
    public static string? Problem(string? tenant) => tenant is null or ""
        ? "--tenant is required."
        : Pattern().IsMatch(tenant) ? null : $"'{tenant}' is not a tenant id: lower-case letters, digits, '-' and '_', at most 63, starting with a letter or digit.";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex Pattern();
}

/// <summary>A tenant that already lives in another database is not pointed elsewhere by <c>tenants add</c>.</summary>
public sealed class TenantHasADatabase(string tenant, string database)
    : InvalidOperationException($"Tenant {tenant} already lives in {database}; pointing it at another database would leave its history behind. Moving a tenant is not built yet (issue 30).");
