#!/usr/bin/env bash
# Runs every test. Without ConnectionStrings__Marten the integration tests use the embedded PostgreSQL (scripts/db.sh).
# The browser tests' screenshots and measured figures land in TestResults/pages/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${ConnectionStrings__Marten:-}" ]; then
  ConnectionStrings__Marten="$(bash "$root/scripts/db.sh")"
  export ConnectionStrings__Marten
fi
# The browser tests drive Debian's Chromium; installed here when missing (as root). If it cannot be, they fail with the reason.
bash "$root/scripts/browser.sh" >/dev/null || echo "scripts/browser.sh could not provide Chromium: the browser tests (tests/Host.Tests/Pages) will fail." >&2
dotnet test "$root/Participation.sln" --logger "console;verbosity=normal" "$@"
