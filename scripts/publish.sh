#!/usr/bin/env bash
# Publishes a deployable build: Release, framework-dependent, ReadyToRun for linux-x64, so a node starts
# without compiling the application's and its libraries' code first (ADR 9).
#   bash scripts/publish.sh                      → the Host into artifacts/host
#   bash scripts/publish.sh <project dir> <out>  → any project (the benchmark publishes its servers this way)
# Then, at deploy time, before starting the new version:
#   dotnet artifacts/host/Participation.Host.dll resources setup     (applies the database schema)
# and start the nodes with Database__ApplySchemaOnStartup=false.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="${1:-$root/src/Host}"
out="${2:-$root/artifacts/host}"
dotnet publish "$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo -v q
