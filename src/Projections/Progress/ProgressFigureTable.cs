using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Projections.Progress;

/// <summary>
/// The tenants' progress figures as rows of counts and sums (<see cref="FigureCell"/>), kept by
/// <see cref="CaseProgressProjection"/> in the daemon's own transaction (<see cref="FigureChanges"/>) and torn down with it
/// by a rebuild (ADR 20). Cells that come back to zero stay (readers skip them): a running stay's old buckets lie outside
/// the windows a reading takes, the other figures have few cells, and a delete per case made a rebuild several times slower.
/// </summary>
public static class ProgressFigureTable
{
    public const string Name = "progress_figures";

    public static Table For(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
        table.AddColumn<string>("figure").AsPrimaryKey();
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn<short>("level").AsPrimaryKey();
        table.AddColumn<long>("bucket").AsPrimaryKey();
        table.AddColumn<long>("count").NotNull();
        table.AddColumn<double>("total").NotNull();
        table.AddColumn<DateTimeOffset>("first_at");
        table.AddColumn<Guid>("first_id");
        return table;
    }
}
