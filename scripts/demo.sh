#!/usr/bin/env bash
# The demo command: installs what is missing, builds, seeds the demo establishment into ./demo-data
# (only if it is not there yet) and runs the kiosk. With a display it opens full screen (leave it with
# the staff PIN: Staff, 9002, 7531, Leave the kiosk). Without a display it plays a short tour headless
# and writes screenshots to ./demo-shots.
#   scripts/demo.sh [--windowed]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target waymark-kiosk waymarkctl
DATA="${WAYMARK_DEMO_DATA:-$PWD/demo-data}"
# The PIN pepper sits beside the data folder, never in it (docs/operating.md, "Children's PINs on a device"); a
# wing device has a TPM-sealed systemd credential instead. Delete demo-data and demo-pin-pepper together.
export WAYMARK_PIN_PEPPER_FILE="${WAYMARK_PIN_PEPPER_FILE:-$PWD/demo-pin-pepper}"
if [ ! -e "$WAYMARK_PIN_PEPPER_FILE" ]; then
  (umask 077 && head -c 32 /dev/urandom >"$WAYMARK_PIN_PEPPER_FILE")
fi
./build/waymarkctl demo-seed --data "$DATA"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/waymark-kiosk --data "$DATA" "$@"
fi
SHOTS="$PWD/demo-shots"
rm -rf "$SHOTS"
echo "demo: no display found, so the kiosk plays a short tour headless"
SDL_AUDIODRIVER=dummy ./build/waymark-kiosk --data "$DATA" --headless --script assets/tour/demo-tour.wms --shots "$SHOTS"
echo "demo: screenshots of the tour are in $SHOTS:"
ls -1 "$SHOTS"
