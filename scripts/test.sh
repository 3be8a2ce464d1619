#!/usr/bin/env bash
# Runs every test. Without ConnectionStrings__Marten the integration tests use the embedded PostgreSQL (scripts/db.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${ConnectionStrings__Marten:-}" ]; then
  ConnectionStrings__Marten="$(bash "$root/scripts/db.sh")"
  export ConnectionStrings__Marten
fi
dotnet test "$root/Participation.sln" --logger "console;verbosity=normal" "$@"
