#!/usr/bin/env python3
"""Growth curve: several runs of the peer harness on corpora of growing size (each run's
summary.json) folded into one JSON of figures per engine and size, and drawn as one SVG
(articles/s, CPU seconds, index MiB, and p50 / p99 per query set, against the number of
articles, log scale). Needs gnuplot (Debian: gnuplot-nox).

    tests/bench/plot_growth.py OUT.json OUT.svg RUN1/summary.json RUN2/summary.json ...
"""
import json
import os
import subprocess
import sys
import tempfile


def growth(summaries):
    """{"sizes": [...], "query_sets": [...], "engines": {engine: [{size figures}, ...]}}."""
    runs = sorted(summaries, key=lambda s: s["meta"]["corpus_docs"])
    qsets = [q for q in runs[0]["meta"]["query_sets"] if all(q in r["meta"]["query_sets"] for r in runs)]
    engines = [e for e in runs[0]["meta"]["engines"] if all(e in r["engines"] for r in runs)]
    out = {"sizes": [r["meta"]["corpus_docs"] for r in runs], "query_sets": qsets,
           "corpora": [r["meta"]["corpus_name"] for r in runs],
           "dates": [r["meta"]["date"] for r in runs], "engines": {}}
    for e in engines:
        rows = []
        for r in runs:
            index = r["engines"][e]["index"]
            row = {"articles": r["meta"]["corpus_docs"], "articles_per_s": round(index["docs_per_s"]),
                   "cpu_s": round(index.get("cpu_seconds") or 0, 1), "index_MiB": round(index["index_MiB"], 1),
                   "peak_rss_MiB": round(index["peak_rss_MiB"], 1)}
            for q in qsets:
                s = r["engines"][e]["search"][q]
                row[q] = {"p50_ms": round(s["p50_ms"], 3), "p99_ms": round(s["p99_ms"], 3)}
            rows.append(row)
        out["engines"][e] = rows
    return out


def write_rows(path, rows):
    with open(path, "w") as f:
        for row in rows:
            f.write("\t".join(str(v) for v in row) + "\n")


def gnuplot_script(data, data_dir, out_path):
    engines = list(data["engines"])
    colours = ["#4477aa", "#ee6677", "#228833", "#ccbb44"]
    for e in engines:
        rows = []
        for row in data["engines"][e]:
            line = [row["articles"], row["articles_per_s"], row["cpu_s"], row["index_MiB"]]
            for q in data["query_sets"]:
                line += [row[q]["p50_ms"], row[q]["p99_ms"]]
            rows.append(line)
        write_rows(os.path.join(data_dir, f"{e}.tsv"), rows)

    def panel(title, ylabel, column, what=""):
        plots = ", ".join(f"'{e}.tsv' using 1:{column} with linespoints linewidth 2 pointtype 7 "
                          f"linecolor rgb '{colours[n % len(colours)]}' title '{e}{what}'"
                          for n, e in enumerate(engines))
        return f'set title "{title}"\nset ylabel "{ylabel}"\nplot {plots}\n'

    panels = [panel("Indexing rate: articles/s, higher is better", "articles/s", 2),
              panel("Indexing CPU seconds, lower is better", "CPU s", 3),
              panel("Index size on disk: MiB", "MiB", 4)]
    for n, q in enumerate(data["query_sets"]):
        col = 5 + 2 * n
        plots = []
        for k, e in enumerate(engines):
            colour = colours[k % len(colours)]
            plots.append(f"'{e}.tsv' using 1:{col} with linespoints linewidth 2 pointtype 7 "
                         f"linecolor rgb '{colour}' title '{e} p50'")
            plots.append(f"'{e}.tsv' using 1:{col + 1} with linespoints linewidth 2 dashtype 2 "
                         f"pointtype 5 linecolor rgb '{colour}' title '{e} p99'")
        panels.append(f'set title "Query latency, {q}: ms, lower is better"\nset ylabel "ms"\n'
                      f"plot {', '.join(plots)}\n")
    height = 280 * len(panels)
    return (f"""set terminal svg size 760,{height} dynamic font "sans,12" background rgb "white"
set output '{out_path}'
set multiplot layout {len(panels)},1
set grid
set logscale x
set xlabel "articles in the archive"
set format x "%.0s%c"
set key top left
set yrange [0:*]
""" + "".join(panels) + "unset multiplot\n")


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: plot_growth.py OUT_JSON OUT_SVG SUMMARY_JSON...")
    summaries = []
    for path in sys.argv[3:]:
        with open(path) as f:
            summaries.append(json.load(f))
    data = growth(summaries)
    with open(sys.argv[1], "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    out_path = os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as data_dir:
        # gnuplot runs in the data folder, so the SVG names no temporary path.
        p = subprocess.run(["gnuplot"], input=gnuplot_script(data, data_dir, out_path), text=True,
                           capture_output=True, cwd=data_dir)
        if p.returncode != 0:
            sys.exit(f"plot_growth.py: gnuplot failed: {p.stderr.strip()}")
    print(f"wrote {sys.argv[1]} and {sys.argv[2]}")


main()
