"""End-to-end: values longer than a Xapian term can hold. Archives key scraped pages by URL, and
some sources and bylines are long: an article whose id is a 400-byte URL is found by id:,
--show and --like, and a source, topic, place or byline name of 300 bytes by its field: query,
exactly as the indexer cut it, and the source facet names it so that clicking it finds it."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from morgue_e2e import TempDir, check, finish, index, search, search_json  # noqa: E402

LONG_ID = "https://archive.example.com/2016/12/15/" + "putin-abe-nagato-talks-" * 16 + "end.html"
TWIN_ID = LONG_ID[:-5] + "-2.html"  # same first 245 bytes: only the hash tells them apart
LONG_SOURCE = "The Yamaguchi Prefecture Evening Chronicle and " * 6 + "Advertiser"
LONG_TOPIC = "territorial disputes over the southern kuril islands " * 6
LONG_PLACE = "Nagato, Yamaguchi Prefecture, " * 10 + "Japan"
LONG_BYLINE = "Correspondent " + "Hiroko Tabuchi-Nakamura " * 12


def articles():
    yield {"id": LONG_ID, "title": "Putin and Abe meet in Nagato", "date": "2016-12-15",
           "source": LONG_SOURCE, "topics": [LONG_TOPIC], "places": [LONG_PLACE],
           "byline": LONG_BYLINE,
           "body": "Russian President Vladimir Putin met Japanese Prime Minister Shinzo Abe at a "
                   "hot spring resort in Nagato to discuss the disputed islands."}
    yield {"id": TWIN_ID, "title": "Abe hosts Putin at a hot spring", "date": "2016-12-16",
           "source": "Kyodo", "body": "The talks on the disputed islands went on for a second "
                                      "day at the hot spring resort in Nagato."}
    for i in range(20):
        yield {"id": f"filler-{i}", "title": f"Harbour report {i}", "date": "2016-12-01",
               "source": "Kyodo", "body": f"Fishing boats returned to the harbour, day {i}."}


with TempDir() as tmp:
    corpus = os.path.join(tmp, "long.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for a in articles():
            f.write(json.dumps(a) + "\n")
    check(len(LONG_ID.encode()) > 300 and len(LONG_SOURCE.encode()) > 245, "the values are long")
    ix = os.path.join(tmp, "index")
    p = index(ix, corpus)
    check(p.returncode == 0, "the articles with long values are indexed", p)

    for article_id in (LONG_ID, TWIN_ID):
        page = search_json(ix, f'id:"{article_id}"', "--no-snippets")
        check([h["id"] for h in page["hits"]] == [article_id],
              f"id: finds the article with the {len(article_id)}-byte id, and only it")
    p = search(ix, "--show", LONG_ID, "--json")
    check(p.returncode == 0 and json.loads(p.stdout)["id"] == LONG_ID,
          "--show finds the article with the long id", p)
    p = search(ix, "--like", LONG_ID, "--json", "--no-snippets")
    like = json.loads(p.stdout.splitlines()[0]) if p.returncode == 0 else {"hits": []}
    check(p.returncode == 0 and TWIN_ID in [h["id"] for h in like["hits"]]
          and LONG_ID not in [h["id"] for h in like["hits"]],
          "--like finds articles like the one with the long id, and leaves it out", p)

    for field, value in (("source", LONG_SOURCE), ("topic", LONG_TOPIC), ("place", LONG_PLACE),
                         ("byline", LONG_BYLINE)):
        page = search_json(ix, f"{field}:{json.dumps(value)}", "--no-snippets")
        check([h["id"] for h in page["hits"]] == [LONG_ID],
              f"{field}: finds the article by its {len(value.encode())}-byte {field}")

    page = search_json(ix, "nagato", "--facets", "source", "--no-snippets")
    values = [v["value"] for v in page["facets"]["source"]]
    long_value = [v for v in values if v.startswith("the yamaguchi prefecture")]
    check(len(long_value) == 1, f"the source facet lists the long source ({values})")
    if long_value:
        page = search_json(ix, f"source:{json.dumps(long_value[0])}", "--no-snippets")
        check([h["id"] for h in page["hits"]] == [LONG_ID],
              "the source facet's value, queried, finds the article")
finish()
