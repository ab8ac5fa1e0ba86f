#!/usr/bin/env bash
# Builds Morgue and runs the whole test suite (unit and end-to-end); ends with "N passed, N failed".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MORGUE_BUILD_DIR:-$root/build}

"$root/tests/scripts/install-deps.sh"
if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" "$root" >/dev/null
else
  meson setup "$build" "$root"
fi
meson compile -C "$build"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$log" || status=$?

ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -1)
fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -1)
skipped=$(sed -n 's/^Skipped: *\([0-9]*\).*/\1/p' "$log" | tail -1)
timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -1)
echo "${ok:-0} passed, $(( ${fail:-0} + ${timeout:-0} )) failed, ${skipped:-0} skipped"
exit "$status"
