using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Host.Notifications;

/// <summary>
/// The delivery state of the webhook subscriptions, in the event store's schema and brought up to date with
/// it (<c>resources setup</c>): per subscription its status and pump lease, per subscription and event one
/// row while the event waits to be answered <c>2xx</c>, and the log of every attempt.
/// </summary>
public static class NotificationTables
{
    public const string States = "notification_states";
    public const string Outbox = "notification_outbox";
    public const string Deliveries = "notification_deliveries";

    public static IEnumerable<ISchemaObject> For(string schema)
    {
        var states = new Table(new PostgresqlObjectName(schema, States, SchemaUtils.IdentifierUsage.General));
        states.AddColumn<Guid>("subscription_id").AsPrimaryKey();
        states.AddColumn<string>("tenant_id").NotNull();
        states.AddColumn<string>("status").NotNull();
        states.AddColumn<string>("disabled_reason");
        states.AddColumn<DateTimeOffset>("last_delivered_at");
        states.AddColumn<long>("position").NotNull().DefaultValue(0);
        states.AddColumn<int>("failures_in_a_row").NotNull().DefaultValue(0);
        states.AddColumn<DateTimeOffset>("resume_at");
        states.AddColumn<DateTimeOffset>("leased_until");
        states.AddColumn<DateTimeOffset>("wake_at");
        yield return states;

        var outbox = new Table(new PostgresqlObjectName(schema, Outbox, SchemaUtils.IdentifierUsage.General));
        outbox.AddColumn<Guid>("subscription_id").AsPrimaryKey();
        outbox.AddColumn<long>("position").AsPrimaryKey();
        outbox.AddColumn<string>("tenant_id").NotNull();
        outbox.AddColumn<Guid>("case_id").NotNull();
        outbox.AddColumn<Guid>("event_id").NotNull();
        outbox.AddColumn<long>("version").NotNull();
        outbox.AddColumn<string>("type").NotNull();
        outbox.AddColumn<string>("domain").NotNull();
        outbox.AddColumn<DateTimeOffset>("occurred_at").NotNull();
        outbox.AddColumn<int>("attempts").NotNull().DefaultValue(0);
        outbox.AddColumn<DateTimeOffset>("next_attempt_at").NotNull().DefaultValueByExpression("now()");
        // The destruction list of a case's destruction notification (ADR 34); null for every other event.
        outbox.AddColumn<Guid>("list_id");
        outbox.Indexes.Add(new IndexDefinition("notification_outbox_by_case") { Columns = ["subscription_id", "case_id", "position"] });
        outbox.Indexes.Add(new IndexDefinition("notification_outbox_due") { Columns = ["subscription_id", "next_attempt_at"] });
        yield return outbox;

        var deliveries = new Table(new PostgresqlObjectName(schema, Deliveries, SchemaUtils.IdentifierUsage.General));
        deliveries.AddColumn("id", "bigserial").AsPrimaryKey();
        deliveries.AddColumn<Guid>("subscription_id").NotNull();
        deliveries.AddColumn<Guid>("event_id").NotNull();
        deliveries.AddColumn<Guid>("case_id").NotNull();
        deliveries.AddColumn<long>("position").NotNull();
        deliveries.AddColumn<int>("attempt").NotNull();
        deliveries.AddColumn<string>("status").NotNull();
        deliveries.AddColumn<int>("duration_ms").NotNull();
        deliveries.AddColumn<DateTimeOffset>("at").NotNull();
        deliveries.Indexes.Add(new IndexDefinition("notification_deliveries_newest") { Columns = ["subscription_id", "at"] });
        yield return deliveries;
    }
}
