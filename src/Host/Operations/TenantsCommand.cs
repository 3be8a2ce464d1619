using JasperFx.CommandLine;
using Marten;
using Marten.Storage;
using Npgsql;
using Participation.Host.Http;
using Spectre.Console;

namespace Participation.Host.Operations;

// Lower case, as typed on the command line (JasperFx matches enum arguments by exact name).
public enum TenantsAction { list, add }

public sealed class TenantsInput : NetCoreInput
{
    [Description("list (the default) shows where each municipality's data lives; add gives one a database of its own")]
    public TenantsAction Action { get; set; } = TenantsAction.list;

    [Description("The municipality (the tenant claim of its users' tokens), for add"), FlagAlias("tenant", 't')]
    public string? TenantFlag { get; set; }

    [Description("The connection string of its database, for add; the database is created when the server lacks it"), FlagAlias("connection", 'c')]
    public string? ConnectionFlag { get; set; }
}

/// <summary>
/// The operator's view of where the municipalities' data lives (ADR 40), and the way to add one with a database of its own
/// while the nodes run: the database is created if missing, its schema applied, and the master table told; every node
/// serves the tenant from its next request on, and starts its projections within the daemon's next look.
/// </summary>
[Description("Lists the municipalities and their databases, or adds one with a database of its own", Name = "tenants")]
public sealed class TenantsCommand : JasperFxAsyncCommand<TenantsInput>
{
    public TenantsCommand()
    {
        Usage("List the municipalities and their databases");
        Usage("Add a municipality with a database of its own").Arguments(x => x.Action);
    }

    public override async Task<bool> Execute(TenantsInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var tenancy = store.Options.Tenancy as MasterTableTenancy;
        if (input.Action == TenantsAction.list) return await ListAsync(store, tenancy);

        if (tenancy is null)
        {
            AnsiConsole.MarkupLine($"[red]{TenancyModes.Setting} is shared: every municipality lives in the one database. Set it to database-per-tenant to add databases.[/]");
            return false;
        }
        if (TenantIds.Problem(input.TenantFlag) is { } problem || input.ConnectionFlag is not { Length: > 0 } connection)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(TenantIds.Problem(input.TenantFlag) ?? "--connection is required.")}[/]");
            return false;
        }

        var tenant = input.TenantFlag!;
        try
        {
            await TenantDatabaseProvisioning.AddAsync(store, tenancy, tenant, connection, CancellationToken.None);
        }
        catch (TenantHasADatabase refused)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(refused.Message)}[/]");
            return false;
        }
        AnsiConsole.MarkupLine($"Tenant [bold]{Markup.Escape(tenant)}[/] lives in {Markup.Escape(TenantDatabaseProvisioning.Describe(connection))}; its schema is in place.");
        return true;
    }

    private static async Task<bool> ListAsync(IDocumentStore store, MasterTableTenancy? tenancy)
    {
        var table = new Table().AddColumns("tenant", "database");
        if (tenancy is null)
        {
            await using var connection = await (await store.TenantDatabasesAsync()).Single().DataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand($"select distinct tenant_id from {store.Options.Events.DatabaseSchemaName}.mt_streams order by 1", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) table.AddRow(Markup.Escape(reader.GetString(0)), "the shared database");
        }
        else
        {
            foreach (var database in await store.TenantDatabasesAsync())
                table.AddRow(Markup.Escape(database.Database.Tenants()), Markup.Escape(TenantDatabaseProvisioning.Describe(database.DataSource.ConnectionString)));
        }
        AnsiConsole.Write(table);
        return true;
    }
}
