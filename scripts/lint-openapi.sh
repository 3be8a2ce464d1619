#!/usr/bin/env bash
# Lints docs/openapi.json (or the file given) with the NL API Design Rules ruleset (docs/linter, ADR 25) and prints what
# Spectral finds; exits non-zero on an error. Installs the pinned Spectral from docs/linter/package-lock.json first when it
# is missing or the lock changed (needs Node.js and npm). Extra arguments go to `spectral lint`, e.g. `-f json`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
linter="$root/docs/linter"
if [ ! -x "$linter/node_modules/.bin/spectral" ] || [ "$linter/package-lock.json" -nt "$linter/node_modules/.package-lock.json" ]; then
  # No install scripts: Spectral needs none, and one of its dependencies' would report the install to a third party.
  (cd "$linter" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
fi
document="$root/docs/openapi.json"
if [ $# -gt 0 ] && [ -f "$1" ]; then document="$1"; shift; fi
exec "$linter/node_modules/.bin/spectral" lint --ruleset "$linter/nl-api-design-rules.yaml" "$@" "$document"
