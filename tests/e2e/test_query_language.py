#!/usr/bin/env python3
"""End-to-end test of the query language through the real morgue-search on the indexed corpus/:
boolean operators, +/-, negative-only queries, phrases in both phrase modes, NEAR/ADJ,
wildcards and their cap, every field, every date form with --from/--to and undated articles,
hyphenated and punctuated names (corpus/jsonl/punctuated-names.jsonl), error columns.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from morgue_e2e import (CORPUS, INDEX_BIN, SEARCH_BIN, SKIP, TempDir, check, finish,  # noqa: E402
                        index, no_trace, run, search)

SEED = "text/putin-abe-nagato.txt"
SEED_EXACT = "putin-abe-nagato.txt"  # the exact-mode index is built from text/ itself
NAMES = os.path.join(CORPUS, "jsonl", "punctuated-names.jsonl")


def page(index_dir, query, *extra, limit=1000):
    """The JSON result page for `query` (with every copy shown when the build can collapse)."""
    p = search(index_dir, "--json", "--limit", str(limit), *COLLAPSE, *extra, "--", query)
    if not check(p.returncode == 0, f"{query!r} {' '.join(extra)} exits 0", p):
        return {"hits": [], "total": -1, "total_exact": False}
    return json.loads(p.stdout.splitlines()[0])


def ids(index_dir, query, *extra):
    return [h["id"] for h in page(index_dir, query, *extra)["hits"]]


def total(index_dir, query, *extra):
    return page(index_dir, query, *extra)["total"]


def expect(index_dir, query, present=(), absent=(), *extra):
    got = ids(index_dir, query, *extra)
    missing = [i for i in present if i not in got]
    wrong = [i for i in absent if i in got]
    check(not missing and not wrong,
          f"{query!r} {' '.join(extra)}: has {list(present)}, lacks {list(absent)}"
          + (f" (missing {missing}, unwanted {wrong})" if missing or wrong else ""))
    return got


def expect_error(index_dir, query, message, *extra):
    p = search(index_dir, *extra, "--", query)
    want = f"morgue-search: error: query: {message}"
    check(p.returncode == 3 and p.stderr.strip() == want and p.stdout == "",
          f"{query!r} -> exit 3, {want!r}", p)
    no_trace(p, f"{query!r}")


def test_boolean(ix, documents):
    expect(ix, "summit AND treaty", ["names-1"], ["names-2", "names-3"])
    expect(ix, "treaty OR sapporo", ["names-1", "names-3"], ["names-2"])
    expect(ix, "summit NOT treaty", ["names-3"], ["names-1"])
    expect(ix, "summit AND NOT treaty", ["names-3"], ["names-1"])
    expect(ix, "treaty XOR sapporo", ["names-1", "names-3"])
    expect(ix, "summit XOR archive", ["names-2"], ["names-1", "names-3"])
    expect(ix, "(treaty OR sapporo) AND archive", ["names-1"], ["names-2"])
    expect(ix, "+summit +archive", ["names-1", "names-3"], ["names-2"])
    expect(ix, "+leaflet archive", ["names-2"], ["names-1", "names-3"])
    expect(ix, "summit -treaty", ["names-3"], ["names-1"])
    # lower-case and/or are words: "summit and treaty" is any of the words, like "summit treaty"
    n_and = total(ix, "summit AND treaty")
    n_words = total(ix, "summit and treaty")
    check(n_words == total(ix, "summit treaty") and n_words > n_and,
          f"lower-case 'and' is a word: {n_words} matches, 'AND' {n_and}")
    # negative-only: every article except those with the word
    got = expect(ix, "-summit", ["names-2", "edge-001"], ["names-1", "names-3"])
    n_summit = total(ix, "summit")
    check(len(got) + n_summit == documents,
          f"-summit ({len(got)}) + summit ({n_summit}) = all {documents} articles")
    expect(ix, "NOT summit", ["names-2"], ["names-1"])
    check(total(ix, "-summit -delegates") == documents - total(ix, "summit OR delegates"),
          "-summit -delegates excludes both")


def test_phrases_and_proximity(ix, exact_ix):
    # stemmed phrase mode (the default): word forms need not match
    expect(ix, '"territorial disputes"', [SEED])
    expect(ix, '"territorial dispute"', [SEED])
    expect(ix, '"peace treaty"', ["names-1"])
    expect(ix, '"treaty peace"', [], ["names-1"])
    # exact phrase mode: quoted words as written (the first word too), free words by stem
    # (the seed article says "territorial dispute")
    expect(exact_ix, '"territorial dispute"', [SEED_EXACT])
    expect(exact_ix, '"territorial disputes"', [], [SEED_EXACT])
    expect(exact_ix, '"Territorial dispute"', [SEED_EXACT])
    expect(exact_ix, "disputes", [SEED_EXACT])
    expect(exact_ix, '"summits"', [], ["names-1"])
    expect(exact_ix, "summits", ["names-1"])
    expect(ix, '"summits"', ["names-1"])
    # NEAR/ADJ: window in words, both phrase modes
    for name, where in (("stemmed", ix), ("exact", exact_ix)):
        expect(where, "summit NEAR treaty", ["names-1"])
        expect(where, "treaty NEAR summit", ["names-1"])
        expect(where, "summit NEAR/3 treaty", ["names-1"])
        expect(where, "summit NEAR/2 treaty", [], ["names-1"])
        expect(where, "summit ADJ treaty", ["names-1"])
        expect(where, "treaty ADJ summit", [], ["names-1"])
        expect(where, "dispute NEAR island", [SEED if where == ix else SEED_EXACT])
    expect_error(ix, '"peace treaty" NEAR summit',
                 "'NEAR' needs single words on both sides at column 1: not phrases, wildcards, "
                 "fields, signs or brackets")
    expect_error(ix, "summit NEAR Japan-Russia",
                 "'Japan-Russia' at column 13 is several words: NEAR needs single words")


def test_wildcards(ix):
    expect(ix, "sappor*", ["names-3"], ["names-1"])
    expect(ix, "title:summi*", ["names-1", "names-3"], ["names-2"])
    start = time.monotonic()
    p = search(ix, "--", "summit s*")
    took = time.monotonic() - start
    check(p.returncode == 3 and took < 10 and p.stderr.strip() ==
          "morgue-search: error: query: 's*' at column 8 matches more than 500 words: make it "
          "longer", f"'s*' is refused as too broad, quickly ({took:.1f} s)", p)
    no_trace(p, "s*")
    expect_error(ix, "ex*port", "'*' only at the end of a word at column 3")


def test_fields(ix):
    expect(ix, "title:summit", ["names-1", "names-3"], ["names-2"])
    expect(ix, 'title:"summit ends"', ["names-1"])
    expect(ix, "title:(treaty OR sapporo)", ["names-1"], ["names-3"])
    expect(ix, 'source:"Morgue Test Wire"', ["names-1", "names-2", "names-3"], ["1"])
    expect(ix, "source:reuters21578 summit", [], ["names-1"])
    expect(ix, 'byline:"Ana Ortiz-Lopez"', ["names-1", "names-3"], ["names-2"])
    expect(ix, "byline:okafor", ["names-2"], ["names-1"])
    expect(ix, "topic:diplomacy", ["names-1", "names-2"], ["names-3"])
    expect(ix, "topic:diplomacy topic:archives", ["names-1", "names-2", "names-3"])
    expect(ix, "topic:diplomacy place:japan", ["names-1"], ["names-2", "names-3"])
    expect(ix, "place:sapporo", ["names-3"], ["names-1"])
    expect(ix, "id:names-2", ["names-2"])
    check(ids(ix, "id:names-2") == ["names-2"], "id:names-2 is exactly one article")
    expect(ix, f"id:{SEED}", [SEED])
    expect(ix, "year:2021 summit", ["names-1", "names-3"], ["names-2"])
    expect_error(ix, "cocoa bogus:field", "unknown field 'bogus:' at column 7: use title, source, "
                 "byline, topic, place, id, year or date")


def test_dates(ix, documents, undated):
    expect(ix, "date:2021-03-04", ["names-1"], ["names-2", "names-3"])
    expect(ix, "date:2021-03", ["names-1", "names-2"], ["names-3"])
    expect(ix, "date:2021 summit", ["names-1", "names-3"])
    expect(ix, "date:2016-12-15", ["text/2016/12/15/fed-raises-rates.txt"], ["names-1"])
    expect(ix, "date:2021-03-01..2021-03-31", ["names-1", "names-2"], ["names-3"])
    expect(ix, "date:2021-03-05..2021-04", ["names-2", "names-3"], ["names-1"])
    expect(ix, "date:..1990", ["1"], ["names-1", "text/2016/12/15/fed-raises-rates.txt"])
    expect(ix, "date:2021-03-05..", ["names-2", "names-3"], ["names-1", "1"])
    expect(ix, "archive date:2021-04..", ["names-3"], ["names-1", "names-2"])
    # --from / --to, alone and with a query
    expect(ix, "summit", ["names-3"], ["names-1", SEED], "--from", "2021-03-05")
    expect(ix, "summit", ["names-1"], ["names-3", SEED], "--from", "2021", "--to", "2021-03")
    expect(ix, "topic:diplomacy", ["names-2"], ["names-1"], "--from", "2021-03-05", "--to",
           "2021-03-31")
    p = search(ix, "--from", "2021-13", "summit")
    check(p.returncode == 1 and "--from" in p.stderr, "--from 2021-13 is a usage error", p)
    # undated articles never match a date filter
    expect(ix, "kuril", [SEED])
    expect(ix, "kuril date:..2100", [], [SEED])
    expect(ix, "kuril", [], [SEED], "--to", "2100")
    before = total(ix, "date:..2021-03-04")
    after = total(ix, "date:2021-03-05..")
    check(before + after == documents - undated and undated > 0,
          f"date:..2021-03-04 ({before}) + date:2021-03-05.. ({after}) = the {documents - undated} "
          f"dated articles ({undated} undated)")
    expect_error(ix, "date:2021-02-30", "bad date '2021-02-30' at column 6: use YYYY, YYYY-MM, "
                 "YYYY-MM-DD or a range FROM..TO, ..TO, FROM..")
    expect_error(ix, "date:2021..2020", "date range '2021..2020' ends before it starts at column 6")


def test_names(ix, exact_ix):
    for name, where in (("stemmed", ix), ("exact", exact_ix)):
        expect(where, "Japan-Russia", ["names-1"], ["names-2"])
        expect(where, "japan-russia", ["names-1"], ["names-2"])
        expect(where, "title:Japan-Russia", ["names-1"], ["names-2"])
        expect(where, '"Japan-Russia summit"', ["names-1"])
        expect(where, "al-Qaeda", ["names-1"], ["names-2"])
        expect(where, "COVID-19", ["names-1"], ["names-2"])
        expect(where, "U.S.", ["names-1"])
        expect(where, '"U.S. observers"', ["names-1"], ["names-2"])
        expect(where, "1,260", ["names-1"], ["names-2"])
        expect(where, "1260", ["names-2"], ["names-1"])


def test_errors(ix):
    expect_error(ix, "summit AND (treaty", "unmatched '(' at column 12")
    expect_error(ix, "summit treaty)", "unmatched ')' at column 14")
    expect_error(ix, 'summit "peace treaty', "unmatched '\"' at column 8")
    expect_error(ix, "summit AND", "nothing after 'AND' at column 8")
    expect_error(ix, "OR summit", "nothing before 'OR' at column 1")
    expect_error(ix, "summit NEAR/0 treaty", "bad 'NEAR/0' at column 8: NEAR/n needs a number of "
                 "words from 1 to 1000, as in NEAR/5")
    expect_error(ix, "title:", "'title:' needs a value at column 1")
    # batch mode reports each bad query with its column and carries on
    p = search(ix, "--json", stdin_text="summit AND (treaty\nsummit\n")
    lines = p.stdout.splitlines()
    check(p.returncode == 3 and "line 1: query 'summit AND (treaty': unmatched '(' at column 12" in p.stderr
          and len(lines) == 2 and '"column":12' in lines[0] and '"hits"' in lines[1],
          "batch: bad query reported (its line in the JSON too), next one answered", p)


def main():
    if not (os.path.exists(INDEX_BIN) and os.path.exists(SEARCH_BIN)):
        print("skip: binaries not built")
        sys.exit(SKIP)
    global COLLAPSE
    help_text = search("unused", "--help").stdout
    COLLAPSE = ["--no-collapse"] if "--no-collapse" in help_text else []
    with TempDir() as tmp:
        ix = os.path.join(tmp, "stemmed")
        p = index(ix, "-q", CORPUS)
        # corpus/bad/ holds deliberately broken files: exit 2 (some input rejected) is expected.
        check(p.returncode in (0, 2), "corpus/ indexes (stemmed phrases)", p)
        exact_ix = os.path.join(tmp, "exact")
        p = index(exact_ix, "-q", "--phrases", "exact", os.path.join(CORPUS, "text"), NAMES)
        check(p.returncode == 0, "text/ and names index (exact phrases)", p)
        stats = json.loads(search(ix, "--stats", "--json").stdout)
        documents, undated = stats["documents"], stats["undated"]
        test_boolean(ix, documents)
        test_phrases_and_proximity(ix, exact_ix)
        test_wildcards(ix)
        test_fields(ix)
        test_dates(ix, documents, undated)
        test_names(ix, exact_ix)
        test_errors(ix)
        test_field_table_documented(ix)
    finish()


def test_field_table_documented(ix):
    """--help lists the fields from the program's own table; the README's syntax table has a
    row for each of them, and every field --help names is one the parser takes."""
    p = run([SEARCH_BIN, "--help"])
    lines = p.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Fields")), None)
    check(p.returncode == 0 and start is not None, "--help has a Fields section", p)
    if start is None:
        return
    examples = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            if examples:
                break
            continue
        examples.append(line[2:].split("  ")[0].strip())
    names = [e.split(":")[0] for e in examples]
    check(len(names) == 8 and "title" in names and "date" in names,
          f"--help lists every field ({names})")
    with open(os.path.join(CORPUS, "..", "README.md"), encoding="utf-8") as f:
        readme = f.read()
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    for name, example in zip(names, examples):
        check(any(f"`{name}:`" in row.split("|")[1] for row in rows),
              f"the README's syntax table has a row for {name}:")
        q = search(ix, "--json", "--no-snippets", example)
        check(q.returncode == 0, f"the example --help gives for {name}: runs ({example})", q)

if __name__ == "__main__":
    main()
