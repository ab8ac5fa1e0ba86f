"""End-to-end: all of Reuters-21578 (from ../shared), as JSON Lines and as the raw SGML files: every
one of the 21,578 stories is an article, and a few known queries find what they should."""
import glob
import os
import sys

from morgue_e2e import SHARED, SKIP, TempDir, check, doc_count, finish, hit_ids, index, search_json

REUTERS = os.path.join(SHARED, "corpora", "reuters21578")


def main():
    if not os.path.isdir(REUTERS):
        print(f"skipped: {REUTERS} is not here (the shared corpora sit beside the checkout)")
        sys.exit(SKIP)
    with TempDir() as tmp:
        jsonl = os.path.join(tmp, "jsonl")
        p = index(jsonl, "--stats-json", os.path.join(tmp, "stats.json"),
                  os.path.join(REUTERS, "docs.jsonl.gz"), timeout=1200)
        check(p.returncode == 0 and "added 21578, replaced 0, skipped 0" in p.stdout,
              "docs.jsonl.gz: 21,578 added, none skipped", p)
        check(doc_count(jsonl) == 21578, "the JSONL index holds 21,578 articles")

        sgml = os.path.join(tmp, "sgml")
        p = index(sgml, *sorted(glob.glob(os.path.join(REUTERS, "raw", "reut2-*.sgm"))), timeout=1200)
        check(p.returncode == 0 and "added 21578, replaced 0, skipped 0" in p.stdout,
              "raw SGML: 21,578 added, none skipped", p)
        check(doc_count(sgml) == 21578, "the SGML index holds 21,578 articles")

        for idx, form in [(jsonl, "JSONL"), (sgml, "SGML")]:
            hit = search_json(idx, "id:12793")["hits"]
            check(len(hit) == 1 and hit[0]["date"] == "1987-04-03",
                  f"{form}: NEWID 12793 (an id and a date, no text) is an article")
            check(hit_ids(idx, "id:1") == ["1"], f"{form}: NEWID 1 by id")
            top = hit_ids(idx, "BAHIA COCOA REVIEW", limit=5)
            check(top[:1] == ["1"] or "1" in top, f"{form}: its title finds NEWID 1 near the top ({top[:5]})")
            cocoa = search_json(idx, "topic:cocoa", "--limit", "1")["total"]
            check(cocoa == 76, f"{form}: topic:cocoa matches the 76 cocoa stories (got {cocoa})")
        # Both forms of the collection give the same answers.
        for query in ["oil prices", "\"central bank\"", "coffee AND brazil", "title:gold NOT silver"]:
            a = hit_ids(jsonl, query, limit=10)
            b = hit_ids(sgml, query, limit=10)
            check(a == b and len(a) > 0, f"{query!r}: JSONL and SGML indexes agree on the top 10")
    finish()


main()
