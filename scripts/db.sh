#!/usr/bin/env bash
# Starts (once) a private PostgreSQL cluster in .pg/ (or PARTICIPATION_PG_DIR) and prints its connection string.
# Used when no ConnectionStrings__Marten is configured. PostgreSQL refuses to run as
# root, so as root the cluster runs as the `postgres` system user (created if missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${PARTICIPATION_PG_DIR:-$root/.pg}"
data="$dir/data"
sock="$dir/sock"
db="participation"

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -n "$bin" ] || bin="$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")"
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin postgres
fi

taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

# The cluster keeps the port it was given; a new one (or a stopped one whose port another program took since)
# gets PARTICIPATION_PG_PORT or 55432, or the next free port after it, and says so.
port="$(sed -n 's/^port = \([0-9]*\)$/\1/p' "$data/postgresql.conf" 2>/dev/null | tail -n 1 || true)"
if [ -z "$port" ] || { ! running && taken "$port"; }; then
  wanted="${PARTICIPATION_PG_PORT:-${port:-55432}}"
  port="$wanted"
  while taken "$port"; do port=$((port + 1)); done
  [ "$port" = "$wanted" ] || echo "Port $wanted is taken by another program; the embedded PostgreSQL uses port $port." >&2
  [ -f "$data/PG_VERSION" ] && as_owner sed -i "s/^port = .*/port = $port/" "$data/postgresql.conf"
fi

mkdir -p "$dir"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  # the cluster user must be able to reach .pg/ through the checkout's parents
  p="$dir"; while [ "$p" != "/" ]; do p="$(dirname "$p")"; chmod o+x "$p" 2>/dev/null || true; done
fi

if [ ! -f "$data/PG_VERSION" ]; then
  as_owner mkdir -p "$data" "$sock"
  as_owner chmod 700 "$data"
  as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 300
shared_buffers = 256MB
fsync = on
CONF
fi

if ! running; then
  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { tail -n 30 "$dir/server.log" >&2; exit 1; }
fi

if ! "$bin/psql" -h "$sock" -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
  "$bin/createdb" -h "$sock" -p "$port" -U postgres "$db"
fi

echo "Host=127.0.0.1;Port=$port;Database=$db;Username=postgres;Password=postgres"
