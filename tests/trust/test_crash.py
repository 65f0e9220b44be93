"""kill -9 an import mid-way, and an app-like writer mid-write: the store holds all or none.

Import: a subprocess (``python -m tests.trust.workers import``) imports a
generated file of N organisations in one transaction and prints ``progress``
lines as the write goes; it is killed with SIGKILL after a chosen progress line
or after a chosen delay.  Afterwards ``PRAGMA integrity_check`` is ``ok``, the
store opens cleanly, and the counts are exactly the ones before the import or
exactly the ones after it — never between.

App: a subprocess writes one organisation + one tie per transaction and prints
``ack I`` after each; killed at a chosen moment, every acknowledged write is
there, and every organisation has its tie and its audit rows (all or none).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from network.store.sqlite import SQLiteStore
from tests.trust.conftest import small_network

ROOT = Path(__file__).resolve().parents[2]
N = 30_000  # rows in the imported file; the write takes about 2 s here (60 progress calls of 500)
# (progress line to kill after, or None) and (seconds after the first progress line, or None)
IMPORT_KILLS = [(k, None) for k in (1, 3, 5, 12, 20, 25, 33, 40, 50, 59)] + [
    (None, d) for d in (0.05, 0.3, 0.7, 1.5)]
APP_KILLS = [0.5, 1.0, 1.7, 2.5]


def _start(*args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "tests.trust.workers", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _counts(path: str) -> tuple[int, int, str]:
    conn = sqlite3.connect(path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        orgs = conn.execute("SELECT COUNT(*) FROM orgs").fetchone()[0]
        audit = conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    finally:
        conn.close()
    return orgs, audit, ok


def _kill_import(path: str, after_line: int | None, delay: float | None) -> tuple[str, int]:
    proc = _start("import", path, str(N))
    lines = 0
    state = "running"
    timer = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("progress"):
            lines += 1
            if delay is not None and timer is None:
                timer = threading.Timer(delay, lambda: proc.poll() is None and os.kill(proc.pid, signal.SIGKILL))
                timer.start()
            if after_line is not None and lines == after_line:
                os.kill(proc.pid, signal.SIGKILL)
                break
        elif line.startswith("committed"):
            state = "committed"
    proc.wait(timeout=60)
    if timer is not None:
        timer.join()
    return ("committed" if state == "committed" else "killed" if proc.returncode == -signal.SIGKILL
            else f"exit {proc.returncode}"), lines


@pytest.mark.slow
def test_kill_import_mid_way_leaves_all_or_none(tmp_path):
    base = tmp_path / "base.db"
    with SQLiteStore(base) as s:
        s.write(small_network())
    before = _counts(str(base))[:2]
    after = (before[0] + N, before[1] + N)  # each imported organisation: one row + one audit row
    outcomes = []
    for i, (after_line, delay) in enumerate(IMPORT_KILLS):
        path = str(tmp_path / f"trial{i}.db")
        shutil.copy(base, path)
        how, lines = _kill_import(path, after_line, delay)
        orgs, audit, ok = _counts(path)
        assert ok == "ok"
        with SQLiteStore(path) as s:  # opens cleanly (and migrates nothing)
            assert s.counts()["orgs"] == orgs
        assert (orgs, audit) in (before, after), (i, how, lines, orgs, audit)
        outcomes.append((how, lines, "after" if (orgs, audit) == after else "before"))
    killed = sum(o[0] == "killed" for o in outcomes)
    print(f"\ncrash (import): {len(outcomes)} runs, {killed} killed mid-import and survived, outcomes {outcomes}")
    assert killed >= 10  # the ten kills after a progress line always land inside the transaction


@pytest.mark.slow
def test_kill_app_mid_write_keeps_every_acknowledged_write(tmp_path):
    results = []
    for k, delay in enumerate(APP_KILLS):
        path = str(tmp_path / f"app{k}.db")
        with SQLiteStore(path) as s:
            s.write(small_network())
        proc = _start("app", path)
        acked = []
        t0 = None
        assert proc.stdout is not None
        for line in proc.stdout:
            acked.append(int(line.split()[1]))
            t0 = t0 or time.monotonic()  # the clock starts at the first acknowledged write
            if time.monotonic() - t0 > delay:
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait(timeout=60)
        acked += [int(line.split()[1]) for line in proc.stdout.read().splitlines() if line.startswith("ack")]
        assert proc.returncode == -signal.SIGKILL
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        app_orgs = {r[0] for r in conn.execute("SELECT id FROM orgs WHERE id LIKE 'app-%'")}
        app_ties = {r[0] for r in conn.execute("SELECT id FROM ties WHERE id LIKE 'app-tie-%'")}
        audited = {r[0] for r in conn.execute("SELECT entity_id FROM audit WHERE user = 'app'")}
        conn.close()
        n = len(app_orgs)
        # every acknowledged write is there; at most the one in flight more
        assert n in (len(acked), len(acked) + 1) and {f"app-{i}" for i in acked} <= app_orgs
        # all or none of each transaction: org, tie and both audit rows together
        assert app_ties == {f"app-tie-{i}" for i in range(1, n + 1)}
        assert audited == app_orgs | app_ties
        results.append((delay, len(acked), n))
    print(f"\ncrash (app): {len(results)} kills survived; (delay s, acknowledged, found) = {results}")
