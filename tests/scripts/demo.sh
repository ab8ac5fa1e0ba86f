#!/usr/bin/env bash
# Installs what is missing, builds Morgue, indexes the bundled corpus/ and runs a few searches.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MORGUE_BUILD_DIR:-$root/build}
index=${MORGUE_INDEX:-$root/build/corpus.morgue}

"$root/tests/scripts/install-deps.sh"
[ -f "$build/build.ninja" ] || meson setup "$build" "$root"
meson compile -C "$build"

# corpus/bad/ holds deliberately broken files: index it too, to see the error lines (exit 2).
"$build/indexer/morgue-index" --index "$index" "$root/corpus" || [ $? -eq 2 ]
for query in 'territorial dispute' '"prime minister"' 'coffee AND brazil' 'topic:cocoa'; do
  echo
  echo "\$ morgue-search --index $(basename "$index") '$query'"
  "$build/searcher/morgue-search" --index "$index" --limit 3 "$query"
done
echo
echo "Search it in a browser: $build/server/morgue-serve --index $index, then open http://127.0.0.1:8080/"
