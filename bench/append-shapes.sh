#!/usr/bin/env bash
# What replacing Marten's append function by one SQL statement would save (issue 14, "what it would take"):
# pgbench appends one event to an existing stream, in a transaction that first locks the stream as a command's read
# batch does, either through Marten's mt_quick_append_events (what the Host sends) or as one statement of
# data-modifying CTEs (the stream's version bumped, the sequence drawn, the event inserted). Same tables, indexes and
# foreign key, made by the published Host's own `resources setup` in schema bench_append; 200 streams of 200 events.
# Prints transactions/s, PostgreSQL CPU per transaction (/proc, every process of the cluster) and the statement's mean
# time (pg_stat_statements), each shape at 1 and 16 clients, interleaved, BENCH_RUNS (3) times BENCH_SECONDS (10).
#   bash bench/run.sh appendshapes (writes docs/benchmarks/append-shapes.md), or bash bench/append-shapes.sh for the table alone
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${BENCH_RUNS:-3}"; seconds="${BENCH_SECONDS:-10}"; schema=bench_append; tenant=bench
connection="${ConnectionStrings__Marten:-$(bash "$root/scripts/db.sh")}"
port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$connection")"
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
psql() { PGOPTIONS="-c client_min_messages=warning" "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d participation -v ON_ERROR_STOP=1 -qAt "$@"; }

host="$root/bench/results/publish/Host"
[ -f "$host/Participation.Host.dll" ] || bash "$root/scripts/publish.sh" "$root/src/Host" "$host" >/dev/null
psql -c "drop schema if exists $schema cascade"
(cd "$host" && ConnectionStrings__Marten="$connection" Marten__Schema=$schema ASPNETCORE_ENVIRONMENT=Production \
  Auth__SigningKey=append-shapes-signing-key-0123456789-abcdefghij Audit__SealKey=append-shapes-seal-key-0123456789-abcdefghijk \
  Privacy__MasterKey=YmVuY2htYXJrLW1hc3Rlci1rZXktMDEyMzQ1Njc4OWE= dotnet Participation.Host.dll resources setup >/dev/null)

# Seeded case n's stream id, as the benchmarks' seeder writes it (bench/load/commands.lua).
case_id() { echo "('00000000-0000-7000-8000-' || lpad(to_hex($1), 12, '0'))::uuid"; }

# 200 streams of 200 events, ids 1..200.
psql <<SQL
insert into $schema.mt_streams (id, type, version, timestamp, tenant_id)
  select $(case_id n), 'case', 200, now(), '$tenant' from generate_series(1, 200) n;
insert into $schema.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, correlation_id, user_name)
  select nextval('$schema.mt_events_sequence'), gen_random_uuid(), $(case_id n), v,
         '{"summary":"seeded"}', 'contact_moment_recorded', '$tenant', now(), 'Participation.Domain.Cases.ContactMomentRecorded, Participation.Domain',
         false, 'seed', 'seed'
  from generate_series(1, 200) n, generate_series(1, 200) v;
analyze $schema.mt_streams; analyze $schema.mt_events;
SQL

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
body='{"caseId":"00000000-0000-7000-8000-000000000001","occurredAt":"2026-01-15T10:00:00Z","kind":"home-visit","participantIds":["00000000-0000-7000-9000-000000000001"],"summary":"AES-GCM sealed text of about a hundred bytes, as the Host writes it for a contact moment summary"}'
type_name='Participation.Domain.Cases.ContactMomentRecorded, Participation.Domain'
stream="$(case_id :n::int)"
# Both shapes begin as a command's read batch does: a random seeded stream, locked.
lock="\\set n random(1, 200)
begin;
select version from $schema.mt_streams where id = $stream and tenant_id = '$tenant' for update;"
cat > "$work/function.sql" <<SQL
$lock
select $schema.mt_quick_append_events($stream, 'case', '$tenant',
  array[gen_random_uuid()], array['contact_moment_recorded']::varchar[], array['$type_name']::varchar[], array['$body'::jsonb],
  array[null]::bytea[], array[null]::varchar[], array['bench']::varchar[], array[null]::jsonb[], array['bench']::varchar[]);
commit;
SQL
cat > "$work/statement.sql" <<SQL
$lock
with stream as (
  update $schema.mt_streams set version = version + 1, timestamp = now()
  where id = $stream and tenant_id = '$tenant' and not coalesce(is_archived, false)
  returning id, version
)
insert into $schema.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, correlation_id, user_name)
select nextval('$schema.mt_events_sequence'), gen_random_uuid(), stream.id, stream.version, '$body'::jsonb, 'contact_moment_recorded', '$tenant',
       now() at time zone 'utc', '$type_name', false, 'bench', 'bench'
from stream
returning seq_id, version;
commit;
SQL

postmaster="$(psql -c "select pid from pg_stat_activity where backend_type = 'checkpointer'" | head -1)"
postmaster="$(ps -o ppid= -p "$postmaster" | tr -d ' ')"
cluster_cpu_ms() { # user + system time of the postmaster, of its live children and of those it has reaped, ms
  local total=0 pid
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
  for pid in $(pgrep -P "$postmaster"); do
    if [ -r "/proc/$pid/stat" ]; then total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); fi
  done
  echo $((total * 1000 / $(getconf CLK_TCK)))
}
statements() { psql -c "select coalesce(sum(total_exec_time) / nullif(sum(calls), 0), 0)::numeric(10,4) from pg_stat_statements where query like '%mt_quick_append_events%' or query like 'with stream as%'" 2>/dev/null || echo "n/a"; }
has_statements="$(psql -c "select count(*) from pg_extension where extname = 'pg_stat_statements'")"
[ "$has_statements" = 1 ] || psql -c "create extension if not exists pg_stat_statements" 2>/dev/null || true

echo "| run | clients | shape | transactions/s | PostgreSQL CPU ms per transaction | append statement mean ms |"
echo "|---:|---:|---|---:|---:|---:|"
for run in $(seq 1 "$runs"); do
  for clients in 1 16; do
    for shape in function statement; do
      psql -c "select pg_stat_statements_reset()" >/dev/null 2>&1 || true
      before="$(cluster_cpu_ms)"
      out="$("$pgbin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n -M prepared -c "$clients" -j 1 -T "$seconds" -f "$work/$shape.sql" participation 2>&1)" || { echo "pgbench failed:" >&2; echo "$out" >&2; exit 1; }
      sleep 1 # the backends pgbench used have exited; the postmaster adds their time once it has reaped them
      after="$(cluster_cpu_ms)"
      tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -1)"
      tx="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")"
      [ -n "$tx" ] && [ "$tx" -gt 0 ] || { echo "pgbench failed:" >&2; echo "$out" >&2; exit 1; }
      echo "| $run | $clients | $shape | ${tps%.*} | $(awk -v c=$((after - before)) -v t="$tx" 'BEGIN { printf "%.3f", c / t }') | $(statements) |"
    done
  done
done
psql -c "drop schema $schema cascade"
