"""End-to-end: corpus/ as one database, as three local shards, as three shards served by
xapian-tcpsrv (named as tcp:// arguments and through a stub of `remote` lines), and compacted
back into one database, all answer alike (ids, scores to 1e-9, totals, facets, collapse counts);
a shard that stops answering is named (exit 4) or, with --allow-partial, left out with a
warning; a shard of another language is refused by name; --compact swaps in one database that
further runs update in place. Skipped when xapian-tcpsrv (Debian's xapian-tools) is missing."""
import json
import os
import subprocess
import sys
import time

from morgue_e2e import (INDEX_BIN, SEARCH_BIN, SKIP, TempDir, check, corpus_parts, doc_count,
                        finish, index, no_trace, run)
from servers import TCPSRV, Server

QUERIES = ["cocoa", "coffee prices", "\"prime minister\"", "title:oil", "oil AND NOT crude",
           "bank OR rates", "source:reuters21578", "japan -trade", "dispute island",
           "year:1987 cocoa", "date:1987-03 oil"]
FACETS = "source,year,topic,place"
TOLERANCE = 1e-9


def index_args(*locations):
    args = []
    for location in locations:
        args += ["--index", location]
    return args


def search(locations, *args, **kw):
    return run([SEARCH_BIN, *index_args(*locations), *args], **kw)


def answer(locations, query, *args):
    p = search(locations, "--json", "--limit", "1000", *args, query)
    check(p.returncode == 0, f"{query!r} over {locations[0]}...: exits 0", p)
    try:
        return json.loads(p.stdout.splitlines()[0])
    except (ValueError, IndexError):
        check(False, f"{query!r} prints JSON", p)
        return {"hits": [], "total": -1, "facets": []}


def same_scores(a, b):
    """Each id's score agrees to TOLERANCE; equal scores may come in another order."""
    scores_b = {h["id"]: h["score"] for h in b["hits"]}
    worst = max((abs(h["score"] - scores_b.get(h["id"], -1e9)) for h in a["hits"]), default=0.0)
    return worst, sorted(scores_b) == sorted(h["id"] for h in a["hits"])


def same_answers(label, reference, other):
    for q in QUERIES:
        # Every wire copy, so ids can be compared (which copy stands for a collapsed story
        # depends on document order, which differs between layouts).
        a = answer(reference, q, "--no-collapse")
        b = answer(other, q, "--no-collapse")
        check(a["total"] == b["total"] and a["total_exact"] == b["total_exact"],
              f"{label}: {q!r}: same total ({a['total']} vs {b['total']})")
        worst, same_ids = same_scores(a, b)
        check(same_ids and len(a["hits"]) > 0, f"{label}: {q!r}: same {len(a['hits'])} ids")
        check(worst <= TOLERANCE, f"{label}: {q!r}: same scores (largest difference {worst:.1e})")
        check([h["score"] for h in a["hits"]] == sorted((h["score"] for h in a["hits"]), reverse=True)
              and [h["score"] for h in b["hits"]] == sorted((h["score"] for h in b["hits"]), reverse=True),
              f"{label}: {q!r}: best first")
        # Collapsed (the default), with facets: totals, facet counts, and each hit's score
        # with its number of folded copies.
        a = answer(reference, q, "--facets", FACETS)
        b = answer(other, q, "--facets", FACETS)
        check(a["total"] == b["total"], f"{label}: {q!r}: same collapsed total ({a['total']} vs {b['total']})")
        check(a.get("facets") == b.get("facets") and a.get("facets"),
              f"{label}: {q!r}: same facets")
        folded_a = sorted((round(h["score"], 7), h.get("collapsed", 0)) for h in a["hits"])
        folded_b = sorted((round(h["score"], 7), h.get("collapsed", 0)) for h in b["hits"])
        check(folded_a == folded_b,
              f"{label}: {q!r}: same collapse counts ({sum(c for _, c in folded_a)} copies folded)")


def build(tmp):
    one = os.path.join(tmp, "one")
    three = os.path.join(tmp, "three")
    p1 = index(one, "--jobs", "1", *corpus_parts())
    p3 = index(three, "--jobs", "3", *corpus_parts())
    check(p1.returncode == 0 and p3.returncode == 0, "corpus/ indexes with --jobs 1 and --jobs 3", p3)
    return one, three


def write_stub(tmp, servers):
    stub_dir = os.path.join(tmp, "remote-stub")
    os.makedirs(stub_dir, exist_ok=True)
    with open(os.path.join(stub_dir, "XAPIANDB"), "w") as f:
        f.write("# shards served by xapian-tcpsrv\n")
        for s in servers:
            f.write(f"remote 127.0.0.1:{s.port}\n")
    return stub_dir


def test_remote(tmp, one, three, n, servers):
    remote = [s.name for s in servers]
    stub = write_stub(tmp, servers)
    check(json.loads(search(remote, "--stats", "--json").stdout or "{}").get("documents") == n,
          f"--stats over three remote shards counts {n} articles")
    same_answers("three local shards", [one], [three])
    same_answers("tcp:// shards", [one], remote)
    same_answers("stub of remote lines", [one], [stub])
    # Mixed: a local shard and two remote ones, searched as one.
    same_answers("local + remote", [one], [os.path.join(three, "shard-0"), *remote[1:]])

    # Spelling suggestions do not cross the wire: none, and no error.
    local = answer([one], "cofee")
    far = answer(remote, "cofee")
    check(local.get("suggestion") and "suggestion" not in far,
          f"a misspelling gets a suggestion locally ({local.get('suggestion')!r}), none remotely")
    like_one = search([one], "--like", "127", "--json", "--no-snippets", "--no-collapse")
    like_far = search(remote, "--like", "127", "--json", "--no-snippets", "--no-collapse")
    try:
        worst, same_ids = same_scores(json.loads(like_one.stdout), json.loads(like_far.stdout))
    except ValueError:
        worst, same_ids = 1.0, False
    check(same_ids and worst <= TOLERANCE, f"--like over remote shards: same ids and scores ({worst:.1e})",
          like_far)
    line_one = search([one], "--timeline", "--no-snippets", "oil").stdout.splitlines()[:1]
    line_far = search(remote, "--timeline", "--no-snippets", "oil").stdout.splitlines()[:1]
    check(line_one == line_far and line_one, f"--timeline over remote shards: same line {line_far}")
    p = search(remote, "--show", "127")
    check(p.returncode == 0 and "DIAMOND SHAMROCK" in p.stdout, "--show reads a remote article", p)


def test_wrong_language(tmp, servers):
    french = os.path.join(tmp, "french")
    p = index(french, "--jobs", "1", "--language", "french", os.path.join(corpus_parts()[0]))
    check(p.returncode == 0, "a French index builds", p)
    server = Server(french)
    servers.append(server)
    p = search([s.name for s in servers[:3]] + [server.name], "cocoa")
    check(p.returncode == 4 and server.name in p.stderr and "french" in p.stderr
          and len(p.stderr.splitlines()) == 1,
          f"a remote shard of another language is refused by name ({p.stderr.strip()!r})", p)
    server.stop()
    servers.remove(server)


def test_dead_shard(tmp, servers, n):
    remote = [s.name for s in servers]
    stub = write_stub(tmp, servers)
    full = answer(remote, "oil", "--no-collapse")
    dead = servers[1]
    dead.stop()
    for label, locations in (("tcp://", remote), ("stub", [stub])):
        start = time.monotonic()
        p = search(locations, "oil", timeout=60)
        took = time.monotonic() - start
        check(p.returncode == 4 and dead.name in p.stderr and len(p.stderr.splitlines()) == 1
              and took < 10, f"{label}: a dead shard is one line naming it, exit 4, in {took:.1f} s "
              f"({p.stderr.strip()!r})", p)
        no_trace(p, f"{label}: dead shard")
        p = search(locations, "--json", "--limit", "1000", "--no-collapse", "--allow-partial", "oil")
        warning = [line for line in p.stderr.splitlines() if "warning" in line]
        try:
            part = json.loads(p.stdout.splitlines()[0])
        except (ValueError, IndexError):
            part = {"total": -1, "hits": []}
        check(p.returncode == 0 and 0 < part["total"] < full["total"]
              and part.get("missing_shards") == [dead.name],
              f"{label}: --allow-partial answers from the others ({part['total']} of {full['total']}) "
              f"and lists the missing shard", p)
        check(len(warning) == 1 and dead.name in warning[0] and len(p.stderr.splitlines()) == 1,
              f"{label}: ... with one warning line naming it ({warning})", p)
        survivors = {h["id"] for h in part["hits"]}
        check(survivors < {h["id"] for h in full["hits"]}, f"{label}: ... a subset of the full answer")


def test_dies_mid_session(tmp, servers):
    """A server that dies between two queries of one batch run: named, or left out."""
    for partial in (False, True):
        victim = servers[-1]
        proc = subprocess.Popen([SEARCH_BIN, *index_args(*[s.name for s in servers]), "--json",
                                 *(["--allow-partial"] if partial else []), "--limit", "5"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        try:
            proc.stdin.write("oil\n")
            proc.stdin.flush()
            first = json.loads(proc.stdout.readline())
            victim.stop()
            out, err = proc.communicate("oil\n", timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if partial:
            second = json.loads(out.splitlines()[0]) if out.strip() else {"total": -1}
            check(proc.returncode == 0 and 0 < second["total"] < first["total"]
                  and second.get("missing_shards") == [victim.name] and victim.name in err
                  and len(err.splitlines()) == 1,
                  f"--allow-partial: a shard dying mid-run is left out and the query rerun "
                  f"({second['total']} of {first['total']}; {err.strip()!r})")
        else:
            check(proc.returncode == 4 and victim.name in err and len(err.splitlines()) == 1,
                  f"a shard dying mid-run ends it with one line naming it, exit 4 ({err.strip()!r})")
        victim.__init__(victim.database)  # serve it again for the next round


def test_compact(tmp, one, three, n):
    p = run([INDEX_BIN, "--index", three, "--compact", corpus_parts()[0]])
    check(p.returncode == 1 and "--compact takes no input" in p.stderr, "--compact refuses input paths", p)

    holder = subprocess.Popen([INDEX_BIN, "--index", three, "--format", "jsonl", "-"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        time.sleep(2.0)
        p = run([INDEX_BIN, "--index", three, "--compact"], timeout=60)
        check(p.returncode == 4 and "locked by another writer" in p.stderr
              and len(p.stderr.splitlines()) == 1, "--compact fails at once beside a writer", p)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
        holder.stdout.close()
        holder.stderr.close()

    # A leftover of a compaction that died is cleared by the next run.
    os.makedirs(three + ".compact-tmp")
    open(os.path.join(three + ".compact-tmp", "junk"), "w").close()
    p = run([INDEX_BIN, "--index", three, "--compact"])
    check(p.returncode == 0 and "compacted 3 shards" in p.stdout and " MB -> " in p.stdout,
          f"--compact merges three shards and reports sizes ({p.stdout.strip()!r})", p)
    check(os.path.isfile(os.path.join(three, "iamglass"))
          and not os.path.exists(os.path.join(three, "XAPIANDB"))
          and not any(d.startswith("shard-") for d in os.listdir(three)),
          f"the compacted index is one database {sorted(os.listdir(three))}")
    check(not os.path.exists(three + ".compact-tmp") and not os.path.exists(three + ".compact-old"),
          "no temporary directory is left behind")
    check(doc_count(three) == n, "the compacted index holds every article")
    same_answers("compacted", [one], [three])
    p = index(three, "--jobs", "3", *corpus_parts())
    check(p.returncode == 0 and f"added 0, replaced {n}" in p.stdout and doc_count(three) == n
          and not os.path.exists(os.path.join(three, "XAPIANDB")),
          "re-indexing after --compact replaces every article in the one database", p)
    p = run([INDEX_BIN, "--index", one, "--compact"])
    check(p.returncode == 0 and "compacted 1 database" in p.stdout and doc_count(one) == n,
          "--compact on one database compacts it in place", p)
    same_answers("one database compacted", [one], [three])


def main():
    if TCPSRV is None:
        print("skipped: xapian-tcpsrv is not on PATH (Debian package xapian-tools)")
        sys.exit(SKIP)
    servers = []
    with TempDir() as tmp:
        try:
            one, three = build(tmp)
            n = doc_count(one)
            check(n > 400 and doc_count(three) == n, f"same article count ({n})")
            servers.extend(Server(os.path.join(three, f"shard-{k}")) for k in range(3))
            p = search([s.name for s in servers[:2]], "cocoa")
            check(p.returncode == 4 and "3 shards" in p.stderr,
                  "naming two of three shards one by one is refused", p)
            test_remote(tmp, one, three, n, servers)
            test_wrong_language(tmp, servers)
            test_dies_mid_session(tmp, servers)
            test_dead_shard(tmp, servers, n)
        finally:
            for s in servers:
                s.stop()
        test_compact(tmp, one, three, n)
    finish()


main()
