"""Shared helpers for the end-to-end tests: run the real binaries, check, report."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

INDEX_BIN = os.environ.get("MORGUE_INDEX_BIN", "morgue-index")
SEARCH_BIN = os.environ.get("MORGUE_SEARCH_BIN", "morgue-search")
CORPUS = os.environ.get("MORGUE_CORPUS", os.path.join(os.path.dirname(__file__), "..", "..", "corpus"))
SHARED = os.environ.get("MORGUE_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))

# The parts of corpus/ that hold only good input.
GOOD_PARTS = ["reuters", "text", "html", "trec", "jsonl"]

SKIP = 77  # meson's exit code for a skipped test

_failures = []


def run(args, stdin_text=None, env=None, timeout=300, cwd=None):
    """Runs a command (in `cwd` when given); returns CompletedProcess with text stdout/stderr."""
    full_env = dict(os.environ)
    full_env.pop("MORGUE_INDEX", None)
    full_env["NO_COLOR"] = "1"
    if env:
        full_env.update(env)
    return subprocess.run(args, input=stdin_text, capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=cwd)


def index(index_dir, *args, **kw):
    return run([INDEX_BIN, "--index", index_dir, *args], **kw)


def search(index_dir, *args, **kw):
    return run([SEARCH_BIN, "--index", index_dir, *args], **kw)


def search_json(index_dir, query, *args):
    """Runs a one-shot query with --json; returns the parsed object (fails the test otherwise)."""
    p = search(index_dir, "--json", *args, query)
    check(p.returncode == 0, f"query {query!r} exits 0", p)
    try:
        return json.loads(p.stdout.splitlines()[0])
    except (ValueError, IndexError):
        check(False, f"query {query!r} prints JSON", p)
        return {"hits": [], "total": -1}


def show_article(index_dir, article_id):
    """The stored article as --show --json prints it; {} (and a failed check) when it cannot."""
    p = search(index_dir, "--show", article_id, "--json")
    check(p.returncode == 0, f"--show {article_id} exits 0", p)
    try:
        return json.loads(p.stdout)
    except ValueError:
        check(False, f"--show {article_id} prints JSON", p)
        return {}


def hit_ids(index_dir, query, limit=1000):
    return [h["id"] for h in search_json(index_dir, query, "--limit", str(limit))["hits"]]


def doc_count(index_dir):
    p = search(index_dir, "--stats", "--json")
    check(p.returncode == 0, "--stats --json exits 0", p)
    try:
        return json.loads(p.stdout)["documents"]
    except ValueError:
        check(False, "--stats --json prints JSON", p)
        return -1


def corpus_parts():
    return [os.path.join(CORPUS, part) for part in GOOD_PARTS if os.path.isdir(os.path.join(CORPUS, part))]


def check(condition, what, process=None):
    """Records one assertion; prints it; keeps going so one run shows every failure."""
    if condition:
        print(f"ok: {what}")
        return True
    print(f"FAIL: {what}")
    if process is not None:
        print(f"  command: {' '.join(map(str, process.args))}")
        print(f"  exit: {process.returncode}")
        print("  stdout: " + process.stdout[-2000:].replace("\n", "\n          "))
        print("  stderr: " + process.stderr[-2000:].replace("\n", "\n          "))
    _failures.append(what)
    return False


def no_trace(process, what):
    """stderr holds only 'morgue-…:' lines: no exception text, no abort."""
    bad = [line for line in process.stderr.splitlines()
           if line and not line.startswith(("morgue-index:", "morgue-search:"))]
    return check(not bad and process.returncode >= 0, f"{what}: stderr has only program lines", process)


class TempDir:
    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="morgue-e2e-")
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


def finish():
    """Exit status for the test: 0 when every check passed."""
    if _failures:
        print(f"{len(_failures)} check(s) failed:")
        for f in _failures:
            print(f"  - {f}")
        sys.exit(1)
    print("all checks passed")
    sys.exit(0)
