"""Helpers for the reliability tests: a seeded synthetic corpus and index inspection."""
import json
import os
import random
import shutil
import subprocess
import zlib

from morgue_e2e import check, search

WORDS = ("market price bank minister election trade oil coffee cocoa export quota talks island "
         "dispute government crisis budget tax rate growth inflation harvest drought port strike "
         "union court ruling treaty summit border vote party coalition reform wheat steel").split()

SOURCE = "crashwire"


def article(i, rng):
    """Article i: body framed by the words 'bodystart' and 'bodyend'; the title carries the
    body's checksum, so a stored title proves which body went with it."""
    body = "bodystart " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80))) + " bodyend"
    return {"id": f"c{i:05d}", "title": f"Crash article {i:05d} sum {zlib.crc32(body.encode()):08x}",
            "body": body, "date": f"20{10 + i % 10:02d}-0{1 + i % 9}-1{i % 10}", "source": SOURCE}


def write_corpus(path, count, seed):
    """Writes `count` articles as JSON Lines; returns {id: title}."""
    rng = random.Random(seed)
    titles = {}
    with open(path, "w") as f:
        for i in range(1, count + 1):
            a = article(i, rng)
            titles[a["id"]] = a["title"]
            f.write(json.dumps(a) + "\n")
    return titles


def listed(index_dir):
    """(count, [(id, title)]) of every article in the index; count -1 when it cannot be read."""
    p = search(index_dir, "--json", "--limit", "10000", f"source:{SOURCE}")
    if p.returncode != 0:
        check(False, "listing the index exits 0", p)
        return -1, []
    page = json.loads(p.stdout.splitlines()[0])
    return page["total"], [(h["id"], h["title"]) for h in page["hits"]]


def total(index_dir, query):
    p = search(index_dir, "--json", "--limit", "0", query)
    if p.returncode != 0:
        check(False, f"query {query!r} exits 0", p)
        return -1
    return json.loads(p.stdout.splitlines()[0])["total"]


def shard_for_id(article_id, count):
    """The shard an id goes to (common/index_layout: FNV-1a 64 of the id's bytes mod count)."""
    h = 1469598103934665603
    for b in article_id.encode():
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return 0 if count <= 1 else h % count


SEGMENT_HEADER = "# Morgue shard: sealed segments"


def stub_entries(directory):
    """The locations a stub file in `directory` lists, or None when it has none."""
    stub = os.path.join(directory, "XAPIANDB")
    if not os.path.isfile(stub):
        return None
    with open(stub) as f:
        return [os.path.join(directory, line.split()[1]) for line in f
                if line.strip() and not line.startswith("#")]


def is_segmented(directory):
    """True when `directory` is a shard built as segments (its stub lists sealed segments)."""
    stub = os.path.join(directory, "XAPIANDB")
    if not os.path.isfile(stub):
        return False
    with open(stub) as f:
        return f.readline().rstrip("\n") == SEGMENT_HEADER


def shards(index_dir):
    """The shards of an index: its shard directories, or the index itself."""
    if is_segmented(index_dir):
        return [index_dir]
    return stub_entries(index_dir) or [index_dir]


def databases(index_dir):
    """The Xapian databases of an index: each shard, or each segment of a shard being built as
    segments (the first segment holds the shard's writer lock)."""
    return [db for shard in shards(index_dir)
            for db in (stub_entries(shard) if is_segmented(shard) else [shard])]


def index_ready(index_dir):
    """True once a writer has created the index far enough for readers to open it."""
    return any(os.path.exists(os.path.join(index_dir, name)) for name in ("iamglass", "XAPIANDB"))


def xapian_check(index_dir):
    """True when xapian-check finds no error in any database of the index (or xapian-check is
    not installed: say so)."""
    tool = shutil.which("xapian-check")
    if tool is None:
        print("note: xapian-check not installed; structure not checked")
        return True
    for db in databases(index_dir):
        p = subprocess.run([tool, db], capture_output=True, text=True, timeout=300)
        if p.returncode != 0 or "No errors found" not in p.stdout:
            print(p.stdout[-2000:], p.stderr[-2000:])
            return False
    return True


def per_shard(ids, count):
    """Input-ordered ids split by shard."""
    shards = [[] for _ in range(max(count, 1))]
    for i in ids:
        shards[shard_for_id(i, count)].append(i)
    return shards


def check_whole_prefix(index_dir, titles, what, expected=None, multiple_of=None):
    """The index opens, passes xapian-check, and holds, in each shard, the first articles of the
    input that shard was given (a whole number of `multiple_of` batches, or all of them), each
    complete (title exact, body from its first word to its last); returns the article count."""
    count, hits = listed(index_dir)
    check(count >= 0, f"{what}: index opens")
    if count < 0:
        return -1
    check(xapian_check(index_dir), f"{what}: xapian-check finds no errors")
    ids = [h[0] for h in hits]
    check(len(ids) == count and len(set(ids)) == count, f"{what}: {count} articles, each once")
    count_shards = len(shards(index_dir))
    present = set(ids)
    for k, order in enumerate(per_shard(sorted(titles), count_shards)):
        have = [i for i in order if i in present]
        check(have == order[:len(have)],
              f"{what}: shard {k} holds the first {len(have)} of its {len(order)} articles")
        if multiple_of:
            check(len(have) % multiple_of == 0 or len(have) == len(order),
                  f"{what}: shard {k}: {len(have)} articles are whole batches of {multiple_of}")
    stray = present - set(titles)
    check(not stray, f"{what}: no article that is not in the input ({sorted(stray)[:3]})")
    bad = [h for h in hits if titles.get(h[0]) != h[1]]
    check(not bad, f"{what}: every stored title is whole ({bad[:3]})")
    check(total(index_dir, "bodystart") == count and total(index_dir, "bodyend") == count,
          f"{what}: every article has its body's first and last word")
    if expected is not None:
        check(count == expected, f"{what}: holds {expected} articles (got {count})")
    return count


def possible_totals(titles, shards, batch):
    """Every article count a reader may see while a run writes `titles` into `shards` shards
    committing every `batch` articles per shard: sums of whole batches (or all) per shard."""
    sums = {0}
    for order in per_shard(sorted(titles), shards):
        steps = set(range(0, len(order) + 1, batch)) | {len(order)}
        sums = {a + b for a in sums for b in steps}
    return sums
