#!/usr/bin/env bash
# Reproduces the benchmark figures (not part of the test run): Release build, Production configuration,
# its own schema on the embedded PostgreSQL unless ConnectionStrings__Marten is set.
# Usage: bash bench/run.sh [replay] [export] [progress]
#   replay, export (the default) → docs/benchmarks/audit.md; progress → docs/benchmarks/progress.md
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
connection="${ConnectionStrings__Marten:-$(bash "$root/scripts/db.sh")}"
mkdir -p "$root/docs/benchmarks"
dotnet run -c Release --project "$root/bench/Participation.Bench" -- "$connection" "$root/docs/benchmarks" "$@"
