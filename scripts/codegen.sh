#!/usr/bin/env bash
# Regenerates the Wolverine handler code that Production loads statically (src/Host/Internal/Generated).
# The old files are removed first: after an endpoint's signature changes they no longer compile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rm -rf "$root/src/Host/Internal/Generated"
if [ -z "${ConnectionStrings__Marten:-}" ]; then
  ConnectionStrings__Marten="$(bash "$root/scripts/db.sh")"
  export ConnectionStrings__Marten
fi
ASPNETCORE_ENVIRONMENT=Development dotnet run --project "$root/src/Host" -- codegen write
