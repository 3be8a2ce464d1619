using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Projections.Insights;

/// <summary>
/// The tenants' "Eigen Kracht in Beeld" figures: a row per neighbourhood (district and code), programme domain and quarter
/// in which something changed, holding that quarter's period figures and the state figures as of its end, each counts by
/// <see cref="FigureKey"/> (<see cref="FigureCounts"/>). A quarter without a row of its own has no period figures and the state of the row
/// before it, so reading one quarter reads one row per neighbourhood and domain (ADR 31).
/// </summary>
public static class InsightFigureTable
{
    public const string Name = "insight_figures";
    public const string Written = "written";
    public const string Created = "created";

    public static Table For(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
        table.AddColumn<string>("district").AsPrimaryKey();
        table.AddColumn<string>("neighbourhood").AsPrimaryKey();
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<int>("quarter").AsPrimaryKey();
        table.AddColumn<string>("name").NotNull();
        table.AddColumn("period", "integer[]").NotNull();
        table.AddColumn("state", "integer[]").NotNull();
        // When the row was last written: with the count of rows, what a cached table of a quarter is checked against.
        table.AddColumn<DateTimeOffset>(Written).NotNull().DefaultValueByExpression("now()");
        // When the row was inserted (an upsert leaves it): rows counted now against rows counted then and inserted since
        // tell whether any was deleted, so a cached table can take in only the rows written since.
        table.AddColumn<DateTimeOffset>(Created).NotNull().DefaultValueByExpression("now()");
        return table;
    }
}
