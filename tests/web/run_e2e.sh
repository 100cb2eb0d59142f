#!/usr/bin/env bash
# tests/web/run_e2e.sh SERVER OUTDIR: the web inbox end-to-end test in Debian's headless chromium.
# Needs only Debian packages: python3 (standard library) drives chromium over the DevTools protocol on a pipe
# (tests/web/e2e.py). Exit 77 (CTest: skipped) with a clear message when chromium is not installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
server="$1"
out="$2"
chromium_bin="${WAYMARK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ]; then
  echo "SKIPPED: chromium is not installed ($chromium_bin). Install it with: apt-get install chromium (scripts/setup-debian.sh)"
  exit 77
fi
mkdir -p "$out"
exec python3 "$here/e2e.py" "$server" "$out" "$chromium_bin"
