"""Benchmark: import 20,000 organisations + 100,000 ties from CSV into a fresh SQLite store.

Prints rows/s for reading + validation + resolution alone (``plan_import``,
no store write) and end to end (``import_files`` into a new SQLite file), and
the time of ``store.load_graph()``.  Target: ≥ 50,000 ties/s end to end.

Run::

    .venv/bin/python bench/bench_import.py [--orgs 20000] [--ties 100000] [--by-name]

The CSVs come from ``data.generate.write_csv`` when that module exists, else
from the small generator below (Japanese headers, names with legal forms,
ties naming organisations by id, or by name with ``--by-name``).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.importer import import_files, load_sources, plan_import  # noqa: E402
from network.store.sqlite import SQLiteStore  # noqa: E402

SECTORS = ["地縁組織", "NPO", "企業", "大学", "行政", "財団", "中間支援", "その他"]
FORMS = {"企業": "株式会社", "NPO": "特定非営利活動法人", "財団": "公益財団法人", "大学": "学校法人"}
TYPES = ["協働", "情報交換", "連携協定", "助成", "委託", "支援", "加盟"]


def local_csv(folder: Path, n_orgs: int, n_ties: int, *, by_name: bool, seed: int = 1) -> tuple[Path, Path]:
    """Write ``orgs.csv`` and ``ties.csv`` (UTF-8, Japanese headers) into ``folder``."""
    rng = random.Random(seed)
    orgs_path, ties_path = folder / "orgs.csv", folder / "ties.csv"
    names = []
    with orgs_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ID", "団体名", "区分", "都道府県", "市区町村", "地区"])
        for i in range(n_orgs):
            sector = SECTORS[i % len(SECTORS)]
            name = f"{FORMS.get(sector, '')}団体{i:05d}"
            names.append(name)
            w.writerow([f"o{i:05d}", name, sector, "宮城県", f"市{i % 35}", f"地区{i % 200}"])
    seen = set()
    with ties_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["連携元", "連携先", "関係", "強さ", "開始", "終了", "事業名"])
        while len(seen) < n_ties:
            a, b = rng.randrange(n_orgs), rng.randrange(n_orgs)
            t = rng.choice(TYPES)
            if a == b or (a, b, t) in seen or (b, a, t) in seen:
                continue
            seen.add((a, b, t))
            y = rng.randrange(2012, 2024)
            src, dst = (names[a], names[b]) if by_name else (f"o{a:05d}", f"o{b:05d}")
            w.writerow([src, dst, t, rng.randint(1, 5), f"{y}-04-01", f"{y + rng.randint(1, 5)}-03-31", ""])
    return orgs_path, ties_path


def make_csv(folder: Path, n_orgs: int, n_ties: int, by_name: bool) -> tuple[list[Path], str]:
    if by_name:
        return list(local_csv(folder, n_orgs, n_ties, by_name=True)), "bench/bench_import.py local generator (by name)"
    try:
        from renkei.data.generate import write_csv  # type: ignore[import-not-found]
    except ImportError:
        return list(local_csv(folder, n_orgs, n_ties, by_name=by_name)), "bench/bench_import.py local generator"
    return [Path(p) for p in write_csv(folder, n_orgs, n_ties)], "data.generate.write_csv"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orgs", type=int, default=20_000)
    ap.add_argument("--ties", type=int, default=100_000)
    ap.add_argument("--by-name", action="store_true", help="ties name organisations by name, not id")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths, origin = make_csv(folder, args.orgs, args.ties, args.by_name)
        print(f"input: {', '.join(p.name for p in paths)} from {origin}")

        wall, cpu = time.perf_counter, time.process_time
        w0, c0 = wall(), cpu()
        tables = load_sources(paths)
        w1, c1 = wall(), cpu()
        changes, report, _ = plan_import(tables)
        w2, c2 = wall(), cpu()
        n_ties, n_orgs = len(changes.ties), len(changes.orgs)
        assert report.ok, report.to_text(max_errors=5)
        print("(wall = elapsed on a shared machine; cpu = this process's CPU time)")
        print(f"read CSV:                  wall {w1 - w0:6.2f} s   cpu {c1 - c0:6.2f} s")
        print(f"validate + resolve:        wall {w2 - w1:6.2f} s   cpu {c2 - c1:6.2f} s")
        print(f"read+validate (no store):  {n_ties / (w2 - w0):9,.0f} ties/s wall, {n_ties / (c2 - c0):9,.0f} ties/s cpu "
              f"({(n_ties + n_orgs) / (c2 - c0):,.0f} rows/s cpu)")

        store = SQLiteStore(folder / "bench.db")
        w3, c3 = wall(), cpu()
        report = import_files(store, paths)
        w4, c4 = wall(), cpu()
        c = report.counts
        n = c["ties"].created
        print(f"end to end import_files:   wall {w4 - w3:6.2f} s   cpu {c4 - c3:6.2f} s  ({n:,} ties + "
              f"{c['orgs'].created:,} orgs) → {n / (w4 - w3):9,.0f} ties/s wall, {n / (c4 - c3):9,.0f} ties/s cpu")
        w5, c5 = wall(), cpu()
        G = store.load_graph()
        w6, c6 = wall(), cpu()
        print(f"store.load_graph():        wall {w6 - w5:6.2f} s   cpu {c6 - c5:6.2f} s  "
              f"({G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges)")
        w7, c7 = wall(), cpu()
        again = import_files(store, paths)
        w8, c8 = wall(), cpu()
        print(f"re-import (unchanged):     wall {w8 - w7:6.2f} s   cpu {c8 - c7:6.2f} s  "
              f"(ties unchanged {again.counts['ties'].unchanged:,})")
        store.close()


if __name__ == "__main__":
    main()
