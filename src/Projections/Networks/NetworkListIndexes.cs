using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Projections.Networks;

/// <summary>
/// The columns and indexes behind the networks list (ADR 27). What the list filters on, and its default order and the
/// order by name, are columns of their own, so neither reads a network's document: a large network's document lists
/// thousands of active agreements and is stored compressed out of line, and reading one key of it means inflating all of
/// it. The default order (most cases first, then the name and the id) and the order by name have an index led by the
/// tenant; kind and status, and status alone, one that continues with the default order, so such a page is read in order;
/// the neighbourhoods and districts a GIN index each; the search text a trigram index. Marten fills a new column of the
/// existing rows when it adds it, so no rebuild is needed.
/// </summary>
public static class NetworkListIndexes
{
    /// <summary>
    /// The array columns of the neighbourhoods and districts, which the list matches with <c>@&gt;</c>: their GIN indexes serve
    /// that, not the <c>= any(…)</c> Marten writes for a list's <c>Contains</c> on a duplicated array.
    /// </summary>
    public const string NeighbourhoodsColumn = "neighbourhoods", DistrictsColumn = "districts";

    /// <summary>The default order's columns after the tenant: most cases first, then the name as compared (the search text) and the id.</summary>
    private const string DefaultOrder = "cases desc, search_text, id";

    public static StoreOptions AddNetworkListIndexes(this StoreOptions options)
    {
        // pg_trgm ships with PostgreSQL (contrib) and is a trusted extension; the case list declares it too.
        if (!options.Storage.ExtendedSchemaObjects.OfType<Extension>().Any(e => e.ExtensionName == "pg_trgm"))
            options.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));

        options.Schema.For<NetworkSummary>()
            .Duplicate(x => x.Cases, configure: index =>
            {
                index.Name = "mt_doc_networksummary_idx_sort_cases";
                index.Mask = $"tenant_id, {DefaultOrder}";
            })
            .Duplicate(x => x.SearchText, configure: index =>
            {
                index.Name = "mt_doc_networksummary_idx_sort_name";
                index.Mask = "tenant_id, ?, id";
            })
            .Duplicate(x => x.Kind, configure: index =>
            {
                index.Name = "mt_doc_networksummary_idx_tenant_filters";
                index.Mask = $"tenant_id, ?, status, {DefaultOrder}";
            })
            .Duplicate(x => x.Status, configure: index =>
            {
                index.Name = "mt_doc_networksummary_idx_status";
                index.Mask = $"tenant_id, ?, {DefaultOrder}";
            })
            // Arrays of varchar (Marten would declare a list's column jsonb and then write an array into it).
            .Duplicate(x => x.Neighbourhoods, pgType: "varchar[]", configure: index =>
            {
                index.Name = "mt_doc_networksummary_idx_neighbourhoods";
                index.Method = IndexMethod.gin;
            })
            .Duplicate(x => x.Districts, pgType: "varchar[]", configure: index =>
            {
                index.Name = "mt_doc_networksummary_idx_districts";
                index.Method = IndexMethod.gin;
            })
            .Index(x => x.SearchText, index =>
            {
                index.Name = "mt_doc_networksummary_idx_search_text";
                index.Method = IndexMethod.gin;
                index.Mask = "? gin_trgm_ops";
            });
        return options;
    }
}
