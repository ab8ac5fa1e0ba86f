#!/usr/bin/env python3
"""Scores the HTML reader's headline, date, byline and body on a set of saved pages.

PAGES holds the pages and expected.jsonl (as build_devset.py writes them, or sample/). The
pages are indexed with BIN/indexer/morgue-index --format html into a temporary index, and
each page's article is read back with BIN/searcher/morgue-search --show ID --json (the id is
the page's path under PAGES). Per field it prints the pages scored (those whose expectation
is not null), how many are right and the fraction:

  title       right when equal after normalising both (NFKC, case folding, straight quotes,
              dashes and whitespace collapsed)
  date        right when the article's day is the expected publication day
  author      right when every expected name occurs (normalised) in the byline
  body        mean token F1 of the body against the expected full text; a page leaks when
              an extracted paragraph (a blank-line separated block) of 4 tokens or more has
              fewer than half of its tokens in the expected text: boilerplate
  body_start  right when the expected first words occur in the first 1000 characters of the
              body, both normalised and without whitespace (the only body check for sources
              that give just the opening)
  passages    (pages whose source gives passages of the text and of the boilerplate around
              it, as trafilatura's do) right when every passage of the text occurs in the
              body; a page leaks when a boilerplate passage does (whitespace ignored)

A page the reader rejects scores as wrong on every field it has. Usage:

  score_fields.py --bin BUILD_DIR --pages DIR [--split dev|held-out|all] [--source NAME]
                  [--json] [--failures] [--min FIELD=VALUE ...]

--source scores only the pages of one source (those whose id starts with NAME/: postlight,
goose3, htmldate, readability, newspaper4k, metascraper, trafilatura).

--min makes the exit code 1 when a figure (title, date, author, body_f1, body_start,
passages: the fraction right or the mean F1; leakage, passage_leakage: the fraction of
leaking pages, which must stay at or below VALUE) falls short of VALUE.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                        "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-"})


def normalise(text):
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(QUOTES)
    return " ".join(text.split())


def squeeze(text):
    return "".join(normalise(text).split())


def tokens(text):
    return re.findall(r"\w+", normalise(text))


def token_f1(got, expected):
    g = collections.Counter(tokens(got))
    e = collections.Counter(tokens(expected))
    common = sum((g & e).values())
    if not common:
        return 0.0
    precision = common / sum(g.values())
    recall = common / sum(e.values())
    return 2 * precision * recall / (precision + recall)


def leaks(got, expected):
    """The first extracted paragraph that looks like boilerplate, or None."""
    known = set(tokens(expected))
    for block in re.split(r"\n\s*\n", got or ""):
        words = tokens(block)
        if len(words) >= 4 and sum(w in known for w in words) * 2 < len(words):
            return block
    return None


def read_articles(index_bin, search_bin, pages, ids):
    """The article the reader made of each page, as --show --json gives it, by id; pages it
    rejected are missing."""
    articles = {}
    with tempfile.TemporaryDirectory(prefix="morgue-fields-") as tmp:
        index = os.path.join(tmp, "index")
        run = subprocess.run([index_bin, "--index", index, "--format", "html", "-j", "1", pages],
                             capture_output=True, text=True)
        if run.returncode not in (0, 2):
            sys.exit(f"morgue-index failed ({run.returncode}): {run.stderr.strip()}")
        for page_id in ids:
            show = subprocess.run([search_bin, "--index", index, "--show", page_id, "--json"],
                                  capture_output=True, text=True)
            if show.returncode == 0:
                articles[page_id] = json.loads(show.stdout)
    return articles


def read_expected(pages, split="all", source=None):
    """The expectations of PAGES/expected.jsonl, those of one split unless `split` is "all",
    and of one source's pages when `source` is given."""
    with open(os.path.join(pages, "expected.jsonl"), encoding="utf-8") as f:
        expected = [json.loads(line) for line in f if line.strip()]
    return [e for e in expected if (split == "all" or e.get("split") == split)
            and (source is None or e["id"].startswith(source + "/"))]


def score(expected, articles):
    """Figures per field and the list of failures, each (id, field, expected, got)."""
    right = collections.Counter()
    scored = collections.Counter()
    f1s, leaked, passage_leaks, failures = [], 0, 0, []
    for e in expected:
        a = articles.get(e["id"])
        if e.get("title"):
            scored["title"] += 1
            got = a["title"] if a else None
            if a and normalise(got) == normalise(e["title"]):
                right["title"] += 1
            else:
                failures.append((e["id"], "title", e["title"], got))
        if e.get("date"):
            scored["date"] += 1
            got = a["date"] if a else None
            if got == e["date"]:
                right["date"] += 1
            else:
                failures.append((e["id"], "date", e["date"], got))
        if e.get("authors"):
            scored["author"] += 1
            got = a["byline"] if a else None
            if a and all(normalise(n) in normalise(got) for n in e["authors"]):
                right["author"] += 1
            else:
                failures.append((e["id"], "author", " / ".join(e["authors"]), got))
        if e.get("body"):
            scored["body"] += 1
            got = a["body"] if a else ""
            f1s.append(token_f1(got, e["body"]))
            if f1s[-1] < 0.9:
                failures.append((e["id"], "body_f1", f"{f1s[-1]:.3f}", got[:200]))
            block = leaks(got, e["body"])
            if block is not None:
                leaked += 1
                failures.append((e["id"], "leakage", "", block[:200]))
        if e.get("body_with") or e.get("body_without"):
            scored["passages"] += 1
            got = squeeze(a["body"] if a else "")
            missing = [w for w in e.get("body_with") or [] if squeeze(w) not in got]
            if not missing:
                right["passages"] += 1
            else:
                failures.append((e["id"], "passages", missing[0], (a["body"] if a else "")[:200]))
            leaking = [w for w in e.get("body_without") or [] if squeeze(w) in got]
            if leaking:
                passage_leaks += 1
                failures.append((e["id"], "passage_leak", "", leaking[0]))
        if e.get("body_start"):
            scored["body_start"] += 1
            got = a["body"] if a else ""
            # The sources join the opening's paragraphs without a space ("America.The first").
            if squeeze(e["body_start"]) in squeeze(got[:1000]):
                right["body_start"] += 1
            else:
                failures.append((e["id"], "body_start", e["body_start"], got[:200]))
    figures = {}
    for field in ("title", "date", "author", "body_start"):
        n = scored[field]
        figures[field] = {"scored": n, "right": right[field],
                          "fraction": round(right[field] / n, 3) if n else None}
    n = scored["body"]
    figures["body"] = {"scored": n, "mean_f1": round(sum(f1s) / n, 3) if n else None,
                       "leaking": leaked, "leakage": round(leaked / n, 3) if n else None}
    n = scored["passages"]
    figures["passages"] = {"scored": n, "right": right["passages"],
                           "fraction": round(right["passages"] / n, 3) if n else None,
                           "leaking": passage_leaks, "leakage": round(passage_leaks / n, 3) if n else None}
    figures["pages"] = len(expected)
    figures["read"] = sum(e["id"] in articles for e in expected)
    return figures, failures


def check_minimums(figures, minimums):
    """The figures that miss their --min, as messages."""
    values = {f: figures[f]["fraction"] for f in ("title", "date", "author", "body_start")}
    values["body_f1"] = figures["body"]["mean_f1"]
    values["leakage"] = figures["body"]["leakage"]
    values["passages"] = figures["passages"]["fraction"]
    values["passage_leakage"] = figures["passages"]["leakage"]
    misses = []
    for item in minimums:
        field, _, limit = item.partition("=")
        if field not in values:
            sys.exit(f"--min: unknown figure {field!r} (known: {', '.join(values)})")
        value, limit = values[field], float(limit)
        upper = field.endswith("leakage")
        bad = value is None or (value > limit if upper else value < limit)
        if bad:
            misses.append(f"{field} {value} {'above' if upper else 'below'} {limit}")
    return misses


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the build directory")
    ap.add_argument("--pages", required=True, help="directory of pages and expected.jsonl")
    ap.add_argument("--split", default="all", choices=["dev", "held-out", "all"])
    ap.add_argument("--source", help="score only the pages of this source (id prefix)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--failures", action="store_true", help="list every wrong field")
    ap.add_argument("--min", action="append", default=[], metavar="FIELD=VALUE")
    args = ap.parse_args()

    expected = read_expected(args.pages, args.split, args.source)
    articles = read_articles(os.path.join(args.bin, "indexer", "morgue-index"),
                             os.path.join(args.bin, "searcher", "morgue-search"),
                             args.pages, [e["id"] for e in expected])
    figures, failures = score(expected, articles)
    figures["split"] = args.split

    if args.json:
        print(json.dumps(figures, sort_keys=True))
    else:
        print(f"split {args.split}: {figures['pages']} pages, {figures['read']} read")
        for field in ("title", "date", "author", "body_start"):
            f = figures[field]
            print(f"{field:<11} {f['scored']:>4} scored {f['right']:>4} right  {f['fraction']}")
        b = figures["body"]
        print(f"{'body':<11} {b['scored']:>4} scored  mean F1 {b['mean_f1']}  "
              f"leaking {b['leaking']} ({b['leakage']})")
        p = figures["passages"]
        if p["scored"]:
            print(f"{'passages':<11} {p['scored']:>4} scored {p['right']:>4} hold all  {p['fraction']}  "
                  f"leaking {p['leaking']} ({p['leakage']})")
    if args.failures:
        for page_id, field, want, got in failures:
            print(f"{page_id}\t{field}\n  expected: {want}\n  got:      {got}")
    misses = check_minimums(figures, args.min)
    for miss in misses:
        print("below minimum: " + miss, file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
