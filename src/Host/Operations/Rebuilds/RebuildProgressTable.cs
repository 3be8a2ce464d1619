using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// A row per read model being rebuilt beside the live one (<see cref="FoldedRebuild"/>): how far it got and when it last said
/// so, for every node's readiness to report (<see cref="RebuildHealthCheck"/>). The rebuild deletes its row when it ends.
/// </summary>
public static class RebuildProgressTable
{
    public const string Name = "read_model_rebuilds";

    public static Table For(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("projection").AsPrimaryKey();
        table.AddColumn<DateTimeOffset>("started_at").NotNull();
        table.AddColumn<long>("events_total").NotNull();
        table.AddColumn<long>("events_folded").NotNull();
        table.AddColumn<string>("stage").NotNull();
        table.AddColumn<DateTimeOffset>("updated_at").NotNull();
        return table;
    }
}
