"""Benchmark: ``renkei import`` against raw ``sqlite3.executemany`` of the same rows (whole processes).

For each size (organisations, ties) it writes ``orgs.csv`` and ``ties.csv`` with
``data.generate.write_csv``, then runs, as separate processes, alternating:

* **renkei**: ``python -m network.cli --store sqlite:///new.db import orgs.csv ties.csv``
  (read, validate, resolve, write with one audit row per record, one transaction; the CSVs
  are streamed in chunks, the ties spilled to a temporary file: ``ingest/stream.py``);
* **peer**: a script a user would write instead — ``csv.reader`` over the very rows
  renkei stored (every column, exported from renkei's store after its run), then
  ``executemany`` into a fresh store file with the same schema, in one transaction,
  with ``sqlite3``'s defaults (no audit, no validation).

It prints, per size: wall and CPU seconds (user + system of the child process),
ties/s, the ratio renkei / peer, and the peak RSS of both processes; then a re-import
of the same files (everything unchanged) at the first size.  Sizes: 20k/100k and
50k/250k; ``--slow`` adds 200k/1M.  On a shared machine wall time varies with the
load; CPU time is what the process itself spent.

Run::

    .venv/bin/python bench/bench_import.py [--slow] [--repeat 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import peak  # noqa: E402

from data.generate import write_csv  # noqa: E402
from network.store.sqlite import SQLiteStore  # noqa: E402

SIZES = [(20_000, 100_000), (50_000, 250_000)]
SLOW = [(200_000, 1_000_000)]

#: The peer: what a user would write with the standard library alone.
PEER = r"""
import csv, sqlite3, sys
db, orgs_csv, ties_csv = sys.argv[1:4]
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("BEGIN")
for path, table in ((orgs_csv, "orgs"), (ties_csv, "ties")):
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        cols = next(rows)
        marks = ",".join("?" * len(cols))
        names = ",".join(f'"{c}"' for c in cols)
        nulls = [i for i, c in enumerate(cols) if c in ("start", "end", "last_confirmed")]
        def typed(row):
            for i in nulls:
                row[i] = row[i] or None
            return row
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", map(typed, rows))
conn.execute("COMMIT")
"""


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Run ``cmd``; ``(wall s, cpu s, peak RSS MiB)`` of that process alone (``os.wait4``)."""
    t0 = time.perf_counter()
    # through bench/peak.py: a child's ru_maxrss would start at this process's peak
    proc, peak_kib, cpu = peak.run(cmd, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return wall, cpu, peak_kib // 1024


def export_rows(db: Path, folder: Path) -> tuple[Path, Path]:
    """The rows renkei stored, every column, as two CSV files (the peer's input)."""
    conn = sqlite3.connect(db)
    paths = []
    for table in ("orgs", "ties"):
        path = folder / f"stored_{table}.csv"
        cur = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow([d[0] for d in cur.description])
            w.writerows(cur)
        paths.append(path)
    conn.close()
    return paths[0], paths[1]


def fresh_store(path: Path) -> Path:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    SQLiteStore(path).close()  # the same schema, migrations applied (not timed)
    return path


def bench_size(folder: Path, n_orgs: int, n_ties: int, repeat: int, reimport: bool) -> dict:
    data = folder / f"{n_ties}"
    orgs_csv, ties_csv = write_csv(data, n_orgs, n_ties, seed=1)
    db = data / "renkei.db"
    best: dict[str, tuple[float, float, int]] = {}
    stored = None
    for _ in range(repeat):  # alternate renkei and the peer
        fresh_store(db)
        db.unlink()
        for p in (Path(f"{db}-wal"), Path(f"{db}-shm")):
            p.unlink(missing_ok=True)
        r = run(
            [sys.executable, "-m", "network.cli", "--store", f"sqlite:///{db}", "import", str(orgs_csv), str(ties_csv)]
        )
        with SQLiteStore(db) as s:
            counts = s.counts()
        assert counts["ties"] == n_ties and counts["audit"] == n_ties + n_orgs, counts
        best["renkei"] = min(best.get("renkei", r), r)
        if stored is None:
            stored = export_rows(db, data)
        peer_db = fresh_store(data / "peer.db")
        p = run([sys.executable, "-c", PEER, str(peer_db), str(stored[0]), str(stored[1])])
        best["peer"] = min(best.get("peer", p), p)
    out = {"orgs": n_orgs, "ties": n_ties, **best}
    if reimport:
        out["reimport"] = run(
            [sys.executable, "-m", "network.cli", "--store", f"sqlite:///{db}", "import", str(orgs_csv), str(ties_csv)]
        )
        with SQLiteStore(db) as s:
            assert s.counts()["audit"] == n_ties + n_orgs  # nothing changed, nothing audited
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slow", action="store_true", help="add 200k organisations / 1M ties (a few minutes)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is shown")
    ap.add_argument("--keep", help="write the files and stores here instead of a temporary folder")
    args = ap.parse_args(argv)
    sizes = SIZES + (SLOW if args.slow else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        print("whole processes; wall = elapsed on a shared machine, cpu = user + system of the process")
        print(
            f"{'orgs':>8} {'ties':>9} | {'renkei wall':>11} {'cpu':>6} {'ties/s wall':>11} {'ties/s cpu':>10} "
            f"{'RSS MiB':>7} | {'peer wall':>9} {'cpu':>6} {'ties/s wall':>11} {'RSS MiB':>7} | "
            f"{'ratio wall':>10} {'cpu':>5}"
        )
        for i, (n_orgs, n_ties) in enumerate(sizes):
            r = bench_size(folder, n_orgs, n_ties, args.repeat, reimport=i == 0)
            (rw, rc, rm), (pw, pc, pm) = r["renkei"], r["peer"]
            print(
                f"{n_orgs:>8,} {n_ties:>9,} | {rw:>10.2f}s {rc:>5.2f}s {n_ties / rw:>11,.0f} {n_ties / rc:>10,.0f} "
                f"{rm:>7,} | {pw:>8.2f}s {pc:>5.2f}s {n_ties / pw:>11,.0f} {pm:>7,} | "
                f"{rw / pw:>9.2f}x {rc / pc:>4.2f}x",
                flush=True,
            )
            if "reimport" in r:
                w, c, m = r["reimport"]
                reimport_line = (
                    f"re-import of the {n_ties:,} ties (all unchanged): wall {w:.2f} s, cpu {c:.2f} s, "
                    f"{n_ties / w:,.0f} ties/s wall, RSS {m:,} MiB"
                )
        print(reimport_line)


if __name__ == "__main__":
    main()
