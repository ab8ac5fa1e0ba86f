"""End-to-end: the HTML reader's headline, date, byline and body on the sample of saved news
pages in tests/fields/sample (scored by tests/fields/score_fields.py, as on the full
development set). The figures must stay at or above what they are; a reader change that
loses a field on these pages fails here."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "fields"))
from morgue_e2e import INDEX_BIN, SEARCH_BIN, check, finish  # noqa: E402
import score_fields  # noqa: E402

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "fields", "sample")

# What the sample scores now; raise these when the reader gets better.
MINIMUMS = ["title=1.0", "date=1.0", "author=1.0", "body_start=0.818", "body_f1=0.979",
            "leakage=0.0", "passages=1.0", "passage_leakage=0.0"]

expected = score_fields.read_expected(SAMPLE)
articles = score_fields.read_articles(INDEX_BIN, SEARCH_BIN, SAMPLE, [e["id"] for e in expected])
figures, failures = score_fields.score(expected, articles)
check(figures["read"] == figures["pages"], f"every sample page read: {figures['read']} of {figures['pages']}")
misses = score_fields.check_minimums(figures, MINIMUMS)
check(not misses, f"sample figures at their minimums: {misses}")
for page_id, field, want, got in failures:
    print(f"  {page_id} {field}: expected {want!r}, got {got!r}")
# The minimums can fail: a figure above what any reader can reach is reported.
check(score_fields.check_minimums(figures, ["title=1.01", "leakage=-0.1"]) ==
      [f"title {figures['title']['fraction']} below 1.01",
       f"leakage {figures['body']['leakage']} above -0.1"], "impossible minimums are misses")
finish()
