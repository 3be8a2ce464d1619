using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Host.Privacy;

/// <summary>
/// The processing log (Logboek Dataverwerkingen 1.0): one row per request and data subject, ids only (no names, no texts),
/// in the event store's schema and brought up to date with it (<c>resources setup</c>).
/// </summary>
public static class ProcessingLogTable
{
    public const string Name = "processing_log";

    public static ISchemaObject For(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "bigserial").AsPrimaryKey();
        table.AddColumn<string>("tenant_id").NotNull();
        table.AddColumn<string>("trace_id").NotNull();
        table.AddColumn<string>("span_id").NotNull();
        table.AddColumn<string>("parent_span_id");
        table.AddColumn<string>("name").NotNull();
        table.AddColumn<DateTimeOffset>("start_time").NotNull();
        table.AddColumn<DateTimeOffset>("end_time").NotNull();
        table.AddColumn<string>("status").NotNull();
        table.AddColumn<string>("user_name");
        table.AddColumn<Guid>("case_id");
        table.AddColumn<Guid>("data_subject_id").NotNull();
        table.AddColumn<string>("processing_activity_id").NotNull();
        table.Indexes.Add(new IndexDefinition("processing_log_by_subject") { Columns = ["tenant_id", "data_subject_id", "start_time"] });
        table.Indexes.Add(new IndexDefinition("processing_log_by_case") { Columns = ["tenant_id", "case_id", "start_time"] });
        table.Indexes.Add(new IndexDefinition("processing_log_by_time") { Columns = ["tenant_id", "start_time"] });
        table.Indexes.Add(new IndexDefinition("processing_log_expiry") { Columns = ["start_time"] });
        return table;
    }
}
