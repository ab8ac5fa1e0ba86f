#!/usr/bin/env python3
"""End-to-end test of morgue-search --bench: indexes corpus/, times corpus/queries/bench.tsv, and
checks the JSON report (fields, ordered percentiles, per-kind figures, hits equal to one-shot
totals), JSON Lines query files, a bad query counted without ending the run, and --threads 2.

Environment (set by meson): MORGUE_INDEX_BIN, MORGUE_SEARCH_BIN, MORGUE_CORPUS.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import morgue_e2e as e2e  # noqa: E402

FIELDS = ["queries", "passes", "threads", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms",
          "mean_ms", "qps", "by_kind", "per_query"]
STAT_FIELDS = ["queries", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms", "qps"]


def read_queries(path):
    """(kind, query) of each line of a kind<TAB>query file."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            kind, _, query = line.partition("\t")
            out.append((kind, query))
    return out


def bench(index_dir, query_file, json_file, *args):
    p = e2e.search(index_dir, "--bench", query_file, "--warmup", "1", "--repeat", "3",
                   "--json", json_file, *args)
    report = None
    if e2e.check(p.returncode == 0, f"--bench {os.path.basename(query_file)} {' '.join(args)} exits 0", p):
        try:
            with open(json_file, encoding="utf-8") as f:
                report = json.load(f)
        except (OSError, ValueError):
            e2e.check(False, "--json FILE holds a JSON object", p)
    return p, report


def ordered(stats):
    return (0 < stats["p50_ms"] <= stats["p90_ms"] <= stats["p95_ms"] <= stats["p99_ms"]
            <= stats["max_ms"] and stats["qps"] > 0 and stats["mean_ms"] <= stats["max_ms"])


def check_report(report, queries, what, threads=1):
    e2e.check(all(f in report for f in FIELDS), f"{what}: every field present "
              f"(missing: {[f for f in FIELDS if f not in report]})")
    e2e.check(report.get("queries") == len(queries), f"{what}: queries = {len(queries)}")
    e2e.check(report.get("passes") == 3 and report.get("threads") == threads,
              f"{what}: passes 3, threads {threads}")
    e2e.check(ordered(report), f"{what}: 0 < p50 <= p90 <= p95 <= p99 <= max, qps > 0 "
              f"({ {k: report.get(k) for k in STAT_FIELDS} })")
    per_query = report.get("per_query", [])
    e2e.check(len(per_query) == len(queries), f"{what}: one per_query entry per query")
    e2e.check([(q["kind"], q["query"]) for q in per_query] == queries,
              f"{what}: per_query in file order with kind and query")
    e2e.check(all(q["ms"] > 0 and isinstance(q["hits"], int) for q in per_query),
              f"{what}: every per_query entry has ms > 0 and integer hits")
    kinds = sorted({k for k, _ in queries})
    by_kind = report.get("by_kind", {})
    e2e.check(sorted(by_kind) == kinds, f"{what}: by_kind has {kinds}")
    e2e.check(all(all(f in s for f in STAT_FIELDS) and ordered(s) for s in by_kind.values()),
              f"{what}: every kind has ordered figures")
    e2e.check(sum(s["queries"] for s in by_kind.values()) == len(queries),
              f"{what}: kind counts add up")


def main():
    bench_file = os.path.join(e2e.CORPUS, "queries", "bench.tsv")
    queries = read_queries(bench_file)
    with e2e.TempDir() as tmp:
        index_dir = os.path.join(tmp, "index")
        p = e2e.index(index_dir, "--quiet", *e2e.corpus_parts())
        if not e2e.check(p.returncode == 0, "index corpus/", p):
            e2e.finish()

        # The text table on stdout, the JSON report in the file.
        json_file = os.path.join(tmp, "bench.json")
        p, report = bench(index_dir, bench_file, json_file)
        if report:
            check_report(report, queries, "bench.tsv")
            e2e.check("p50 ms" in p.stdout and "all" in p.stdout, "the table is printed", p)
            e2e.check(report.get("errors") == 0, "bench.tsv: no errors")
            # Hits are the totals a one-shot query reports.
            mismatched = []
            for q in report["per_query"]:
                total = e2e.search_json(index_dir, q["query"], "--limit", "10").get("total")
                if total != q["hits"]:
                    mismatched.append((q["query"], q["hits"], total))
            e2e.check(not mismatched, f"hits equal one-shot totals (differ: {mismatched})")
            e2e.check(any(q["hits"] > 0 for q in report["per_query"]), "some queries match")

        # Per-query TSV lines, and the JSON on stdout with --json and no file.
        p = e2e.search(index_dir, "--bench", bench_file, "--repeat", "1", "--per-query")
        lines = [l for l in p.stdout.splitlines() if l.count("\t") >= 4]
        e2e.check(p.returncode == 0 and len(lines) == len(queries) + 1,
                  "--per-query prints a header and a TSV line per query", p)
        p = e2e.search(index_dir, "--bench", bench_file, "--repeat", "1", "--json")
        try:
            e2e.check(json.loads(p.stdout)["queries"] == len(queries), "--json alone prints JSON", p)
        except (ValueError, KeyError):
            e2e.check(False, "--json alone prints JSON", p)

        # JSON Lines query files, as in ../shared/queries/.
        jsonl = os.path.join(tmp, "queries.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for kind, query in queries[:6]:
                f.write(json.dumps({"query": query, "tags": [kind, "num_tokens_2"]}) + "\n")
        _, report = bench(index_dir, jsonl, os.path.join(tmp, "jsonl.json"))
        if report:
            check_report(report, queries[:6], "queries.jsonl")

        # A bad query is counted and reported; the run goes on.
        with_bad = os.path.join(tmp, "bad.tsv")
        bad = [("or", "cocoa prices"), ("bad", "title:(oil"), ("and", "coffee AND brazil")]
        with open(with_bad, "w", encoding="utf-8") as f:
            f.write("# a comment\n" + "".join(f"{k}\t{q}\n" for k, q in bad))
        p, report = bench(index_dir, with_bad, os.path.join(tmp, "bad.json"))
        if report:
            e2e.check(report.get("errors") == 1, "the bad query is counted", p)
            e2e.check(len(report["per_query"]) == 3 and "error" in report["per_query"][1]
                      and "error" not in report["per_query"][0], "the bad query is marked", p)
            e2e.check("title:(oil" in p.stderr, "the bad query is named on stderr", p)
            e2e.no_trace(p, "bench with a bad query")

        # Two searchers at once.
        p, report = bench(index_dir, bench_file, os.path.join(tmp, "threads.json"), "--threads", "2")
        if report:
            check_report(report, queries, "--threads 2", threads=2)
            e2e.check("2 threads" in p.stdout, "the table names the threads", p)

        # Result options apply.
        _, report = bench(index_dir, bench_file, os.path.join(tmp, "plain.json"),
                          "--no-snippets", "--limit", "3")
        if report:
            check_report(report, queries, "--no-snippets --limit 3")

        # Usage errors.
        for args, what in [(["--bench", bench_file, "--repeat", "0"], "--repeat 0"),
                           (["--repeat", "2", "cocoa"], "--repeat without --bench"),
                           (["--bench", bench_file, "cocoa"], "--bench with a query"),
                           (["--bench", os.path.join(tmp, "missing.tsv")], "a missing file")]:
            p = e2e.search(index_dir, *args)
            e2e.check(p.returncode in (1, 2, 4) and p.returncode != 0
                      and p.stderr.startswith("morgue-search:"), f"{what} is an error", p)
    e2e.finish()


if __name__ == "__main__":
    main()
