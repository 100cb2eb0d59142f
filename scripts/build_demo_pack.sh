#!/bin/sh
# Rebuilds assets/catalogue/ and signs assets/packs/demo.pack with the DEMO curator key.
# The demo key's secret half is in assets/keys/demo-curator.key ONLY because it is a demo key that signs demo
# content: a real curator key never goes into the repository or onto a wing device.
#   usage: scripts/build_demo_pack.sh [path/to/waymarkctl]
set -eu
cd "$(dirname "$0")/.."
CTL="${1:-build/waymarkctl}"
python3 scripts/import_la.py
python3 scripts/make_demo_catalogue.py
mkdir -p assets/packs assets/keys
if [ ! -f assets/keys/demo-curator.key ]; then
  "$CTL" keys generate --name "Waymark demo curator" --out assets/keys/demo-curator
fi
# as of the generator's AS_OF; the demo pack lasts five years (demo-seed moves listing dates up to today).
# Version 2: Welsh words for the listings in Wales. A new content version is always a higher number.
"$CTL" pack build --from assets/catalogue --id demo --version 2 --as-of 2026-11-02 --expires 2031-11-02 \
  --key assets/keys/demo-curator.key --out assets/packs/demo.pack
"$CTL" pack verify assets/packs/demo.pack --key assets/keys/demo-curator.pub
