#!/usr/bin/env python3
"""Draws the peer harness's summary.json as one SVG: indexing rate per engine, and latency
percentiles (p50, p95, p99) per engine for each query set. Needs gnuplot (Debian: gnuplot-nox).

    tests/bench/plot_peers.py OUT/summary.json docs/peers-reuters.svg
"""
import json
import os
import subprocess
import sys
import tempfile


def write_rows(path, rows):
    with open(path, "w") as f:
        for row in rows:
            f.write("\t".join(str(v) for v in row) + "\n")


def gnuplot_script(summary, data_dir, out_path):
    """The gnuplot commands; data files are written under `data_dir`, named relative to it."""
    meta = summary["meta"]
    engines = meta["engines"]
    qsets = meta["query_sets"]
    index_rows = [(e, round(summary["engines"][e]["index"]["docs_per_s"])) for e in engines]
    write_rows(os.path.join(data_dir, "index.tsv"), index_rows)
    panels = [f"""
set title "Indexing {meta['corpus_name']} ({meta['corpus_docs']:,} articles): articles/s, higher is better"
set ylabel "articles/s"
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.8
set yrange [0:*]
unset key
plot 'index.tsv' using 2:xtic(1) linecolor rgb "#4477aa", \\
     '' using 0:2:2 with labels offset 0,0.7 notitle
"""]
    for n, qset in enumerate(qsets):
        rows = []
        for e in engines:
            s = summary["engines"][e].get("search", {}).get(qset)
            if s:
                rows.append((e, f"{s['p50_ms']:.3f}", f"{s['p95_ms']:.3f}", f"{s['p99_ms']:.3f}"))
        name = f"lat{n}.tsv"
        write_rows(os.path.join(data_dir, name), rows)
        panels.append(f"""
set title "Query latency, {qset}: ms, lower is better (top 10, median of {meta['passes']} passes)"
set ylabel "ms"
set key top left
set yrange [0:*]
plot '{name}' using 2:xtic(1) title "p50" linecolor rgb "#66ccee", \\
     '' using 3 title "p95" linecolor rgb "#4477aa", \\
     '' using 4 title "p99" linecolor rgb "#223355"
""")
    height = 300 * len(panels)
    return (f"""set terminal svg size 760,{height} dynamic font "sans,12" background rgb "white"
set output '{out_path}'
set multiplot layout {len(panels)},1
set grid ytics
""" + "".join(panels) + "unset multiplot\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: plot_peers.py SUMMARY_JSON OUT_SVG")
    with open(sys.argv[1]) as f:
        summary = json.load(f)
    out_path = os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as data_dir:
        # gnuplot runs in the data folder, so the SVG (which quotes the plot commands) names no
        # temporary path.
        script = gnuplot_script(summary, data_dir, out_path)
        p = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True, cwd=data_dir)
        if p.returncode != 0:
            sys.exit(f"plot_peers.py: gnuplot failed: {p.stderr.strip()}")
    print(f"wrote {sys.argv[2]}")


main()
