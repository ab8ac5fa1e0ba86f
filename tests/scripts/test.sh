#!/usr/bin/env bash
# Builds Morgue and runs the whole test suite (unit and end-to-end) twice: in a plain build and
# in an ASan+UBSan build; then builds the libFuzzer targets with clang and runs each for a
# bounded time. Ends with "N passed, N failed, N skipped" over all of it.
#   MORGUE_BUILD_DIR       plain build (default build/)
#   MORGUE_ASAN_BUILD_DIR  ASan+UBSan build (default build-asan/)
#   MORGUE_FUZZ_BUILD_DIR  clang fuzz build (default build-fuzz/)
#   MORGUE_SANITIZERS=0    skip the sanitizer build and its tests
#   MORGUE_FUZZ_SECONDS    seconds per fuzz target (default 20; 0 skips fuzzing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MORGUE_BUILD_DIR:-$root/build}
asan_build=${MORGUE_ASAN_BUILD_DIR:-$root/build-asan}
fuzz_build=${MORGUE_FUZZ_BUILD_DIR:-$root/build-fuzz}
fuzz_seconds=${MORGUE_FUZZ_SECONDS:-20}
started=$(date +%s)

"$root/tests/scripts/install-deps.sh"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0 failed=0 skipped=0 status=0

# Adds the counts of the meson test summary in $log to the totals.
count_results() {
  local ok fail skip timeout
  ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  skip=$(sed -n 's/^Skipped: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${fail:-0} + ${timeout:-0}))
  skipped=$((skipped + ${skip:-0}))
}

# Configures (or reconfigures) build dir $1 with the remaining arguments as options.
setup() {
  local dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$root" "$@" >/dev/null
  else
    meson setup "$dir" "$root" "$@" >/dev/null
  fi
}

echo "== plain build: $build"
setup "$build"
meson compile -C "$build"
meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$log" || status=1
count_results

if [ "${MORGUE_SANITIZERS:-1}" != 0 ]; then
  echo "== ASan+UBSan build: $asan_build"
  setup "$asan_build" -Dbuildtype=debug -Doptimization=1 -Db_sanitize=address,undefined \
    -Db_lundef=false
  meson compile -C "$asan_build"
  # Fewer kill trials and 3 of the 22 Reuters files here: each run is several times slower
  # under the sanitizers, and the plain build has already run them in full.
  ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
  LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
  MORGUE_CRASH_TRIALS=${MORGUE_ASAN_CRASH_TRIALS:-4} MORGUE_REUTERS_FILES=3 \
    meson test -C "$asan_build" --print-errorlogs --num-processes 2 --timeout-multiplier 3 2>&1 |
    tee "$log" || status=1
  count_results
fi

if [ "$fuzz_seconds" != 0 ]; then
  echo "== fuzzing: $fuzz_build, ${fuzz_seconds} s per target"
  for target in jsonl text html trec reuters feed wapo nitf newsml warc query api; do
    if MORGUE_FUZZ_BUILD_DIR="$fuzz_build" MORGUE_FUZZ_SECONDS="$fuzz_seconds" \
       "$root/tests/scripts/fuzz.sh" "$target"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      status=1
    fi
  done
fi

echo "test.sh took $(( $(date +%s) - started )) s"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
