"""End-to-end: morgue-index killed (SIGKILL) or interrupted (SIGINT) at seeded random moments
leaves an index that opens, passes xapian-check and holds whole committed batches of whole
articles; running the same command again completes it without duplicates.

MORGUE_CRASH_TRIALS (default 24) and MORGUE_CRASH_SEED (default 7) vary the run."""
import os
import random
import re
import shutil
import signal
import subprocess
import time

from morgue_e2e import INDEX_BIN, TempDir, check, finish, run
from reliability import check_whole_prefix, index_ready, write_corpus

ARTICLES = 3000
BATCHES = [7, 25, 100, 250]
MEMORY_MB = [16, 24, 64]
SUMMARY = re.compile(r"added (\d+), replaced (\d+), skipped (\d+)")


def command(idx, corpus, batch, memory):
    return [INDEX_BIN, "--index", idx, "--batch-articles", str(batch), "--memory-mb", str(memory),
            "--no-spelling", corpus]


def start(args, stdin=None):
    env = dict(os.environ)
    env.pop("MORGUE_INDEX", None)
    return subprocess.Popen(args, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def full_run_seconds(tmp, corpus, titles):
    """Indexes everything once uninterrupted (the reference run); returns how long it took."""
    idx = os.path.join(tmp, "reference")
    started = time.monotonic()
    p = run(command(idx, corpus, min(BATCHES), 16))
    seconds = time.monotonic() - started
    check(p.returncode == 0 and SUMMARY.search(p.stdout) and
          SUMMARY.search(p.stdout).group(1) == str(ARTICLES), "reference run indexes everything", p)
    check_whole_prefix(idx, titles, "reference run", expected=ARTICLES)
    return seconds


def finish_and_check(idx, args, titles, committed, what):
    p = run(args)
    m = SUMMARY.search(p.stdout)
    check(p.returncode == 0 and m is not None, f"{what}: rerun exits 0", p)
    if m:
        added, replaced = int(m.group(1)), int(m.group(2))
        check(added == ARTICLES - committed and replaced == committed,
              f"{what}: rerun adds the {ARTICLES - committed} missing, replaces the {committed} "
              f"committed (got added {added}, replaced {replaced})")
    check_whole_prefix(idx, titles, f"{what}, rerun", expected=ARTICLES)


_config_seconds = {}


def config_seconds(tmp, corpus, batch, memory):
    """How long an uninterrupted run with these batches and this budget takes here (measured
    once per pair): small batches cost far more than large ones (each seals a segment), so a
    kill lands mid-way only if its moment is drawn from the run's own length."""
    if (batch, memory) not in _config_seconds:
        idx = os.path.join(tmp, f"timing-{batch}-{memory}")
        started = time.monotonic()
        p = run(command(idx, corpus, batch, memory))
        _config_seconds[(batch, memory)] = time.monotonic() - started
        check(p.returncode == 0, f"an uninterrupted run with batches of {batch}, {memory} MB", p)
        shutil.rmtree(idx, ignore_errors=True)
    return _config_seconds[(batch, memory)]


def kill_trial(tmp, corpus, titles, rng, n, reference_seconds, sig):
    batch = rng.choice(BATCHES)
    memory = rng.choice(MEMORY_MB)
    seconds = reference_seconds if sig == signal.SIGINT else config_seconds(tmp, corpus, batch, memory)
    idx = os.path.join(tmp, f"trial-{n}")
    args = command(idx, corpus, batch, memory)
    if sig == signal.SIGINT:
        # Ctrl-C lands mid-way however fast the machine: the articles come through a pipe, and
        # the signal follows a random part of them while the rest are still to come.
        with open(corpus, encoding="utf-8") as f:
            lines = f.readlines()
        part = rng.randint(len(lines) // 10, len(lines) * 8 // 10)
        proc = start(command(idx, "-", batch, memory), stdin=subprocess.PIPE)
        proc.stdin.write("".join(lines[:part]))
        proc.stdin.flush()
        # The handler is in place once the index directory exists.
        while not os.path.isdir(idx) and proc.poll() is None:
            time.sleep(0.005)
        delay = rng.uniform(0, seconds * 0.5)
    else:
        proc = start(args)
        delay = rng.uniform(seconds * 0.02, seconds * 0.7)
    time.sleep(delay)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    # The run may end on its own between the sleep and the signal: exit 0 means it did.
    finished_first = proc.returncode == 0
    name = signal.Signals(sig).name
    what = f"trial {n} ({name} after {delay:.2f} s, batches of {batch}, {memory} MB)"
    if finished_first:
        print(f"note: {what}: the run had finished before the signal")
        check_whole_prefix(idx, titles, what, expected=ARTICLES)
        return False
    if sig == signal.SIGKILL and not index_ready(idx):
        # Killed before the index existed (a sharded index is readable once its shard list is
        # written): nothing was committed, and the rerun must still build it whole.
        print(f"note: {what}: killed before the index was created")
        committed = 0
    elif sig == signal.SIGKILL:
        check(proc.returncode == -signal.SIGKILL, f"{what}: killed")
        committed = check_whole_prefix(idx, titles, what, multiple_of=batch)
    else:
        m = re.search(r"interrupted: (\d+) articles committed", err)
        check(proc.returncode == 130 and m is not None,
              f"{what}: exits 130 and says what was committed (exit {proc.returncode}, {err.strip()!r})")
        committed = check_whole_prefix(idx, titles, what,
                                       expected=int(m.group(1)) if m else None)
    print(f"{what}: {committed} articles committed")
    finish_and_check(idx, args, titles, committed, what)
    shutil.rmtree(idx, ignore_errors=True)
    return True


with TempDir() as tmp:
    seed = int(os.environ.get("MORGUE_CRASH_SEED", "7"))
    trials = int(os.environ.get("MORGUE_CRASH_TRIALS", "24"))
    rng = random.Random(seed)
    corpus = os.path.join(tmp, "corpus.jsonl")
    titles = write_corpus(corpus, ARTICLES, seed)
    seconds = full_run_seconds(tmp, corpus, titles)
    _config_seconds[(min(BATCHES), 16)] = seconds
    print(f"reference run: {ARTICLES} articles in {seconds:.2f} s (seed {seed})")
    interrupted = {signal.SIGKILL: 0, signal.SIGINT: 0}
    n = 0
    # A signal that lands after the run finished proves nothing: try again, up to 3 times as often.
    for sig, wanted in [(signal.SIGKILL, trials), (signal.SIGINT, max(4, trials // 4))]:
        attempts = 0
        while interrupted[sig] < wanted and attempts < 3 * wanted:
            n += 1
            attempts += 1
            if kill_trial(tmp, corpus, titles, rng, n, seconds, sig):
                interrupted[sig] += 1
    check(interrupted[signal.SIGKILL] >= trials,
          f"{interrupted[signal.SIGKILL]} runs killed mid-way (wanted {trials})")
    check(interrupted[signal.SIGINT] >= max(4, trials // 4),
          f"{interrupted[signal.SIGINT]} runs interrupted mid-way")
finish()
