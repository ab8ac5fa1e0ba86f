"""End-to-end: morgue-index on the bundled corpus: counts, re-indexing, stdin, options, errors."""
import json
import os
import re
import signal
import subprocess
import time

from morgue_e2e import (CORPUS, INDEX_BIN, TempDir, check, corpus_parts, doc_count, finish, hit_ids,
                        index, no_trace, run, search_json)

SUMMARY = re.compile(r"^morgue-index: added (\d+), replaced (\d+), skipped (\d+) in [\d.]+ s "
                     r"\([\d,]+ articles/s, [\d.]+ MB/s\); index [\d.]+ MB at .+$", re.M)


def summary(process):
    m = SUMMARY.search(process.stdout)
    return tuple(int(x) for x in m.groups()) if m else None


def test_whole_corpus(tmp):
    idx = os.path.join(tmp, "corpus.morgue")
    stats = os.path.join(tmp, "stats.json")
    p = index(idx, "--stats-json", stats, *corpus_parts())
    check(p.returncode == 0, "indexing the good corpus exits 0", p)
    first = summary(p)
    check(first is not None and first[0] > 500 and first[1] == 0 and first[2] == 0,
          f"summary line: added >500, replaced 0, skipped 0 (got {first})", p)
    check(p.stderr == "", "no diagnostics on a quiet, clean run (stderr is not a terminal)", p)
    with open(stats) as f:
        s = json.load(f)
    for key in ["added", "replaced", "skipped", "seconds", "articles_per_second", "mb_per_second",
                "index_bytes", "peak_rss_bytes", "input_bytes"]:
        check(key in s, f"--stats-json has {key}")
    check(first is not None and s.get("added") == first[0], "--stats-json agrees with the summary")
    check(s.get("index_bytes", 0) > 100_000 and s.get("peak_rss_bytes", 0) > 1_000_000,
          "index size and peak RSS are plausible")
    count = doc_count(idx)
    check(first is not None and count == first[0], f"index holds {count} articles, as added")

    # Re-indexing the same input replaces, never duplicates.
    p = index(idx, *corpus_parts())
    again = summary(p)
    check(p.returncode == 0 and again is not None and again[0] == 0 and first is not None
          and again[1] == first[0], f"re-indexing: added 0, replaced all (got {again})", p)
    check(doc_count(idx) == count, "re-indexing leaves the count unchanged")

    # The seed article: headline, dateline place, no page junk, no date.
    hits = search_json(idx, "id:putin-abe-nagato.txt")["hits"]
    check(len(hits) == 1 and hits[0]["title"] == "Putin, Abe hold talks on Japan-Russia territorial dispute",
          "seed article is indexed with its headline as title")
    check(len(hits) == 1 and hits[0]["date"] is None, "seed article has no date")
    check(hit_ids(idx, "place:nagato") == ["putin-abe-nagato.txt"], "dateline place is a place: filter")
    check(hit_ids(idx, "fb-pixel") == [] and hit_ids(idx, '"skip to main content"') == [],
          "page junk of the seed is not indexed")
    # Reuters sample: real records with their ids, topics and dates.
    check("1" in hit_ids(idx, "topic:cocoa"), "Reuters NEWID 1 has topic cocoa")
    hit = search_json(idx, "id:1")["hits"]
    check(len(hit) == 1 and hit[0]["date"] == "1987-02-26" and hit[0]["title"] == "BAHIA COCOA REVIEW",
          "Reuters NEWID 1: title and date")
    return idx


def test_date_from_path(tmp):
    idx = os.path.join(tmp, "dated")
    p = index(idx, os.path.join(CORPUS, "text"))
    check(p.returncode == 0, "indexing corpus/text exits 0", p)
    dated = [h for h in search_json(idx, "year:2016", "--limit", "100")["hits"]
             if h["id"].startswith("2016/12/15/")]
    check(len(dated) >= 1 and all(h["date"] == "2016-12-15" for h in dated),
          "an article under 2016/12/15/ takes its date from the path")
    idx2 = os.path.join(tmp, "with-date")
    p = index(idx2, "--date", "2016-12-15", os.path.join(CORPUS, "text", "putin-abe-nagato.txt"))
    hits = search_json(idx2, "id:putin-abe-nagato.txt")["hits"]
    check(p.returncode == 0 and len(hits) == 1 and hits[0]["date"] == "2016-12-15",
          "--date dates an article that has none", p)


def test_stdin_and_env(tmp):
    idx = os.path.join(tmp, "stdin")
    lines = "\n".join(json.dumps({"id": f"s{i}", "title": f"Stdin story {i}", "body": "Coffee prices rose.",
                                  "date": "2001-09-0" + str(i + 1), "source": "Test Wire"})
                      for i in range(3)) + "\n"
    p = run([INDEX_BIN, "--format", "jsonl", "-"], stdin_text=lines, env={"MORGUE_INDEX": idx})
    check(p.returncode == 0 and summary(p) == (3, 0, 0), "JSONL from stdin, index from $MORGUE_INDEX", p)
    check(sorted(hit_ids(idx, 'source:"test wire"')) == ["s0", "s1", "s2"], "source: filter on stdin articles")


def test_language_is_recorded(tmp):
    idx = os.path.join(tmp, "french")
    article = json.dumps({"id": "f1", "title": "Les élections présidentielles", "body": "Les électeurs votent."})
    p = index(idx, "--language", "french", "--format", "jsonl", "-", stdin_text=article + "\n")
    check(p.returncode == 0, "--language french", p)
    check(hit_ids(idx, "élection") == ["f1"], "the searcher stems with the index's language without being told")
    p = index(idx, "--language", "english", "--format", "jsonl", "-", stdin_text=article + "\n")
    check(p.returncode == 4 and "french" in p.stderr and len(p.stderr.splitlines()) == 1,
          "adding with another language is refused in one line naming it", p)


def test_usage_errors(tmp):
    idx = os.path.join(tmp, "usage")
    cases = [
        (["--index", idx, "--format", "pdf", CORPUS], "unknown format 'pdf'", "auto, jsonl, text, html, trec, reuters"),
        (["--index", idx, "--language", "klingon", CORPUS], "unknown language 'klingon'", "english"),
        ([CORPUS], "no index given", "MORGUE_INDEX"),
        (["--index", idx], "nothing to index", ""),
        (["--index", idx, "--bogus", CORPUS], "unrecognised option", "--help"),
        (["--index", idx, "--date", "someday", CORPUS], "not a date", "someday"),
    ]
    for args, message, detail in cases:
        p = run([INDEX_BIN, *args])
        check(p.returncode == 1 and message in p.stderr and detail in p.stderr
              and len(p.stderr.splitlines()) == 1, f"usage error: {message}", p)
    p = index(idx, os.path.join(tmp, "does-not-exist.jsonl"))
    check(p.returncode == 2 and "does-not-exist.jsonl: error: no such file" in p.stderr,
          "a missing input file is named", p)
    no_trace(p, "missing input")
    p = run([INDEX_BIN, "--help"])
    check(p.returncode == 0 and "--memory-mb" in p.stdout and "Usage: morgue-index" in p.stdout, "--help", p)


def test_interrupt_commits(tmp):
    """Ctrl-C: what was read is committed, the run says so, and the index opens."""
    idx = os.path.join(tmp, "interrupted")
    env = dict(os.environ)
    env.pop("MORGUE_INDEX", None)
    proc = subprocess.Popen([INDEX_BIN, "--index", idx, "--format", "jsonl", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    for i in range(5):
        proc.stdin.write(json.dumps({"id": f"i{i}", "title": "Interrupted", "body": "Five articles."}) + "\n")
    proc.stdin.flush()
    time.sleep(1.0)  # the indexer has read the five lines and waits for more
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    check(proc.returncode == 130, f"SIGINT exits 130 (got {proc.returncode})")
    check("interrupted: 5 articles committed" in err, f"SIGINT reports what was committed: {err.strip()!r}")
    check(doc_count(idx) == 5, "the interrupted index opens and holds the five committed articles")


def test_delete(tmp):
    """--delete and --delete-ids remove articles from whichever shard holds them, in one commit:
    gone from search, facets, --show and --like; ids not found are named, exit 2."""
    from morgue_e2e import search
    for jobs in ("1", "3"):
        idx = os.path.join(tmp, f"delete-{jobs}")
        p = index(idx, "-q", "--jobs", jobs, *corpus_parts())
        n = doc_count(idx)
        coffee = hit_ids(idx, "coffee")
        facet = lambda: {v["value"]: v["count"] for v in
                         search_json(idx, "coffee", "--facets", "topic")["facets"]["topic"]}
        before = facet()
        check(p.returncode == 0 and "249" in coffee and "290" in coffee and before.get("coffee", 0) > 2,
              f"--jobs {jobs}: the articles to delete are there")
        p = index(idx, "--delete", "249", "290", "no-such-id", "249")
        check(p.returncode == 2 and "deleted 2 of 3 articles" in p.stdout
              and p.stderr.strip() == "morgue-index: error: 1 id not found: no-such-id",
              f"--jobs {jobs}: --delete deletes what it finds and names the rest, exit 2", p)
        after = hit_ids(idx, "coffee")
        check(doc_count(idx) == n - 2 and "249" not in after and "290" not in after
              and len(after) == len(coffee) - 2, f"--jobs {jobs}: deleted articles are gone from search")
        check(facet().get("coffee") == before["coffee"] - 2, f"--jobs {jobs}: and from facet counts")
        q = search(idx, "--show", "249")
        check(q.returncode == 3 and "no article with id '249'" in q.stderr, f"--jobs {jobs}: and from --show", q)
        q = search(idx, "--like", "290")
        check(q.returncode == 3, f"--jobs {jobs}: and from --like", q)
        p = run([INDEX_BIN, "--index", idx, "--delete-ids", "-"], stdin_text="402\n\n  232  \n")
        check(p.returncode == 0 and "deleted 2 of 2 articles" in p.stdout and doc_count(idx) == n - 4,
              f"--jobs {jobs}: --delete-ids - reads one id a line from stdin", p)
    ids = os.path.join(tmp, "ids.txt")
    with open(ids, "w") as f:
        f.write("42\n")
    p = index(os.path.join(tmp, "delete-1"), "--delete-ids", ids)
    check(p.returncode == 0 and "deleted 1 of 1 article " in p.stdout, "--delete-ids FILE", p)
    p = index(os.path.join(tmp, "no-index-here"), "--delete", "1")
    check(p.returncode == 4 and len(p.stderr.splitlines()) == 1 and "no index" in p.stderr
          and not os.path.exists(os.path.join(tmp, "no-index-here")),
          "--delete on a missing index: exit 4, nothing created", p)
    p = index(os.path.join(tmp, "delete-1"), "--delete", "1", "--compact")
    check(p.returncode == 1 and len(p.stderr.splitlines()) == 1, "--delete with --compact is a usage error", p)


with TempDir() as tmp:
    test_whole_corpus(tmp)
    test_date_from_path(tmp)
    test_stdin_and_env(tmp)
    test_language_is_recorded(tmp)
    test_usage_errors(tmp)
    test_interrupt_commits(tmp)
    test_delete(tmp)
finish()
