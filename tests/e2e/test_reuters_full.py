"""End-to-end: all of Reuters-21578 (from ../shared), as JSON Lines and as the raw SGML files: every
one of the 21,578 stories is an article, and a few known queries find what they should.
MORGUE_REUTERS_FILES=N (the sanitizer build sets it) takes only the first N of the 22 SGML files
and the same stories from the JSON Lines, with the expected figures counted from the data."""
import glob
import gzip
import json
import os
import sys

from morgue_e2e import SHARED, SKIP, TempDir, check, doc_count, finish, hit_ids, index, search_json

REUTERS = os.path.join(SHARED, "corpora", "reuters21578")


def jsonl_subset(ids, path):
    """Writes the records of docs.jsonl.gz whose id is in `ids` to `path`; returns them."""
    records = []
    with gzip.open(os.path.join(REUTERS, "docs.jsonl.gz"), "rt") as src, open(path, "w") as out:
        for line in src:
            record = json.loads(line)
            if record["id"] in ids:
                out.write(line)
                records.append(record)
    return records


def main():
    if not os.path.isdir(REUTERS):
        print(f"skipped: {REUTERS} is not here (the shared corpora sit beside the checkout)")
        sys.exit(SKIP)
    files = sorted(glob.glob(os.path.join(REUTERS, "raw", "reut2-*.sgm")))
    limit = int(os.environ.get("MORGUE_REUTERS_FILES", "0"))
    whole = limit <= 0 or limit >= len(files)
    with TempDir() as tmp:
        source = os.path.join(REUTERS, "docs.jsonl.gz")
        expected, cocoa_expected = 21578, 76
        if not whole:
            # Each raw file holds 1,000 stories in NEWID order (the last one 578).
            files = files[:limit]
            source = os.path.join(tmp, "subset.jsonl")
            records = jsonl_subset({str(n) for n in range(1, 1000 * limit + 1)}, source)
            expected = len(records)
            cocoa_expected = sum("cocoa" in (r.get("topics") or []) for r in records)
            print(f"first {limit} SGML files: {expected} stories, {cocoa_expected} about cocoa")
        jsonl = os.path.join(tmp, "jsonl")
        p = index(jsonl, "--stats-json", os.path.join(tmp, "stats.json"), source, timeout=1200)
        check(p.returncode == 0 and f"added {expected}, replaced 0, skipped 0" in p.stdout,
              f"JSON Lines: {expected:,} added, none skipped", p)
        check(doc_count(jsonl) == expected, f"the JSONL index holds {expected:,} articles")

        sgml = os.path.join(tmp, "sgml")
        p = index(sgml, *files, timeout=1200)
        check(p.returncode == 0 and f"added {expected}, replaced 0, skipped 0" in p.stdout,
              f"raw SGML: {expected:,} added, none skipped", p)
        check(doc_count(sgml) == expected, f"the SGML index holds {expected:,} articles")

        for idx, form in [(jsonl, "JSONL"), (sgml, "SGML")]:
            if whole:
                hit = search_json(idx, "id:12793")["hits"]
                check(len(hit) == 1 and hit[0]["date"] == "1987-04-03",
                      f"{form}: NEWID 12793 (an id and a date, no text) is an article")
            check(hit_ids(idx, "id:1") == ["1"], f"{form}: NEWID 1 by id")
            top = hit_ids(idx, "BAHIA COCOA REVIEW", limit=5)
            check(top[:1] == ["1"] or "1" in top, f"{form}: its title finds NEWID 1 near the top ({top[:5]})")
            cocoa = search_json(idx, "topic:cocoa", "--limit", "1")["total"]
            check(cocoa == cocoa_expected and cocoa > 0,
                  f"{form}: topic:cocoa matches the {cocoa_expected} cocoa stories (got {cocoa})")
        # Both forms of the collection give the same answers.
        for query in ["oil prices", "\"central bank\"", "coffee AND brazil", "title:gold NOT silver"]:
            a = hit_ids(jsonl, query, limit=10)
            b = hit_ids(sgml, query, limit=10)
            check(a == b and len(a) > 0, f"{query!r}: JSONL and SGML indexes agree on the top 10")
    finish()


main()
