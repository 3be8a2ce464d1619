using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Participation.Projections.Insights;

/// <summary>
/// The tenants' "Eigen Kracht in Beeld" figures: a row per neighbourhood (district and code), programme domain and quarter
/// in which something changed, holding that quarter's period figures and the state figures as of its end, each a JSON object
/// of counts by <see cref="FigureKey"/>. A quarter without a row of its own has no period figures and the state of the row
/// before it, so reading one quarter reads one row per neighbourhood and domain (ADR 28).
/// </summary>
public static class InsightFigureTable
{
    public const string Name = "insight_figures";
    public const string AddFunction = "insight_add";

    public static Table For(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
        table.AddColumn<string>("district").AsPrimaryKey();
        table.AddColumn<string>("neighbourhood").AsPrimaryKey();
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<int>("quarter").AsPrimaryKey();
        table.AddColumn<string>("name").NotNull();
        table.AddColumn("period", "jsonb").NotNull();
        table.AddColumn("state", "jsonb").NotNull();
        return table;
    }

    /// <summary>Two objects of counts added key by key, keys that come to zero left out.</summary>
    public static Function Add(string schema)
    {
        var name = new PostgresqlObjectName(schema, AddFunction, SchemaUtils.IdentifierUsage.General);
        return new Function(name, $$"""
            CREATE OR REPLACE FUNCTION {{name.QualifiedName}}(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              select coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
              from (select key, sum(value::bigint) as total
                    from (select * from jsonb_each_text(a) union all select * from jsonb_each_text(coalesce(b, '{}'::jsonb))) as counts
                    group by key having sum(value::bigint) <> 0) as sums
            $$;
            """);
    }
}
