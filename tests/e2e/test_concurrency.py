"""End-to-end: one writer at a time (a second fails at once, or waits with --wait-lock), and
morgue-search in batch mode running queries while the indexer commits never fails and only
ever sees whole batches."""
import json
import os
import subprocess
import threading
import time

from morgue_e2e import INDEX_BIN, SEARCH_BIN, TempDir, check, doc_count, finish, index
from reliability import index_ready, check_whole_prefix, databases, possible_totals, shards, write_corpus

BATCH = 20


def env():
    e = dict(os.environ)
    e.pop("MORGUE_INDEX", None)
    e["NO_COLOR"] = "1"
    return e


def holding_writer(idx):
    """A morgue-index that holds the lock on `idx` until its stdin closes (it has committed
    one article first, so the index exists)."""
    proc = subprocess.Popen([INDEX_BIN, "--index", idx, "--format", "jsonl", "--batch-articles", "1",
                             "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env())
    proc.stdin.write(json.dumps({"id": "holder", "title": "Holder", "body": "Holds the lock."}) + "\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and doc_count_quiet(idx) < 1:
        time.sleep(0.05)
    return proc


def doc_count_quiet(idx):
    p = subprocess.run([SEARCH_BIN, "--index", idx, "--stats", "--json"], capture_output=True,
                       text=True, env=env())
    return json.loads(p.stdout)["documents"] if p.returncode == 0 else -1


def test_lock(tmp):
    idx = os.path.join(tmp, "locked")
    other = os.path.join(tmp, "other.jsonl")
    with open(other, "w") as f:
        f.write(json.dumps({"id": "second", "title": "Second writer", "body": "Waited its turn."}) + "\n")
    holder = holding_writer(idx)
    check(doc_count_quiet(idx) == 1, "the first writer has committed and holds the lock")

    started = time.monotonic()
    p = index(idx, other, timeout=60)
    took = time.monotonic() - started
    check(p.returncode == 4 and "locked by another writer" in p.stderr and "--wait-lock" in p.stderr
          and len(p.stderr.splitlines()) == 1,
          "a second writer fails with one line naming the lock and --wait-lock", p)
    check(took < 10, f"... at once ({took:.2f} s)")
    check(os.path.exists(os.path.join(databases(idx)[0], "flintlock")), "the lock file is left alone")

    waiter = subprocess.Popen([INDEX_BIN, "--index", idx, "--wait-lock", other],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
    time.sleep(1.5)
    check(waiter.poll() is None, "with --wait-lock the second writer waits")
    check(doc_count_quiet(idx) == 1, "... and has written nothing yet")
    holder.stdin.close()
    holder.wait(timeout=60)
    check(holder.returncode == 0, f"the first writer finishes (exit {holder.returncode})")
    out, err = waiter.communicate(timeout=60)
    check(waiter.returncode == 0 and "added 1" in out,
          f"... then the waiting writer runs and succeeds (exit {waiter.returncode}, {err.strip()!r})")
    check(doc_count(idx) == 2, "both writers' articles are in the index")
    holder.stdout.close()
    holder.stderr.close()


def test_readers_during_writes(tmp):
    idx = os.path.join(tmp, "busy")
    corpus = os.path.join(tmp, "busy.jsonl")
    articles = 1500
    titles = write_corpus(corpus, articles, seed=11)
    # The articles reach the writer through a pipe, a few batches at a time, so the index
    # grows while the readers run however fast this machine indexes.
    with open(corpus) as f:
        lines = f.readlines()
    writer_out = open(os.path.join(tmp, "writer.out"), "w")
    writer_err = open(os.path.join(tmp, "writer.err"), "w")
    writer = subprocess.Popen([INDEX_BIN, "--index", idx, "--format", "jsonl", "--batch-articles",
                               str(BATCH), "--no-spelling", "-"],
                              stdin=subprocess.PIPE, stdout=writer_out, stderr=writer_err, text=True,
                              env=env())

    def feed():
        step = 4 * BATCH
        for start in range(0, len(lines), step):
            writer.stdin.write("".join(lines[start:start + step]))
            writer.stdin.flush()
            time.sleep(0.15)
        writer.stdin.close()

    feeder = threading.Thread(target=feed)
    feeder.start()
    while not index_ready(idx) and writer.poll() is None:
        time.sleep(0.01)
    readers = []
    results = []

    def reader(n):
        # Queries trickle in while the writer runs, so each sees a different commit.
        # Answers go to files: a full pipe nobody reads would stall the reader.
        out_path, err_path = os.path.join(tmp, f"reader-{n}.out"), os.path.join(tmp, f"reader-{n}.err")
        with open(out_path, "w") as out_file, open(err_path, "w") as err_file:
            proc = subprocess.Popen([SEARCH_BIN, "--index", idx, "--json", "--limit", "3"],
                                    stdin=subprocess.PIPE, stdout=out_file, stderr=err_file,
                                    text=True, env=env())
        queries = 0
        while writer.poll() is None and queries < 1500:
            for q in ("source:crashwire", "bodystart", "bodyend", "market OR price", "bodystart -bodyend"):
                proc.stdin.write(q + "\n")
                queries += 1
            proc.stdin.flush()
            time.sleep(0.02)
        proc.communicate(timeout=300)
        with open(out_path) as f:
            out = f.read()
        with open(err_path) as f:
            err = f.read()
        results.append((n, queries, proc.returncode, out, err))

    for n in range(2):
        t = threading.Thread(target=reader, args=(n,))
        t.start()
        readers.append(t)
    feeder.join()
    writer.wait(timeout=600)
    writer_out.close()
    writer_err.close()
    for t in readers:
        t.join()
    check(writer.returncode == 0, f"the writer finishes (exit {writer.returncode})")
    possible = possible_totals(titles, len(shards(idx)), BATCH)
    seen = set()
    for n, queries, code, out, err in results:
        pages = [json.loads(line) for line in out.splitlines() if line.strip()]
        check(code == 0 and err == "", f"reader {n}: {queries} queries, exit 0, nothing on stderr "
                                       f"(exit {code}, {err.strip()[:300]!r})")
        check(len(pages) == queries, f"reader {n}: one answer per query ({len(pages)} of {queries})")
        counts = [p["total"] for p in pages if p["query"] in ("source:crashwire", "bodystart", "bodyend")]
        partial = [c for c in counts if c not in possible]
        check(not partial, f"reader {n}: every count seen is whole batches of {BATCH} per shard "
                           f"({partial[:5]})")
        empty_bodies = [p["total"] for p in pages if p["query"] == "bodystart -bodyend" and p["total"]]
        check(not empty_bodies, f"reader {n}: never an article without the end of its body")
        seen.update(counts)
    print(f"counts seen by readers: {len(seen)} distinct, {sorted(seen)[:5]} ... {sorted(seen)[-3:]}")
    check(len(seen) >= 3, "readers saw the index grow while they ran")
    check_whole_prefix(idx, titles, "after the busy run", expected=articles)


with TempDir() as tmp:
    test_lock(tmp)
    test_readers_during_writes(tmp)
finish()
