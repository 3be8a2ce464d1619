using System.Text.Json;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Projections.Cases;
using Participation.Projections.FollowUp;
using Participation.Projections.Networks;
using Participation.Projections.Progress;

namespace Participation.Host.Tests.Support;

/// <summary>Every read model of a tenant's cases as stored, to compare the live ones with a rebuild's.</summary>
public static class ReadModelSnapshot
{
    /// <summary>The dashboard's clock does not enter into them.</summary>
    public static async Task<List<string>> Take(IDocumentStore store, string tenant, Guid[] ids)
    {
        await using var session = store.QuerySession(tenant);
        var models = new List<string>();
        foreach (var id in ids)
        {
            models.Add(JsonSerializer.Serialize(await session.LoadAsync<Case>(id)));
            models.Add(JsonSerializer.Serialize(await session.LoadCaseDetailsAsync(id)));
            models.Add(JsonSerializer.Serialize(await session.LoadAsync<CaseSummary>(id)));
            models.Add(JsonSerializer.Serialize(await session.LoadAsync<CaseSearchText>(id)));
            models.Add(JsonSerializer.Serialize(await session.LoadAsync<CaseProgress>(id)));
        }
        models.Add(JsonSerializer.Serialize(await session.LoadAsync<NormsState>(NormsStream.IdOf(tenant))));
        models.AddRange((await session.Query<NetworkSummary>().OrderBy(n => n.Id).ToListAsync()).Select(n => JsonSerializer.Serialize(n)));
        models.AddRange((await session.Query<NetworkCases>().OrderBy(n => n.Id).ToListAsync()).Select(n => JsonSerializer.Serialize(n)));
        models.AddRange((await session.Query<CaseNetworks>().OrderBy(n => n.Id).ToListAsync()).Select(n => JsonSerializer.Serialize(n)));
        // The tenant's dashboard figures, cell by cell (ADR 20): a rebuild must come back to the same counts and sums.
        var figures = $"{store.Options.Events.DatabaseSchemaName}.{ProgressFigureTable.Name}";
        models.AddRange(await session.AdvancedSql.QueryAsync<string>(
            $"select row(figure, key, level, bucket, count, round(total::numeric, 3), first_at, first_id)::text from {figures} where tenant_id = ? and count <> 0 " +
            "order by figure, key, level, bucket", CancellationToken.None, tenant));
        return models;
    }

    /// <summary>Deletes every read model of the cases, so only a rebuild can bring them back.</summary>
    public static async Task Lose(IDocumentStore store, string tenant, Guid[] ids)
    {
        await using var session = store.LightweightSession(tenant);
        foreach (var id in ids)
        {
            session.Delete<Case>(id);
            session.DeleteCaseDetails(id);
            session.Delete<CaseSummary>(id);
            session.Delete<CaseSearchText>(id);
            session.Delete<CaseProgress>(id);
        }
        session.Delete<NormsState>(NormsStream.IdOf(tenant));
        session.DeleteWhere<NetworkSummary>(n => n.Id != Guid.Empty);
        session.DeleteWhere<NetworkCases>(n => n.Id != Guid.Empty);
        session.DeleteWhere<CaseNetworks>(n => n.Id != Guid.Empty);
        session.QueueSqlCommand($"delete from {store.Options.Events.DatabaseSchemaName}.{ProgressFigureTable.Name} where tenant_id = ?", tenant);
        await session.SaveChangesAsync();
    }
}
