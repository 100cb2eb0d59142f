#!/usr/bin/env bash
# The test command: installs what is missing, builds everything, and runs every test with CTest.
#   scripts/test.sh            (build folder: build/)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DWAYMARK_WERROR=ON
cmake --build build -j"$(nproc)"
export SDL_AUDIODRIVER=dummy
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 900
