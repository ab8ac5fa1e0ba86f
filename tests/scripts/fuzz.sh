#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for a bounded time.
# Fails on any crash, leak or timeout; the input that caused it is saved under
# $MORGUE_FUZZ_ARTIFACTS (default build-fuzz/artifacts/TARGET/): copy it to
# tests/fuzz/regressions/TARGET/ when fixing, so it replays as an ordinary test.
# Usage: tests/scripts/fuzz.sh [TARGET...]   (default: all; MORGUE_FUZZ_SECONDS per target, default 20)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MORGUE_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${MORGUE_FUZZ_SECONDS:-20}
artifacts=${MORGUE_FUZZ_ARTIFACTS:-$build/artifacts}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(jsonl text html trec reuters feed wapo nitf newsml warc query api)

if [ ! -f "$build/build.ninja" ]; then
  CXX=clang++ CC=clang meson setup "$build" "$root" -Dfuzz=true -Dbuildtype=debug -Doptimization=1 \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
[ "${MORGUE_FUZZ_NO_BUILD:-0}" = 1 ] || meson compile -C "$build" "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  mkdir -p "$artifacts/$t"
  case $t in
    query | api) seeds=("$root/tests/fuzz/seeds/$t") ;;
    feed) seeds=("$root/corpus/feeds" "$root/corpus/bad") ;;
    *) seeds=("$root/corpus/$t" "$root/corpus/bad") ;;
  esac
  seeds+=("$root/tests/fuzz/regressions/$t")
  echo "fuzz $t: ${seconds}s"
  if "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/$t/" \
       "$work" "${seeds[@]}" >"$work.log" 2>&1; then
    grep -E '^(stat::number_of_executed_units|#[0-9]+.*DONE)' "$work.log" | tail -2 || true
  else
    status=1
    echo "FAIL: fuzz $t found a problem; inputs in $artifacts/$t/:"
    ls "$artifacts/$t/"
    grep -E -A30 'ERROR|runtime error|==[0-9]+==' "$work.log" | head -60
  fi
  rm -rf "$work" "$work.log"
done
exit "$status"
