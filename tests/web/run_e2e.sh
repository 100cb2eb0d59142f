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
# Under libfaketime (scripts/test-dates.sh, or the suite run at a faked date) python's sleeps fail and chromium
# does not start, so both run on the machine's real clock; e2e.py puts the faked clock back for the gateway
# it starts (WAYMARK_E2E_PRELOAD), which is the program whose dates matter.
if [ -n "${LD_PRELOAD:-}" ]; then
  export WAYMARK_E2E_PRELOAD="$LD_PRELOAD"
  unset LD_PRELOAD
fi
exec python3 "$here/e2e.py" "$server" "$out" "$chromium_bin"
