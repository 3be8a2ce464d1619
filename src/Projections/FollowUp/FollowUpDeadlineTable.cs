using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Projections.FollowUp;

/// <summary>
/// Every deadline of the open, unsuspended cases, a row each, in the worklist's order (due moment, case, kind, what it is
/// about): a page of the worklist is one seek after its cursor, however many cases are overdue (ADR 30). Written with the
/// case's <see cref="CaseFollowUp"/> in the command's transaction (<see cref="FollowUpDeadlineRows"/>); nothing personal.
/// </summary>
public static class FollowUpDeadlineTable
{
    public const string Name = "follow_up_deadlines";

    /// <summary>A deadline about no agreement or participant (contact, phase) has this <c>ref</c>, so the key has no nulls.</summary>
    public static readonly Guid NoRef = Guid.Empty;

    public static Table For(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
        table.AddColumn<Guid>("case_id").AsPrimaryKey();
        table.AddColumn<short>("kind").AsPrimaryKey();
        table.AddColumn<Guid>("ref").AsPrimaryKey();
        table.AddColumn<DateTimeOffset>("due_at").NotNull();
        table.AddColumn<DateTimeOffset>("late_three_times_at").NotNull();
        table.AddColumn<string>("owner");
        table.AddColumn<string>("domain").NotNull();
        table.AddColumn<string>("neighbourhood").NotNull();
        table.Indexes.Add(new IndexDefinition($"{Name}_in_order") { Columns = ["tenant_id", "due_at", "case_id", "kind", "ref"] });
        table.Indexes.Add(new IndexDefinition($"{Name}_by_owner") { Columns = ["tenant_id", "owner", "due_at", "case_id", "kind", "ref"] });
        // A neighbourhood is a few hundredth of a city: without it a page filtered by one scans the whole order for its rows,
        // and its count for a thousand of them. Domains (three) and kinds (four) are found soon enough along the order.
        table.Indexes.Add(new IndexDefinition($"{Name}_by_neighbourhood") { Columns = ["tenant_id", "neighbourhood", "due_at", "case_id", "kind", "ref"] });
        return table;
    }
}
