#!/usr/bin/env bash
# Plays the kiosk's UI scripts (tests/ui/**.wms, the accessibility screens and the demo tour's features) at
# awkward dates, to show that nothing a child sees depends on the day the tests run. For each date both the
# product's "now" (WAYMARK_NOW, read by core's one clock) and the machine's clock (faketime, for anything that
# reads it behind our back: SQLite, OpenSSL, the C library) are moved there, in the UK's time zone.
#   scripts/test-dates.sh [BUILD_DIR]      after scripts/test.sh has built BUILD_DIR (default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
command -v faketime >/dev/null || { echo "test-dates: faketime is missing (Debian package faketime)"; exit 2; }
[ -e /usr/share/zoneinfo/Europe/London ] || { echo "test-dates: time zone data is missing (Debian package tzdata)"; exit 2; }

# 29 February; the last half hour of a year; the half hour before the UK clocks go forward (01:00 UTC).
DATES=("2028-02-29 10:00:00" "2026-12-31 23:30:00" "2027-03-28 00:30:00")
UI_TESTS='UiScript|A11yScreens|MyViewsUi|Courses|Staff|DemoTour'

export TZ=Europe/London SDL_AUDIODRIVER=dummy
# Timeouts and waits use the monotonic clock: leave it alone so only the calendar moves.
export FAKETIME_DONT_FAKE_MONOTONIC=1
status=0
for d in "${DATES[@]}"; do
  now="$(TZ=UTC date -d "$d UTC" +%Y-%m-%dT%H:%M:%SZ)"
  echo "test-dates: UI scripts at $now (faketime and WAYMARK_NOW)"
  if ! WAYMARK_NOW="$now" faketime -f "@$(TZ=UTC date -d "$d UTC" '+%Y-%m-%d %H:%M:%S')" \
      ctest --test-dir "$BUILD" -R "$UI_TESTS" -j"$(nproc)" --timeout 600 --output-on-failure; then
    echo "test-dates: FAILED at $now"
    status=1
  fi
done
exit $status
