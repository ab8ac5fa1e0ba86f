#!/usr/bin/env python3
"""End-to-end test of morgue-serve: corpus/ indexed with the real morgue-index, served on a free
loopback port, and asked over HTTP. Its answers must be exactly what morgue-search --json prints
for the same query and options; every bad request is a JSON error with the right status; a
commit shows up in the next answer; tokens, CORS and the access log work; a dead shard is
named by /healthz and answered 503; SIGTERM stops it with exit 0. Environment (set by meson):
MORGUE_INDEX_BIN, MORGUE_SEARCH_BIN, MORGUE_SERVE_BIN, MORGUE_CORPUS."""
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from morgue_e2e import SEARCH_BIN, TempDir, check, corpus_parts, finish, index, run
from servers import TCPSRV, Server, free_port

SERVE_BIN = os.environ.get("MORGUE_SERVE_BIN", "morgue-serve")
# Ids as archives key scraped pages: URLs, with the characters a URL path must escape.
URL_ID = "https://example.org/news/2020/01/02/story.html?ref=home&page=2#top"
ODD_ID = "wire 100% sure/été"


class Serve:
    """One morgue-serve on 127.0.0.1, on a free port; its stderr (start line, access log) kept."""

    def __init__(self, tmp, *args):
        self.port = free_port()
        self.err_path = os.path.join(tmp, f"serve-{self.port}.err")
        self.err = open(self.err_path, "w+")
        self.proc = subprocess.Popen([SERVE_BIN, "--listen", f"127.0.0.1:{self.port}", *args],
                                     stdout=subprocess.DEVNULL, stderr=self.err)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and self.proc.poll() is None:
            if "serving" in self.log():
                break
            time.sleep(0.05)
        check(self.proc.poll() is None and "serving" in self.log(),
              f"morgue-serve starts on port {self.port} ({self.log().strip()[:200]})")

    def log(self):
        with open(self.err_path) as f:
            return f.read()

    def get(self, path, method="GET", headers=None, body=None):
        """(status, headers, body text) of one request; never raises for an HTTP status."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                         headers=headers or {}, data=body)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()

    def stop(self):
        """SIGTERM; the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.err.close()
        return code


def search_json(idx, *args):
    p = run([SEARCH_BIN, "--index", idx, "--json", *args])
    return p.stdout


def q(params):
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def test_same_as_cli(s, idx):
    cases = [
        ({"q": "cocoa"}, ["cocoa"]),
        ({"q": "coffee AND brazil", "limit": "2", "offset": "1"}, ["--limit", "2", "--offset", "1", "coffee AND brazil"]),
        ({"q": "oil", "sort": "newest", "facets": "source,year,topic,place"},
         ["--sort", "newest", "--facets", "source,year,topic,place", "oil"]),
        ({"q": "prices", "from": "1987-03", "to": "1987-03-31", "collapse": "false", "snippets": "false"},
         ["--from", "1987-03", "--to", "1987-03-31", "--no-collapse", "--no-snippets", "prices"]),
        ({"q": "minister", "timeline": "true", "limit": "0"}, ["--timeline", "--limit", "0", "minister"]),
        ({"q": "\"prime minister\" japan"}, ["\"prime minister\" japan"]),
        ({"q": "cocao"}, ["cocao"]),
        ({"q": "title:oil -crude", "sort": "oldest"}, ["--sort", "oldest", "title:oil -crude"]),
    ]
    for params, args in cases:
        status, headers, body = s.get("/api/search?" + q(params))
        want = search_json(idx, *args)
        check(status == 200 and headers.get("Content-Type", "").startswith("application/json")
              and body == want and body.startswith("{"),
              f"/api/search {params} is exactly morgue-search --json {' '.join(args)}")
    for article_id in ("249", URL_ID, ODD_ID):
        path = "/api/articles/" + urllib.parse.quote(article_id, safe="")
        status, _, body = s.get(path)
        check(status == 200 and body == search_json(idx, "--show", article_id),
              f"{path} is exactly --show {article_id} --json")
        status, _, body = s.get(path + "/like?limit=3")
        check(status == 200 and body == search_json(idx, "--like", article_id, "--limit", "3"),
              f"{path}/like is exactly --like {article_id} --json")
    status, _, body = s.get("/api/stats")
    check(status == 200 and body == search_json(idx, "--stats"), "/api/stats is exactly --stats --json")


def test_errors(s):
    def error_of(path, method="GET", body=None):
        status, headers, text = s.get(path, method=method, body=body)
        try:
            error = json.loads(text)["error"]
        except (ValueError, KeyError, TypeError):
            error = {}
        return status, headers, error

    status, _, error = error_of("/api/search?" + q({"q": "title:(oil"}))
    check(status == 400 and error.get("status") == 400 and error.get("column") == 7
          and "unmatched" in error.get("message", ""), "a bad query: 400 with its column")
    for path, want, what in (
            ("/api/articles/no-such-article", 404, "an unknown id"),
            ("/api/articles/no-such-article/like", 404, "like of an unknown id"),
            ("/no/such/path", 404, "an unknown path"),
            ("/../../etc/passwd", 404, "a path outside the API"),
            ("/static/../../etc/passwd", 404, "a traversal"),
            ("/api/search", 400, "no q"),
            ("/api/search?q=", 400, "an empty q"),
            ("/api/search?" + q({"q": "x" * 5000}), 413, "an over-long q"),
            ("/api/search?q=cocoa&limit=100000", 400, "a limit too large"),
            ("/api/search?q=cocoa&limit=-1", 400, "a negative limit"),
            ("/api/search?q=cocoa&offset=ten", 400, "an offset that is no number"),
            ("/api/search?q=cocoa&sort=sideways", 400, "an unknown sort"),
            ("/api/search?q=cocoa&facets=colour", 400, "an unknown facet"),
            ("/api/search?q=cocoa&from=yesterday", 400, "a bad date"),
            ("/api/search?q=cocoa&collapse=maybe", 400, "a bad boolean"),
            ("/api/search?q=cocoa&q=oil", 400, "q twice"),
            ("/api/search?q=cocoa&colour=red", 400, "an unknown parameter"),
            ("/api/search?" + q({"q": "\x00\x01 NEAR ADJ/99999 ((("}), 400, "control bytes and junk"),
            ("/api/stats?verbose=1", 400, "a parameter /api/stats does not take")):
        status, _, error = error_of(path)
        check(status == want and error.get("status") == want and error.get("message"),
              f"{what}: {want} with a JSON error ({status}, {error.get('message', '')[:80]})")
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        status, headers, error = error_of("/api/search?q=cocoa", method=method, body=b"x")
        check(status == 405 and "GET" in headers.get("Allow", "") and error.get("status") == 405,
              f"{method}: 405 with Allow")


def test_page_and_health(s):
    status, headers, body = s.get("/")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/html")
          and "<form" in body and 'id="q"' in body and "/api/search" in body
          and "default-src 'none'" in headers.get("Content-Security-Policy", "")
          and "http://" not in body.replace("http://127", "") and "https://" not in body,
          "/ is the embedded search page, with a strict CSP and nothing fetched from elsewhere")
    status, _, body = s.get("/?" + q({"q": "cocoa", "sort": "newest"}))
    check(status == 200 and "<form" in body, "the page's own URL state is served the same page")
    status, _, body = s.get("/healthz")
    health = json.loads(body) if status == 200 else {}
    check(status == 200 and health.get("status") == "ok" and health.get("missing_shards") == [],
          "/healthz: 200 ok")
    status, _, body = s.get("/api/complete?" + q({"prefix": "source:reu"}))
    completion = json.loads(body) if status == 200 else {}
    check("source:reuters21578" in completion.get("candidates", []), "/api/complete offers source values")
    status, _, body = s.get("/api/complete?" + q({"prefix": "cocoa tit"}))
    completion = json.loads(body) if status == 200 else {}
    check(completion.get("candidates") == ["title:"] and completion.get("word_start") == 6,
          "/api/complete offers field names for the word being typed")


def test_commits_show(s, idx, tmp):
    path = os.path.join(tmp, "late.jsonl")
    with open(path, "w") as f:
        f.write(json.dumps({"id": "late-1", "title": "Zyxwvut arrives late", "body": "The zyxwvut story.",
                            "date": "2020-01-01", "source": "Late Wire"}) + "\n")
    before = json.loads(s.get("/api/search?q=zyxwvut")[2])["total"]
    p = index(idx, path)
    started = time.monotonic()
    total = 0
    while time.monotonic() - started < 5:
        total = json.loads(s.get("/api/search?q=zyxwvut")[2])["total"]
        if total:
            break
        time.sleep(0.1)
    took = time.monotonic() - started
    check(p.returncode == 0 and before == 0 and total == 1 and took < 1.5,
          f"an article committed while serving is found within a second ({took:.2f} s)")


def test_access_log(s):
    log = s.log()
    lines = [line for line in log.splitlines() if " GET /api/search?q=cocoa " in line]
    check(lines and lines[0].split()[1] == "127.0.0.1" and lines[0].split()[4] == "200"
          and lines[0].split()[5].endswith("ms") and lines[0].split()[6].isdigit(),
          f"one access-log line per request: time client method path status ms hits ({lines[:1]})")
    check(" POST " in log and " 405 " in log, "refused requests are logged too")


def test_token_and_cors(tmp, idx):
    token = "a3f1" * 8
    token_file = os.path.join(tmp, "token")
    with open(token_file, "w") as f:
        f.write(token + "\n")
    s = Serve(tmp, "--index", idx, "--token-file", token_file, "--cors", "https://cms.example.org")
    status, _, _ = s.get("/api/search?q=cocoa")
    check(status == 401, "with --token-file, no token: 401")
    status, _, _ = s.get("/api/search?q=cocoa", headers={"Authorization": "Bearer " + "b" * 32})
    check(status == 401, "a wrong token: 401")
    status, headers, _ = s.get("/api/search?q=cocoa", headers={"Authorization": "Bearer " + token})
    check(status == 200 and headers.get("Access-Control-Allow-Origin") == "https://cms.example.org",
          "the right token: 200, with the CORS origin")
    status, _, _ = s.get("/healthz")
    check(status == 200, "/healthz needs no token")
    status, headers, _ = s.get("/api/search", method="OPTIONS")
    check(status == 204 and "GET" in headers.get("Access-Control-Allow-Methods", ""),
          "a CORS preflight: 204")
    check(s.stop() == 0, "SIGTERM: exit 0")
    s = Serve(tmp, "--index", idx)
    status, headers, _ = s.get("/api/search?q=cocoa")
    check(status == 200 and "Access-Control-Allow-Origin" not in headers, "CORS is off by default")
    s.stop()
    with open(token_file, "w") as f:
        f.write("short\n")
    p = run([SERVE_BIN, "--index", idx, "--token-file", token_file])
    check(p.returncode == 1 and len(p.stderr.splitlines()) == 1 and "16" in p.stderr,
          "a token shorter than 16 characters is refused", p)


def test_start_errors(tmp, idx):
    missing = os.path.join(tmp, "no-such-index")
    p = run([SERVE_BIN, "--index", missing, "--listen", f"127.0.0.1:{free_port()}"], timeout=30)
    check(p.returncode == 4 and len(p.stderr.splitlines()) == 1 and missing in p.stderr,
          "a missing index: exit 4, one line naming it", p)
    s = Serve(tmp, "--index", idx)
    p = run([SERVE_BIN, "--index", idx, "--listen", f"127.0.0.1:{s.port}"], timeout=30)
    check(p.returncode == 5 and len(p.stderr.splitlines()) == 1 and str(s.port) in p.stderr,
          "an address in use: exit 5, one line naming it", p)
    s.stop()
    for args, what in ((["--threads", "0"], "--threads 0"), (["--listen", "nowhere"], "a bad --listen"),
                       (["--bogus"], "an unknown option"), ([], "no index")):
        env = {k: v for k, v in os.environ.items() if k != "MORGUE_INDEX"}
        p = run([SERVE_BIN] + (["--index", idx] if args != [] else []) + args, env=env, timeout=30)
        check(p.returncode == 1 and len(p.stderr.splitlines()) == 1, f"{what}: exit 1, one line", p)


def test_dead_shard(tmp):
    if TCPSRV is None:
        print("skip: xapian-tcpsrv is not installed; dead-shard checks left out")
        return
    three = os.path.join(tmp, "three")
    p = index(three, "--jobs", "3", *corpus_parts())
    check(p.returncode == 0, "three shards for the dead-shard checks", p)
    servers = [Server(os.path.join(three, f"shard-{k}")) for k in range(3)]
    try:
        args = []
        for server in servers:
            args += ["--index", server.name]
        s = Serve(tmp, *args, "--connect-timeout", "2")
        status, _, body = s.get("/api/search?q=cocoa")
        check(status == 200 and json.loads(body)["total"] > 0, "three remote shards answer")
        servers[1].stop()
        status, _, body = s.get("/healthz")
        check(status == 503 and servers[1].name in body, "/healthz: 503 naming the dead shard")
        status, headers, body = s.get("/api/search?q=cocoa")
        check(status == 503 and "Retry-After" in headers and json.loads(body)["error"]["status"] == 503,
              f"a search with a dead shard: 503 with a JSON error ({body.strip()[:120]})")
        check(s.stop() == 0, "SIGTERM after a dead shard: exit 0")
        s = Serve(tmp, *args, "--connect-timeout", "2", "--allow-partial")
        status, _, body = s.get("/api/search?q=cocoa")
        page = json.loads(body) if status == 200 else {}
        check(status == 200 and page.get("missing_shards") == [servers[1].name],
              "--allow-partial: the other shards answer, the dead one is named")
        s.stop()
    finally:
        for server in servers:
            server.stop()


def test_page_in_browser(s):
    """The page run by a real browser (headless Chromium): what a reader sees for a search, an
    error with its caret, an article, a suggestion and "more like this"."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("skip: chromium is not installed (tests/scripts/install-deps.sh installs it); "
              "the page's browser checks left out")
        return

    def dom(state):
        p = run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=8000",
                 "--dump-dom", f"http://127.0.0.1:{s.port}/?{q(state)}"], timeout=120)
        return p.stdout

    page = dom({"q": "coffee"})
    check("<mark>" in page and re.search(r"\d+ matches, showing 1–\d+, best first", page)
          and "COFFEE QUOTA TALKS CONTINUE" in page and "<h2>source</h2>" in page
          and re.search(r'<div id="timeline"[^>]*><a ', page) is not None,
          "the page shows hits with marked words, the count, facets and the timeline")
    page = dom({"q": "title:(oil"})
    check("unmatched '(' at column 7" in page and "title:(oil\n      ^" in page,
          "the page shows a bad query's error with a caret under its column")
    page = dom({"q": "coffee", "id": "249"})
    check("<h2>COFFEE QUOTA TALKS CONTINUE, NO ACCORD SEEN LIKELY</h2>" in page
          and "back to the results" in page, "the page shows an article whole")
    page = dom({"q": "cocao"})
    check("Did you mean" in page and "<b>cocoa</b>" in page, "the page offers did you mean")
    page = dom({"like": "249"})
    check("Articles like" in page and "more like this" in page, "the page lists articles like one")


def main():
    with TempDir() as tmp:
        idx = os.path.join(tmp, "corpus.morgue")
        extra = os.path.join(tmp, "url-ids.jsonl")
        with open(extra, "w", encoding="utf-8") as f:
            for n, article_id in enumerate((URL_ID, ODD_ID)):
                f.write(json.dumps({"id": article_id, "title": f"Cocoa story {n}", "source": "Web",
                                    "body": "Cocoa prices rose in the port of Ilheus."}) + "\n")
        p = index(idx, *corpus_parts(), extra)
        if not check(p.returncode == 0, "indexing corpus/", p):
            finish()
        s = Serve(tmp, "--index", idx, "--threads", "2")
        try:
            test_same_as_cli(s, idx)
            test_errors(s)
            test_page_and_health(s)
            test_commits_show(s, idx, tmp)
            test_access_log(s)
            test_page_in_browser(s)
        finally:
            code = s.stop()
        check(code == 0 and "stopped" in s.log(), f"SIGTERM: exit 0, 'stopped' logged (exit {code})")
        test_token_and_cors(tmp, idx)
        test_start_errors(tmp, idx)
        test_dead_shard(tmp)
    finish()


if __name__ == "__main__":
    main()
