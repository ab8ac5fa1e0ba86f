#!/usr/bin/env python3
"""Builds the HTML fields development set from public test suites.

Takes the saved news pages and the values their tests expect from postlight/parser
(fixtures/*.html, asserted in src/extractors/custom/*/index.test.js) and goose3
(tests/data/**/*.html with a .json of expectations beside each), and optionally the
publication dates of htmldate's news pages from many countries (tests/test_set/*.html,
dated in tests/eval_mediacloud_2020.json), and writes into OUT:

  postlight/<fixture>.html, goose3/<folder>/<name>.html, htmldate/<name>.html   the pages
  expected.jsonl   one object per page: id (the page's path under OUT, which is also its
                   Morgue id), site, split ("dev" or "held-out"), title, date (YYYY-MM-DD),
                   authors (list of names), body (full expected text), body_start (the first
                   words of the text); a value is null when the source does not state it.

Both repositories are read as git directories or work trees (given by path); nothing is
downloaded. Usage:

  build_devset.py --postlight PATH --goose3 PATH [--htmldate PATH] OUT
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone

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
        self.tree = os.path.isdir(os.path.join(path, "src")) or os.path.isdir(os.path.join(path, "tests"))

    def names(self):
        if self.tree:
            out = []
            for root, _, files in os.walk(self.path):
                for f in files:
                    out.append(os.path.relpath(os.path.join(root, f), self.path))
            return sorted(out)
        text = subprocess.run(["git", "--git-dir", self.path, "ls-tree", "-r", "--name-only", "HEAD"],
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
    ap.add_argument("out", help="directory to write the set into (outside the repository)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    records = []
    add_postlight(Repo(args.postlight), args.out, records)
    add_goose3(Repo(args.goose3), args.out, records)
    if args.htmldate:
        add_htmldate(Repo(args.htmldate), args.out, records)
    for r in records:
        r["split"] = split_of(r["site"])
    with open(os.path.join(args.out, "expected.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    dev = sum(r["split"] == "dev" for r in records)
    print(f"{len(records)} pages ({dev} dev, {len(records) - dev} held-out) in {args.out}")


if __name__ == "__main__":
    sys.exit(main())
