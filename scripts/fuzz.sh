#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (build folder build-asan/, shared with
# scripts/test.sh --sanitize, so after that only the fuzz targets are linked) and runs each for SECONDS
# (fuzz_web, which reaches the most routes, for twice SECONDS when every target runs),
# on a temporary copy of its seeds (tests/fuzz/make_seeds.py plus tests/fuzz/corpus/TARGET/), so the
# repository does not change. Exits 1 when any target crashed, leaked, hung or ran out of memory, printing the
# reproducer; rerun one with build-asan/tests/fuzz/TARGET FILE. See README.md, "Sanitizers and fuzzing".
#   scripts/fuzz.sh SECONDS [TARGET ...]        e.g. scripts/fuzz.sh 10, scripts/fuzz.sh 600 fuzz_pack
#   FUZZ_KEEP=DIR scripts/fuzz.sh ...           keep each target's grown corpus in DIR/TARGET (long runs)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh SECONDS [TARGET ...]"
  exit 2
fi
SECONDS_EACH=$1
shift
command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (Debian package clang; scripts/setup-debian.sh)"; exit 2; }
start=$(date +%s)

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None -DWAYMARK_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang "${launcher[@]}" >/dev/null
if [ $# -gt 0 ]; then
  TARGETS=("$@")
else
  TARGETS=()
  for f in tests/fuzz/fuzz_*.cpp; do TARGETS+=("$(basename "$f" .cpp)"); done
fi
cmake --build build-asan -j"$(nproc)" --target "${TARGETS[@]}"
built=$(date +%s)
declare -A DICT=(
  [fuzz_pack]=pack [fuzz_pack_manifest]=json [fuzz_pack_content]=csv [fuzz_form]=json [fuzz_csv]=csv
  [fuzz_listings_import]=csv [fuzz_script]=script [fuzz_gateway_device]=json [fuzz_web]=http [fuzz_kiosk_sync]=json [fuzz_plan]=json [fuzz_wire]=json
)

# In a run of every target (CI), fuzz_web, which reaches the most code (the worker pages, /v1, establishment IT's
# forms, the board's report), gets twice the time; a target named on the command line gets SECONDS.
declare -A WEIGHT=()
if [ $# -eq 0 ]; then WEIGHT=([fuzz_web]=2); fi

work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 tests/fuzz/make_seeds.py "$work/seeds"
artifacts="$PWD/build-asan/artifacts"
mkdir -p "$artifacts"
# Leaks count as findings; a report stops the run with a stack trace.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=()
for t in "${TARGETS[@]}"; do
  bin="build-asan/tests/fuzz/$t"
  [ -x "$bin" ] || { echo "fuzz: no target $t"; exit 2; }
  corpus="$work/corpus/$t"
  mkdir -p "$corpus"
  cp -r "$work/seeds/$t/." "$corpus/" 2>/dev/null || true
  cp -r "tests/fuzz/corpus/$t/." "$corpus/" 2>/dev/null || true
  dict=()
  if [ -n "${DICT[$t]:-}" ]; then dict=(-dict="tests/fuzz/${DICT[$t]}.dict"); fi
  secs=$(( SECONDS_EACH * ${WEIGHT[$t]:-1} ))
  echo "fuzz: $t for ${secs} s"
  log="$work/$t.log"
  t0=$(date +%s)
  if "$bin" "$corpus" "${dict[@]}" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=30 -max_len=65536 \
       -artifact_prefix="$artifacts/$t-" -print_final_stats=1 >"$log" 2>&1; then
    # one line per target for the record: inputs run, seconds (start-up included), final corpus size
    runs=$(grep -oE "^stat::number_of_executed_units: [0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
    echo "fuzz: $t: $runs inputs in $(( $(date +%s) - t0 )) s, corpus $(find "$corpus" -type f | wc -l) files"
  else
    failed+=("$t")
    tail -n 60 "$log"
    repro=$(grep -oE "Test unit written to [^ ]+" "$log" | tail -n1 | sed 's/Test unit written to //' || true)
    echo "fuzz: $t FAILED; reproducer: ${repro:-see the log above}  (run: $bin ${repro:-FILE})"
  fi
  if [ -n "${FUZZ_KEEP:-}" ]; then mkdir -p "$FUZZ_KEEP/$t" && cp -r "$corpus/." "$FUZZ_KEEP/$t/"; fi
done
end=$(date +%s)
echo "fuzz: ${#TARGETS[@]} targets, ${SECONDS_EACH} s each${WEIGHT[fuzz_web]:+ (fuzz_web twice that)}; build $((built - start)) s, total $((end - start)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
