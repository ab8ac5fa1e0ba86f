"""End-to-end: web archives. The corpus WARCs go in with the target URI as id and url, the page's
title and date (else WARC-Date) and searchable body words; the real samples in
../shared/format-samples/warc give the expected article and passed-over counts (skipped when
absent); and a WARC written by a real crawler (wget over python3 -m http.server serving corpus
pages) gives every page under its URL, its requests passed over."""
import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import time

from morgue_e2e import (CORPUS, SHARED, TempDir, check, doc_count, finish, hit_ids, index,
                        no_trace, search, show_article)

WARC_DIR = os.path.join(CORPUS, "warc")
SAMPLES = os.path.join(SHARED, "format-samples", "warc")
SUMMARY = re.compile(r"added (\d+), replaced (\d+), skipped (\d+)")


def summary(process):
    """(added, skipped, {kind: count}) from morgue-index's summary lines."""
    m = SUMMARY.search(process.stdout)
    added, skipped = (int(m.group(1)), int(m.group(3))) if m else (-1, -1)
    kinds = {}
    passed = re.search(r"passed over [\d,]+ records? that (?:is|are) not (?:an article|articles): (.+)",
                       process.stdout)
    if passed:
        for part in passed.group(1).split(", "):
            count, kind = part.split(" ", 1)
            kinds[kind] = int(count.replace(",", ""))
    return added, skipped, kinds




def corpus_warcs(tmp):
    idx = os.path.join(tmp, "corpus")
    p = index(idx, "--jobs", "1", WARC_DIR)
    check(p.returncode == 0, "indexing corpus/warc exits 0", p)
    no_trace(p, "corpus/warc")
    added, skipped, kinds = summary(p)
    check(added == 6 and skipped == 0, f"corpus/warc: 6 articles, none skipped ({added}, {skipped})", p)
    check(kinds == {"WARC metadata record": 2, "WARC request record": 6, "WARC response that is not a page": 4,
                    "WARC revisit record": 2, "WARC warcinfo record": 5},
          f"corpus/warc: the passed-over records counted by kind ({kinds})", p)

    expected = {
        "http://gazette.example/2016/12/15/tram-line-opens.html":
            ("Tram line opens to the harbour district", "2016-12-15", "Portville Gazette", "The first tram in forty"),
        "http://valleypost.example/news/cheese-fair.html":
            ("Cheese fair draws record crowd", "2016-12-17", "Valley Post", "a caf\u00e9 owner won the prize"),
        "http://gazette.example/2016/12/16/bridge-repairs.html":
            ("Bridge repairs close the old crossing for a month", "2016-12-16", "Portville Gazette",
             "old stone bridge over the Ash river"),
        "http://example.com/": ("Example Domain", "2017-03-06", "example.com", "illustrative examples"),
        "http://www.iana.org/": ("Internet Assigned Numbers Authority", "2017-03-06", "iana.org", "DNS Root Zone"),
        "https://an.wikipedia.org/wiki/Escopete":
            # The site's name after the headline is cut.
            ("Escopete", "2008-07-04", "Wikimedia Foundation, Inc.", "ortografía oficial de Biquipedia"),
    }
    for article_id, (title, date, source, words) in expected.items():
        article = show_article(idx, article_id)
        check(article.get("id") == article_id and article.get("url") == article_id,
              f"{article_id}: id and url are the target URI ({article.get('id')!r}, {article.get('url')!r})")
        check(article.get("title") == title, f"{article_id}: title {article.get('title')!r}")
        check(article.get("date") == date, f"{article_id}: date {article.get('date')!r} (page, else WARC-Date)")
        check(article.get("source") == source, f"{article_id}: source {article.get('source')!r}")
        check(words in article.get("body", ""), f"{article_id}: body holds {words!r}")
    for query, article_id in [("tram commuters brass band", "http://gazette.example/2016/12/15/tram-line-opens.html"),
                              ("goat cheese", "http://valleypost.example/news/cheese-fair.html"),
                              ("illustrative", "http://example.com/"),
                              ("ccTLDs", "http://www.iana.org/"),
                              ("Biquipedia", "https://an.wikipedia.org/wiki/Escopete")]:
        check(hit_ids(idx, query)[:1] == [article_id], f"{query!r} finds {article_id}")
    check(hit_ids(idx, "id:http://gazette.example/2016/12/16/bridge-repairs.html") ==
          ["http://gazette.example/2016/12/16/bridge-repairs.html"], "id: finds an article by its URI")
    check(hit_ids(idx, "\"Not found\" OR \"No page here\"") == [], "the 404 page is not an article")

    # Detected by its first bytes under any name.
    renamed = os.path.join(tmp, "crawl.dat")
    shutil.copy(os.path.join(WARC_DIR, "portville-crawl.warc.gz"), renamed)
    p = index(os.path.join(tmp, "renamed"), "--jobs", "1", renamed)
    check(summary(p)[0] == 3, "a WARC named crawl.dat is detected by its first bytes (3 articles)", p)


def shared_samples(tmp):
    if not os.path.isdir(SAMPLES):
        print(f"skip: {SAMPLES} is not here (the shared samples sit beside the checkout)")
        return
    expected = {
        "warcio-example.warc.gz": (1, 0, {"WARC request record": 2, "WARC revisit record": 1,
                                          "WARC warcinfo record": 2}),
        "warcio-example-iana.org-chunked.warc": (1, 0, {"WARC request record": 1, "WARC warcinfo record": 1}),
        "commoncrawl-whirlwind.warc.gz": (1, 0, {"WARC metadata record": 1, "WARC request record": 1,
                                                 "WARC warcinfo record": 1}),
        "ukwa-BL-20140325122341434-00000-32090-opera-8443.warc.gz":
            (5, 0, {"WARC metadata record": 62, "WARC page with no article text": 1, "WARC request record": 62,
                    "WARC response that is not a page": 4, "WARC revisit record": 55, "WARC warcinfo record": 1}),
        # Its warcinfo's Content-Length (331) runs 4 bytes into the response after it.
        "anserini-commoncrawlnewsen-segment1.warc.gz": (0, 1, {"WARC page with no article text": 1}),
    }
    for name, (articles, problems, kinds) in expected.items():
        path = os.path.join(SAMPLES, name)
        if not os.path.exists(path):
            print(f"skip: {path} is not here")
            continue
        p = index(os.path.join(tmp, name), "--jobs", "1", path)
        no_trace(p, name)
        added, skipped, found = summary(p)
        check(p.returncode == (2 if problems else 0), f"{name}: exit {p.returncode}", p)
        check((added, skipped, found) == (articles, problems, kinds),
              f"{name}: {articles} articles, {problems} damaged, passed over {kinds} (got {added}, {skipped}, {found})", p)
    anserini = os.path.join(SAMPLES, "anserini-commoncrawlnewsen-segment1.warc.gz")
    if os.path.exists(anserini):
        p = index(os.path.join(tmp, "anserini-again"), anserini)
        check("anserini-commoncrawlnewsen-segment1.warc.gz:1: error: damaged WARC record at byte 0: "
              "Content-Length 331 does not end where a record ends" in p.stderr,
              "the damaged warcinfo is named with its line and byte offset", p)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wget_crawl(tmp):
    wget = shutil.which("wget")
    if wget is None:
        print("skip: wget is not installed (tests/scripts/install-deps.sh installs it)")
        return
    site = os.path.join(tmp, "site")
    os.makedirs(site)
    pages = ["wordpress-harbour-ferry.html", "plain-title-paragraphs.html", "latin1-cafe-terraces.html"]
    for page in pages:
        shutil.copy(os.path.join(CORPUS, "html", page), site)
    with open(os.path.join(site, "index.html"), "w", encoding="utf-8") as f:
        f.write("<html><body><nav>" + "".join(f'<a href="{p}">{p}</a> ' for p in pages) + "</nav></body></html>")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", site], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        warc = os.path.join(tmp, "crawl")
        p = subprocess.run([wget, "--quiet", "--recursive", "--level=1", "--no-parent", "-e", "robots=off",
                            "--directory-prefix", os.path.join(tmp, "mirror"), f"--warc-file={warc}",
                            base + "index.html"], capture_output=True, text=True, timeout=120)
        check(os.path.exists(warc + ".warc.gz"), f"wget wrote {warc}.warc.gz (exit {p.returncode})", p)
    finally:
        server.terminate()
        server.wait(timeout=10)
    if not os.path.exists(warc + ".warc.gz"):
        return
    idx = os.path.join(tmp, "wget-index")
    p = index(idx, "--jobs", "1", warc + ".warc.gz")
    check(p.returncode == 0, "indexing wget's WARC exits 0", p)
    no_trace(p, "wget's WARC")
    added, skipped, kinds = summary(p)
    check(added == len(pages) and doc_count(idx) == len(pages), f"every page of the crawl is an article ({added})", p)
    # wget may retry a request on a loaded machine: the WARC itself says how many it wrote.
    with gzip.open(warc + ".warc.gz", "rb") as f:
        requests = sum(line.strip() == b"WARC-Type: request" for line in f)
    check(requests >= len(pages) + 1 and kinds.get("WARC request record") == requests,
          f"wget's requests are passed over ({kinds.get('WARC request record')} of {requests})", p)
    check(kinds.get("WARC page with no article text") == 1, "the link page is passed over as no article text", p)
    titles = {"wordpress-harbour-ferry.html": "Harbour ferry", "plain-title-paragraphs.html": "Library reopens",
              "latin1-cafe-terraces.html": "caf\u00e9"}
    for page in pages:
        article = show_article(idx, base + page)
        check(article.get("id") == base + page and article.get("url") == base + page,
              f"{page}: id and url are its URL ({article.get('id')!r})")
        check(titles[page].lower() in article.get("title", "").lower(),
              f"{page}: title {article.get('title')!r} holds {titles[page]!r}")
        check(len(article.get("body", "")) > 200, f"{page}: has its body")


def main():
    with TempDir() as tmp:
        corpus_warcs(tmp)
        shared_samples(tmp)
        wget_crawl(tmp)
    finish()


main()
