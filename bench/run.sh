#!/usr/bin/env bash
# Reproduces the benchmark figures (not part of the test run): Release build, Production configuration,
# its own schemas on the embedded PostgreSQL (scripts/db.sh) unless ConnectionStrings__Marten is set.
#   bash bench/run.sh all                → every scenario, writes docs/benchmarks.md (≈ 15 min)
#   bash bench/run.sh notes              → docs/benchmarks.md again from the last run's figures + docs/benchmarks/notes.md
#   bash bench/run.sh [replay] [export]  → the audit scenarios, writes docs/benchmarks/audit.md
#   bash bench/run.sh progress           → projection lag and rebuild of the progress projections, docs/benchmarks/progress.md
#   bash bench/run.sh notifications      → webhook latency at 20 and 100 events/s, catch-up after a 10-minute receiver outage,
#                                           docs/benchmarks/notifications.md (≈ 20 min; trial: BENCH_SECONDS=10 BENCH_DOWN_MINUTES=1;
#                                           the same backlog sooner: BENCH_DOWN_MINUTES=3 BENCH_DOWN_RATE=333)
#   bash bench/run.sh longcases          → contact moments on new cases and on cases of 200 contact moments at 1, 4, 16 clients against
#                                           pgbench, CPU per command of the Host and PostgreSQL, round trips, table sizes,
#                                           docs/benchmarks/long-cases.md (≈ 6 min; BENCH_RUNS=1 BENCH_SECONDS=3 for a trial)
#   bash bench/run.sh pages              → the dashboard's render time for the seeded demo tenant and the bytes of scripts and
#                                           styles sent, in headless Chromium (the browser tests' measurement), docs/benchmarks/pages.md (≈ 2 min)
#   bash bench/run.sh scale              → 1,000,000 cases in one tenant and 100,000 in nine others (bulk insert), every projection rebuilt,
#                                           every read of issue 15 at p50/p99 against raw SQL, docs/benchmarks/scale.md (sizes: BENCH_SCALE_CASES,
#                                           BENCH_SCALE_OTHERS; runs: BENCH_SCALE_RUNS; BENCH_SCALE_KEEP=1: the reads again on the last run's data;
#                                           BENCH_SCALE_REBUILDS=Case,CaseSummary: only those rebuilds, no reads; BENCH_MARTEN_REBUILDS=1: Marten's
#                                           rebuild timed too where `rebuild-folded` does one, ADR 38)
#   bash bench/run.sh networks           → 10,000 networks (their own streams) and 1,000,000 cases in one tenant, about one case in ten connected
#                                           with a skew (bulk insert), the Networks projection rebuilt, GET /api/networks pages at p50/p99 against the
#                                           raw SQL of the same page, docs/benchmarks/networks.md (≈ 40 min; sizes: BENCH_NETWORKS_CASES,
#                                           BENCH_NETWORKS_COUNT, e.g. 200000 and 2000 for a trial of a few minutes; runs: BENCH_NETWORKS_RUNS;
#                                           BENCH_NETWORKS_KEEP=1: the reads again on the last run's data)
#   bash bench/run.sh insights           → 1,000,000 cases in one tenant, every other one with a measured resident (bulk insert), the CaseInsights
#                                           projection rebuilt, GET /api/insights for five quarters and filters at p50/p99 against the raw SQL of its
#                                           figure rows, and a measurement against a contact moment, docs/benchmarks/insights.md (sizes:
#                                           BENCH_INSIGHTS_CASES, e.g. 100000 for a trial; runs: BENCH_INSIGHTS_RUNS; BENCH_INSIGHTS_KEEP=1: the reads again)
#   bash bench/run.sh followup           → 1,000,000 cases assigned to 200 caseworkers, all overdue, their follow-up written as commands write it,
#                                           GET /api/worklist pages and filters at p50/p99 against the raw SQL of the page; then 100,000 cases falling
#                                           due at once while contact moments run (throughput against the same load alone, and how long the
#                                           timers took), docs/benchmarks/follow-up.md (sizes: BENCH_FOLLOWUP_CASES, BENCH_FOLLOWUP_DUE, e.g.
#                                           100000 and 2000 for a trial; runs: BENCH_FOLLOWUP_RUNS; BENCH_FOLLOWUP_KEEP=1: the reads again;
#                                           BENCH_FOLLOWUP_DUE=0: without the deadlines falling due)
#   bash bench/run.sh processinglog      → GET /api/cases/{id} with the processing log against the same published Host with it switched off
#                                           (environment Benchmark), one Host at a time, rotating, docs/benchmarks/processing-log.md (≈ 6 min;
#                                           BENCH_RUNS, BENCH_SECONDS, BENCH_CASES for a trial)
#   bash bench/run.sh upgrade            → the scale benchmark's 1,000,000 + 9 × 100,000 cases with their case read models folded; contact moments
#                                           on a node of today's version alone, then while a node whose CaseDetails is version 2 starts beside it and
#                                           builds that version (time to its readiness against the same fold on the quiet store), docs/benchmarks/
#                                           upgrades.md (≈ 15 min; BENCH_UPGRADE_CASES, BENCH_UPGRADE_OTHERS, e.g. 100000 and 10000 for a trial)
#   bash bench/run.sh appendshapes       → Marten's append function against the same append as one SQL statement, pgbench at 1 and 16
#                                           clients on the Host's own tables, docs/benchmarks/append-shapes.md (≈ 3 min; bench/append-shapes.sh)
#   bash bench/run.sh tenancy            → a database per municipality: 50 tenant databases behind a master, three nodes, contact moments on
#                                           every tenant; connections per node during the load and once quiet; then half the tenants on a
#                                           second embedded server (scripts/db2.sh) against all on one, docs/benchmarks/tenancy.md (≈ 5 min;
#                                           BENCH_TENANCY_DATABASES=10 BENCH_TENANCY_SECONDS=10 for a trial; BENCH_TENANCY_TWO_SERVERS=0: one
#                                           server only; BENCH_TENANCY_NODE_SETTINGS="Progress:LagSampleSeconds=3600;…": settings for every node)
#   bash bench/run.sh failover           → three published Host processes, one killed under load, with the Host's and with Wolverine's
#                                           node-health settings, docs/benchmarks/failover.md (≈ 15 min; BENCH_FAILOVER_ROUNDS=2 for more kills)
# For a trial run of `all`: BENCH_RUNS=1 BENCH_SECONDS=3 BENCH_ONLY=commands,framework,reads,lag,rebuild,coldstart (any subset;
# without the command runs the daemon-lag rate is BENCH_LAG_RATE, default 200).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The embedded cluster (scripts/db.sh) unless ConnectionStrings__Marten is set; the embedded one is ours, so it preloads
# pg_stat_statements and the report can name the top statements.
embedded_with_statements() {
  if [ -n "${ConnectionStrings__Marten:-}" ]; then echo "$ConnectionStrings__Marten"; return; fi
  local connection pgbin port
  connection="$(bash "$root/scripts/db.sh")"
  echo "$connection"
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$connection")"
  if [ "$("$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d participation -tAc 'show shared_preload_libraries')" != *pg_stat_statements* ]; then
    "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d participation -qc "alter system set shared_preload_libraries = 'pg_stat_statements'"
    as_owner=(); [ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)
    local dir="${PARTICIPATION_PG_DIR:-$root/.pg}"
    "${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w restart >/dev/null
  fi
}

if [ "${1:-}" = "pages" ]; then
  export ConnectionStrings__Marten="${ConnectionStrings__Marten:-$(bash "$root/scripts/db.sh")}"
  dotnet test "$root/tests/Host.Tests" --nologo -v q --filter "FullyQualifiedName~Participation.Host.Tests.Pages.PagesMeasurementTests"
  {
    echo "# Pages: dashboard render time and bundle size"
    echo
    echo "Targets (issue 16): the seeded demo tenant's dashboard renders in under 1 s after the page load; the scripts and styles"
    echo "sent are under 300 kB compressed. Rerun with \`bash bench/run.sh pages\` (it runs the browser tests' measurement,"
    echo "tests/Host.Tests/Pages/PagesMeasurementTests.cs, which every test run also leaves in TestResults/pages/pages.md)."
    echo "\"Rendered\" is the page's own \`performance.mark('dashboard-rendered')\`, set once the figures of \`/api/dashboard\` are on"
    echo "screen; \"sent\" is the compressed size the browser received (Resource Timing \`encodedBodySize\`: gzip over plain HTTP)."
    echo
    cat "$root/TestResults/pages/pages.md"
  } > "$root/docs/benchmarks/pages.md"
  cat "$root/docs/benchmarks/pages.md"
  exit 0
fi

if [ "${1:-}" = "notes" ]; then
  dotnet run -c Release --project "$root/bench/Participation.Bench" -- "" "$root/docs/benchmarks.md" notes
  exit 0
fi

# The load tools: pgbench comes with the PostgreSQL client; wrk from Debian's packages.
need_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
      echo "wrk is required: apt-get install wrk" >&2; exit 1
    fi
  fi
}

if [ "${1:-}" = "appendshapes" ]; then
  connection="$(embedded_with_statements)"
  {
    echo "## The append: Marten's function against one SQL statement (issue 14)"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC by \`bash bench/run.sh appendshapes\` (\`bench/append-shapes.sh\`, which says what each shape sends)."
    echo "Each transaction locks a stream as a command's read batch does, then appends one event to it; CPU from \`/proc\`."
    echo
    ConnectionStrings__Marten="$connection" bash "$root/bench/append-shapes.sh"
  } > "$root/docs/benchmarks/append-shapes.md"
  cat "$root/docs/benchmarks/append-shapes.md"
  exit 0
fi

if [ "${1:-}" = "all" ]; then
  need_wrk
  connection="$(embedded_with_statements)"
  dotnet build -c Release --nologo -v q "$root/bench/Participation.Bench" >/dev/null
  # The servers run as deployed: published ReadyToRun.
  for project in src/Host bench/MinimalApi bench/NpgsqlApp; do
    bash "$root/scripts/publish.sh" "$root/$project" "$root/bench/results/publish/$(basename "$project")" >/dev/null
  done
  dotnet run -c Release --no-build --project "$root/bench/Participation.Bench" -- "$connection" "$root/docs/benchmarks.md" all
  exit 0
fi

if [[ " $* " == *" notifications "* || " $* " == *" failover "* || " $* " == *" longcases "* ]]; then
  connection="$(embedded_with_statements)"
else
  connection="${ConnectionStrings__Marten:-$(bash "$root/scripts/db.sh")}"
fi
[[ " $* " == *" longcases "* || " $* " == *" processinglog "* ]] && need_wrk
if [[ " $* " == *" failover "* || " $* " == *" longcases "* || " $* " == *" processinglog "* ]]; then
  # The nodes run as deployed: published ReadyToRun.
  bash "$root/scripts/publish.sh" "$root/src/Host" "$root/bench/results/publish/Host" >/dev/null
fi
# Many tenant databases, each with pools on three nodes: more connections than the embedded server's default allows.
allow_connections() {
  local connection="$1" dir="$2" pgbin port
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$connection")"
  if [ "$("$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d participation -tAc 'show max_connections')" -lt 1000 ]; then
    "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d participation -qc "alter system set max_connections = 1000"
    as_owner=(); [ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)
    "${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w restart >/dev/null
  fi
}
if [[ " $* " == *" tenancy "* ]]; then
  # A second embedded PostgreSQL server for the tenants moved there (scripts/db2.sh).
  BENCH_SECOND_SERVER="${BENCH_SECOND_SERVER:-$(bash "$root/scripts/db2.sh")}"
  export BENCH_SECOND_SERVER
  if [ -z "${ConnectionStrings__Marten:-}" ]; then
    allow_connections "$connection" "${PARTICIPATION_PG_DIR:-$root/.pg}"
    allow_connections "$BENCH_SECOND_SERVER" "${PARTICIPATION_PG2_DIR:-$root/.pg2}"
  fi
fi
mkdir -p "$root/docs/benchmarks"
dotnet run -c Release --project "$root/bench/Participation.Bench" -- "$connection" "$root/docs/benchmarks" "$@"
