"""End-to-end: a new index is built as segments (fresh databases sealed one after another, each
searchable once sealed) and ends as one compacted database per shard that answers exactly as an
index written directly (--segment-articles 0); an id given twice across segments keeps only its
last copy; a run killed mid-way leaves a segment list that readers search and that the next run
(or --compact) turns into one database, with no leftovers."""
import json
import os
import signal
import subprocess
import time

from morgue_e2e import (CORPUS, INDEX_BIN, TempDir, check, corpus_parts, doc_count, finish,
                        index, run, search, search_json)
from reliability import check_whole_prefix, databases, is_segmented, shards, write_corpus

QUERIES = ["oil", "coffee OR cocoa", "\"crude oil\"", "bank AND rate", "title:election",
           "price -market", "tax*", "source:reuters21578 oil", "export NEAR quota"]


def leftovers(idx):
    """Paths a finished run must not leave in a shard: segment directories, a segment list, the
    merge directory."""
    found = []
    for shard in shards(idx):
        if is_segmented(shard):
            found.append(shard)
        if os.path.isdir(shard):
            found += [os.path.join(shard, n) for n in os.listdir(shard)
                      if n.startswith("seg-") or n in ("merge-tmp", "XAPIANDB")]
    return found


def answers(idx, query):
    page = search_json(idx, query, "--limit", "50", "--no-snippets")
    return page["total"], [(h["id"], round(h.get("score", 0.0), 9)) for h in page["hits"]]


def test_same_answers_as_direct(tmp):
    segmented = os.path.join(tmp, "segmented")
    direct = os.path.join(tmp, "direct")
    p = index(segmented, "--jobs", "2", "--segment-articles", "40", *corpus_parts())
    check(p.returncode == 0 and "added" in p.stdout, "corpus/ indexes as segments of 40", p)
    p = index(direct, "--jobs", "2", "--segment-articles", "0", *corpus_parts())
    check(p.returncode == 0, "corpus/ indexes directly", p)
    check(doc_count(segmented) == doc_count(direct) > 500, "both hold every article")
    check(not leftovers(segmented), f"no segments or merge directories left ({leftovers(segmented)[:3]})")
    check(all(os.path.isfile(os.path.join(s, "iamglass")) for s in shards(segmented)),
          "each shard ends as one database")
    for q in QUERIES:
        a, b = answers(segmented, q), answers(direct, q)
        check(a == b and a[0] > 0, f"{q!r}: same total, hits and scores ({a[0]} vs {b[0]})")
    spelled = search_json(segmented, "petrolium")
    check(spelled.get("suggestion") == search_json(direct, "petrolium").get("suggestion") != "",
          f"spelling data survives the merge (did you mean {spelled.get('suggestion')!r})")


def test_current_directory(tmp):
    """A one-database index named '.' is merged in place: the directory a shell sits in stays
    the index."""
    idx = os.path.join(tmp, "here")
    os.makedirs(idx)
    p = run([INDEX_BIN, "--index", ".", "--jobs", "1", "--segment-articles", "2",
             os.path.join(CORPUS, "text")], cwd=idx)
    check(p.returncode == 0 and "added 4" in p.stdout, "--index . indexes as segments and merges", p)
    check(os.path.isfile(os.path.join(idx, "iamglass")) and not leftovers(idx),
          f"the directory itself is one database, nothing left over ({leftovers(idx)[:3]})")
    check(doc_count(idx) == 4, "it holds the four articles")


def test_repeated_id(tmp):
    idx = os.path.join(tmp, "repeated")
    corpus = os.path.join(tmp, "repeated.jsonl")
    with open(corpus, "w") as f:
        for i in range(60):
            f.write(json.dumps({"id": f"r{i}", "title": f"First take {i}", "body": "harbour ferry"}) + "\n")
        # r3 again, after its segment was sealed; r55 again, in the open segment
        f.write(json.dumps({"id": "r3", "title": "Second take", "body": "harbour ferry corrected"}) + "\n")
        f.write(json.dumps({"id": "r55", "title": "Second take 55", "body": "harbour ferry"}) + "\n")
    p = index(idx, "--jobs", "1", "--segment-articles", "10", corpus)
    check(p.returncode == 0 and "added 60, replaced 2" in p.stdout, "60 added, 2 replaced", p)
    check(doc_count(idx) == 60, "each id once in the index")
    p = search(idx, "--show", "r3", "--json")
    check(p.returncode == 0 and json.loads(p.stdout)["title"] == "Second take", "r3 is its last copy", p)
    check(search_json(idx, "corrected")["total"] == 1, "the replaced body is the one searched")


def kill_mid_run(idx, lines):
    """Feeds `lines` to a two-shard run in segments of 50 through a pipe left open, waits for
    sealed segments to show up, then kills it with SIGKILL."""
    proc = subprocess.Popen([INDEX_BIN, "--index", idx, "--jobs", "2", "--segment-articles", "50",
                             "--no-spelling", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdin.write("".join(lines))
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(databases(idx)) < 6:
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)


def test_killed_run(tmp):
    idx = os.path.join(tmp, "killed")
    corpus = os.path.join(tmp, "killed.jsonl")
    titles = write_corpus(corpus, 2000, seed=5)
    with open(corpus) as f:
        lines = f.readlines()
    kill_mid_run(idx, lines[:1200])
    check(all(is_segmented(s) for s in shards(idx)), "the killed run left each shard as a segment list")
    committed = check_whole_prefix(idx, titles, "after the kill", multiple_of=50)
    check(0 < committed < 2000, f"readers search the sealed segments ({committed} articles)")
    # An unsealed segment the run was writing, and a merge it never finished, are garbage.
    os.makedirs(os.path.join(shards(idx)[0], "seg-999"))
    os.makedirs(os.path.join(shards(idx)[0], "merge-tmp"))
    p = index(idx, "--no-spelling", corpus)
    check(p.returncode == 0 and f"added {2000 - committed}, replaced {committed}" in p.stdout,
          "the rerun adds the rest and replaces what was committed", p)
    check(not leftovers(idx), f"no segments or merge directories left ({leftovers(idx)[:3]})")
    check_whole_prefix(idx, titles, "after the rerun", expected=2000)

    # --compact takes a killed run's segments too.
    other = os.path.join(tmp, "killed-compact")
    kill_mid_run(other, lines[:600])
    before = check_whole_prefix(other, titles, "second kill", multiple_of=50)
    p = index(other, "--compact")
    check(p.returncode == 0 and doc_count(other) == before and before > 0,
          f"--compact merges a killed run's segments ({before} articles)", p)
    check(os.path.isfile(os.path.join(other, "iamglass")) and not leftovers(other),
          "... into one database, nothing left over")


with TempDir() as tmp:
    test_same_answers_as_direct(tmp)
    test_current_directory(tmp)
    test_repeated_id(tmp)
    test_killed_run(tmp)
finish()
