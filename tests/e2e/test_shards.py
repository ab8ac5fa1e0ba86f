"""End-to-end: corpus/ indexed as one database (--jobs 1) and as three shards (--jobs 3) answers
every query alike (same ids, same totals, scores to 1e-9), with the shards matched one after
another or at once (--parallel-shards); re-indexing keeps the count and the shard count; SIGINT commits every shard; a
--jobs other than the recorded shard count works."""
import json
import os
import re
import signal
import subprocess
import time

from morgue_e2e import (INDEX_BIN, TempDir, check, corpus_parts, doc_count, finish, index,
                        no_trace, search, search_json)

QUERIES = ["cocoa", "coffee prices", "\"prime minister\"", "title:oil", "oil AND NOT crude",
           "bank OR rates", "source:reuters21578", "japan -trade", "dispute island", "year:1987 cocoa",
           "export*", "bank* date:1987-03", "oil NEAR/3 prices",
           # Plain unions, matched apart by their words: several words, and one no article has.
           "oil prices opec output", "cocoa zzzqnoword"]
SUMMARY = re.compile(r"added (\d+), replaced (\d+), skipped (\d+)")


def shard_dirs(idx):
    return sorted(d for d in os.listdir(idx) if d.startswith("shard-"))


def same_answers(one, three, *three_args):
    # --no-collapse: of wire copies with equal scores, which one stands for the story depends
    # on document order, which differs between one database and shards.
    for q in QUERIES:
        a = search_json(one, q, "--limit", "1000", "--no-collapse")
        b = search_json(three, q, "--limit", "1000", "--no-collapse", *three_args)
        check(a["total"] == b["total"], f"{q!r}: same total ({a['total']} vs {b['total']})")
        ids_a = [h["id"] for h in a["hits"]]
        ids_b = [h["id"] for h in b["hits"]]
        check(sorted(ids_a) == sorted(ids_b) and len(ids_a) > 0, f"{q!r}: same {len(ids_a)} ids")
        scores_a = {h["id"]: h["score"] for h in a["hits"]}
        scores_b = {h["id"]: h["score"] for h in b["hits"]}
        worst = max((abs(scores_a[i] - scores_b.get(i, -1e9)) / max(abs(scores_a[i]), 1e-9)
                     for i in scores_a), default=0.0)
        check(worst < 1e-9, f"{q!r}: same scores (largest relative difference {worst:.1e})")
        # Equal scores may come in another order; the order of distinct scores must agree.
        check([scores_a[i] for i in ids_a] == [scores_b[i] for i in ids_b], f"{q!r}: same order of scores")


def test_parallel(one, three):
    """The shards matched at once, a thread each: the answers of one database, and page by page
    exactly those of the same shards matched one after another (ties, copies, snippets)."""
    same_answers(one, three, "--parallel-shards", "always")
    for q in QUERIES:
        for args in (["--limit", "10"], ["--limit", "7", "--offset", "5"], ["--no-collapse"],
                     ["--sort", "relevance", "--limit", "30"]):
            apart = search_json(three, q, "--parallel-shards", "always", *args)
            together = search_json(three, q, "--parallel-shards", "never", *args)
            # Past the first hundred matches the totals are estimates, and each shard matched
            # apart counts that many itself: its total is as exact or more, never another count.
            totals = [(page.pop("total"), page.pop("total_exact")) for page in (apart, together)]
            check(apart == together and (apart["hits"] or "--offset" in args),
                  f"{q!r} {' '.join(args)}: shards matched apart print what they print matched as one")
            full = search_json(three, q, "--limit", "1000", *[a for a in args if a == "--no-collapse"])
            for total, exact in totals:
                check(not exact or total == full["total"],
                      f"{q!r} {' '.join(args)}: an exact total is the count ({total}, {full['total']})")
            check(totals[0][1] or not totals[1][1], f"{q!r} {' '.join(args)}: exact apart when exact as one")
    p = search(three, "--parallel-shards", "sometimes", "cocoa")
    check(p.returncode == 1 and p.stderr.count("\n") == 1 and "auto, always or never" in p.stderr,
          "a bad --parallel-shards is one usage line", p)


def test_one_and_three(tmp):
    one = os.path.join(tmp, "one")
    three = os.path.join(tmp, "three")
    p1 = index(one, "--jobs", "1", "--stats-json", os.path.join(tmp, "one.json"), *corpus_parts())
    p3 = index(three, "--jobs", "3", "--stats-json", os.path.join(tmp, "three.json"), *corpus_parts())
    check(p1.returncode == 0 and p3.returncode == 0, "corpus/ indexes with --jobs 1 and --jobs 3", p3)
    no_trace(p3, "--jobs 3")
    check(os.path.isfile(os.path.join(one, "iamglass")) and not os.path.exists(os.path.join(one, "XAPIANDB")),
          "--jobs 1 makes one plain database")
    check(shard_dirs(three) == ["shard-0", "shard-1", "shard-2"], f"--jobs 3 makes three shards {shard_dirs(three)}")
    with open(os.path.join(three, "XAPIANDB")) as f:
        stub = [line.split() for line in f if line.strip() and not line.startswith("#")]
    check(stub == [["auto", "shard-0"], ["auto", "shard-1"], ["auto", "shard-2"]], f"the stub lists them {stub}")
    n = doc_count(one)
    check(n > 400 and doc_count(three) == n, f"same article count ({n})")
    stats = json.load(open(os.path.join(tmp, "three.json")))
    check(stats["added"] == n and stats["index_bytes"] > 0 and stats["articles_per_second"] > 0
          and stats["peak_rss_bytes"] > 0, f"--stats-json covers every shard {stats}")
    same_answers(one, three)
    test_parallel(one, three)
    return one, three, n


def test_reindex(tmp, one, three, n):
    p = index(three, "--jobs", "3", *corpus_parts())
    m = SUMMARY.search(p.stdout)
    check(p.returncode == 0 and m and m.group(1) == "0" and int(m.group(2)) == n,
          f"re-indexing with --jobs 3 replaces all {n}, adds none", p)
    check(doc_count(three) == n, "... and keeps the count")
    p = index(three, "--jobs", "2", *corpus_parts())
    check(p.returncode == 0 and doc_count(three) == n and shard_dirs(three) == ["shard-0", "shard-1", "shard-2"],
          "re-indexing with --jobs 2 keeps the three recorded shards and the count", p)
    p = index(one, "--jobs", "4", *corpus_parts())
    check(p.returncode == 0 and doc_count(one) == n and not shard_dirs(one),
          "re-indexing the one-database index with --jobs 4 keeps it one database", p)
    same_answers(one, three)


def test_lock(tmp, three):
    holder = subprocess.Popen([INDEX_BIN, "--index", three, "--format", "jsonl", "-"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    p = index(three, os.path.join(corpus_parts()[0]), timeout=60)
    check(p.returncode == 4 and "locked by another writer" in p.stderr and len(p.stderr.splitlines()) == 1,
          "a second writer on a sharded index fails at once with one clear line", p)
    holder.stdin.close()
    holder.wait(timeout=60)
    holder.stdout.close()
    holder.stderr.close()


def test_interrupt(tmp):
    idx = os.path.join(tmp, "interrupted")
    proc = subprocess.Popen([INDEX_BIN, "--index", idx, "--jobs", "3", "--format", "jsonl", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for i in range(30):
        proc.stdin.write(json.dumps({"id": f"i{i}", "title": "Interrupted", "body": f"Article {i}."}) + "\n")
    proc.stdin.flush()
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    check(proc.returncode == 130 and "interrupted: 30 articles committed" in err,
          f"SIGINT with three shards commits all 30 (exit {proc.returncode}, {err.strip()!r})")
    check(doc_count(idx) == 30, "the interrupted sharded index opens and holds them")
    hits = search_json(idx, "interrupted", "--limit", "100")
    check(hits["total"] == 30, "every shard answers")


with TempDir() as tmp:
    one, three, n = test_one_and_three(tmp)
    test_reindex(tmp, one, three, n)
    test_lock(tmp, three)
    test_interrupt(tmp)
finish()
