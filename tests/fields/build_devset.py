#!/usr/bin/env python3
"""Builds the HTML fields development set from public test suites.

Takes the saved news pages and the values their tests expect from postlight/parser
(fixtures/*.html, asserted in src/extractors/custom/*/index.test.js) and goose3
(tests/data/**/*.html with a .json of expectations beside each), and optionally the
publication dates of htmldate's news pages from many countries (tests/test_set/*.html,
dated in tests/eval_mediacloud_2020.json) and Mozilla readability's news test pages
(test/test-pages/<name>/source.html: title, byline and publishedTime of
expected-metadata.json, the text of expected.html as the body), newspaper4k's saved pages
(tests/data/html/, with tests/data/metadata/ and tests/data/txt/), metascraper's integration
pages (packages/metascraper/test/integration/<site>/, with the title, author and date of its
snapshot, each checked against the page) and trafilatura's hand-annotated evaluation pages
that declare a NewsArticle (tests/eval/ and tests/cache/, annotated in tests/evaldata.json:
title, author, date, passages of the text and of boilerplate), and writes into OUT:

  postlight/<fixture>.html, goose3/<folder>/<name>.html, htmldate/<name>.html,
  readability/<name>.html, newspaper4k/<name>.html, metascraper/<site>.html,
  trafilatura/<hash of the address>.html   the pages
  expected.jsonl   one object per page: id (the page's path under OUT, which is also its
                   Morgue id), site, split ("dev" or "held-out"), title, date (YYYY-MM-DD),
                   authors (list of names), body (full expected text), body_start (the first
                   words of the text), body_with and body_without (passages the text holds,
                   and boilerplate it must not); a value is null when the source does not
                   state it.

The repositories are read as git directories or work trees (given by path); nothing is
downloaded. Usage:

  build_devset.py --postlight PATH --goose3 PATH [--htmldate PATH] [--readability PATH]
                  [--newspaper4k PATH] [--metascraper PATH] [--trafilatura PATH] OUT
"""

import argparse
import hashlib
import html.parser
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score_fields import normalise  # noqa: E402  (the scorer's equality for titles)

# Postlight fixtures that are not news articles: code hosts, social sites, reference works,
# shops, security advisories, papers, personal blogs and other non-news pages.
NOT_NEWS = {
    "biorxiv.org", "bookwalker.jp", "clinicaltrials.gov", "github.com", "pastebin.com",
    "twitter.com", "wikipedia.org", "www.youtube.com", "www.reddit.com", "genius.com",
    "www.linkedin.com", "otrs.com", "jvndb.jvn.jp", "www.ipa.go.jp", "www.sanwa.co.jp",
    "www.elecom.co.jp", "www.jnsa.org", "www.fortinet.com", "phpspot.org", "takagi-hiromitsu.jp",
    "blogspot.com", "medium.com", "postlight.com", "ma.ttias.be", "sect.iij.ad.jp",
    "techlog.iij.ad.jp", "thefederalistpapers.org", "epaper.zeit.de", "fandom.wikia.com",
    "www.moongift.jp", "www.littlethings.com", "www.apartmenttherapy.com", "sciencefly.com",
    "www.gruene.de", "www.oreilly.co.jp", "www.infoq.com", "blisterreview.com", "allnewlyrics.com",
    "obamawhitehouse.archives.gov", "www.americanow.com",
    # htmldate's set: a video site, a question-and-answer site, blog hosts
    "youtube.com", "oshiete.goo.ne.jp", "blog.goo.ne.jp", "ttblogs.com",
    # readability's: software makers' and firms' own blogs, how-to pages, fiction and blog
    # hosts, an advocacy group's blog
    "mozilla.org", "dropbox.tech", "gitlab.com", "googleblog.com", "iab.com", "ehow.com",
    "hakibenita.com", "topicseed.com", "tumblr.com", "pixnet.net", "royalroad.com",
    "simplyfound.com", "aclu.org",
}

# goose3 pages smaller than this are hand-made snippets for one feature, not saved news pages.
MIN_GOOSE_PAGE = 8000
# goose3 checks only that the text begins as expected; shorter texts are such beginnings.
MIN_FULL_BODY = 600
# Second-level labels under which a registrable domain has three labels.
SECOND_LEVEL = {"co", "com", "ne", "or", "ad", "go", "ac", "org", "net"}


class Repo:
    """Files of a repository given as a work tree or as a (bare) git directory."""

    def __init__(self, path):
        self.path = path
        self.tree = any(os.path.isdir(os.path.join(path, d)) for d in ("src", "test", "tests"))

    def names(self):
        if self.tree:
            out = []
            for root, _, files in os.walk(self.path):
                for f in files:
                    out.append(os.path.relpath(os.path.join(root, f), self.path))
            return sorted(out)
        text = subprocess.run(["git", "--git-dir", self.path, "-c", "core.quotepath=false", "ls-tree", "-r", "--name-only", "HEAD"],
                              check=True, capture_output=True, text=True).stdout
        return text.splitlines()

    def read(self, name):
        if self.tree:
            with open(os.path.join(self.path, name), "rb") as f:
                return f.read()
        return subprocess.run(["git", "--git-dir", self.path, "show", "HEAD:" + name],
                              check=True, capture_output=True).stdout


def site_of(host):
    """www.money.cnn.com -> cnn.com; www.bbc.co.uk -> bbc.co.uk."""
    labels = host.lower().split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def split_of(site):
    """Half of the set a site's pages belong to, fixed by a hash of the site name."""
    return "dev" if hashlib.sha1(site.encode()).digest()[0] % 2 == 0 else "held-out"


def day_of(text):
    """The publication day of an ISO timestamp ("2016-09-19T11:46:01.000Z"), as written."""
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


# ---- postlight/parser -------------------------------------------------------------------

JS_STRING = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`"""
JS_VALUE = re.compile(r"\s*((?:%s)(?:\s*\+\s*(?:%s))*|null|undefined)" % (JS_STRING, JS_STRING), re.S)


def js_value(text):
    """The value of a JS string literal, a concatenation of them, or null."""
    if text in ("null", "undefined"):
        return None
    parts = re.findall(JS_STRING, text, re.S)
    out = ""
    for p in parts:
        body = p[1:-1]
        body = re.sub(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})",
                      lambda m: chr(int(m.group(1) or m.group(2), 16)), body)
        body = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)
        out += body
    return out


def asserted(block, name):
    """The value `assert.equal(name, VALUE)` asserts in `block`; KeyError if none does."""
    m = re.search(r"assert\.equal\(\s*%s\s*,(.*)" % re.escape(name), block, re.S)
    if not m:
        raise KeyError(name)
    v = JS_VALUE.match(m.group(1))
    if not v:
        raise KeyError(name)
    return js_value(v.group(1))


def postlight_cases(repo):
    names = repo.names()
    for test in names:
        m = re.match(r"src/extractors/custom/([^/]+)/index\.test\.js$", test)
        if not m or m.group(1) in NOT_NEWS:
            continue
        source = repo.read(test).decode("utf-8")
        source = "\n".join(l for l in source.splitlines() if not l.lstrip().startswith("//"))
        reads = list(re.finditer(r"readFileSync\(\s*['\"`]\./(fixtures/[^'\"`]+\.html)['\"`]", source))
        for i, r in enumerate(reads):
            start = reads[i - 1].end() if i else 0
            end = reads[i + 1].start() if i + 1 < len(reads) else len(source)
            urls = re.findall(r"['\"`](https?://[^'\"`\s]+)['\"`]", source[start:r.start()])
            url = urls[-1] if urls else None
            block = source[r.end():end]
            case = {"fixture": r.group(1), "url": url}
            for field, name in (("title", "title"), ("author", "author"),
                                ("date", "date_published")):
                try:
                    case[field] = asserted(block, name)
                except KeyError:
                    case[field] = KeyError
            m = re.search(r"assert\.equal\(\s*(first\w*|text)\s*,", block)
            case["body_start"] = asserted(block, m.group(1)) if m else None
            yield case


# Author values postlight's extractors return as the page's markup joins them, and what the
# page shows as its byline's names.
AUTHOR_FIXES = {
    "Paul WisemanFatima Hussein, The Associated Press":
        "Paul Wiseman and Fatima Hussein, The Associated Press",
    "Ysabel Yates Illustration by Claire Lordon": "Ysabel Yates",
}


def postlight_authors(author):
    """'Marc Santora, William K. Rashbaum, Al Baker and Adam Goldman' -> four names. Values
    that are no names (a URL, a section heading with the site name) give None: not scored."""
    if not author:
        return None
    author = author.strip().splitlines()[0].strip()
    author = AUTHOR_FIXES.get(author, author)
    if "://" in author or " - " in author:
        return None
    author = re.sub(r"^(by\s+|著者[:：]\s*|文●\s*)", "", author, flags=re.I)
    author = re.sub(r"\s*\|\s*\S+@\S+$", "", author)            # "Name | name@site.com"
    author = author.strip("[]《》 ")
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|，|／", author)
    names = [p.strip() for p in parts if p.strip()]
    return names or None


def add_postlight(repo, out, records):
    seen = set()
    for case in postlight_cases(repo):
        fixture = case["fixture"]
        if fixture in seen:
            continue
        seen.add(fixture)
        try:
            html = repo.read(fixture)
        except (subprocess.CalledProcessError, FileNotFoundError):
            continue
        host = os.path.basename(fixture)[:-5].split("--")[0]
        if case["url"]:
            host = re.match(r"https?://([^/]+)", case["url"]).group(1)
        if host in NOT_NEWS or site_of(host) in NOT_NEWS:
            continue
        page_id = "postlight/" + os.path.basename(fixture)
        write_page(out, page_id, html)
        title = case["title"] if case["title"] is not KeyError else None
        author = case["author"] if case["author"] is not KeyError else None
        date = case["date"] if case["date"] is not KeyError else None
        records.append({
            "id": page_id, "site": site_of(host), "url": case["url"],
            "title": title if title else None, "date": day_of(date),
            "authors": postlight_authors(author),
            "body": None, "body_start": case["body_start"],
        })


# ---- goose3 -----------------------------------------------------------------------------

def goose_date(text):
    """goose3's publish_date ("2014-06-30T16:54:02+00:00" or "Sun Nov 23 16:00:00 EDT 2014")."""
    if not text:
        return None
    if day_of(text):
        return day_of(text)
    try:
        return datetime.strptime(re.sub(r" [A-Z]{3} ", " ", text), "%a %b %d %H:%M:%S %Y").date().isoformat()
    except ValueError:
        return None


def add_goose3(repo, out, records):
    names = set(repo.names())
    for name in sorted(names):
        m = re.match(r"tests/data/(.+)\.json$", name)
        if not m or "tests/data/" + m.group(1) + ".html" not in names:
            continue
        html = repo.read("tests/data/" + m.group(1) + ".html")
        if len(html) < MIN_GOOSE_PAGE:
            continue
        data = json.loads(repo.read(name).decode("utf-8"))
        expected = data.get("expected", {})
        url = data.get("url") or expected.get("final_url")
        if not url:
            continue
        host = re.match(r"https?://([^/]+)", url).group(1)
        if host in NOT_NEWS or site_of(host) in NOT_NEWS:
            continue
        text = expected.get("cleaned_text")
        page_id = "goose3/" + m.group(1) + ".html"
        record = {
            "id": page_id, "site": site_of(host), "url": url,
            "title": headline_of(expected.get("title"), host),
            "date": goose_date(expected.get("publish_date")),
            "authors": expected.get("authors"),
            "body": text if text and len(text) >= MIN_FULL_BODY else None,
            "body_start": " ".join(text.split()[:12]) if text else None,
        }
        if not any(record[k] for k in ("title", "date", "authors", "body", "body_start")):
            continue
        write_page(out, page_id, html)
        records.append(record)


# ---- htmldate ---------------------------------------------------------------------------

def add_htmldate(repo, out, records):
    """htmldate's pages from Media Cloud's news feeds of 2020: the expected day only."""
    names = set(repo.names())
    dates = json.loads(repo.read("tests/eval_mediacloud_2020.json").decode("utf-8"))
    for url, case in sorted(dates.items()):
        name = "tests/test_set/" + case["file"]
        day = case.get("date")
        if name not in names or not isinstance(day, str) or not day_of(day):
            continue
        host = re.match(r"https?://([^/]+)", url).group(1).lower()
        if host in NOT_NEWS or site_of(host) in NOT_NEWS:
            continue
        page_id = "htmldate/" + case["file"]
        write_page(out, page_id, repo.read(name))
        records.append({"id": page_id, "site": site_of(host), "url": url, "title": None,
                        "date": day_of(day), "authors": None, "body": None, "body_start": None})


def headline_of(title, host):
    """goose3 keeps a site name that is the page's domain ("... - CNN.com"); the headline
    is what comes before it."""
    if not title:
        return None
    m = re.match(r"(.+?)\s+[-|\u2013\u2014]\s+([^-|]+)$", title)
    if m and m.group(2).strip().lower().replace("www.", "") in host.lower():
        return m.group(1)
    return title


# ---- readability ------------------------------------------------------------------------

# readability's test pages state no address of their own (its tests read them as
# http://fakehost/...); the page's canonical link or og:url names the site, else this table.
READABILITY_HOSTS = {"gmw": "tech.gmw.cn", "qq": "tech.qq.com", "youth": "edu.youth.cn",
                     "webmd-1": "www.webmd.com", "webmd-2": "www.webmd.com",
                     "yahoo-2": "news.yahoo.com"}

# Bylines of readability's pages, by page, where its value is not what the page shows as the
# article's byline: names the markup joins, another story's byline taken for the article's
# (the herald-sun page's reads "by: Laurie Oakes"; salon's story is Richard Eskow's), and
# values that name no author (None: an editor in charge, "個人" a comment link).
READABILITY_AUTHOR_FIXES = {
    "breitbart": "Lucas Nolan",                                   # "by Lucas Nolan22 Dec 2016651"
    "lemonde-1": "Martin Untersinger, Damien Leloup, Morgane Tual",  # "... (avec ... et ...)"
    "herald-sun-1": "Laurie Oakes",                               # "JOE HILDEBRAND"
    "salon-1": "Richard (R.J.) Eskow",                            # "Joanna Rothkopf"
    "gmw": None,                                                  # 责任编辑 (editor in charge)
    "youth": None,                                                # 责任编辑
    "yahoo-4": None,                                              # 個人
}

PAGE_URL_TAG = re.compile(r"""<(?:link[^>]*rel=["']canonical["']|meta[^>]*property=["']og:url["'])[^>]*>""", re.I)


def page_url(source):
    """The address a page states for itself: its canonical link or og:url, or None."""
    for tag in PAGE_URL_TAG.findall(source):
        m = re.search(r"""(?:href|content)=["'](https?://[^"']+)""", tag)
        if m:
            return m.group(1)
    return None

TITLE_SUFFIX = re.compile(r"^(.+?)\s*(?:[-|\u2013\u2014·]\s+|\s+[-|\u2013\u2014·]\s*|_|（[^）]*）)\s*\S.*$")


class TextOf(html.parser.HTMLParser):
    """The text of an HTML fragment, a blank line between blocks, and its headings' texts."""

    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
              "figcaption", "td", "section", "article", "tr", "br", "ul", "ol", "table"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.headings, self.heading, self.skip = [], [], None, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self.skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if tag in ("h1", "h2"):
            self.heading = []

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript") and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if tag in ("h1", "h2") and self.heading is not None:
            self.headings.append(" ".join("".join(self.heading).split()))
            self.heading = None

    def handle_data(self, data):
        if self.skip:
            return
        self.parts.append(data)
        if self.heading is not None:
            self.heading.append(data)

    def text(self):
        blocks = (" ".join(b.split()) for b in re.split(r"\n\s*\n", "".join(self.parts)))
        return "\n\n".join(b for b in blocks if b)


def text_of(markup):
    parser = TextOf()
    parser.feed(markup)
    parser.close()
    return parser


def shown_title(title, headings):
    """readability's title is the page's <title> as its heuristics cut it, which is not
    always the headline: the title (or what precedes a " - Site", "_Section_Site" or
    "（Source）" suffix) when the page shows it as an <h1> or <h2>, else None."""
    if not title:
        return None
    shown = {normalise(h) for h in headings}
    candidate = " ".join(title.split())
    while candidate:
        if normalise(candidate) in shown:
            return candidate
        m = TITLE_SUFFIX.match(candidate)
        candidate = m.group(1).strip() if m else None
    return None


def readability_authors(folder, byline, site_name):
    """readability's byline as names: a leading "By"/"Par" and what follows the first line
    (a date, the desk) dropped, a degree after a comma dropped; None for a value that is the
    site's name or has digits (a date: "Last Updated: January 7, 2025")."""
    if not byline:
        return None
    byline = READABILITY_AUTHOR_FIXES.get(folder, byline)
    if not byline:
        return None
    byline = re.sub(r"^\s*(by|par|written by)\s+", "", byline, flags=re.I)
    byline = " ".join(byline.strip().splitlines()[0].split())
    byline = re.sub(r",\s*(MA|MD|PhD|RN|MPH)$", "", byline)
    if not byline or re.search(r"\d", byline) or byline.casefold() == (site_name or "").casefold():
        return None
    return postlight_authors(byline)


def add_readability(repo, out, records):
    """Mozilla readability's test pages (test/test-pages/<name>/source.html): the title, byline
    and publishedTime of expected-metadata.json, and the text of expected.html as the body."""
    names = set(repo.names())
    for name in sorted(names):
        m = re.match(r"test/test-pages/([^/]+)/expected-metadata\.json$", name)
        folder = m and m.group(1)
        if not m or "test/test-pages/%s/source.html" % folder not in names:
            continue
        page = repo.read("test/test-pages/%s/source.html" % folder)
        if len(page) < MIN_GOOSE_PAGE:            # a hand-made snippet for one feature
            continue
        source = page.decode("utf-8", "replace")
        url = page_url(source)
        host = re.match(r"https?://([^/]+)", url).group(1).lower() if url else READABILITY_HOSTS.get(folder)
        if not host or host in NOT_NEWS or site_of(host) in NOT_NEWS:
            continue
        if url and re.match(r"https?://[^/]+/(?:[a-z]+/)?$", url):   # a front: /, /es/, /world/
            continue
        meta = json.loads(repo.read(name).decode("utf-8"))
        expected = repo.read("test/test-pages/%s/expected.html" % folder).decode("utf-8", "replace")
        body = text_of(expected).text()
        page_id = "readability/%s.html" % folder
        write_page(out, page_id, page)
        records.append({
            "id": page_id, "site": site_of(host), "url": url,
            "title": shown_title(meta.get("title"), text_of(source).headings),
            "date": day_of(meta.get("publishedTime")),
            "authors": readability_authors(folder, meta.get("byline"), meta.get("siteName")),
            # Its text opens with whatever its container held (a caption, a credit, the
            # byline): no judgement of where the story starts, so no body_start.
            "body": body if len(body) >= MIN_FULL_BODY else None, "body_start": None,
        })


# ---- newspaper4k ------------------------------------------------------------------------

# Bylines of newspaper4k's pages, by page, where its value is not the article's byline: the
# wired page's byline and JSON-LD name Tom Bennett; the nine names after his are the writers
# of the stories listed under the article, which newspaper gathered with his.
NEWSPAPER_AUTHOR_FIXES = {"wired_001": ["Tom Bennett"]}

# Last words of an organisation's name, not a person's ("CNN Wire"; 社 "company").
ORGANISATION_WORDS = {"wire", "staff", "desk", "news", "newsroom", "agency", "press", "correspondent"}


def newspaper_authors(page, authors, site_name, host, shown):
    """newspaper's authors as names, or None (not scored) where they cannot be the byline:
    an empty list (newspaper found none, which is no statement that the page has none), a
    value that is an address ("www.facebook.com", from a social profile link), the site's
    or an organisation's name ("LinkNaija", "CNN Wire", "...新聞社"), or a name the page
    does not show anywhere in its text (`shown`)."""
    authors = NEWSPAPER_AUTHOR_FIXES.get(page, authors)
    if not authors:
        return None
    site = (site_name or "").casefold()
    label = site_of(host).split(".")[0]
    for name in authors:
        folded = name.casefold().strip()
        words = folded.split()
        if ("://" in folded or re.fullmatch(r"[\w-]+(\.[\w-]+)+", folded)
                or folded.rstrip("社") and site.startswith(folded.rstrip("社"))
                or folded.replace(" ", "") == label
                or words[-1] in ORGANISATION_WORDS or folded.endswith("社")
                or name not in shown):
            return None
    return authors


def add_newspaper4k(repo, out, records):
    """newspaper4k's test pages (tests/data/html/<name>.html): the title, authors and
    publish_date of tests/data/metadata/<name>.json and the text of tests/data/txt/<name>.txt
    as the body. Pages with neither (section fronts, a feed, redirect stubs) are left out, as
    is a page saved twice under two names, or one another source already gave."""
    names = set(repo.names())
    # The address newspaper's tests give a page that has no metadata ("name", "https://...").
    test_urls = dict(re.findall(r'"(\w+)",\s*"(https?://[^"]+)"', repo.read("tests/conftest.py").decode("utf-8")))
    seen = set()
    for r in records:
        with open(os.path.join(out, r["id"]), "rb") as f:
            seen.add(hashlib.sha1(f.read()).digest())
    for name in sorted(names):
        m = re.match(r"tests/data/html/(.+)\.html$", name)
        page = m and m.group(1)
        meta_name, text_name = "tests/data/metadata/%s.json" % page, "tests/data/txt/%s.txt" % page
        if not m or (meta_name not in names and text_name not in names):
            continue
        html = repo.read(name)
        digest = hashlib.sha1(html).digest()
        if digest in seen:
            continue
        seen.add(digest)
        meta = json.loads(repo.read(meta_name).decode("utf-8")) if meta_name in names else {}
        source = html.decode("utf-8", "replace")
        url = meta.get("url") or test_urls.get(page) or page_url(source)
        if not url:
            continue
        host = re.match(r"https?://([^/]+)", url).group(1).lower()
        if host in NOT_NEWS or site_of(host) in NOT_NEWS:
            continue
        body = repo.read(text_name).decode("utf-8").strip() if text_name in names else ""
        shown = text_of(source)
        page_id = "newspaper4k/%s.html" % page
        write_page(out, page_id, html)
        records.append({
            "id": page_id, "site": site_of(host), "url": url,
            "title": shown_title(meta.get("title"), shown.headings),
            "date": day_of(meta.get("publish_date")),
            "authors": newspaper_authors(page, meta.get("authors"), meta.get("meta_site_name"),
                                         host, shown.text()),
            # Its text is its extractor's, beginning wherever that began: no body_start.
            "body": body if len(body) >= MIN_FULL_BODY else None, "body_start": None,
        })


# ---- metascraper ------------------------------------------------------------------------

# metascraper's integration pages that are no news articles: podcasts and audio, video,
# social posts, code, reference, a recipe blog, a car listing, a course, site fronts, a
# firm's academy, personal blogs and blog hosts, firms' marketing blogs.
METASCRAPER_NOT_NEWS = {
    "acast", "bfi", "reactpodcast", "theflip", "transistor", "wnycstudios", "indiehackers",
    "vimeo", "instagram", "twitter-gif", "twitter-image", "pikabu", "github", "wikipedia",
    "smitten-kitchen", "teslahunt", "learnnode", "qz", "yandex", "milanocittastato",
    "segment-academy", "astier", "blogger", "medium", "substack", "softwarefordays",
    "audiense", "postplanner", "lean-data", "segment", "linkedin-company", "linkedin-pulse",
    "googleblog",
}

SNAPSHOT_FIELD = re.compile(r"^\s{6}(\w+): (.*?),?$")


def snapshot_values(markdown):
    """The objects of an AVA snapshot report (index.js.md), in test order: each top-level
    field's value as a string, or None for null."""
    objects = []
    for block in re.split(r"^> Snapshot \d+\s*$", markdown, flags=re.M)[1:]:
        values = {}
        for line in block.splitlines():
            m = SNAPSHOT_FIELD.match(line)
            if m:
                raw = m.group(2).strip()
                values[m.group(1)] = js_value(raw) if raw[:1] in "'\"`" else None
        objects.append(values)
    return objects


MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2}|[a-z]{3})[/-](\d{1,2})(?:/|-|\.|$)", re.I)
PUBLISHED_MARK = re.compile(r"(?:datePublished|published_time|publish_date|pubdate|date_published|"
                            r"publishDate|DC\.date\.issued|sailthru\.date)\W{1,12}$", re.I)


def metascraper_day(instant, source, url):
    """The publication day of a metascraper page. Its instant is no sure guide (UTC, so an
    evening in America is the next day; on some pages the time of a change): the day the
    address writes ("/2016/05/24/", "/2017/jul/03/") where it writes one, else the instant's
    day where the page marks that day as the publication's (datePublished,
    article:published_time and the like), else None."""
    m = URL_DAY.search(url or "")
    if m:
        month = m.group(2)
        month = MONTHS.get(month.lower()) if month.isalpha() else int(month)
        if month and 1 <= month <= 12 and 1 <= int(m.group(3)) <= 31:
            return f"{m.group(1)}-{month:02d}-{int(m.group(3)):02d}"
    day = day_of(instant)
    if not day:
        return None
    for hit in re.finditer(re.escape(day), source):
        if PUBLISHED_MARK.search(source[max(0, hit.start() - 40):hit.start()]):
            return day
    return None


def add_metascraper(repo, out, records):
    """metascraper's integration pages (packages/metascraper/test/integration/<site>/): the
    page its test reads and the title, author and date of its snapshot. The values are
    metascraper's own output, so each is checked as newspaper4k's are: the title where the
    page shows it as a heading, the author where it names a person the page shows, the day
    where the page writes it. A page another source already gave is left out."""
    root = "packages/metascraper/test/integration/"
    names = set(repo.names())
    seen = set()
    for r in records:
        with open(os.path.join(out, r["id"]), "rb") as f:
            seen.add(hashlib.sha1(f.read()).digest())
    for folder in sorted({n[len(root):].split("/")[0] for n in names if n.startswith(root)}):
        test, report = root + folder + "/index.js", root + folder + "/snapshots/index.js.md"
        if folder in METASCRAPER_NOT_NEWS or test not in names or report not in names:
            continue
        inputs = re.findall(r"readFile\(\s*resolve\(\s*__dirname,\s*'([^']+)'\s*\)",
                            repo.read(test).decode("utf-8"))
        snapshots = snapshot_values(repo.read(report).decode("utf-8"))
        if len(inputs) != len(snapshots):
            continue
        for html_name, meta in zip(inputs, snapshots):
            html = repo.read(root + folder + "/" + html_name)
            digest = hashlib.sha1(html).digest()
            url = meta.get("url")
            if digest in seen or not url or len(html) < MIN_GOOSE_PAGE:
                continue
            seen.add(digest)
            host = re.match(r"https?://([^/]+)", url).group(1).lower()
            if host in NOT_NEWS or site_of(host) in NOT_NEWS:
                continue
            source = html.decode("utf-8", "replace")
            shown = text_of(source)
            author = meta.get("author")
            # A date in it, a title in quotes ("‘Sway’", a podcast's), or a name the page's
            # JSON-LD calls an Organization (a syndicating partner): not a person's byline.
            organisation = author and re.search(
                r'"@type"\s*:\s*"Organization"\s*,\s*"name"\s*:\s*"%s"' % re.escape(author.strip()), source)
            authors = (None if not author or re.search(r"\d", author) or organisation
                       or re.fullmatch(r"\s*[‘“'\"].*[’”'\"]\s*", author)
                       else newspaper_authors(folder, postlight_authors(author),
                                              meta.get("publisher"), host, shown.text()))
            stem = os.path.splitext(html_name)[0].replace("/", "-")
            page_id = f"metascraper/{folder}.html" if stem == "input" else f"metascraper/{folder}-{stem}.html"
            write_page(out, page_id, html)
            records.append({
                "id": page_id, "site": site_of(host), "url": url,
                "title": shown_title(meta.get("title"), shown.headings),
                "date": metascraper_day(meta.get("date"), source, url),
                "authors": authors,
                # metascraper gives no text of the article.
                "body": None, "body_start": None,
            })


# ---- trafilatura ------------------------------------------------------------------------

NEWS_ARTICLE_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"\w*NewsArticle"')


def trafilatura_authors(author):
    """The names of an annotated author: "Benjamin Fischer und Marcus Theurer" -> two; None
    where the annotator found none ("")."""
    if isinstance(author, list):
        author = ", ".join(a for a in author if a)
    if not author or not author.strip():
        return None
    # "Glen Owen And Brendan Carlin For The Mail On Sunday": the paper is no name.
    author = re.sub(r"\s+for\s+\S.*$", "", author.strip(), flags=re.I)
    parts = re.split(r",\s*|;\s*|\s+(?:and|und|et|y|e)\s+|\s*&\s*", author, flags=re.I)
    # A full stop after a name ("Rodolfo Costa.") is the sentence's, not an initial's.
    names = [re.sub(r"(\w{2,})\.$", r"\1", p.strip()) for p in parts if p.strip()]
    return names or None


def add_trafilatura(repo, out, records):
    """trafilatura's evaluation pages (tests/eval/ and tests/cache/, annotated in
    tests/evaldata.json by hand: title, author, date, passages of the text and of boilerplate): those that declare themselves a news
    article in their JSON-LD (a NewsArticle or one of its kinds), from some 150 sites; the
    others are blogs, shops, firms' and institutions' pages. A page another source already
    gave is left out. No full text: its body checks are the passages (body_with, body_without)."""
    annotations = json.loads(repo.read("tests/evaldata.json").decode("utf-8"))
    paths = {}
    for name in repo.names():
        if name.startswith(("tests/eval/", "tests/cache/")):
            paths.setdefault(os.path.basename(name), name)
    seen = set()
    for r in records:
        with open(os.path.join(out, r["id"]), "rb") as f:
            seen.add(hashlib.sha1(f.read()).digest())
    for url, facts in sorted(annotations.items()):
        name = paths.get(facts.get("file", ""))
        if not name or "title" not in facts:
            continue
        html = repo.read(name)
        digest = hashlib.sha1(html).digest()
        if digest in seen or not NEWS_ARTICLE_TYPE.search(html.decode("utf-8", "replace")):
            continue
        seen.add(digest)
        host = re.match(r"https?://([^/]+)", url).group(1).lower()
        if host in NOT_NEWS or site_of(host) in NOT_NEWS:
            continue
        page_id = "trafilatura/%s" % hashlib.sha1(url.encode()).hexdigest()[:16] + ".html"
        write_page(out, page_id, html)
        records.append({
            "id": page_id, "site": site_of(host), "url": url,
            "title": (facts.get("title") or "").strip() or None,
            "date": day_of(facts.get("date")),
            "authors": trafilatura_authors(facts.get("author")),
            "body": None, "body_start": None,
            # Its text checks: passages the text must hold, and boilerplate it must not (a
            # single word, "Magazin", may be the article's own: left out).
            "body_with": [w for w in facts.get("with", []) if w.strip()] or None,
            "body_without": [w for w in facts.get("without", [])
                             if len(w.split()) >= 2 or len(w.strip()) >= 12] or None,
        })


# ---- output -----------------------------------------------------------------------------

def write_page(out, page_id, html):
    path = os.path.join(out, page_id)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(html)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--postlight", required=True, help="postlight/parser: git directory or work tree")
    ap.add_argument("--goose3", required=True, help="goose3: git directory or work tree")
    ap.add_argument("--htmldate", help="adbar/htmldate: git directory or work tree (dates only)")
    ap.add_argument("--readability", help="mozilla/readability: git directory or work tree")
    ap.add_argument("--newspaper4k", help="AndyTheFactory/newspaper4k: git directory or work tree")
    ap.add_argument("--metascraper", help="microlinkhq/metascraper: git directory or work tree")
    ap.add_argument("--trafilatura", help="adbar/trafilatura: git directory or work tree")
    ap.add_argument("out", help="directory to write the set into (outside the repository)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    records = []
    add_postlight(Repo(args.postlight), args.out, records)
    add_goose3(Repo(args.goose3), args.out, records)
    if args.htmldate:
        add_htmldate(Repo(args.htmldate), args.out, records)
    if args.readability:
        add_readability(Repo(args.readability), args.out, records)
    if args.newspaper4k:
        add_newspaper4k(Repo(args.newspaper4k), args.out, records)
    if args.metascraper:
        add_metascraper(Repo(args.metascraper), args.out, records)
    if args.trafilatura:
        add_trafilatura(Repo(args.trafilatura), args.out, records)
    for r in records:
        r["split"] = split_of(r["site"])
    with open(os.path.join(args.out, "expected.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    dev = sum(r["split"] == "dev" for r in records)
    print(f"{len(records)} pages ({dev} dev, {len(records) - dev} held-out) in {args.out}")


if __name__ == "__main__":
    sys.exit(main())
