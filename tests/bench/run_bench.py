#!/usr/bin/env python3
"""The `meson test --benchmark` driver: indexes corpus/ into a temp dir, then times its bench
queries with morgue-search --bench and prints the per-query TSV and the summary table.

Environment (set by meson): MORGUE_INDEX_BIN, MORGUE_SEARCH_BIN, MORGUE_CORPUS, MORGUE_BUILDTYPE;
MORGUE_BENCH_REPEAT (default 20) and MORGUE_BENCH_WARMUP (default 2) override the passes.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

INDEX_BIN = os.environ.get("MORGUE_INDEX_BIN", "morgue-index")
SEARCH_BIN = os.environ.get("MORGUE_SEARCH_BIN", "morgue-search")
CORPUS = os.environ.get("MORGUE_CORPUS", os.path.join(os.path.dirname(__file__), "..", "..", "corpus"))
PARTS = ["reuters", "text", "html", "trec", "jsonl"]


def main():
    buildtype = os.environ.get("MORGUE_BUILDTYPE", "")
    if buildtype not in ("release", "debugoptimized"):
        print(f"note: a {buildtype or 'non-release'} build; configure with --buildtype=release "
              "for figures worth comparing")
    queries = os.path.join(CORPUS, "queries", "bench.tsv")
    repeat = os.environ.get("MORGUE_BENCH_REPEAT", "20")
    warmup = os.environ.get("MORGUE_BENCH_WARMUP", "2")
    tmp = tempfile.mkdtemp(prefix="morgue-bench-")
    try:
        index_dir = os.path.join(tmp, "index")
        parts = [os.path.join(CORPUS, p) for p in PARTS if os.path.isdir(os.path.join(CORPUS, p))]
        start = time.monotonic()
        p = subprocess.run([INDEX_BIN, "--index", index_dir, "--quiet", *parts],
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            return 1
        print(f"indexed corpus/ in {time.monotonic() - start:.2f} s")
        try:
            with open("/proc/loadavg", encoding="ascii") as f:
                print("load average: " + " ".join(f.read().split()[:3]))
        except OSError:
            pass
        print()
        for label, extra in [("default output (snippets, collapse)", []),
                             ("no snippets", ["--no-snippets"])]:
            print(f"== {label} ==")
            p = subprocess.run([SEARCH_BIN, "--index", index_dir, "--bench", queries,
                                "--warmup", warmup, "--repeat", repeat, "--per-query", *extra],
                               capture_output=True, text=True)
            sys.stdout.write(p.stdout)
            sys.stderr.write(p.stderr)
            if p.returncode != 0:
                return 1
            print()
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
