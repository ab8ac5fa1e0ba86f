"""End-to-end: every defect in corpus/bad/ gives one 'FILE:LINE: error: WHAT' line, is counted and
skipped, and the good records around it are indexed; --strict stops at the first; --rejects keeps
the raw records."""
import os
import re

from morgue_e2e import CORPUS, TempDir, check, doc_count, finish, hit_ids, index, no_trace

CASES = os.path.join(os.path.dirname(__file__), "cases", "bad_input.tsv")
ERROR_LINE = re.compile(r"^morgue-index: (?P<path>[^:]+?)(?::(?P<line>\d+))?: error: (?P<what>.+)$")


def load_cases():
    cases = []
    with open(CASES, encoding="utf-8") as f:
        for raw in f:
            if raw.startswith("#") or not raw.strip():
                continue
            name, line, text, good = raw.rstrip("\n").split("\t")
            cases.append((name, int(line), text, [] if good == "-" else good.split(",")))
    return cases


def main():
    bad_dir = os.path.join(CORPUS, "bad")
    cases = load_cases()
    with TempDir() as tmp:
        idx = os.path.join(tmp, "bad")
        p = index(idx, bad_dir)
        check(p.returncode == 2, "indexing corpus/bad exits 2 (some input rejected)", p)
        no_trace(p, "corpus/bad")
        errors = [ERROR_LINE.match(line) for line in p.stderr.splitlines()]
        check(all(errors), "every stderr line has the form 'morgue-index: FILE[:LINE]: error: WHAT'", p)
        errors = [m for m in errors if m]
        for name, line, text, good in cases:
            found = [m for m in errors if m["path"] == os.path.join(bad_dir, name)
                     and int(m["line"] or 0) == line and text in m["what"]]
            check(len(found) == 1, f"{name}:{line}: one error containing {text!r}", p)
            for record in good:
                check(hit_ids(idx, f"id:{record}") == [record], f"{name}: good record {record} is indexed")
        names = {name for name, *_ in cases}
        on_disk = {n for n in os.listdir(bad_dir) if not n.startswith(".")}
        check(names == on_disk, f"every file in corpus/bad/ has a case ({sorted(on_disk - names)} missing)")
        m = re.search(r"skipped (\d+)", p.stdout)
        reported = len({(m2["path"], m2["line"], m2["what"]) for m2 in errors})
        check(m is not None and int(m.group(1)) == reported,
              f"the summary counts each reported problem once ({m and m.group(1)} vs {reported})", p)
        good_total = len({g for *_, good in cases for g in good})
        check(doc_count(idx) >= good_total, "the good records of the bad files are in the index")

        # --strict: stop at the first problem, keep what was committed before it.
        strict = os.path.join(tmp, "strict")
        p = index(strict, "--strict", os.path.join(bad_dir, "malformed-json.jsonl"))
        check(p.returncode == 2 and "--strict" in p.stderr and "malformed-json.jsonl:3: error:" in p.stderr,
              "--strict stops at the first rejected record", p)
        check(doc_count(strict) == 2, "--strict keeps the two records before the bad line")

        # --rejects: the raw text of rejected records, for fixing and re-feeding.
        rejects = os.path.join(tmp, "rejects.jsonl")
        p = index(os.path.join(tmp, "rej"), "--rejects", rejects, os.path.join(bad_dir, "wrong-type.jsonl"))
        with open(rejects, encoding="utf-8", errors="replace") as f:
            saved = f.read()
        check(p.returncode == 2 and '"bad-type-2"' in saved and "bad-type-1" not in saved,
              "--rejects holds exactly the rejected raw record", p)
    finish()


main()
