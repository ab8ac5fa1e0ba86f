"""End-to-end: legacy encodings (--encoding, a page's declared charset, an XML declaration) come
out as UTF-8 and searchable; a bad byte in a declared encoding is one error line with file and
line; a directory walk passes over the files that are not articles and names them."""
import json
import os
import re
import shutil

from morgue_e2e import CORPUS, SHARED, TempDir, check, finish, hit_ids, index, no_trace, search, search_json, show_article


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)




def test_encoding_option(tmp):
    inputs = os.path.join(tmp, "legacy")
    # Windows-1251 plain text: a Cyrillic headline and body.
    write(os.path.join(inputs, "moscow.txt"),
          "Москва принимает саммит\n\nМОСКВА — Лидеры встретились в четверг.\n".encode("cp1251"))
    # ISO-8859-15 JSON Lines: the euro sign is 0xA4 there (a currency sign in Latin-1).
    write(os.path.join(inputs, "prices.jsonl"),
          '{"id": "euro-1", "title": "Prix en €: la hausse", "body": "Le café coûte 2 €."}\n'
          .encode("iso-8859-15"))
    idx = os.path.join(tmp, "cyr.morgue")
    p = index(idx, "--encoding", "windows-1251", os.path.join(inputs, "moscow.txt"))
    check(p.returncode == 0, "a Windows-1251 text file indexes with --encoding windows-1251", p)
    article = show_article(idx, "moscow.txt")
    check(article.get("title") == "Москва принимает саммит",
          f"its headline comes out as UTF-8 (got {article.get('title')!r})")
    check(hit_ids(idx, "лидеры") == ["moscow.txt"], "a Cyrillic body word finds it")

    p = index(idx, "--encoding", "ISO-8859-15", os.path.join(inputs, "prices.jsonl"))
    check(p.returncode == 0, "ISO-8859-15 JSON Lines index with --encoding ISO-8859-15", p)
    article = show_article(idx, "euro-1")
    check(article.get("title") == "Prix en €: la hausse",
          f"0xA4 is the euro sign in ISO-8859-15, not Latin-1's currency sign (got {article.get('title')!r})")

    # UTF-16 with a byte-order mark, CRLF line ends.
    write(os.path.join(inputs, "utf16.txt"),
          "Harbour strike ends\r\n\r\nDockers voted to return to work on Monday.\r\n".encode("utf-16"))
    p = index(idx, "--encoding", "utf-16", os.path.join(inputs, "utf16.txt"))
    check(p.returncode == 0 and show_article(idx, "utf16.txt").get("title") == "Harbour strike ends",
          "a UTF-16 file with a byte-order mark reads with --encoding utf-16", p)

    # A byte that is not Shift_JIS on line 3: one error line naming file and line; the other
    # file of the run still goes in.
    bad = os.path.join(inputs, "bad", "tokyo.txt")
    write(bad, "東京で会談\n\n".encode("shift_jis") + b"Tokyo \x81\x20 talks\n")
    good = os.path.join(inputs, "bad", "osaka.txt")
    write(good, "大阪 summit opens\n\nLeaders met in Osaka on Friday.\n".encode("shift_jis"))
    idx2 = os.path.join(tmp, "sjis.morgue")
    p = index(idx2, "--encoding", "shift_jis", os.path.join(inputs, "bad"))
    errors = [line for line in p.stderr.splitlines() if ": error: " in line]
    check(p.returncode == 2, "an invalid Shift_JIS byte exits 2", p)
    check(len(errors) == 1 and re.search(r"tokyo\.txt:3: error: invalid SHIFT_JIS bytes at byte \d+",
                                         errors[0]) is not None,
          f"one error line with file, line 3 and the byte offset (got {errors})", p)
    no_trace(p, "invalid Shift_JIS input")
    check(hit_ids(idx2, "osaka") == ["osaka.txt"], "the good file of the run is indexed")
    check(show_article(idx2, "osaka.txt").get("title") == "大阪 summit opens", "its Japanese headline is UTF-8")

    # An encoding iconv does not know: a usage error naming it, nothing indexed.
    idx3 = os.path.join(tmp, "none.morgue")
    p = index(idx3, "--encoding", "klingon-8", os.path.join(inputs, "moscow.txt"))
    check(p.returncode == 1 and "unknown encoding 'klingon-8'" in p.stderr,
          "an unknown --encoding is a usage error naming it", p)
    check(not os.path.exists(idx3), "no index is created for a usage error")


def test_declared_charsets(tmp):
    pages = os.path.join(tmp, "pages")
    # A Shift_JIS page that says so in its meta tag: no option needed.
    write(os.path.join(pages, "sjis.html"),
          ('<html><head><meta charset="Shift_JIS"><title>東京 summit</title></head><body>'
           '<article><h1>東京 summit</h1><p>Leaders gathered in 東京 on Thursday for two days of '
           'talks on trade, fishing rights and the islands both countries claim.</p>'
           '<p>日本とロシアの首脳が会談し、北方領土問題について話し合った。</p>'
           '<p>The meeting was the first in a decade, officials said.</p></article></body></html>')
          .encode("shift_jis"))
    # A GB2312 page: decoded as GBK, as browsers do.
    write(os.path.join(pages, "gb.html"),
          ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
           '<title>北京 talks</title></head><body><article><h1>北京 talks</h1><p>Negotiators '
           'met in 北京 for a third round of talks on tariffs and the exchange rate, officials '
           'said.</p><p>No agreement was reached.</p></article></body></html>').encode("gbk"))
    # A page that declares nothing and is not UTF-8: --encoding is its fallback.
    write(os.path.join(pages, "koi8.html"),
          ('<html><head><title>Выборы</title></head><body><article><h1>Выборы</h1><p>Избиратели '
           'пришли на участки в воскресенье, сообщили наблюдатели из трёх областей страны.</p>'
           '<p>Итоги объявят в понедельник.</p></article></body></html>').encode("koi8_r"))
    idx = os.path.join(tmp, "pages.morgue")
    p = index(idx, pages)
    check(p.returncode == 0, "pages with declared charsets index without --encoding", p)
    check(show_article(idx, "sjis.html").get("title") == "東京 summit", "the Shift_JIS page's headline is UTF-8")
    check(show_article(idx, "gb.html").get("title") == "北京 talks", "the GB2312 page's headline is UTF-8")
    check(hit_ids(idx, "東京") == ["sjis.html"] and hit_ids(idx, "北京") == ["gb.html"],
          "the decoded words are searchable")
    # Japanese has no spaces: a word inside a run of characters is found by its n-grams.
    check(hit_ids(idx, "会談") == ["sjis.html"] and hit_ids(idx, "領土問題") == ["sjis.html"],
          "a Japanese word inside an unspaced sentence is found")
    check(hit_ids(idx, "問題領土") == [], "the same characters in another order are not")
    p = index(idx, "--encoding", "koi8-r", os.path.join(pages, "koi8.html"))
    check(p.returncode == 0 and show_article(idx, "koi8.html").get("title") == "Выборы",
          "a page that declares no charset is read as --encoding says", p)


def test_passed_over_files(tmp):
    # A published collection's folder: SGML files with notes and word lists beside them.
    raw = os.path.join(tmp, "collection", "raw")
    os.makedirs(raw)
    shutil.copy(os.path.join(CORPUS, "reuters", "reut2-sample.sgm"), raw)
    notes = {
        "all-topics-strings.lc.txt": "topics\nacq\nalum\nbarley\ncocoa\ncoffee\n",
        "cat-descriptions.txt": "Some notes on the categories\n\nThe letter lists 135 categories.\n",
        "lewis.dtd": "<!ELEMENT REUTERS - - (DATE, TOPICS)>\n",
        "README.txt": "The collection\n\nRead this first.\n",
    }
    for name, text in notes.items():
        write(os.path.join(raw, name), text.encode())
    # A folder of scraped stories holding a vocabulary file too: a word list is never a story.
    stories = os.path.join(tmp, "collection", "stories")
    write(os.path.join(stories, "strike.txt"),
          b"Dockers strike\n\nDockers walked out on Monday over pay.\n")
    write(os.path.join(stories, "places.txt"), b"afghanistan\nalbania\nalgeria\nandorra\nangola\n")

    idx = os.path.join(tmp, "walk.morgue")
    stats = os.path.join(tmp, "stats.json")
    p = index(idx, "--stats-json", stats, os.path.join(tmp, "collection"))
    check(p.returncode == 0, "the walk exits 0", p)
    m = re.search(r"^morgue-index: passed over (\d+) files that are not articles: (.*) \(name a file "
                  r"to read it\)$", p.stdout, re.M)
    check(m is not None and m.group(1) == "5", "the summary counts 5 files passed over", p)
    for name in ["all-topics-strings.lc.txt", "cat-descriptions.txt", "lewis.dtd", "README.txt",
                 "places.txt"]:
        check(m is not None and name in m.group(2), f"and names {name}", p)
    count = search_json(idx, "cocoa OR dockers OR topics OR afghanistan", "--limit", "1000")
    found = {h["id"] for h in count["hits"]}
    check("stories/strike.txt" in found and "1" in found, "the stories and the SGML records are indexed")
    check(not any(i.endswith(("all-topics-strings.lc.txt", "places.txt", "cat-descriptions.txt"))
                  for i in found), f"no note or word list became an article (got {sorted(found)[:8]})")
    with open(stats) as f:
        s = json.load(f)
    check(s.get("files_passed_over") == 5 and s.get("records_passed_over") == 0,
          f"--stats-json counts them (got {s.get('files_passed_over')}, {s.get('records_passed_over')})")

    # Named on the command line, a note is read.
    p = index(idx, os.path.join(raw, "cat-descriptions.txt"))
    check(p.returncode == 0 and "passed over" not in p.stdout and
          show_article(idx, "cat-descriptions.txt").get("title") == "Some notes on the categories",
          "a note named on its own is indexed", p)


def test_reuters_as_published(tmp):
    """The real Reuters-21578 folder: its notes, word lists and DTD passed over, named."""
    raw = os.path.join(SHARED, "corpora", "reuters21578", "raw")
    if not os.path.isdir(raw):
        print(f"skipped the published Reuters folder: {raw} is not here")
        return
    # One of the 22 SGML files beside every note, so the run stays short.
    folder = os.path.join(tmp, "reuters21578")
    os.makedirs(folder)
    for name in os.listdir(raw):
        if not name.endswith(".sgm") or name == "reut2-000.sgm":
            os.symlink(os.path.join(raw, name), os.path.join(folder, name))
    idx = os.path.join(tmp, "reuters.morgue")
    p = index(idx, folder)
    check(p.returncode == 0 and "added 1000," in p.stdout, "reut2-000.sgm gives its 1,000 stories", p)
    m = re.search(r"^morgue-index: passed over (\d+) files that are not articles", p.stdout, re.M)
    check(m is not None and m.group(1) == "9",
          "README, the DTD, five word lists and two notes are passed over (9 files)", p)
    check(hit_ids(idx, "title:topics") == [], "no article titled 'topics' from the word list")


with TempDir() as tmp:
    test_encoding_option(tmp)
with TempDir() as tmp:
    test_declared_charsets(tmp)
with TempDir() as tmp:
    test_passed_over_files(tmp)
with TempDir() as tmp:
    test_reuters_as_published(tmp)
finish()
