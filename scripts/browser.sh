#!/usr/bin/env bash
# Prints the path of the Chromium that the browser tests drive (Debian's package), installing it first when it is missing.
# Playwright's own browser download cannot work here (no host but the package registries is reachable), so the tests
# drive Debian's build. As root it installs with apt-get; otherwise it says what to run and fails, so the browser
# tests fail visibly rather than being skipped.
set -euo pipefail
chromium="${PARTICIPATION_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
  else
    echo "Chromium is missing at $chromium: install Debian's chromium (as root: apt-get install chromium), or set PARTICIPATION_CHROMIUM." >&2
    exit 1
  fi
fi
[ -x "$chromium" ] || { echo "Chromium is still missing at $chromium after installing." >&2; exit 1; }
echo "$chromium"
