using Weasel.Storage;
using ICommandBuilder = Weasel.Postgresql.ICommandBuilder;

namespace Participation.Projections.FollowUp;

/// <summary>
/// Replaces one case's rows of <see cref="FollowUpDeadlineTable"/> with the deadlines of its <see cref="CaseFollowUp"/>, in one
/// statement of the session's batch: changed ones updated, new ones inserted, the rest (met, closed, suspended) deleted.
/// </summary>
public sealed class FollowUpDeadlineRows(string table, string tenant, CaseFollowUp followUp) : SqlOperation
{
    public override void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        var parameters = builder.AppendWithParameters($"""
            with fresh as (select * from unnest(?::smallint[], ?::uuid[], ?::timestamptz[], ?::timestamptz[]) as d(kind, ref, due_at, late_three_times_at)),
            gone as (delete from {table} as t where t.tenant_id = ? and t.case_id = ?
                     and not exists (select from fresh as f where f.kind = t.kind and f.ref = t.ref))
            insert into {table} (tenant_id, case_id, kind, ref, due_at, late_three_times_at, owner, domain, neighbourhood)
            select ?, ?, f.kind, f.ref, f.due_at, f.late_three_times_at, ?::text, ?::text, ?::text from fresh as f
            on conflict (tenant_id, case_id, kind, ref) do update set due_at = excluded.due_at, late_three_times_at = excluded.late_three_times_at,
              owner = excluded.owner, domain = excluded.domain, neighbourhood = excluded.neighbourhood
            """, '?');
        var deadlines = followUp.Deadlines;
        object[] values =
        [
            deadlines.Select(d => (short)d.Kind).ToArray(), deadlines.Select(d => d.Ref ?? FollowUpDeadlineTable.NoRef).ToArray(),
            deadlines.Select(d => d.DueAt).ToArray(), deadlines.Select(d => d.LateThreeTimesAt).ToArray(),
            tenant, followUp.Id, tenant, followUp.Id, (object?)followUp.Owner ?? DBNull.Value, followUp.Domain.ToString(), followUp.NeighbourhoodCode,
        ];
        Bind(parameters, values);
    }
}
