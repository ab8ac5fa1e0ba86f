#!/usr/bin/env python3
"""End-to-end test of morgue-search's interactive prompt and batch mode.

The prompt is driven through a pseudo-terminal (python3-pexpect): a query with its timeline,
paging, opening a hit through $PAGER, history recall with the arrow key, Tab completion of a
field and of a source value, Ctrl-C abandoning a line, a bad query, a commit seen by a running
session, Ctrl-D leaving with status 0, and the history file. Batch mode is driven with piped
input. Environment (set by meson): MORGUE_INDEX_BIN, MORGUE_SEARCH_BIN, MORGUE_CORPUS.
"""
import importlib
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from morgue_e2e import (CORPUS, INDEX_BIN, SEARCH_BIN, SKIP, TempDir, check, corpus_parts,  # noqa: E402
                        finish, index, search)


def import_module(name):
    """Imports `name`; also looks in Debian's python3-* package folder, for when the python3
    running the tests is not Debian's own (tests/scripts/install-deps.sh installs them there)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        debian = "/usr/lib/python3/dist-packages"
        if debian not in sys.path:
            sys.path.append(debian)
        return importlib.import_module(name)


try:
    pexpect = import_module("pexpect")
    pyte = import_module("pyte")
except ImportError as e:
    print(f"skip: {e.name} is not installed (tests/scripts/install-deps.sh installs python3-pexpect "
          "and python3-pyte)")
    sys.exit(SKIP)

UP = "\x1b[A"
PROMPT = "morgue> "
TIMELINE = re.compile(r"\d{4}(-\d\d)? [▁▂▃▄▅▆▇█ ]+ \d{4}(-\d\d)? · peak \d{4}")
ROWS, COLUMNS = 24, 100


class Terminal:
    """One morgue-search prompt on a pseudo-terminal. Everything it prints goes through a
    terminal emulator (pyte), so checks can look at the screen as a user sees it; `seen` keeps
    the raw output too, for text that has scrolled away."""

    def __init__(self, index_dir, home, state=None, pager="cat"):
        env = {k: v for k, v in os.environ.items() if k not in ("MORGUE_INDEX", "XDG_STATE_HOME")}
        env.update({"HOME": home, "TERM": "xterm", "NO_COLOR": "1", "PAGER": pager, "LANG": "C.UTF-8",
                    "LC_ALL": "C.UTF-8"})
        if state:
            env["XDG_STATE_HOME"] = state
        self.child = pexpect.spawn(SEARCH_BIN, ["--index", index_dir], env=env, encoding="utf-8",
                                   timeout=15, dimensions=(ROWS, COLUMNS))
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.Stream(self.screen)
        self.seen = ""

    def _feed(self, text):
        if text:
            self.seen += text
            self.stream.feed(text)

    def screen_lines(self):
        return [line.rstrip() for line in self.screen.display]

    def cursor_line(self):
        return self.screen.display[self.screen.cursor.y].rstrip()

    def _fail(self, what):
        print("  screen:")
        for line in self.screen_lines():
            print("    |" + line)
        print("  output so far (last 800 characters): " + repr(self.seen[-800:]))

    def expect(self, pattern, what):
        """Waits for `pattern` (a string or compiled regex) in the output; records the check."""
        patterns = [pattern if isinstance(pattern, re.Pattern) else re.escape(pattern),
                    pexpect.EOF, pexpect.TIMEOUT]
        i = self.child.expect(patterns)
        self._feed((self.child.before or "") + (self.child.after if i == 0 else ""))
        ok = check(i == 0, what)
        if not ok:
            self._fail(what)
        return ok

    def expect_screen(self, condition, what, timeout=10):
        """Waits until condition(self) holds for the emulated screen; records the check."""
        deadline = time.monotonic() + timeout
        while not condition(self):
            if time.monotonic() > deadline:
                check(False, what)
                self._fail(what)
                return False
            try:
                self._feed(self.child.read_nonblocking(4096, timeout=0.2))
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                break
        return check(condition(self), what)

    def output_until_prompt(self):
        """What the program printed up to its next prompt."""
        start = len(self.seen)
        self.expect(PROMPT, "the prompt comes back")
        return self.seen[start:].replace("\r\n", "\n")

    def send(self, text):
        self.child.send(text)

    def sendline(self, text):
        self.child.send(text + "\r")

    def end(self, keys, what):
        """Sends `keys`, waits for the program to exit, checks it exited 0."""
        self.send(keys)
        self.child.expect(pexpect.EOF)
        self.child.wait()  # the terminal closes before the process has finished exiting
        self.child.close()
        check(self.child.exitstatus == 0, f"{what} leaves with status 0 (got {self.child.exitstatus})")


def test_prompt(idx, tmp):
    home = os.path.join(tmp, "home")
    state = os.path.join(tmp, "state")
    os.makedirs(home)
    t = Terminal(idx, home, state)
    t.expect(re.compile(r"articles · \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d · english"),
             "banner: article count, date range, language")
    t.expect(":help for commands, Ctrl-D to quit", "banner: hint line")
    t.expect(PROMPT, "prompt")

    # Three hits a page, so a whole page with its timeline fits on the screen.
    t.sendline(":limit 3")
    t.output_until_prompt()
    t.sendline("oil")
    page = t.output_until_prompt()
    screen = t.screen_lines()
    timeline_rows = [i for i, line in enumerate(screen) if TIMELINE.match(line)]
    first_hit_rows = [i for i, line in enumerate(screen) if line.startswith("1. ")]
    check(timeline_rows and first_hit_rows and timeline_rows[0] < first_hit_rows[0],
          "the screen shows a timeline line above the first hit")
    check(any(re.match(r"\d+ matches, showing 1-3, best first$", line) for line in screen),
          "the screen shows the first page's total")
    if not timeline_rows:
        t._fail("timeline")

    t.sendline(":next")
    page = t.output_until_prompt()
    check("showing 4-6" in page and "\n4. " in page, ":next shows the second page")

    t.sendline(":prev")
    page = t.output_until_prompt()
    check("showing 1-3" in page, ":prev goes back to the first page")

    t.sendline(":open 1")
    page = t.output_until_prompt()
    check(re.search(r"\nid +\S+", page) is not None and re.search(r"\ndate +\d{4}-", page) is not None,
          ":open 1 shows the article's fields (through PAGER=cat)")
    check(len(page.splitlines()) > 6, ":open 1 shows the article's body")

    # History: arrow up recalls the lines before, newest first.
    t.send(UP)
    t.expect_screen(lambda t: t.cursor_line() == PROMPT + ":open 1", "arrow up recalls ':open 1'")
    t.send(UP + UP + UP)
    t.expect_screen(lambda t: t.cursor_line() == PROMPT + "oil", "arrow up three more times recalls 'oil'")
    t.send("\r")
    page = t.output_until_prompt()
    check("showing 1-3, best first" in page, "the recalled query runs")

    # Tab completes a field prefix, then a source value from the index.
    t.send("tit\t")
    t.expect_screen(lambda t: t.cursor_line() == PROMPT + "title:", "Tab completes 'tit' to 'title:'")
    t.sendline("oil")
    page = t.output_until_prompt()
    check(re.search(r"\d+ match(es)?, showing", page) is not None, "the completed title:oil query runs")
    t.send("source:reu\t")
    want = PROMPT + "source:reuters21578 "
    t.expect_screen(lambda t: t.cursor_line() == want.rstrip() and t.screen.cursor.x == len(want),
                    "Tab completes 'source:reu' to the index's 'source:reuters21578 '")
    t.send("\r")
    page = t.output_until_prompt()
    check("newest first" in page, "the completed source: filter runs (newest first)")

    # Ctrl-C abandons the line being typed and keeps the prompt.
    t.send("abandoned words")
    t.expect_screen(lambda t: t.cursor_line() == PROMPT + "abandoned words", "typed text shows")
    t.send("\x03")
    t.expect_screen(lambda t: PROMPT + "abandoned words^C" in t.screen_lines() and t.cursor_line() == PROMPT.rstrip(),
                    "Ctrl-C shows ^C and a fresh prompt below it")

    t.sendline("title:(oil")
    page = t.output_until_prompt()
    check(sum(1 for line in page.splitlines() if line.startswith("error: ")) == 1 and "error: query" in page,
          "a bad query prints one error line and the prompt carries on")
    t.sendline(":bogus")
    page = t.output_until_prompt()
    check("error: unknown command ':bogus'" in page, "an unknown command prints one line")

    # A commit made while the session is open is seen by the next query.
    t.sendline("zyzzyvaword")
    page = t.output_until_prompt()
    check("no matches" in page, "a word not yet indexed matches nothing")
    extra = os.path.join(tmp, "extra.jsonl")
    with open(extra, "w") as f:
        f.write(json.dumps({"id": "late-1", "title": "Zyzzyvaword arrives late", "date": "2001-05-01",
                            "body": "An article committed while the prompt was open: zyzzyvaword.",
                            "source": "Late Wire"}) + "\n")
    p = index(idx, extra)
    check(p.returncode == 0, "indexing one more article beside the open prompt", p)
    t.sendline("zyzzyvaword")
    page = t.output_until_prompt()
    check("Zyzzyvaword arrives late" in page, "the prompt searches the newly committed article")

    t.sendline(":history")
    page = t.output_until_prompt()
    check(re.search(r"\d+  oil\n", page) is not None and re.search(r"\d+  title:oil\n", page) is not None
          and ":next" in page, ":history lists the lines entered, completed ones as completed")
    check("abandoned words" not in page, "the abandoned line is not in the history")

    t.end("\x04", "Ctrl-D")

    history = os.path.join(state, "morgue", "history")
    check(os.path.isfile(history), "history written under $XDG_STATE_HOME/morgue/")
    if os.path.isfile(history):
        text = open(history, encoding="utf-8", errors="replace").read()
        check("oil" in text and "zyzzyvaword" in text, "the history file holds the session's lines")

    # A new session recalls the last one's lines.
    t = Terminal(idx, home, state)
    t.expect(PROMPT, "second session: prompt")
    t.send(UP)
    t.expect_screen(lambda t: t.cursor_line() == PROMPT + ":history",
                    "second session: arrow up recalls the previous session's last line")
    t.send("\x15")  # Ctrl-U: clear the line
    t.sendline(":quit")
    t.child.expect(pexpect.EOF)
    t.child.wait()
    t.child.close()
    check(t.child.exitstatus == 0, ":quit leaves with status 0")

    # Without XDG_STATE_HOME the history goes under ~/.local/state.
    t = Terminal(idx, home)
    t.expect(PROMPT, "session without XDG_STATE_HOME: prompt")
    t.sendline(":timeline off")
    check("timeline: off" in t.output_until_prompt(), ":timeline off is confirmed")
    t.sendline("oil")
    page = t.output_until_prompt()
    check(TIMELINE.search(page) is None and "showing 1-10" in page, ":timeline off hides the timeline")
    t.end("\x04", "Ctrl-D")
    check(os.path.isfile(os.path.join(home, ".local", "state", "morgue", "history")),
          "history falls back to ~/.local/state/morgue/history")


def test_batch(idx):
    queries = "cocoa\n\n# a comment line\n   \ntitle:(oil\ncoffee\n"
    p = search(idx, "--limit", "2", stdin_text=queries)
    check(p.returncode == 3, f"batch with one bad query exits 3 (got {p.returncode})", p)
    check(p.stdout.count("== ") == 2 and "== cocoa ==" in p.stdout and "== coffee ==" in p.stdout,
          "batch answers the good queries, each under its own header", p)
    check("comment" not in p.stdout, "'#' lines are skipped", p)
    errors = p.stderr.splitlines()
    check(errors == ["morgue-search: line 5: query 'title:(oil': unmatched '(' at column 7"],
          "the bad query is reported in one stderr line naming its input line and the query", p)

    p = search(idx, "--json", "--limit", "1", stdin_text=queries)
    lines = p.stdout.splitlines()
    try:
        objects = [json.loads(line) for line in lines]
    except ValueError:
        objects = []
    check(p.returncode == 3 and [o.get("query") for o in objects] == ["cocoa", "title:(oil", "coffee"]
          and "hits" in objects[0] and "hits" in objects[2]
          and objects[1].get("error") == {"message": "unmatched '(' at column 7", "column": 7},
          "--json batch: exactly one JSON line per query, in order, a failed one with its error", p)

    p = search(idx, stdin_text="# only\ncocoa\n\ncoffee\n")
    check(p.returncode == 0 and p.stderr == "", "a batch of good queries exits 0 with nothing on stderr", p)

    p = search(idx, stdin_text="\n# nothing\n")
    check(p.returncode == 1 and "no query given" in p.stderr, "a batch with no query is a usage error", p)

    p = search(idx, "--timeline", "cocoa")
    first = p.stdout.splitlines()[0] if p.stdout else ""
    check(p.returncode == 0 and TIMELINE.match(first) is not None,
          "one-shot --timeline puts the timeline first", p)
    p = search(idx, "cocoa")
    check(TIMELINE.search(p.stdout) is None, "one-shot mode has no timeline unless asked", p)


def test_commands_documented(idx, tmp):
    """:help lists the prompt's commands from the program's own table; the README's command table
    has a row for each, and each alias :help names does what its command does."""
    home = os.path.join(tmp, "home-help")
    os.makedirs(home)
    t = Terminal(idx, home)
    t.expect(PROMPT, "help session: prompt")
    t.sendline(":help")
    help_text = t.output_until_prompt()
    rows = re.findall(r"^  (:[a-z]+)[^\n]*?(?:\(also ([^)]*)\))?$", help_text, re.M)
    names = [name for name, _ in rows]
    check(len(names) >= 10 and ":help" in names and ":quit" in names,
          f":help lists the commands (got {names})")
    with open(os.path.join(CORPUS, "..", "README.md"), encoding="utf-8") as f:
        readme = f.read()
    start = readme.find("## The prompt")
    table = readme[start:readme.find("\n## ", start + 1)]
    for name in names:
        check(re.search(r"^\| [^|]*`" + re.escape(name) + r"[ `]", table, re.M) is not None,
              f"the README's prompt table has a row for {name}")
    for name, aliases in rows:
        for alias in aliases.split():
            if name not in (":help", ":stats"):
                continue  # the others need a page on screen or end the session
            t.sendline(name)
            want = t.output_until_prompt()
            t.sendline(alias)
            got = t.output_until_prompt()
            # What the command printed: its lines after the echo of the typed line.
            printed = lambda text: text.split("\n")[1:]
            check(printed(got) == printed(want) and len(printed(got)) > 1,
                  f"{alias} does what {name} does")
    t.sendline(":frobnicate")
    check("unknown command ':frobnicate' (:help lists them)" in t.output_until_prompt(),
          "an unknown command is named, with the way to the list")
    t.end("\x04", "Ctrl-D")


with TempDir() as tmp:
    idx = os.path.join(tmp, "corpus.morgue")
    p = index(idx, *corpus_parts())
    if check(p.returncode == 0, "indexing corpus/", p):
        test_batch(idx)
        test_prompt(idx, tmp)
        test_commands_documented(idx, tmp)
finish()
