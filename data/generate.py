"""Seeded generator of large synthetic partnership networks (合成ネットワーク) for benchmarks.

The model is a degree-corrected stochastic block model: every organisation
gets a heavy-tailed *activity* (a Pareto draw times a sector multiplier, so
intermediaries, governments and foundations become hubs), and each tie picks
its source by activity and its target by activity *within the same district*
(most ties), *within the same city*, or anywhere.  The result has local
communities, a heavy-tailed degree distribution and brokers between them.
Tie types follow the sector pair (foundations fund, governments commission,
intermediaries support, residents' groups join councils …), strengths are
1–5, start dates fall in fiscal years 2015–2024 and about 15 % of ties have
ended.  Everything is vectorised with NumPy: 1k to 1M ties in seconds.

Examples
--------
>>> orgs, ties = generate(50, 120, seed=1)
>>> len(orgs), len(ties), orgs[0].id, orgs[0].name
(50, 120, 'g000001', '合成団体000001')
>>> all(t.source != t.target for t in ties)
True

Command line::

    python -m renkei.data.generate --orgs 20000 --ties 100000 --seed 1 --out DIR
"""

from __future__ import annotations

import argparse
import csv
import gc
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np

from network.model import ORG_FIELDS, TIE_FIELDS, Org, Sector, Tie, TieType

__all__ = ["generate", "generate_graph", "write_csv", "SECTOR_SHARES", "main"]

#: Sector shares of the synthetic population (roughly a city's registry of partners).
SECTOR_SHARES: dict[Sector, float] = {
    Sector.RESIDENTS_GROUP: 0.40,
    Sector.NPO: 0.22,
    Sector.COMPANY: 0.15,
    Sector.UNIVERSITY: 0.03,
    Sector.GOVERNMENT: 0.05,
    Sector.FOUNDATION: 0.03,
    Sector.INTERMEDIARY: 0.02,
    Sector.OTHER: 0.10,
}
_SECTORS = list(SECTOR_SHARES)
_S = {s: i for i, s in enumerate(_SECTORS)}
_TYPES = list(TieType)
_T = {t: i for i, t in enumerate(_TYPES)}
# activity multiplier per sector: the hubs of a real network
_ACTIVITY = np.array([0.7, 1.5, 1.0, 3.0, 4.0, 3.0, 8.0, 0.7])
# who gives (funding, commission, support) — higher gives to lower; membership goes lower → higher
_GIVER = np.array([0, 2, 3, 3, 5, 6, 4, 1])
_KINDS = {
    Sector.RESIDENTS_GROUP: ("自治会", "町内会", "地域活動協議会"),
    Sector.NPO: ("NPO法人", "一般社団法人"),
    Sector.COMPANY: ("株式会社", "合同会社"),
    Sector.UNIVERSITY: ("大学",),
    Sector.GOVERNMENT: ("市", "区役所"),
    Sector.FOUNDATION: ("公益財団法人",),
    Sector.INTERMEDIARY: ("中間支援組織",),
    Sector.OTHER: ("任意団体",),
}
_PREFECTURES = ("宮城県", "大阪府", "東京都", "福岡県", "北海道", "愛知県", "広島県", "岩手県")
_STRENGTH_P = np.array([0.15, 0.30, 0.30, 0.17, 0.08])
_END_SHARE = 0.15
_FIRST_FY, _LAST_FY = 2015, 2024


def _type_table() -> np.ndarray:
    """Probability of each tie type for each (sector, sector) pair: shape (8, 8, 7)."""
    col, inf, agr, fun, com, sup, mem = (_T[t] for t in _TYPES)
    base = np.zeros(7)
    base[[col, inf, agr]] = 0.5, 0.4, 0.1
    table = np.tile(base, (8, 8, 1))

    def put(a: Sector, b: Sector, probs: dict[int, float]) -> None:
        row = np.zeros(7)
        for k, v in probs.items():
            row[k] = v
        table[_S[a], _S[b]] = table[_S[b], _S[a]] = row

    G, R = Sector.GOVERNMENT, Sector.RESIDENTS_GROUP  # noqa: N806 — the two most used below
    for s in _SECTORS:  # later lines override earlier ones
        put(Sector.FOUNDATION, s, {fun: 0.7, inf: 0.3})
        put(Sector.UNIVERSITY, s, {col: 0.5, agr: 0.3, inf: 0.2})
        put(Sector.INTERMEDIARY, s, {sup: 0.5, col: 0.3, inf: 0.2})
    for s in (Sector.NPO, Sector.COMPANY, Sector.INTERMEDIARY, Sector.OTHER):
        put(G, s, {com: 0.5, sup: 0.2, inf: 0.3})
    put(G, R, {sup: 0.6, inf: 0.4})
    put(G, G, {inf: 0.7, agr: 0.3})
    put(G, Sector.UNIVERSITY, {agr: 0.6, inf: 0.2, com: 0.2})
    put(G, Sector.FOUNDATION, {inf: 0.7, agr: 0.3})
    put(Sector.INTERMEDIARY, Sector.FOUNDATION, {fun: 0.7, inf: 0.3})
    put(R, R, {inf: 0.5, mem: 0.3, col: 0.2})
    put(Sector.COMPANY, Sector.NPO, {fun: 0.3, col: 0.5, inf: 0.2})
    put(Sector.COMPANY, R, {col: 0.5, inf: 0.3, fun: 0.2})
    put(Sector.NPO, R, {col: 0.5, sup: 0.3, inf: 0.2})
    return table / table.sum(axis=-1, keepdims=True)


@dataclass
class _Net:
    """The synthetic network as arrays (one row per organisation / tie)."""

    sector: np.ndarray
    kind: np.ndarray
    district: np.ndarray
    city: np.ndarray
    corporate: list[str]
    src: np.ndarray
    tgt: np.ndarray
    type: np.ndarray
    strength: np.ndarray
    start: np.ndarray
    end: np.ndarray
    project: np.ndarray
    n_districts: int


def _check_sizes(n_orgs: int, n_ties: int) -> None:
    if n_orgs < 2:
        raise ValueError("n_orgs must be at least 2")
    if n_ties < 0 or n_ties > n_orgs * (n_orgs - 1) // 4:
        raise ValueError(f"n_ties must be between 0 and n_orgs·(n_orgs−1)/4 = {n_orgs * (n_orgs - 1) // 4}")


def _corporate_numbers(rng: np.random.Generator, n: int, sector: np.ndarray) -> list[str]:
    """Fictitious 法人番号 (registry prefix 99, valid check digit) for ~40 % of legal persons."""
    legal = np.isin(sector, [_S[Sector.NPO], _S[Sector.COMPANY], _S[Sector.FOUNDATION]])
    has = legal & (rng.random(n) < 0.4)
    base = 99 * 10**10 + np.arange(1, n + 1, dtype=np.int64)  # 12 digits: "99" + 10-digit serial
    digits = (base[:, None] // 10 ** np.arange(12, dtype=np.int64)) % 10  # P_1 … P_12, rightmost first
    q = np.where(np.arange(1, 13) % 2 == 1, 1, 2)
    check = 9 - (digits * q).sum(axis=1) % 9
    full = check * 10**12 + base
    return [str(v) if h else "" for v, h in zip(full.tolist(), has.tolist(), strict=True)]


def _segment_draw(rng: np.random.Generator, cum: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Draw one index per row from the contiguous slice ``[lo, hi)``, weighted by ``cum`` (cumulative)."""
    left = np.where(lo > 0, cum[np.maximum(lo - 1, 0)], 0.0)
    right = cum[hi - 1]
    v = left + rng.random(len(lo)) * (right - left)
    return np.minimum(np.searchsorted(cum, v, side="right"), hi - 1)


def _build(n_orgs: int, n_ties: int, seed: int) -> _Net:
    _check_sizes(n_orgs, n_ties)
    rng = np.random.default_rng(seed)
    n_districts = max(2, min(n_orgs // 2, round(50 * (n_orgs / 1000) ** 0.5)))
    n_cities = max(1, n_districts // 10)
    # organisations, ordered by district so that a district (and a city) is a contiguous slice
    shares = np.array([SECTOR_SHARES[s] for s in _SECTORS])
    sector = rng.choice(8, size=n_orgs, p=shares / shares.sum())
    dsize = rng.zipf(1.8, n_districts).clip(1, 50).astype(float)  # unequal districts
    district = np.sort(rng.choice(n_districts, size=n_orgs, p=dsize / dsize.sum()))
    district[: min(n_districts, n_orgs)] = np.arange(min(n_districts, n_orgs))  # every district used
    district.sort()
    city = district * n_cities // n_districts
    kind_pick = rng.integers(0, 3, n_orgs)
    kind = np.array(
        [
            _KINDS[_SECTORS[s]][k % len(_KINDS[_SECTORS[s]])]
            for s, k in zip(sector.tolist(), kind_pick.tolist(), strict=True)
        ],
        dtype=object,
    )
    activity = (rng.pareto(1.5, n_orgs) + 1.0) * _ACTIVITY[sector]
    activity = np.minimum(activity, activity.sum() / 20)  # no organisation takes a tie of every twenty
    cum = np.cumsum(activity)
    d_lo = np.searchsorted(district, np.arange(n_districts), side="left")
    d_hi = np.searchsorted(district, np.arange(n_districts), side="right")
    c_lo = np.searchsorted(city, np.arange(n_cities), side="left")
    c_hi = np.searchsorted(city, np.arange(n_cities), side="right")

    # ties: source by activity; target in the same district (60 %), city (25 %) or anywhere
    src = np.searchsorted(cum, rng.random(n_ties) * cum[-1], side="right")
    scope = rng.choice(3, size=n_ties, p=[0.60, 0.25, 0.15])
    lo = np.where(scope == 0, d_lo[district[src]], np.where(scope == 1, c_lo[city[src]], 0))
    hi = np.where(scope == 0, d_hi[district[src]], np.where(scope == 1, c_hi[city[src]], n_orgs))
    tgt = _segment_draw(rng, cum, lo, hi)
    for attempt in range(200):  # redraw self-ties and repeated pairs
        a, b = np.minimum(src, tgt), np.maximum(src, tgt)
        key = a.astype(np.int64) * n_orgs + b
        _, first = np.unique(key, return_index=True)
        bad = np.ones(n_ties, dtype=bool)
        bad[first] = False
        bad |= src == tgt
        n_bad = int(bad.sum())
        if n_bad == 0:
            break
        if attempt < 4:  # first in the same district or city, then anywhere
            tgt[bad] = _segment_draw(rng, cum, lo[bad], hi[bad])
        elif attempt < 8:
            tgt[bad] = np.searchsorted(cum, rng.random(n_bad) * cum[-1], side="right")
        else:
            tgt[bad] = rng.integers(0, n_orgs, n_bad)
    else:  # pragma: no cover - needs a density the size check forbids
        raise RuntimeError("could not place the ties without repeats")

    # types per sector pair, then orient directed types (giver → receiver, member → body)
    cprob = np.cumsum(_type_table()[sector[src], sector[tgt]], axis=-1)
    ttype = (rng.random(n_ties)[:, None] > cprob).sum(axis=1).clip(0, 6)
    gs, gt = _GIVER[sector[src]], _GIVER[sector[tgt]]
    giving = np.isin(ttype, [_T[TieType.FUNDING], _T[TieType.COMMISSION], _T[TieType.SUPPORT]])
    swap = (giving & (gs < gt)) | ((ttype == _T[TieType.MEMBERSHIP]) & (gs > gt))
    undirected = ~np.array([t.default_directed for t in _TYPES])[ttype]
    swap |= undirected & (src > tgt)  # an undirected tie is written lower id first, as the importer stores it
    src, tgt = np.where(swap, tgt, src), np.where(swap, src, tgt)

    strength = rng.choice(5, size=n_ties, p=_STRENGTH_P) + 1
    fy = rng.integers(_FIRST_FY, _LAST_FY + 1, n_ties)
    fy_start = np.array([f"{y}-04-01" for y in range(_FIRST_FY, _LAST_FY + 1)], dtype="datetime64[D]")
    start = fy_start[fy - _FIRST_FY] + rng.integers(0, 365, n_ties)
    last = np.datetime64(f"{_LAST_FY + 1}-03-31")
    ended = rng.random(n_ties) < _END_SHARE
    end = np.minimum(start + rng.integers(90, 1500, n_ties), last)
    end = np.maximum(end, start)
    project = np.where(rng.random(n_ties) < 0.3, rng.integers(1, 500, n_ties), 0)
    end_str = np.where(ended, np.datetime_as_string(end, unit="D"), "")
    return _Net(
        sector,
        kind,
        district,
        city,
        _corporate_numbers(rng, n_orgs, sector),
        src,
        tgt,
        ttype,
        strength,
        np.datetime_as_string(start, unit="D"),
        end_str,
        project,
        n_districts,
    )


def _width(n: int) -> int:
    return max(6, len(str(n)))


def _org_columns(net: _Net) -> dict[str, list]:
    n = len(net.sector)
    w = _width(n)
    ids = [f"g{i:0{w}d}" for i in range(1, n + 1)]
    codes = [s.value for s in _SECTORS]
    return {
        "id": ids,
        "name": [f"合成団体{i:0{w}d}" for i in range(1, n + 1)],
        "sector": [codes[s] for s in net.sector.tolist()],
        "kind": net.kind.tolist(),
        "prefecture": [_PREFECTURES[c % len(_PREFECTURES)] for c in net.city.tolist()],
        "city": [f"合成市{c + 1:03d}" for c in net.city.tolist()],
        "district": [f"合成地区{d + 1:04d}" for d in net.district.tolist()],
        "corporate_number": net.corporate,
    }


def _tie_columns(net: _Net, org_ids: list[str]) -> dict[str, list]:
    m = len(net.src)
    w = max(7, len(str(m)))
    codes = [t.value for t in _TYPES]
    directed = [t.default_directed for t in _TYPES]
    types = net.type.tolist()
    return {
        "id": [f"gt{i:0{w}d}" for i in range(1, m + 1)],
        "source": [org_ids[i] for i in net.src.tolist()],
        "target": [org_ids[i] for i in net.tgt.tolist()],
        "type": [codes[t] for t in types],
        "directed": [directed[t] for t in types],
        "strength": net.strength.tolist(),
        "start": net.start.tolist(),
        "end": [e or None for e in net.end.tolist()],
        "project": [f"合成事業{p:03d}" if p else "" for p in net.project.tolist()],
    }


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of containers are made (no cycles here)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def generate(n_orgs: int, n_ties: int, *, seed: int = 0) -> tuple[list[Org], list[Tie]]:
    """Generate ``n_orgs`` organisations and exactly ``n_ties`` ties as records.

    Parameters
    ----------
    n_orgs, n_ties : int
        Sizes; ``n_ties`` at most ``n_orgs·(n_orgs−1)/4`` (no self-ties, no repeated pair).
    seed : int
        The same seed gives the same network, byte for byte.

    Returns
    -------
    (list of Org, list of Tie)
        Ids ``g000001``…, tie ids ``gt0000001``…; sectors are codes (``npo`` …).

    Examples
    --------
    >>> orgs, ties = generate(10, 12, seed=3)
    >>> {t.source for t in ties} | {t.target for t in ties} <= {o.id for o in orgs}
    True
    """
    net = _build(n_orgs, n_ties, seed)
    oc = _org_columns(net)
    tc = _tie_columns(net, oc["id"])
    with _no_gc():
        orgs = [Org(*row) for row in zip(*(oc[f] for f in ORG_FIELDS[:8]), strict=True)]
        ties = [Tie(*row) for row in zip(*(tc[f] for f in TIE_FIELDS[:9]), strict=True)]
    return orgs, ties


def generate_graph(n_orgs: int, n_ties: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """The same network as :func:`generate`, as a graph with ``load_graph()``'s conventions.

    Node key = org id with every other Org field as attribute; one edge per tie,
    key = tie id, attributes = every Tie field but ``id``/``source``/``target``.

    Examples
    --------
    >>> G = generate_graph(30, 40, seed=2)
    >>> G.number_of_nodes(), G.number_of_edges(), G.nodes["g000001"]["name"]
    (30, 40, '合成団体000001')
    """
    net = _build(n_orgs, n_ties, seed)
    oc = _org_columns(net)
    tc = _tie_columns(net, oc["id"])
    G = nx.MultiDiGraph(as_of=None)
    node_fields = ORG_FIELDS[1:8]  # name … corporate_number; the rest are blank
    blank = {f: v for f, v in Org("x", "x").to_dict().items() if f not in oc}
    edge_blank = {f: v for f, v in Tie("x", "a", "b").to_dict().items() if f not in tc}
    with _no_gc():
        G.add_nodes_from(
            (oid, {**dict(zip(node_fields, rest, strict=True)), **blank, "aliases": [], "tags": []})
            for oid, *rest in zip(*(oc[f] for f in ORG_FIELDS[:8]), strict=True)
        )
        # Fill MultiDiGraph's adjacency (succ[u][v] and pred[v][u] share one key → data dict)
        # directly: add_edges_from is four times slower at a million ties.  The test suite
        # checks the result equals a graph built with add_edges_from.
        succ, pred = G._succ, G._pred
        for k, s, t, ty, d, st, a, e, p in zip(*(tc[f] for f in TIE_FIELDS[:9]), strict=True):
            keys = succ[s].get(t)
            if keys is None:
                keys = succ[s][t] = pred[t][s] = {}
            keys[k] = {"type": ty, "directed": d, "strength": st, "start": a, "end": e, "project": p, **edge_blank}
    return G


def write_csv(directory: str | Path, n_orgs: int, n_ties: int, *, seed: int = 0) -> tuple[Path, Path]:
    """Write ``orgs.csv`` and ``ties.csv`` (UTF-8, English headers) into ``directory``.

    Returns the two paths.  Tie ids are not written: the importer makes its own.

    Examples
    --------
    >>> import tempfile
    >>> o, t = write_csv(tempfile.mkdtemp(), 20, 30, seed=1)
    >>> t.read_text(encoding="utf-8").splitlines()[0]
    'source,target,type,directed,strength,start,end,project'
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    net = _build(n_orgs, n_ties, seed)
    oc = _org_columns(net)
    tc = _tie_columns(net, oc["id"])
    tc["directed"] = ["true" if d else "false" for d in tc["directed"]]
    tc["end"] = [e or "" for e in tc["end"]]
    paths = (out / "orgs.csv", out / "ties.csv")
    for path, cols, names in ((paths[0], oc, list(oc)), (paths[1], tc, [c for c in tc if c != "id"])):
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(names)
            w.writerows(zip(*(cols[c] for c in names), strict=True))
    return paths


def main(argv: list[str] | None = None) -> int:
    """``python -m renkei.data.generate --orgs N --ties M --seed S --out DIR``."""
    p = argparse.ArgumentParser(
        prog="python -m renkei.data.generate",
        description="合成ネットワークを生成 / generate a synthetic partnership network",
    )
    p.add_argument("--orgs", type=int, default=1000, help="団体数 / number of organisations")
    p.add_argument("--ties", type=int, default=5000, help="連携数 / number of ties")
    p.add_argument("--seed", type=int, default=0, help="乱数シード / random seed")
    p.add_argument("--out", required=True, help="出力フォルダ / output directory (orgs.csv, ties.csv)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    try:
        paths = write_csv(args.out, args.orgs, args.ties, seed=args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{args.orgs} orgs, {args.ties} ties → {paths[0].parent} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
