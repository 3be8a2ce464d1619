#!/usr/bin/env bash
# Starts (once) a second private PostgreSQL server in .pg2/ (port 55433, or the next free one) and prints its connection
# string: for trying a database per municipality on two servers (README, ADR 40). Same as scripts/db.sh otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARTICIPATION_PG_DIR="${PARTICIPATION_PG2_DIR:-$root/.pg2}" PARTICIPATION_PG_PORT="${PARTICIPATION_PG2_PORT:-55433}" exec bash "$root/scripts/db.sh"
