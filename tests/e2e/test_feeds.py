"""End-to-end: RSS/Atom feeds and TREC Washington Post lines through the real binaries: corpus/feeds
and corpus/wapo, then the real samples in ../shared/format-samples when they are there. Ids, urls,
titles, dates, bylines, topics and body words of known items; item counts; re-indexing a feed
replaces its items; a feed that is not well-formed is one error line."""
import os
import re

from morgue_e2e import CORPUS, SHARED, TempDir, check, doc_count, finish, hit_ids, index, no_trace, search, show_article

SAMPLES = os.path.join(SHARED, "format-samples")




def check_fields(idx, article_id, **expected):
    article = show_article(idx, article_id)
    for field, value in expected.items():
        check(article.get(field) == value,
              f"{article_id}: {field} is {value!r} (got {article.get(field)!r})")
    return article


def check_search(idx, query, expected_ids):
    found = hit_ids(idx, query)
    check(sorted(found) == sorted(expected_ids), f"{query!r} finds {expected_ids} (got {found})")


def summary_counts(stdout):
    m = re.search(r"added (\d+), replaced (\d+), skipped (\d+)", stdout)
    return tuple(int(n) for n in m.groups()) if m else None


def corpus_feeds(tmp):
    idx = os.path.join(tmp, "corpus")
    feeds, wapo = os.path.join(CORPUS, "feeds"), os.path.join(CORPUS, "wapo")
    p = index(idx, feeds, wapo)
    check(p.returncode == 0 and summary_counts(p.stdout) == (34, 0, 0),
          "corpus/feeds and corpus/wapo: 34 articles, none skipped", p)
    check("passed over 1 record that is not an article: 1 feed item without text" in p.stdout,
          "the enclosure-only item is passed over and counted", p)
    no_trace(p, "corpus feeds")

    pier = "https://gazette.example/2023/12/17/ferry-pier"
    body = check_fields(idx, pier, title="Harbour council approves the new ferry pier", url=pier,
                        date="2023-12-17", source="Port Halloran Gazette",
                        byline="Maren Ostby, Tomas Reyes", topics=["Harbour", "Council"],
                        dateline="PORT HALLORAN").get("body", "")
    check("north quay" in body and "low tide" not in body and "Advertisement" not in body,
          "the pier's body keeps its paragraphs and drops the caption and the ad line")
    check_fields(idx, "https://gazette.example/2023/12/16/lighthouse-cottage",
                 url="https://gazette.example/2023/12/16/lighthouse-cottage", byline="Ines Calloway",
                 date="2023-12-18", body="The cottage by the old lighthouse reopens in spring.\n\n"
                 "Tours cost \u00a34 & run daily.")
    check_fields(idx, "harbour-council.rss#3", title="Tides & times for the week", url="",
                 date="2023-12-15")
    check_fields(idx, "https://courier.example/2024/03/04/early-bloom",
                 title="Orchard growers expect an early bloom", date="2024-03-04",
                 source="Valley Courier", byline="Priya Lindqvist, Owen Mbeki",
                 topics=["Agriculture", "weather"], dateline="CEDAR FALLS, Ore.")
    check_fields(idx, "tag:courier.example,2024:entry-311", url="", byline="Courier Newsroom",
                 date="2024-03-03")
    check_fields(idx, "https://almanac.example/2022/05/30/cafe-terrace",
                 title="Caf\u00e9 terrace opens on the quay", byline="Ren\u00e9e Fonta\u00efne",
                 source="River Almanac", topics=["Local business"], date="2022-05-30")
    check_fields(idx, "https://www.nbcnewyork.com/news/local/nyc-cops-search-for-stabbing-suspect-"
                 "after-leaving-18-year-old-to-bleed-out-on-sidewalk/4956764/",
                 date="2023-12-16", source="NBC New York",
                 byline="Gaby Acevedo and Jessica Cunnington", topics=["post"])
    check_fields(idx, "https://investorplace.com/2019/07/slack-stock-truly-compelling/",
                 title="Slack Stock Has a Compelling Story and the Numbers to Back It Up",
                 url="https://investorplace.com/2019/07/slack-stock-truly-compelling/",
                 source="Google Alert - Slack", date="2019-07-10")
    total = len(hit_ids(idx, 'source:"google alert - slack"'))
    check(total == 20, f"the Google Alerts feed gives 20 articles (got {total})")

    lock = "a6f3c1e0-0d1b-11e7-9b0d-d27c98455440"
    check_fields(idx, lock, title="A 19th-century canal lock works again, thanks to volunteers",
                 date="2017-03-19", source="The Washington Post", byline="Nadia Okafor, Luis Brandt",
                 topics=["Local"], dateline="GREAT FALLS, Md.",
                 url="https://www.washingtonpost.example/local/canal-lock-restored/2017/03/19/"
                 "a6f3c1e0-0d1b-11e7-9b0d-d27c98455440_story.html")
    check_fields(idx, "3f1b2c9d8e7a6b5c4d3e2f1a0b9c8d7e", byline="Carla Ruiz", date="2018-01-04",
                 source="washingtonpost.com", topics=["Capital Weather Gang"])

    check_search(idx, "pilings", [pier])
    check_search(idx, "superintendent", ["tag:courier.example,2024:entry-311"])
    check_search(idx, "towpath", [lock])
    check_search(idx, "crêpes", ["https://almanac.example/2022/05/30/cafe-terrace"])
    check_search(idx, '"staff photographer"', [])  # an image caption, not body text
    check_search(idx, "Montgomery", [])  # the author's bio
    check_search(idx, "topic:agriculture", ["https://courier.example/2024/03/04/early-bloom"])
    check_search(idx, "byline:ostby", [pier])

    # Indexing a feed again replaces its items: same ids, no duplicates.
    before = doc_count(idx)
    p = index(idx, os.path.join(feeds, "harbour-council.rss"))
    check(p.returncode == 0 and summary_counts(p.stdout) == (0, 4, 0),
          "re-indexing harbour-council.rss replaces its 4 articles", p)
    check(doc_count(idx) == before, f"the index still holds {before} articles")

    # A feed that is not well-formed is one error, at its line.
    p = index(os.path.join(tmp, "bad"), os.path.join(CORPUS, "bad", "malformed-feed.xml"))
    errors = [line for line in p.stderr.splitlines() if ": error: " in line]
    check(p.returncode == 2 and errors == [
        f"morgue-index: {os.path.join(CORPUS, 'bad', 'malformed-feed.xml')}:17: error: "
        "not well-formed XML: Start-end tags mismatch"], "the malformed feed gives one error line", p)


def shared_samples(tmp):
    feeds, wapo = os.path.join(SAMPLES, "feeds"), os.path.join(SAMPLES, "wapo")
    if not (os.path.isdir(feeds) and os.path.isdir(wapo)):
        print(f"skipped the shared samples: {SAMPLES} is not here")
        return
    idx = os.path.join(tmp, "shared")
    p = index(idx, feeds, wapo)
    check(p.returncode == 0 and summary_counts(p.stdout) == (30, 0, 0),
          "shared samples: 26 feed items and 4 WaPo documents, none skipped", p)
    no_trace(p, "shared samples")

    check_fields(idx, "urn:feed-wenn-com:newsfeedarticle:2:2222:1",
                 title="Suge Knight involved in fatal hit and run incident", url="",
                 date="2015-01-30", source="WENN Feed", byline="WENN Newsdesk", topics=["Music"],
                 body="This is body content1.")
    hijabs = check_fields(
        idx, "http://www.huffingtonpost.ca/2017/10/17/winnipeg-high-school-orders-custom-hijabs-"
        "for-muslim-athletes_a_23246627/",
        title="Winnipeg High School Orders Custom Hijabs For Muslim Athletes", date="2017-10-17",
        byline="Canadian Press", source="HuffPost Canada - Athena2 - All Posts")
    check("Dakota Collegiate" in hijabs.get("topics", []) and "LIVING" not in hijabs.get("topics", []),
          "HuffPost categories are topics, case repeats dropped")
    check("4 Muslim Canadian Women" not in hijabs.get("body", ""),
          "HuffPost's list of related links is not body text")
    check_fields(idx, "https://omny.fm/shows/spiegel-update-die-nachrichten/07-02-die-wochenvorschau-"
                 "lockdown-verl-ngerung-kri", date="2021-02-06",
                 source="SPIEGEL Update \u2013 Die Nachrichten",
                 body="Die wichtigsten Nachrichten aus der SPIEGEL-Redaktion.\n\n"
                 "See omnystudio.com/listener for privacy information.")
    total = len(hit_ids(idx, 'source:"google alert - slack"'))
    check(total == 20, f"the shared Google Alerts feed gives 20 articles (got {total})")

    women = "9171debc316e5e2782e0d2404ca7d09d"
    body = check_fields(idx, women, date="2016-09-01", source="The Washington Post",
                        byline="Melissa Etehad, Jeremy C.F. Lin", topics=["WorldViews"],
                        title="Despite a big year for women in politics, national legislatures "
                        "are still dominated by men",
                        url="https://www.washingtonpost.com/news/worldviews/wp/2016/09/01/women-"
                        "are-half-of-the-world-but-only-22-percent-of-its-parliaments/feed/").get("body", "")
    check(body.startswith("It's a big year for women in politics."), "the WaPo body starts with its first paragraph")
    check("Columbia University" not in body, "the author bio is not body text")
    check_fields(idx, "03049850-58e3-11e6-8b48-0cb344221131", byline="", date="2016-08-05",
                 topics=["Letters to the Editor"])
    check_fields(idx, "dafe3110-4a9e-11e6-acbc-4d4870a079da", byline="Vanessa Williams",
                 date="2016-07-22", topics=["Politics"])
    check_search(idx, '"Fort Hayes Metropolitan"', [])  # words only in an image caption
    check_search(idx, "Anchimaa-Toka", ["dafe3110-4a9e-11e6-acbc-4d4870a079da"])


def main():
    with TempDir() as tmp:
        corpus_feeds(tmp)
        shared_samples(tmp)
    finish()


main()
