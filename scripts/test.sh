#!/usr/bin/env bash
# The test command: installs what is missing, builds everything, and runs every test with CTest.
#   scripts/test.sh              (build folder: build/, Release)
#   scripts/test.sh --sanitize   (build folder: build-asan/, clang -O1 with AddressSanitizer and
#                                 UndefinedBehaviorSanitizer; any report fails the test that caused it.
#                                 The same folder holds the libFuzzer targets: scripts/fuzz.sh uses it)
set -euo pipefail
cd "$(dirname "$0")/.."
SANITIZE=0
for a in "$@"; do
  case "$a" in
    --sanitize) SANITIZE=1 ;;
    *) echo "usage: scripts/test.sh [--sanitize]"; exit 2 ;;
  esac
done
bash scripts/setup-debian.sh
export SDL_AUDIODRIVER=dummy
if [ "$SANITIZE" -eq 0 ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DWAYMARK_WERROR=ON
  cmake --build build -j"$(nproc)"
  ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 900
  exit 0
fi

start=$(date +%s)
# clang, because the same folder also builds the fuzz targets (WAYMARK_FUZZ implies the sanitizers): the libraries
# are compiled once for both. Warnings are not errors here: the gcc build above is the one that enforces them.
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None -DWAYMARK_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang "${launcher[@]}"
cmake --build build-asan -j"$(nproc)"
built=$(date +%s)
# Leaks are reported (detect_leaks=1); tests/sanitizers/lsan.supp names the few that belong to libraries.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=0:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/sanitizers/ubsan.supp"
# Tests that cannot run under the sanitizers, each by name with the reason (a regex for ctest -E):
#  - GatewayNet.FiveHundredSlowConnections...: a timing bound (another client answered within 1 s while 500
#    slow connections are open); ASan's 2-3x slower gateway misses it on a loaded 2-core machine. It runs in
#    the normal suite, which is where its figure means something.
#  - web_e2e: drives Debian's chromium, which is not built with the sanitizers and takes minutes to start
#    under a sanitized server's slower answers; its gateway code is covered by web_tests under the sanitizers.
#  - SignInRoute.AnUnknownAddressTakesTheSameWorkAsAKnownOne: compares the time of two sign-ins that each do one
#    Argon2id check. libsodium is not instrumented but our code around it is, 2-3x slower, so under ASan the
#    known address's extra database work weighs as much as the hash and the ratio fell to 0.55 (bound 0.6) in a
#    loaded run (it passed alone). It runs in the normal suite, where the ratio measures the hashing.
EXCLUDE='GatewayNet\.FiveHundredSlowConnections|SignInRoute\.AnUnknownAddressTakesTheSameWorkAsAKnownOne|^web_e2e$'
# The PostgreSQL entries (label pg) run each test program whole, so they are told the same by gtest's own filter
# (a discovered test's --gtest_filter overrides it; only the whole-program runs read it).
export GTEST_FILTER='-GatewayNet.FiveHundredSlowConnections*:*SignInRoute.AnUnknownAddressTakesTheSameWorkAsAKnownOne*'
status=0
# Sanitized programs run 2-3 times slower: the same per-test timeout, doubled.
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" --timeout 1800 -E "$EXCLUDE" || status=$?
echo "test.sh --sanitize: build $((built - start)) s, suite $(( $(date +%s) - built )) s"
exit $status
