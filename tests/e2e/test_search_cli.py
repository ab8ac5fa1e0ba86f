#!/usr/bin/env python3
"""End-to-end test of morgue-search: indexes corpus/ with the real morgue-index, then runs the
real morgue-search and checks exit codes, stdout and stderr.

Query expectations live in tests/e2e/cases/*.txt, one case per line:

    MODE | QUERY | EXPECTED

  order        the hits are exactly the EXPECTED ids (space-separated), in this order
  first        the first hits are the EXPECTED ids, in this order
  top N        each EXPECTED id is among the first N hits
  count        the query matches exactly EXPECTED articles
  none         the query matches nothing (EXPECTED left empty)
  error        exit code 3 and one stderr line "morgue-search: error: query: ..."

Blank lines and lines starting with '#' are ignored. Every search runs with --json, so ids are
compared exactly. Environment (set by meson): MORGUE_INDEX_BIN, MORGUE_SEARCH_BIN,
MORGUE_CORPUS. Exits 77 (skip) only when a binary is missing.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

CASES_DIR = Path(__file__).resolve().parent / "cases"
SEED_ID = "text/putin-abe-nagato.txt"
TRACE_SIGNS = ("Traceback", "terminate called", "what():", "Aborted", "Segmentation fault",
               "core dumped", "Xapian::")

failures = []
checks = 0


def check(condition, label, detail="", quiet=False):
    """Counts one check; prints it (always when it fails, unless `quiet` when it passes)."""
    global checks
    checks += 1
    if condition:
        if not quiet:
            print(f"ok    {label}")
    else:
        print(f"FAIL  {label}" + (f"\n      {detail}" if detail else ""))
        failures.append(label)
    return condition


def env_path(name):
    value = os.environ.get(name)
    if not value or not Path(value).exists():
        print(f"skip: {name} is not set or does not exist ({value!r})")
        sys.exit(77)
    return value


INDEX_BIN = env_path("MORGUE_INDEX_BIN")
SEARCH_BIN = env_path("MORGUE_SEARCH_BIN")
CORPUS = os.environ.get("MORGUE_CORPUS") or str(Path(__file__).resolve().parents[2] / "corpus")


def run(args, env_extra=None, stdin_text=None):
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.pop("MORGUE_INDEX", None)
    env.update(env_extra or {})
    proc = subprocess.run(args, capture_output=True, text=True, env=env,
                          input=stdin_text if stdin_text is not None else "",
                          timeout=120)
    for sign in TRACE_SIGNS:
        check(sign not in proc.stderr, f"no trace on stderr of {' '.join(args[1:])[:70]}",
              proc.stderr, quiet=True)
    return proc


def search_json(index, query, limit=10):
    # Totals here are compared with article counts, so wire copies are not collapsed.
    proc = run([SEARCH_BIN, "--index", index, "--limit", str(limit), "--json", "--no-collapse",
                "--", query])
    if not check(proc.returncode == 0, f"search {query!r} exits 0",
                 f"exit {proc.returncode}, stderr: {proc.stderr.strip()}", quiet=True):
        return None
    lines = proc.stdout.splitlines()
    if not check(len(lines) == 1, f"search {query!r} prints one JSON line", proc.stdout[:300],
                 quiet=True):
        return None
    return json.loads(lines[0])


def read_cases():
    for path in sorted(CASES_DIR.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 3:
                raise SystemExit(f"{path.name}:{number}: expected 'MODE | QUERY | EXPECTED'")
            yield f"{path.name}:{number}", parts[0], parts[1], parts[2]


def run_case(index, where, mode, query, expected):
    label = f"{where} {mode} {query!r}"
    if mode == "error":
        proc = run([SEARCH_BIN, "--index", index, "--", query])
        lines = proc.stderr.splitlines()
        check(proc.returncode == 3 and len(lines) == 1
              and lines[0].startswith("morgue-search: error: query:")
              and proc.stdout == "",
              f"{label} -> exit 3, one error line",
              f"exit {proc.returncode}, stderr: {proc.stderr!r}, stdout: {proc.stdout[:200]!r}")
        return
    want = expected.split()
    limit = 10
    if mode.startswith("top "):
        limit = int(mode.split()[1])
    elif mode in ("order", "first"):
        limit = max(limit, len(want) + 1)
    page = search_json(index, query, limit)
    if page is None:
        return
    got = [hit["id"] for hit in page["hits"]]
    detail = f"got {got} (total {page['total']}), expected {want}"
    if mode == "order":
        check(got == want, f"{label} -> exactly {want}", detail)
    elif mode == "first":
        check(got[:len(want)] == want, f"{label} -> starts with {want}", detail)
    elif mode.startswith("top "):
        missing = [i for i in want if i not in got]
        check(not missing, f"{label} -> {want} in top {limit}", detail)
    elif mode == "count":
        check(page["total_exact"] and page["total"] == int(expected),
              f"{label} -> exactly {expected} matches",
              f"total {page['total']} (exact: {page['total_exact']})")
    elif mode == "none":
        check(page["total"] == 0 and got == [], f"{label} -> no matches", detail)
    else:
        check(False, f"{label}: unknown mode {mode!r}")


def total(index, query):
    page = search_json(index, query, 0)
    return page["total"] if page else -1


def check_boolean_arithmetic(index):
    for a, b in (("cocoa", "coffee"), ("oil", "opec"), ("place:usa", "year:1987")):
        na, nb = total(index, a), total(index, b)
        n_and = total(index, f"{a} AND {b}")
        n_or = total(index, f"{a} OR {b}")
        n_not = total(index, f"{a} NOT {b}")
        n_xor = total(index, f"{a} XOR {b}")
        check(na > 0 and nb > 0, f"{a!r} and {b!r} both match something", f"{na}, {nb}")
        check(n_or == na + nb - n_and, f"|{a} OR {b}| = |{a}| + |{b}| - |{a} AND {b}|",
              f"{n_or} vs {na} + {nb} - {n_and}")
        check(n_not == na - n_and, f"|{a} NOT {b}| = |{a}| - |{a} AND {b}|",
              f"{n_not} vs {na} - {n_and}")
        check(n_xor == n_or - n_and, f"|{a} XOR {b}| = |{a} OR {b}| - |{a} AND {b}|",
              f"{n_xor} vs {n_or} - {n_and}")


def check_json_output(index):
    page = search_json(index, "cocoa", 3)
    if page is None:
        return
    check(set(page) >= {"query", "total", "total_exact", "hits"}, "JSON page has its fields",
          str(sorted(page)))
    check(page["query"] == "cocoa" and isinstance(page["total_exact"], bool),
          "JSON query and total_exact", str(page)[:200])
    for hit in page["hits"]:
        check(set(hit) >= {"rank", "id", "score", "title", "date", "source", "snippet"},
              f"JSON hit {hit.get('id')} has its fields", str(sorted(hit)))
        check(hit["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", hit["date"]),
              f"JSON hit {hit.get('id')} date is YYYY-MM-DD or null", str(hit["date"]))
    ranks = [hit["rank"] for hit in page["hits"]]
    check(ranks == list(range(1, len(ranks) + 1)), "JSON ranks count from 1", str(ranks))
    scores = [hit["score"] for hit in page["hits"]]
    check(scores == sorted(scores, reverse=True), "ranked hits are best first", str(scores))
    check(any("[cocoa]" in hit["snippet"].lower() for hit in page["hits"]),
          "JSON snippets mark matched words with [ ]", str([h["snippet"] for h in page["hits"]]))

    seed = search_json(index, f"id:{SEED_ID}", 1)
    if seed and check(len(seed["hits"]) == 1, "the seed article is indexed", str(seed)):
        check(seed["hits"][0]["date"] is None, "undated seed article has date null",
              str(seed["hits"][0]))

    newest = search_json(index, "topic:cocoa", 10)
    if newest:
        dates = [hit["date"] for hit in newest["hits"]]
        check(dates == sorted(dates, reverse=True), "pure filter lists newest first", str(dates))


def check_text_output(index):
    proc = run([SEARCH_BIN, "--index", index, "--limit", "2", "cocoa"])
    out = proc.stdout
    check(proc.returncode == 0 and proc.stderr == "", "text search exits 0, quiet stderr",
          proc.stderr)
    check(out.startswith("1. "), "text output starts with rank 1", out[:200])
    check("[cocoa]" in out.lower(), "plain output (not a terminal) marks matches with [ ]",
          out[:400])
    check("\x1b[" not in out, "no ANSI escapes when stdout is not a terminal", repr(out[:200]))
    check(re.search(r"\d{4}-\d\d-\d\d · reuters21578 · id 1\b", out) is not None,
          "text shows date, source and id", out[:400])
    check(re.search(r"^\d+ match(es)?, showing 1-2, best first$", out, re.M) is not None,
          "text ends with the exact total", out[-200:])

    colored = run([SEARCH_BIN, "--index", index, "--color", "always", "cocoa"]).stdout
    check("\x1b[1m" in colored, "--color always uses ANSI bold", repr(colored[:200]))

    env_proc = run([SEARCH_BIN, "--json", "cocoa"], env_extra={"MORGUE_INDEX": index})
    check(env_proc.returncode == 0 and '"hits"' in env_proc.stdout,
          "MORGUE_INDEX stands in for --index", env_proc.stderr)


def check_stats(index):
    documents = total(index, "-id:no-such-article-id")
    proc = run([SEARCH_BIN, "--index", index, "--stats", "--json"])
    if not check(proc.returncode == 0, "--stats --json exits 0", proc.stderr):
        return
    stats = json.loads(proc.stdout)
    check(set(stats) >= {"documents", "language", "phrase_mode", "first_date", "last_date",
                         "sources"}, "--stats JSON has its fields", str(sorted(stats)))
    check(stats["documents"] == documents and documents > 500,
          "--stats counts every article", f"{stats['documents']} vs {documents} matched by -id:x")
    check(stats["first_date"] is not None and stats["first_date"] <= "1987-02-26",
          "first date is no later than Reuters NEWID 1", str(stats["first_date"]))
    check(stats["undated"] >= 1, "the undated seed article is counted", str(stats["undated"]))
    sources = {s["source"]: s["documents"] for s in stats["sources"]}
    check(sources.get("reuters21578", 0) == total(index, "source:reuters21578"),
          "source count matches source: query", str(sources))

    text = run([SEARCH_BIN, "--index", index, "--stats"])
    check(text.returncode == 0 and re.search(r"^articles\s+[\d,]+$", text.stdout, re.M)
          and re.search(r"^language\s+english$", text.stdout, re.M),
          "--stats text shows articles and language", text.stdout)


def check_usage_and_index_errors(index, workdir):
    missing = str(Path(workdir) / "no-such-index")
    proc = run([SEARCH_BIN, "--index", missing, "cocoa"])
    lines = proc.stderr.splitlines()
    check(proc.returncode == 4 and len(lines) == 1 and missing in lines[0]
          and lines[0].startswith("morgue-search: error:"),
          "missing index -> exit 4, one line naming it", f"exit {proc.returncode}: {proc.stderr!r}")

    not_index = Path(workdir) / "not-an-index"
    not_index.mkdir()
    proc = run([SEARCH_BIN, "--index", str(not_index), "cocoa"])
    check(proc.returncode == 4 and len(proc.stderr.splitlines()) == 1,
          "a directory that is no index -> exit 4, one line", proc.stderr)

    for args, label in (([], "no query"), (["--bogus", "cocoa"], "unknown option"),
                        (["--limit", "x", "cocoa"], "bad --limit")):
        proc = run([SEARCH_BIN, "--index", index] + args)
        lines = proc.stderr.splitlines()
        check(proc.returncode == 1 and len(lines) == 1 and "--help" in lines[0],
              f"{label} -> exit 1 with a one-line hint", f"exit {proc.returncode}: {proc.stderr!r}")

    proc = run([SEARCH_BIN, "--index", index, "--json"], stdin_text="cocoa\n\n# note\n(bad\nid:1\n")
    lines = proc.stdout.splitlines()
    check(proc.returncode == 3 and len(lines) == 3 and '"error"' in lines[1]
          and proc.stderr.startswith("morgue-search: line 4: query '(bad': ")
          and len(proc.stderr.splitlines()) == 1,
          "batch: one JSON line per query (the bad one with its error), one error line naming "
          "the input line, exit 3",
          f"exit {proc.returncode}, stdout {proc.stdout[:200]!r}, stderr {proc.stderr!r}")


def check_option_values(index, workdir):
    """Every option --help shows with a value takes the next word as that value, never as a query
    word: "--sort newest cocoa" searches cocoa. Read from --help, so a new option is covered."""
    help_text = run([SEARCH_BIN, "--help"]).stdout
    options = re.findall(r"^  (?:-\w \[ )?--([a-z][a-z-]*)(?: \])? ([A-Z][A-Z0-9,\[\]]*) ",
                         help_text, re.M)
    topics = Path(workdir) / "option-topics.tsv"
    topics.write_text("1\tcocoa\n")
    values = {"N": "3", "DIR": index, "ORDER": "newest", "DATE": "1987", "LIST": "source",
              "SECONDS": "5", "WHEN": "never", "K1,B[,MIN[,K3]]": "1.2,0.75",
              "DOCS[,TERMS[,WEIGHT]]": "5,10,0.3", "WEIGHT[,WINDOW]": "0.1,8", "ID": "275", "TAG": "t",
              "FILE": str(topics)}
    check(len(options) >= 15 and ("limit", "N") in options and ("sort", "ORDER") in options,
          "--help shows the options with their values", str(options))
    for name, value_name in options:
        value = values.get(value_name)
        if not check(value is not None, f"--{name}: a sample {value_name} is known to the test"):
            continue
        # Boost also takes an unambiguous abbreviation ("--lim 3"); so must the word split.
        names = re.findall(r"^  (?:-\w \[ )?--([a-z][a-z-]*)", help_text, re.M)
        short = next((name[:n] for n in range(3, len(name))
                      if sum(other.startswith(name[:n]) for other in names) == 1), None)
        for args in [["--" + name, value]] + ([["--" + short, value]] if short else []):
            proc = run([SEARCH_BIN, "--index", index, "--json"] + args + ["cocoa"])
            if proc.returncode == 0 and proc.stdout.startswith("{"):
                query = json.loads(proc.stdout.splitlines()[0]).get("query")
                check(query in ("cocoa", None), f"{' '.join(args)} cocoa: the query is cocoa",
                      f"got {query!r}", quiet=True)
            else:
                # Refused for what the option means (e.g. --warmup without --bench), but never
                # because its value was taken for a query word.
                check("required argument" not in proc.stderr and "ambiguous" not in proc.stderr
                      and len(proc.stderr.splitlines()) <= 1,
                      f"{' '.join(args)} cocoa: the option has its value",
                      f"exit {proc.returncode}: {proc.stderr!r}", quiet=True)
    for args, want in ((["-n2", "cocoa"], "cocoa"), (["-news", "cocoa"], "-news cocoa"),
                       (["-c", "cocoa"], "-c cocoa"), (["--", "--limit", "cocoa"], "--limit cocoa")):
        proc = run([SEARCH_BIN, "--index", index, "--json"] + args)
        query = json.loads(proc.stdout.splitlines()[0]).get("query") if proc.returncode == 0 else None
        check(query == want, f"{' '.join(args)}: the query is {want!r}",
              f"exit {proc.returncode}: {proc.stderr!r} {query!r}")


def main():
    with tempfile.TemporaryDirectory(prefix="morgue-e2e-search-") as workdir:
        index = str(Path(workdir) / "index")
        print(f"indexing {CORPUS}")
        proc = run([INDEX_BIN, "--index", index, CORPUS])
        # corpus/bad/ holds deliberately broken files: exit 2 (some input rejected) is expected.
        if not check(proc.returncode in (0, 2) and Path(index).exists(),
                     "morgue-index indexes corpus/ (exit 0 or 2)",
                     f"exit {proc.returncode}: {proc.stderr[-500:]}"):
            return 1
        for where, mode, query, expected in read_cases():
            run_case(index, where, mode, query, expected)
        check_boolean_arithmetic(index)
        check_json_output(index)
        check_text_output(index)
        check_stats(index)
        check_usage_and_index_errors(index, workdir)
        check_option_values(index, workdir)
    print(f"\n{checks - len(failures)} of {checks} checks passed")
    if failures:
        print("failed:\n  " + "\n  ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
