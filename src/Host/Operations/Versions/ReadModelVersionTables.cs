using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Host.Operations.Versions;

/// <summary>
/// What the nodes of a database know of each other's read model versions (ADR 39): every version any node has written, with
/// its tables, its state and how far the follower has caught up its tables; and every running node's version of each read
/// model, with when it last said so.
/// </summary>
public static class ReadModelVersionTables
{
    public const string Versions = "read_model_versions";
    public const string Nodes = "read_model_nodes";

    public const string Building = "building";
    public const string Live = "live";
    public const string Retired = "retired";

    public static IEnumerable<Table> For(string schema)
    {
        var versions = new Table(new PostgresqlObjectName(schema, Versions, SchemaUtils.IdentifierUsage.General));
        versions.AddColumn<string>("projection").AsPrimaryKey();
        versions.AddColumn<int>("version").AsPrimaryKey();
        versions.AddColumn<string>("state").NotNull();
        versions.AddColumn("tables", "text[]").NotNull();
        versions.AddColumn<DateTimeOffset>("caught_up_to");
        versions.AddColumn<DateTimeOffset>("changed_at").NotNull();
        yield return versions;

        var nodes = new Table(new PostgresqlObjectName(schema, Nodes, SchemaUtils.IdentifierUsage.General));
        nodes.AddColumn<Guid>("node").AsPrimaryKey();
        nodes.AddColumn<string>("projection").AsPrimaryKey();
        nodes.AddColumn<int>("version").NotNull();
        nodes.AddColumn<DateTimeOffset>("seen_at").NotNull();
        yield return nodes;
    }
}
