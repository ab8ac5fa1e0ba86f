"""End-to-end: the news agencies' XML through the real morgue-index and morgue-search: NITF and
NewsML-G2 from corpus/nitf and corpus/newsml (fields by --show, searches by phrase, topic, place,
byline), --encoding as the fallback of an XML file that declares none, and, when
../shared/format-samples is beside the checkout, the real agency samples (skipped otherwise)."""
import os
import re

from morgue_e2e import (CORPUS, SHARED, TempDir, check, doc_count, finish, hit_ids, index, no_trace,
                        search, show_article)

SAMPLES = os.path.join(SHARED, "format-samples")




def fields(idx, article_id, expected, body_words=()):
    """Checks the named fields of one article, and words its body must hold."""
    article = show_article(idx, article_id)
    for key, value in expected.items():
        check(article.get(key) == value, f"{article_id}: {key} is {value!r} (got {article.get(key)!r})")
    for words in body_words:
        check(words in article.get("body", ""), f"{article_id}: the body holds {words!r}")
    return article


def test_corpus(tmp):
    idx = os.path.join(tmp, "news-xml")
    p = index(idx, os.path.join(CORPUS, "nitf"), os.path.join(CORPUS, "newsml"))
    check(p.returncode == 0 and "added 6, replaced 0, skipped 0" in p.stdout,
          "corpus/nitf and corpus/newsml: 6 articles, none skipped", p)
    check("passed over 1 record that is not an article: 1 NewsML-G2 picture item" in p.stdout,
          "the picture item is passed over and counted by kind", p)
    no_trace(p, "corpus/nitf and corpus/newsml")
    check(doc_count(idx) == 6, "the index holds the 6 articles")

    fields(idx, "0690421", {
        "title": "Harbor Commission Approves Ferry Terminal Expansion",
        "byline": "MARTA ALBESCU", "date": "1994-03-22", "dateline": "ST. GEORGE, S.I.",
        "source": "The New York Times",
        "topics": ["Ferries", "Ports", "Transportation", "Harbor Commission", "Albescu, Marta"],
        "places": ["Staten Island (NYC)"],
    }, ["covered waiting hall for 3,000 passengers"])
    nyt = show_article(idx, "0690421")
    check(nyt.get("body", "").count("voted 5 to 2") == 1 and "LEAD:" not in nyt.get("body", ""),
          "NYT: the full text, its lead paragraph not repeated")
    fields(idx, "12345678", {"title": "Article Title", "date": "2007-02-01",
                             "body": "First paragraph.\n\nSecond paragraph."})
    # ISO-8859-1 bytes, read by the declaration; the .nitf file found by its extension.
    fields(idx, "ntb-stil-7f3c2a1e_3", {
        "title": "Rekordmange cruisebåter til Ålesund i sommer",
        "byline": "Kåre Sæthre og Hélène Østby / NTB", "dateline": "Ålesund", "source": "NTB",
        "date": "2023-06-14", "topics": ["Reiseliv"], "places": ["Ålesund", "Møre og Romsdal", "NO"],
    }, ["sjøen er rolig i fjorden", "«Vi må tenke nytt om trafikken i sentrum»"])
    for query in ["sjøen", "været", "næringslivet", "place:ålesund", "byline:sæthre", "title:cruisebåter"]:
        check(hit_ids(idx, query) == ["ntb-stil-7f3c2a1e_3"], f"{query!r} finds the Latin-1 story")

    crane = "urn:newsml:wire.morgue.example:20240105:shipyard-crane"
    fields(idx, crane, {
        "title": "Shipyard Orders Record Gantry Crane After Strike Ends", "byline": "Lena Kowalczyk",
        "dateline": "GDAŃSK, Poland", "date": "2024-01-04", "source": "Morgue Wire",
        "topics": ["shipbuilding", "labour dispute"], "places": ["Gdańsk", "Poland"],
    }, ["tallest gantry crane in its history", "Deliveries from spring"])
    body = show_article(idx, crane).get("body", "")
    check("By Lena" not in body and body.count("Shipyard Orders Record") == 0,
          "XHTML: the header's h1 and byline are not repeated in the body")
    lighthouse = "urn:newsml:wire.morgue.example:20240105:lighthouse-keepers"
    fields(idx, lighthouse, {
        "title": "Last Lighthouse Keepers Leave Skerry Station", "byline": "Ewan Macrae",
        "date": "2024-01-03", "source": "Morgue Wire", "topics": ["medtop:20000506", "medtop:20000513"],
    }, ["ending 160 years of staffed watches"])
    fields(idx, "urn:newsml:acmenews.com:20161121:US-FINANCE-FED", {
        "title": 'Fed to halt QE to avert "bubble"', "byline": "Meredith Jameson",
        "date": "2016-11-21", "dateline": "New York, NY",
        "topics": ["economy, business and finance", "central bank", "money and monetary policy"],
    })

    check(hit_ids(idx, '"tallest gantry crane"') == [crane], "a body phrase finds the XHTML story")
    check(hit_ids(idx, '"supply boat"') == [lighthouse], "a body phrase finds the NITF-bodied story")
    check(hit_ids(idx, "topic:shipbuilding") == [crane], "topic: finds a subject's name")
    check(hit_ids(idx, "topic:medtop:20000506") == [lighthouse], "topic: finds a subject's code")
    check(hit_ids(idx, "topic:ferries") == ["0690421"], "topic: finds an NYT descriptor")
    check(hit_ids(idx, 'place:"staten island (nyc)"') == ["0690421"], "place: finds an NYT location")
    check(hit_ids(idx, "place:poland") == [crane], "place: finds a geoArea subject")
    check(hit_ids(idx, "medtop") == [], "subject codes are labels, not body words")
    check(hit_ids(idx, "crane.jpg") == [] and hit_ids(idx, '"base at the Baltic shipyard"') == [],
          "the picture item is not indexed")

    # --format nitf on a NewsML-G2 file: one problem naming the root element.
    p = index(os.path.join(tmp, "forced"), "--format", "nitf",
              os.path.join(CORPUS, "newsml", "message-two-stories-and-picture.xml"))
    check(p.returncode == 2 and "error: not an NITF document (root element <newsMessage>)" in p.stderr,
          "--format nitf on a NewsML-G2 message is one problem that names its root", p)


def test_encoding_fallback(tmp):
    with open(os.path.join(CORPUS, "nitf", "ntb-latin1-cruise.nitf"), "rb") as f:
        raw = f.read()
    undeclared = os.path.join(tmp, "undeclared.xml")
    with open(undeclared, "wb") as f:
        f.write(raw[raw.index(b"?>") + 2:])
    idx = os.path.join(tmp, "fallback")
    p = index(idx, "--encoding", "iso-8859-1", undeclared)
    check(p.returncode == 0 and "added 1," in p.stdout, "--encoding reads an NITF that declares none", p)
    check(hit_ids(idx, "place:ålesund") == ["ntb-stil-7f3c2a1e_3"], "--encoding: the place reads right")
    p = index(os.path.join(tmp, "no-fallback"), undeclared)
    check(p.returncode == 2 and re.search(r"undeclared\.xml:\d+: error: invalid UTF-8", p.stderr),
          "without --encoding, Latin-1 bytes in an undeclared file are one problem with its line", p)
    # The declaration wins over --encoding.
    p = index(os.path.join(tmp, "declared"), "--encoding", "utf-8",
              os.path.join(CORPUS, "nitf", "ntb-latin1-cruise.nitf"))
    check(p.returncode == 0 and "added 1," in p.stdout, "a declared encoding wins over --encoding", p)


def test_shared_samples(tmp):
    nitf, newsml = os.path.join(SAMPLES, "nitf"), os.path.join(SAMPLES, "newsml-g2")
    if not (os.path.isdir(nitf) and os.path.isdir(newsml)):
        print(f"skipped the shared samples: {SAMPLES} is not here")
        return
    idx = os.path.join(tmp, "samples")
    p = index(idx, nitf, newsml)
    check(p.returncode == 0 and "added 12, replaced 0, skipped 0" in p.stdout,
          "the 10 shared samples: 12 articles, none skipped", p)
    no_trace(p, "shared samples")

    ap_items = ["tag:ap.org,2011:5e565888b587889c5c8bd62b6164118c-text",
                "tag:ap.org,2011:b6d5d4eb781939b5fe8722f3fba28ee2-text",
                "tag:ap.org,2011:4db5f9c37aac8924db872ba5a7e287e6-text"]
    check(sorted(hit_ids(idx, 'topic:"earnings reports"')) == sorted(ap_items),
          "the AP newsMessage gives its 3 articles, found by topic:")
    fields(idx, ap_items[0], {
        "title": "Nutrisystem beats 4Q earnings and revenue expectations", "date": "2018-02-26",
        "dateline": "FORT WASHINGTON, Pa.", "source": "Automated Insights", "places": ["Pittsburgh"],
    }, ["fourth-quarter net income of $10.9 million"])
    check(hit_ids(idx, '"funds from operations of $50.7 million"') == [ap_items[1]],
          "a body phrase finds the second AP item")

    fields(idx, "superdesk-ap-nitf.xml", {
        "title": "Can trading pollution like stocks help fight climate change?",
        "byline": "BERNARD CONDON", "dateline": "NEW YORK", "date": "2015-12-10", "source": "AP",
    })
    check(hit_ids(idx, '"hog manure"') == ["superdesk-ap-nitf.xml"], "a body phrase finds the AP NITF story")
    fields(idx, "22751909", {"title": "Honduran president announces Cabinet changes",
                             "date": "2017-01-02", "source": "Agencia EFE", "topics": ["Government"],
                             "places": ["Tegucigalpa", "HND"]})
    fields(idx, "iptc.321656141.b", {
        "title": "Weather and Tide Updates for Norfolk", "byline": "Alan Karben",
        "dateline": "Newport News, VA", "date": "2002-02-26", "source": "nitf.org",
        "topics": ["Weather", "Statistics", "Fishing Industry"], "places": ["Norfolk", "VA", "US"],
    })
    ntb = "faktisk-d9cde75b-256e-4989-b6a3-b8ad27f43a5c_47"
    fields(idx, ntb, {"byline": "Geir Molnes / Faktisk.no", "dateline": "Oslo", "source": "NTB",
                      "date": "2020-09-07", "places": ["Norge"]},
           ["bærekraftig utvikling", "Asbjørn Dyrendal"])
    check(hit_ids(idx, "bærekraftig") == [ntb] and hit_ids(idx, "byline:molnes") == [ntb],
          "the Norwegian ISO-8859-1 sample: æ/ø/å words are searchable")
    article = show_article(idx, ntb)
    check("faktisk-embed" not in article.get("body", ""), "NTB: embed codes written as text are left out")

    dpa = "urn:newsml:dpa.com:20090101:250128-930-357319"
    fields(idx, dpa, {
        "title": "DeepSeek-Schock aus China: Zeichen für KI-Zeitenwende?",
        "byline": "Andrej Sokolow, dpa", "dateline": "New York (dpa)", "date": "2025-01-28",
        "source": "dpa", "places": ["USA"],
    }, ["Kalte Füße an der Wall Street"])
    check("Notizblock" not in show_article(idx, dpa).get("body", ""), "dpa: editorial notes stay out of the body")
    check(hit_ids(idx, "topic:börse") == [dpa], "dpa: topic: by a subject's name")
    fields(idx, "tag:reuters.com,0000:newsml_L1N14N0FF", {
        "title": "CORRECTED-S. Illinois battles flooding as Mississippi River builds downstream",
        "date": "2016-01-04", "source": "reuters.com",
    }, ["Residents of flooded areas in far southern Illinois"])
    fields(idx, "urn:newsml:stt.fi:20171219:101801633", {"date": "2017-12-19", "source": "STT",
                                                          "dateline": "Helsinki"},
           ["The Parliament has approved the Alcohol Act"])


def main():
    with TempDir() as tmp:
        test_corpus(tmp)
        test_encoding_fallback(tmp)
        test_shared_samples(tmp)
    finish()


main()
