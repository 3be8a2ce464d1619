using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Projections.Cases;

/// <summary>
/// The columns and indexes behind the case list (ADR 20): every sort key is a column of its own, each indexed led by the
/// tenant with the id as the tie-breaker the keyset cursor needs; the filters the list combines and "my cases" keep their
/// indexes; the text search has a trigram index on a row of its own. Every command updates its case's summary, so each
/// of the summary's indexes costs every command a write (measured in docs/benchmarks/long-cases.md).
/// </summary>
public static class CaseListIndexes
{
    /// <summary>A sort of the list: its name in the API and the column it reads.</summary>
    public sealed record Sort(string Name, string Column);

    public static readonly Sort OpenedAt = new("openedAt", "opened_at");
    public static readonly Sort LastActivityAt = new("lastActivityAt", "last_activity_at");
    public static readonly Sort Title = new("title", "title");
    public static readonly Sort Neighbourhood = new("neighbourhood", "neighbourhoodname");
    public static readonly Sort Phase = new("phase", "phase");
    public static readonly Sort[] Sorts = [OpenedAt, LastActivityAt, Title, Neighbourhood, Phase];

    public static StoreOptions AddCaseListIndexes(this StoreOptions options, ReadModelVersions versions)
    {
        // Index names are the schema's, not the table's: each version's tables name theirs after themselves (ADR 39).
        var summary = versions.TableOf(nameof(CaseSummary), typeof(CaseSummary));
        var searchText = versions.TableOf(nameof(CaseSummary), typeof(CaseSearchText));
        // pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the schema's owner may create it.
        options.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));

        // Numeric revisions keep the mt_version column a bigint, as it was when Marten folded the summary, so a database
        // from before ADR 18 needs no change of it.
        options.Schema.For<CaseSummary>()
            .UseNumericRevisions(true)
            .Duplicate(x => x.OpenedAt, configure: LedByTenant(summary, OpenedAt))
            .Duplicate(x => x.LastActivityAt, configure: LedByTenant(summary, LastActivityAt))
            .Duplicate(x => x.Title, configure: LedByTenant(summary, Title))
            .Duplicate(x => x.Neighbourhood.Name, configure: LedByTenant(summary, Neighbourhood))
            .Duplicate(x => x.Phase, configure: LedByTenant(summary, Phase))
            // The filters a manager combines, then the default sort: a filtered first page is read in order, 50 entries
            // however many cases match (at a million cases 4,900 matches were read and sorted). Every command moves
            // last_activity_at, so the entry is rewritten by every command whether the sort key is in it or not.
            .Index([x => x.Domain, x => x.Status, x => x.Neighbourhood.Code], index =>
            {
                index.Name = $"{summary}_idx_tenant_filters";
                index.Mask = $"tenant_id, ?, {LastActivityAt.Column}, id";
            })
            .Index(x => x.Owner!, index =>
            {
                index.Name = $"{summary}_idx_tenant_owner";
                index.TenancyScope = TenancyScope.PerTenant;
            });
        // Written once per case, so its trigrams cost no command after the opening (ADR 23).
        options.Schema.For<CaseSearchText>()
            .Index(x => x.Text, index =>
            {
                index.Name = $"{searchText}_idx_text";
                index.Method = IndexMethod.gin;
                index.Mask = "? gin_trgm_ops";
            });
        return options;
    }

    /// <summary>The index Marten makes for a duplicated column, turned into (tenant, column, id): the keyset's order.</summary>
    private static Action<DocumentIndex> LedByTenant(string table, Sort sort) => index =>
    {
        index.Name = $"{table}_idx_sort_{sort.Column}";
        index.Mask = "tenant_id, ?, id";
    };
}
