#!/usr/bin/env bash
# Writes the OpenAPI document as /api/openapi.json serves it into docs/openapi.json (checked in; a test fails when it drifts).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ASPNETCORE_URLS="http://127.0.0.1:0" bash "$root/scripts/run.sh" openapi-document "$root/docs/openapi.json"
