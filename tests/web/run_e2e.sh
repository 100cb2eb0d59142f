#!/usr/bin/env bash
# tests/web/run_e2e.sh SERVER OUTDIR: the web inbox end-to-end test in Debian's headless chromium.
# Exit 77 (CTest: skipped) with a clear message when chromium or node is not installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
server="$1"
out="$2"
chromium_bin="${WAYMARK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ]; then
  echo "SKIPPED: chromium is not installed ($chromium_bin). Install it with: apt-get install chromium (scripts/setup-debian.sh)"
  exit 77
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are not installed. Install them with: apt-get install nodejs npm (scripts/setup-debian.sh)"
  exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
mkdir -p "$out"
exec node "$here/e2e.mjs" "$server" "$out" "$chromium_bin"
