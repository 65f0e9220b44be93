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
from network.model import Sector

__all__ = ["to_markdown", "change_to_markdown", "group_text"]


def _t(lang: str, ja: str, en: str) -> str:
    return en if lang == "en" else ja


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
    return _md(value) if value else _t(lang, "（未設定）", "(not set)")


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
    out = [f"# {_t(L, '連携ネットワーク分析レポート', 'Partnership network report')}", ""]
    bm = g["betweenness"]
    method = (
        _t(L, "厳密計算", "exact")
        if bm["method"] == "exact"
        else _t(
            L,
            f"{bm['k']}団体を起点とする推定（乱数の種 {bm['seed']}）",
            f"estimated from {bm['k']} sampled sources (seed {bm['seed']})",
        )
    )
    out += [
        f"## {_t(L, '概要', 'Overview')}",
        "",
        f"- {_t(L, '基準日', 'As of')}: {g.get('as_of') or _t(L, 'すべての期間', 'all dates')}",
        f"- {_t(L, '団体数', 'Organisations')}: {g['nodes']}　{_t(L, '連携（組）', 'Tied pairs')}: {g['edges']}"
        f"　{_t(L, '連携（件）', 'Ties')}: {g['ties']}",
        f"- {label('density', L)}: {_num(g['density'])} — {explain('density', L)}",
        f"- {label('centralization_degree', L)}: {_num((g.get('centralization') or {}).get('degree'))}"
        f"　{label('centralization_betweenness', L)}: "
        f"{_num((g.get('centralization') or {}).get('betweenness'))} — {explain('centralization', L)}",
        f"- {label('components', L)}: {g['components']}　{label('isolates', L)}: {g['isolates']}"
        f"　{_t(L, 'コミュニティ', 'Communities')}: {g['communities']}",
        f"- {label('betweenness', L)}: {method}",
        "",
    ]
    orgs = [o for o in result["orgs"] if o["degree"] > 0]
    out += [
        f"## {_t(L, '主な仲介者', 'Key brokers')}",
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
        f"## {_t(L, '仲介の役割（グールド＝フェルナンデス）', 'Brokerage roles (Gould–Fernandez)')}",
        "",
        _t(
            L,
            f"グループは「{ {'sector': '区分', 'district': '地区'}.get(attr, attr) }」で分けています。",
            f"Groups are defined by “{attr}”.",
        ),
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
        out += [f"- **{label(role, L)}**: {who or _t(L, 'なし', 'none')}", f"  - {explain(role, L)}"]
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
                    _t(L, "から", "From"),
                    _t(L, "へ", "To"),
                    _t(L, "連携", "Present"),
                    _t(L, "可能数", "Possible"),
                    label("density", L),
                    _t(L, "全体比", "Ratio"),
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
        out.append(
            _t(
                L,
                "全体の密度の半分を下回る分野の組み合わせはありません。",
                "No pair of groups falls below half the overall density.",
            )
        )
    ei = result["ei_index"]
    out += [
        "",
        f"### {label('ei_index', L)}",
        "",
        explain("ei_index", L),
        "",
        f"- {_t(L, '全体', 'Overall')}: {_num(ei['overall'], 2)}",
    ]
    out += [f"- {group_text(k_, attr, L)}: {_num(v, 2)}" for k_, v in sorted(ei["by_group"].items())]
    out += _communities_section(result, L, top)
    out += ["", f"## {_t(L, '脆弱な点', 'Fragile points')}", "", explain("cut_point", L), ""]
    for c in result["cut_points"][:top]:
        lost = "、".join(nm(v) for v in c["cut_off"][:5]) if L == "ja" else ", ".join(nm(v) for v in c["cut_off"][:5])
        more = "…" if c["cut_off_count"] > 5 else ""
        out.append(
            _t(
                L,
                f"- **{nm(c['id'])}** が抜けると {c['cut_off_count']}団体が孤立: {lost}{more}",
                f"- If **{nm(c['id'])}** leaves, {c['cut_off_count']} lose their path: {lost}{more}",
            )
        )
    out += ["", explain("bridge", L), ""]
    for b in result["bridges"][:top]:
        out.append(
            _t(
                L,
                f"- {nm(b['a'])} — {nm(b['b'])}（切れると{b['cut_off_count']}団体が分断）",
                f"- {nm(b['a'])} — {nm(b['b'])} (cuts off {b['cut_off_count']})",
            )
        )
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
        out.append(
            _t(
                L,
                "空白のある地区はありません（地区が未設定の場合も含む）。",
                "No district lacks a sector (or no district is recorded).",
            )
        )
    out += ["", f"## {label('introductions', L)}", "", explain("introductions", L), ""]
    for i, s in enumerate(result["introductions"][:top], 1):
        out.append(
            f"{i}. **{_md(s['a_name'])} × {_md(s['b_name'])}** — "
            f"{_t(L, '紹介者', 'introducer')}: {_md(s['introducer_name'])}. "
            f"{_md(s['reason']['en' if L == 'en' else 'ja'])}"
        )
    if not result["introductions"]:
        out.append(_t(L, "提案できる組み合わせはありません。", "No introduction to suggest."))
    return "\n".join(out) + "\n"


def _gaps_section(result: dict, attr: str, L: str) -> list[str]:
    """Sector pairs with no tie (either direction) and the introductions that would close them."""
    out = ["", f"## {label('sector_gaps', L)}", "", explain("sector_gaps", L), ""]
    rows = result.get("sector_gaps") or []
    empty = [r for r in rows if r["ties"] == 0 and r["possible"]]
    if not empty:
        out.append(_t(L, "連携のない分野の組み合わせはありません。", "Every pair of groups has at least one tie."))
    sep = "、" if L == "ja" else "; "
    for r in empty:
        pair = f"{group_text(r['a'], attr, L)} × {group_text(r['b'], attr, L)}"
        intro = sep.join(
            _t(
                L,
                f"{_md(i['a_name'])} × {_md(i['b_name'])}（紹介者: {_md(i['introducer_name'])}）",
                f"{_md(i['a_name'])} × {_md(i['b_name'])} (introducer: {_md(i['introducer_name'])})",
            )
            for i in r.get("introductions") or []
        )
        intro = intro or _t(L, "共通の連携先がなく、紹介者が見つかりません", "no common partner to introduce them")
        out.append(
            _t(
                L,
                f"- **{pair}**（ありうる組 {r['possible']}）: {intro}",
                f"- **{pair}** ({r['possible']} possible pairs): {intro}",
            )
        )
    return out


def _communities_section(result: dict, L: str, top: int) -> list[str]:
    """Communities by their labels, and the pairs of communities with no tie between them."""
    out = ["", f"## {label('community', L)}", "", explain("community", L), ""]
    comms = result.get("communities") or []
    big = [c for c in comms if c["size"] >= 3][:top]
    out.append(
        _t(
            L,
            f"{len(comms)}個のコミュニティ（3団体以上: {len([c for c in comms if c['size'] >= 3])}個）。",
            f"{len(comms)} communities ({len([c for c in comms if c['size'] >= 3])} with 3+ organisations).",
        )
    )
    lab = {c["id"]: _md((c.get("label") or {}).get("en" if L == "en" else "ja", c["id"])) for c in comms}
    for c in big:
        secs = ("、" if L == "ja" else ", ").join(f"{group_text(k, 'sector', L)} {v}" for k, v in c["sectors"].items())
        via = ("、" if L == "ja" else ", ").join(_md(x["name"]) for x in c.get("connectors", [])[:3])
        out.append(
            f"- **{lab[c['id']]}**（{c['size']}{_t(L, '団体', '')}）: {secs}"
            if L == "ja"
            else f"- **{lab[c['id']]}** ({c['size']} organisations): {secs}"
        )
        if via:
            out.append(
                _t(L, f"  - ほかのコミュニティとつなぐ団体: {via}", f"  - Tied to other communities through: {via}")
            )
    ids = {c["id"] for c in big}
    silent = [
        c for c in result["community_ties"] if c["a"] != c["b"] and c["ties"] == 0 and c["a"] in ids and c["b"] in ids
    ]
    if silent:
        pairs = ("、" if L == "ja" else "; ").join(f"{lab[c['a']]} × {lab[c['b']]}" for c in silent[:15])
        out.append(
            _t(
                L,
                f"- 互いに連携がないコミュニティの組: {pairs}",
                f"- Pairs of communities with no tie between them: {pairs}",
            )
        )
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
        f"# {_t(L, '変化', 'Change')} {diff['before']} → {diff['after']}",
        "",
        f"- {label('density', L)}: {_num(d['before'])} → {_num(d['after'])}",
        f"- {_t(L, '連携のある団体', 'Organisations with a tie')}: "
        f"{(diff.get('active_orgs') or {}).get('before', '–')} → {(diff.get('active_orgs') or {}).get('after', '–')}",
        f"- {_t(L, '新しい連携', 'Ties added')}: {len(t['added'])}　{_t(L, '終了した連携', 'ended')}: "
        f"{len(t['ended'])}　{_t(L, '強まった', 'strengthened')}: {len(t['strengthened'])}　"
        f"{_t(L, '弱まった', 'weakened')}: {len(t['weakened'])}",
        "",
    ]
    for key, ja, en in (
        ("added", "新しい連携", "Ties added"),
        ("ended", "終了した連携", "Ties ended"),
        ("strengthened", "強まった連携", "Ties strengthened"),
        ("weakened", "弱まった連携", "Ties weakened"),
    ):
        if t[key]:
            out += [f"## {_t(L, ja, en)}", ""] + [f"- {nm(x['a'])} — {nm(x['b'])}" for x in t[key][:top]] + [""]
    b = diff["brokers"]
    out += [
        f"## {_t(L, '仲介者の変化', 'Brokers')}",
        "",
        f"- {_t(L, '新たに仲介者になった団体', 'Became brokers')}: "
        + (("、" if L == "ja" else ", ").join(nm(v) for v in b["became"][:top]) or "–"),
        f"- {_t(L, '仲介者でなくなった団体', 'Stopped being brokers')}: "
        + (("、" if L == "ja" else ", ").join(nm(v) for v in b["stopped"][:top]) or "–"),
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
