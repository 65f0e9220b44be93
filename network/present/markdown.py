"""The analysis report as Markdown: for a meeting (:func:`to_markdown`) and for a change (:func:`change_to_markdown`).

Japanese by default (``lang="en"`` for English); each finding says what it means in plain words
(:mod:`network.explain`).  Every user value goes through :func:`network.present.export.text.md_text`:
shown as text, never as a link, an image or HTML.

>>> import networkx as nx
>>> from network.present.report import analyze
>>> M = nx.MultiDiGraph()
>>> M.add_nodes_from([("a", {"name": "A", "sector": "npo"}), ("b", {"name": "[B](http://x)", "sector": "company"})])
>>> _ = M.add_edge("a", "b", key="t1", directed=False, strength=3, type="collaboration")
>>> text = to_markdown(analyze(M), lang="en")
>>> text.splitlines()[0], "[B](http://x)" in text
('# Partnership network report', False)
"""

from __future__ import annotations

from network.analysis.brokers import ROLES
from network.explain import explain, label
from network.labels import t as _w
from network.model import Sector

__all__ = ["to_markdown", "change_to_markdown", "group_text"]


def group_text(value: str, attr: str, lang: str) -> str:
    """A group's name as shown: a sector's label, a user's value as Markdown text, or "(not set)".

    >>> group_text("npo", "sector", "en"), group_text("", "district", "ja")
    ('NPO / civic group', '（未設定）')
    """
    if attr == "sector":
        try:
            return Sector(value).label(lang)
        except ValueError:
            pass
    return _md(value) if value else _w("report_not_set", lang)


def _md(text: object) -> str:
    """A user value as Markdown text: punctuation escaped (no link, image or HTML), controls shown as ``\\x1b``."""
    from network.present.export.text import md_text

    return md_text(text)


def _num(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def to_markdown(result: dict, *, lang: str = "ja", top: int = 10) -> str:
    """A readable report of :func:`analyze`'s result (``lang``: ``ja`` default, or ``en``)."""
    L = lang
    g = result["graph"]
    attr = g.get("sector_attr", "sector")
    names = {o["id"]: o["name"] for o in result["orgs"]}
    nm = lambda v: _md(names.get(v, v))  # noqa: E731
    out = [f"# {_w('md_title', L)}", ""]
    bm = g["betweenness"]
    method = _w("md_exact", L) if bm["method"] == "exact" else _w("md_estimated", L, k=bm["k"], seed=bm["seed"])
    out += [
        f"## {_w('md_overview', L)}",
        "",
        f"- {_w('md_as_of', L)}: {g.get('as_of') or _w('md_all_dates', L)}",
        f"- {_w('report_orgs', L)}: {g['nodes']}　{_w('report_pairs', L)}: {g['edges']}"
        f"　{_w('report_ties', L)}: {g['ties']}",
        f"- {label('density', L)}: {_num(g['density'])} — {explain('density', L)}",
        f"- {label('centralization_degree', L)}: {_num((g.get('centralization') or {}).get('degree'))}"
        f"　{label('centralization_betweenness', L)}: "
        f"{_num((g.get('centralization') or {}).get('betweenness'))} — {explain('centralization', L)}",
        f"- {label('components', L)}: {g['components']}　{label('isolates', L)}: {g['isolates']}"
        f"　{_w('report_communities', L)}: {g['communities']}",
        f"- {label('betweenness', L)}: {method}",
        "",
    ]
    orgs = [o for o in result["orgs"] if o["degree"] > 0]
    out += [
        f"## {_w('md_key_brokers', L)}",
        "",
        explain("betweenness", L),
        "",
        explain("constraint", L),
        "",
        explain("closeness", L),
        "",
        "| "
        + " | ".join(
            [
                label("name", L),
                label("sector", L),
                label("degree", L),
                label("betweenness", L),
                label("closeness", L),
                label("constraint", L),
                label("effective_size", L),
                label("total", L),
                label("cut_point", L),
            ]
        )
        + " |",
        "|" + "---|" * 9,
    ]
    for o in orgs[:top]:
        out.append(
            f"| {_md(o['name'])} | {group_text(o['sector'], 'sector', L)} | {o['degree']} | "
            f"{_num(o['betweenness'])} | {_num(o.get('closeness'))} | {_num(o['constraint'])} | "
            f"{_num(o['effective_size'], 1)} | {o['brokerage']['total']} | {'✔' if o['cut_point'] else ''} |"
        )
    out += [
        "",
        f"## {_w('md_roles', L)}",
        "",
        _w("md_groups_by", L, attr=_w(f"md_attr_{attr}", L) if attr in ("sector", "district") else attr),
        "",
    ]
    for role in ROLES:
        ranked = sorted(
            (o for o in orgs if o["brokerage"][role] > 0), key=lambda o: (-o["brokerage"][role], str(o["id"]))
        )[:5]
        who = (
            "、".join(f"{_md(o['name'])}（{o['brokerage'][role]}）" for o in ranked)
            if L == "ja"
            else ", ".join(f"{_md(o['name'])} ({o['brokerage'][role]})" for o in ranked)
        )
        out += [f"- **{label(role, L)}**: {who or _w('md_none', L)}", f"  - {explain(role, L)}"]
    out += _gaps_section(result, attr, L)
    out += ["", f"## {label('sector_mixing', L)}", "", explain("sector_mixing", L), ""]
    gaps = sorted(
        (
            r
            for r in result["sector_mixing"]
            if r["from"] != r["to"] and r["possible"] and r["ratio"] is not None and r["ratio"] < 0.5
        ),
        key=lambda r: (r["ratio"], r["from"], r["to"]),
    )
    if gaps:
        out += [
            "| "
            + " | ".join(
                [
                    _w("md_from", L),
                    _w("md_to", L),
                    _w("md_present", L),
                    _w("md_possible", L),
                    label("density", L),
                    _w("md_ratio", L),
                ]
            )
            + " |",
            "|" + "---|" * 6,
        ]
        for r in gaps[:15]:
            out.append(
                f"| {group_text(r['from'], attr, L)} | {group_text(r['to'], attr, L)} | {r['present']} | "
                f"{r['possible']} | {_num(r['density'])} | {_num(r['ratio'], 2)} |"
            )
    else:
        out.append(_w("md_no_low_pair", L))
    ei = result["ei_index"]
    out += [
        "",
        f"### {label('ei_index', L)}",
        "",
        explain("ei_index", L),
        "",
        f"- {_w('md_overall', L)}: {_num(ei['overall'], 2)}",
    ]
    out += [f"- {group_text(k_, attr, L)}: {_num(v, 2)}" for k_, v in sorted(ei["by_group"].items())]
    out += _communities_section(result, L, top)
    out += ["", f"## {_w('report_fragile', L)}", "", explain("cut_point", L), ""]
    for c in result["cut_points"][:top]:
        lost = "、".join(nm(v) for v in c["cut_off"][:5]) if L == "ja" else ", ".join(nm(v) for v in c["cut_off"][:5])
        more = "…" if c["cut_off_count"] > 5 else ""
        out.append("- " + _w("md_cut_off", L, name=nm(c["id"]), n=c["cut_off_count"], lost=lost + more))
    out += ["", explain("bridge", L), ""]
    for b in result["bridges"][:top]:
        out.append("- " + _w("md_bridge", L, a=nm(b["a"]), b=nm(b["b"]), n=b["cut_off_count"]))
    st = result["single_tie"]
    out += ["", f"- {label('single_tie', L)}: {len(st)} — {explain('single_tie', L)}"]
    if result["isolates"]:
        iso = ", ".join(nm(v) for v in result["isolates"][:10])
        out += [
            f"- {label('isolates', L)}: {len(result['isolates'])}（{iso}{'…' if len(result['isolates']) > 10 else ''}）"
        ]
    out += ["", f"## {label('area_gaps', L)}", "", explain("area_gaps", L), ""]
    for a in result["area_gaps"][:top]:
        miss = (
            "、".join(group_text(s, "sector", L) for s in a["missing"])
            if L == "ja"
            else ", ".join(group_text(s, "sector", L) for s in a["missing"])
        )
        out.append(f"- {_md(a['area'])}（{a['orgs']}）: {miss}")
    if not result["area_gaps"]:
        out.append(_w("md_no_area_gap", L))
    out += ["", f"## {label('introductions', L)}", "", explain("introductions", L), ""]
    for i, s in enumerate(result["introductions"][:top], 1):
        out.append(
            f"{i}. **{_md(s['a_name'])} × {_md(s['b_name'])}** — "
            f"{_w('md_introducer', L)}: {_md(s['introducer_name'])}. "
            f"{_md(s['reason']['en' if L == 'en' else 'ja'])}"
        )
    if not result["introductions"]:
        out.append(_w("md_no_intro", L))
    return "\n".join(out) + "\n"


def _gaps_section(result: dict, attr: str, L: str) -> list[str]:
    """Sector pairs with no tie (either direction) and the introductions that would close them."""
    out = ["", f"## {label('sector_gaps', L)}", "", explain("sector_gaps", L), ""]
    rows = result.get("sector_gaps") or []
    empty = [r for r in rows if r["ties"] == 0 and r["possible"]]
    if not empty:
        out.append(_w("md_no_gap", L))
    sep = "、" if L == "ja" else "; "
    for r in empty:
        pair = f"{group_text(r['a'], attr, L)} × {group_text(r['b'], attr, L)}"
        intro = sep.join(
            _w("md_intro_pair", L, a=_md(i["a_name"]), b=_md(i["b_name"]), who=_md(i["introducer_name"]))
            for i in r.get("introductions") or []
        )
        intro = intro or _w("md_no_introducer", L)
        out.append("- " + _w("md_gap_pair", L, pair=pair, n=r["possible"], intro=intro))
    return out


def _communities_section(result: dict, L: str, top: int) -> list[str]:
    """Communities by their labels, and the pairs of communities with no tie between them."""
    out = ["", f"## {label('community', L)}", "", explain("community", L), ""]
    comms = result.get("communities") or []
    big = [c for c in comms if c["size"] >= 3][:top]
    out.append(_w("md_communities_count", L, n=len(comms), big=len([c for c in comms if c["size"] >= 3])))
    lab = {c["id"]: _md((c.get("label") or {}).get("en" if L == "en" else "ja", c["id"])) for c in comms}
    for c in big:
        secs = ("、" if L == "ja" else ", ").join(f"{group_text(k, 'sector', L)} {v}" for k, v in c["sectors"].items())
        via = ("、" if L == "ja" else ", ").join(_md(x["name"]) for x in c.get("connectors", [])[:3])
        out.append("- " + _w("md_community_size", L, name=lab[c["id"]], n=c["size"], secs=secs))
        if via:
            out.append("  - " + _w("md_connectors", L, via=via))
    ids = {c["id"] for c in big}
    silent = [
        c for c in result["community_ties"] if c["a"] != c["b"] and c["ties"] == 0 and c["a"] in ids and c["b"] in ids
    ]
    if silent:
        pairs = ("、" if L == "ja" else "; ").join(f"{lab[c['a']]} × {lab[c['b']]}" for c in silent[:15])
        out.append("- " + _w("md_silent", L, pairs=pairs))
    return out


def change_to_markdown(diff: dict, *, lang: str = "ja", names: dict | None = None, top: int = 15) -> str:
    """A short Markdown summary of :func:`network.analysis.change.compare`.

    ``names`` maps organisation ids to names (ids are shown otherwise).

    >>> import networkx as nx
    >>> from network.analysis.change import compare
    >>> M = nx.MultiDiGraph([("a", "b")])
    >>> print(change_to_markdown(compare(M, 2023, 2024), lang="en").splitlines()[0])
    # Change 2023 → 2024
    """
    L = lang
    nm = lambda v: _md((names or {}).get(v, v))  # noqa: E731
    t = diff["ties"]
    d = diff["density"]
    out = [
        f"# {_w('md_change', L)} {diff['before']} → {diff['after']}",
        "",
        f"- {label('density', L)}: {_num(d['before'])} → {_num(d['after'])}",
        f"- {_w('report_active_orgs', L)}: "
        f"{(diff.get('active_orgs') or {}).get('before', '–')} → {(diff.get('active_orgs') or {}).get('after', '–')}",
        f"- {_w('md_ties_added', L)}: {len(t['added'])}　{_w('md_ended', L)}: "
        f"{len(t['ended'])}　{_w('md_strengthened', L)}: {len(t['strengthened'])}　"
        f"{_w('md_weakened', L)}: {len(t['weakened'])}",
        "",
    ]
    for key, heading in (
        ("added", "md_ties_added"),
        ("ended", "md_h_ended"),
        ("strengthened", "md_h_strengthened"),
        ("weakened", "md_h_weakened"),
    ):
        if t[key]:
            out += [f"## {_w(heading, L)}", ""] + [f"- {nm(x['a'])} — {nm(x['b'])}" for x in t[key][:top]] + [""]
    b = diff["brokers"]
    out += [
        f"## {_w('md_broker_change', L)}",
        "",
        f"- {_w('md_became', L)}: " + (("、" if L == "ja" else ", ").join(nm(v) for v in b["became"][:top]) or "–"),
        f"- {_w('md_stopped', L)}: " + (("、" if L == "ja" else ", ").join(nm(v) for v in b["stopped"][:top]) or "–"),
        "",
    ]
    moved = sorted(
        (m for m in diff["mixing"] if m["from"] != m["to"] and m["change"] == m["change"] and abs(m["change"]) > 0),
        key=lambda m: -abs(m["change"]),
    )[:top]
    if moved:
        out += [f"## {label('sector_mixing', L)}", ""]
        out += [
            f"- {group_text(m['from'], 'sector', L)} → {group_text(m['to'], 'sector', L)}: "
            f"{_num(m['before'])} → {_num(m['after'])}"
            for m in moved
        ]
    return "\n".join(out) + "\n"
