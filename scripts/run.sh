#!/usr/bin/env bash
# Runs the API. Without ConnectionStrings__Marten it starts the embedded PostgreSQL (scripts/db.sh).
# Extra arguments go to the Host (e.g. --urls http://127.0.0.1:5080, or JasperFx commands: help, codegen, resources, projections).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${ConnectionStrings__Marten:-}" ]; then
  ConnectionStrings__Marten="$(bash "$root/scripts/db.sh")"
  export ConnectionStrings__Marten
fi
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
exec dotnet run --project "$root/src/Host" --no-launch-profile -- "$@"
