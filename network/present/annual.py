"""The planner's annual report as plain data, and its Markdown.

:func:`annual_report` gathers, for one fiscal year of a stored network, everything the printed
report shows (:mod:`network.present.pdf_report` draws it): the headline indicators beside last year's, the
trend rows, tied pairs per pair of sectors, communities with readable labels, district coverage,
dependence on the centre, funding dependence, top brokers, fragile points and suggested
introductions.  It holds no words: :func:`annual_to_markdown` and the PDF take them from
:mod:`network.present.report_labels` in the reader's language.

Examples
--------
>>> import networkx as nx
>>> M = nx.MultiDiGraph()
>>> M.add_nodes_from([("c", {"name": "センター", "sector": "intermediary"}),
...                   ("a", {"name": "甲", "sector": "npo"}), ("b", {"name": "乙", "sector": "company"})])
>>> _ = M.add_edge("c", "a", key="1", directed=False, start="2023-04-01")
>>> _ = M.add_edge("c", "b", key="2", directed=False, start="2024-04-01")
>>> r = annual_report(M, year=2024, centre="c")
>>> r["year"], r["previous"], r["headline"]["pairs"], r["headline_prev"]["pairs"]
(2024, 2023, 2, 1)
>>> "センター" in annual_to_markdown(r, lang="ja")
True
"""

from __future__ import annotations

from datetime import date

import networkx as nx

from network.analysis.dependence import check_centre, guess_centre
from network.analysis.districts import district_coverage
from network.analysis.funding import funding_mix, funding_trend
from network.analysis.trend import sector_pair_ties, trend, trend_columns
from network.analysis.views import undirected_view
from network.analysis.years import fiscal_years_of, year_graph
from network.model import fiscal_year
from network.present.report import analyze, clean
from network.present.report_labels import fy_text, lab, num, pct, sector_text

__all__ = ["annual_report", "annual_to_markdown", "resolve_centre", "HEADLINE"]

#: Headline indicators: (key, where it comes from, a share?)
HEADLINE = [
    ("orgs", False),
    ("active_orgs", False),
    ("pairs", False),
    ("density", False),
    ("components", False),
    ("isolates", False),
    ("cut_points", False),
    ("cross_sector", True),
    ("sector_pairs_no_tie", False),
    ("districts_no_centre", False),
    ("new_ties", False),
    ("ended_ties", False),
    ("dep_cut_off", False),
    ("dep_pairs", True),
    ("dep_cross", True),
]


def resolve_centre(G: nx.MultiDiGraph, centre: object = None) -> tuple[object | None, bool]:
    """``(centre, guessed)``: the given centre (checked), else the guessed one (see ``guess_centre``)."""
    if centre:
        check_centre(G, centre)
        return centre, False
    guess = guess_centre(undirected_view(G))
    return guess, guess is not None


def _flat(row: dict) -> dict:
    out = {k: row.get(k) for k in trend_columns}
    c = row.get("centre") or {}
    out.update(
        {"dep_cut_off": c.get("cut_off_count"), "dep_pairs": c.get("pairs_through"), "dep_cross": c.get("cross_sector")}
    )
    out["top_brokers"] = [b["name"] for b in row.get("top_brokers", [])]
    return out


def _community_rows(result: dict, lang_free_top: int = 2) -> list[dict]:
    members: dict[int, list[dict]] = {}
    for o in result["orgs"]:  # sorted by betweenness, highest first
        if o["community"] is not None:
            members.setdefault(o["community"], []).append(o)
    rows = []
    for cid, ms in sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(ms) < 3:
            continue
        sectors: dict[str, int] = {}
        for o in ms:
            sectors[o["sector"] or "other"] = sectors.get(o["sector"] or "other", 0) + 1
        rows.append(
            {
                "id": cid,
                "size": len(ms),
                "central": [o["name"] for o in ms[:lang_free_top]],
                "others": max(0, len(ms) - lang_free_top),
                "sectors": dict(sorted(sectors.items(), key=lambda kv: -kv[1])),
                "members": [o["id"] for o in ms],
            }
        )
    return rows


def annual_report(
    G: nx.MultiDiGraph, *, year: int | None = None, centre: object = None, top: int = 10, survey: dict | None = None
) -> dict:
    """Everything the annual report of fiscal year ``year`` shows, as JSON-ready data.

    Parameters
    ----------
    G : MultiDiGraph following the ``load_graph`` conventions.
    year : the fiscal year (``None``: the newest year a tie date touches, or this year).
    centre : the centre's id (``None``: guessed, and ``centre_guessed`` is true).
    top : rows of the broker, fragility and introduction lists.
    survey : a survey round's figures (:func:`network.survey.scores.survey_section`), or ``None``.

    Returns
    -------
    dict
        ``year``, ``previous``, ``centre``, ``centre_name``, ``centre_guessed``, ``headline`` and
        ``headline_prev`` (the indicators of :data:`HEADLINE`), ``trend`` (flat rows), ``gaps``
        (:func:`~network.analysis.trend.sector_pair_ties` of the year), ``communities``,
        ``districts``, ``funding`` (``centre`` per year, ``orgs`` this year), ``brokers``,
        ``cut_points``, ``bridges``, ``introductions``, ``names`` (id → name), ``survey`` (as given).
    """
    years = fiscal_years_of(G)
    if year is None:
        year = years[-1] if years else fiscal_year(date.today())
    centre, guessed = resolve_centre(G, centre)
    first = min(years[0], year - 1) if years else year - 1
    rows = trend(G, first, year, centre=centre, top=3)
    flat = [_flat(r) for r in rows]
    H = year_graph(G, year)
    result = analyze(H)
    U = undirected_view(H)
    names = {v: str(d.get("name") or v) for v, d in G.nodes(data=True)}
    brokers = [
        {k: o[k] for k in ("id", "name", "sector", "degree", "betweenness", "cut_point")}
        for o in result["orgs"]
        if o["degree"] > 0
    ][:top]
    data = {
        "year": year,
        "previous": year - 1,
        "centre": centre,
        "centre_guessed": guessed,
        "centre_name": names.get(centre) if centre is not None else None,
        "headline": flat[-1],
        "headline_prev": flat[-2] if len(flat) > 1 else {},
        "trend": [r for r in flat if not years or r["fy"] >= years[0]] or flat,
        "gaps": sector_pair_ties(U),
        "communities": _community_rows(result),
        "districts": district_coverage(U, centre=centre),
        "funding": {
            "centre": funding_trend(G, centre, [r["fy"] for r in rows]) if centre is not None else [],
            "orgs": funding_mix(G, as_of=year)[:top],
        },
        "brokers": brokers,
        "cut_points": result["cut_points"][:top],
        "bridges": result["bridges"][:top],
        "introductions": result["introductions"][:top],
        "names": names,
        "survey": survey,
    }
    return clean(data)


def _funding_headline(data: dict, lang: str) -> str | None:
    rows = data["funding"]["centre"]
    if not rows or data["centre"] is None:
        return None
    now = rows[-1]["shares"].get("government", 0.0) if rows[-1]["ties"] else None
    prev = rows[-2]["shares"].get("government", 0.0) if len(rows) > 1 and rows[-2]["ties"] else None
    return lab(
        "funding_headline",
        lang,
        name=data["centre_name"],
        now=pct(now),
        prev_fy=fy_text(data["previous"], lang),
        prev=pct(prev),
    )


def _md(text: object) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\n", " ")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("<", "&lt;")
        .replace("#", "\\#")
        .replace("[", "\\[")
    )


def _table(head: list[str], rows: list[list[object]]) -> list[str]:
    return (
        ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        + ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows]
        + [""]
    )


def headline_value(key: str, row: dict) -> str:
    share = dict(HEADLINE).get(key, False)
    v = row.get(key)
    return pct(v) if share else num(v)


def annual_to_markdown(data: dict, *, lang: str = "ja") -> str:
    """The annual report as Markdown (every name escaped)."""
    L = lang
    sep = "、" if L == "ja" else ", "
    out = [f"# {lab('report_title', L)} {fy_text(data['year'], L)}", "", lab("report_note", L), ""]
    if data["centre"] is not None:
        out += [
            f"- {lab('centre', L)}: {_md(data['centre_name'])}"
            + (f" {lab('centre_guessed', L)}" if data["centre_guessed"] else ""),
            "",
        ]
    h, p = data["headline"], data["headline_prev"]
    out += [f"## {lab('headline', L)}", ""]
    out += _table(
        [lab("indicator", L), fy_text(data["year"], L), fy_text(data["previous"], L)],
        [[lab(k, L), headline_value(k, h), headline_value(k, p)] for k, _ in HEADLINE],
    )
    fh = _funding_headline(data, L)
    if fh:
        out += [f"- {_md(fh)}", ""]
    out += [f"## {lab('trend_title', L)}", ""] + trend_markdown_rows(data["trend"], L)
    out += [f"## {lab('gaps_title', L)}", "", lab("gaps_explain", L), ""]
    none = [g for g in data["gaps"] if g["possible"] and not g["ties"]]
    out += [
        f"- {lab('gaps_none', L)}: "
        + (sep.join(f"{sector_text(g['a'], L)} × {sector_text(g['b'], L)}" for g in none) or lab("nothing", L)),
        "",
    ]
    out += [f"## {lab('communities', L)}", ""]
    out += _table(
        [lab("communities", L), lab("size", L), lab("sectors", L)],
        [
            [community_label(c, L), c["size"], sep.join(sector_text(s, L) for s in c["sectors"])]
            for c in data["communities"]
        ],
    )
    out += [f"## {lab('districts', L)}", ""]
    for city in data["districts"]["cities"]:
        out += [f"### {_md(city['prefecture'])} {_md(city['city'])}", ""]
        out += _table(
            [
                lab("district", L),
                lab("orgs_sectors", L),
                lab("council_centre", L),
                lab("council_office", L),
                lab("exchange", L),
                lab("missing_sectors", L),
            ],
            [district_cells(d, data, L) for d in city["districts"]],
        )
        if city["no_council"]:
            out += [f"- {lab('no_council', L)}: {_md(sep.join(city['no_council']))}", ""]
    out += [f"## {lab('dependence', L)}", "", lab("dep_explain", L), ""]
    out += _table(
        [lab("fy", L), lab("dep_cut_off", L), lab("dep_pairs", L), lab("dep_cross", L)],
        [[fy_text(r["fy"], L), num(r["dep_cut_off"]), pct(r["dep_pairs"]), pct(r["dep_cross"])] for r in data["trend"]],
    )
    out += [f"## {lab('funding', L)}", "", lab("funding_explain", L), ""]
    out += _table(
        [lab("fy", L), lab("funding_ties", L), lab("sectors", L)],
        [[fy_text(r["fy"], L), r["ties"], shares_text(r["shares"], L)] for r in data["funding"]["centre"]],
    )
    out += _table(
        [lab("name", L), lab("funding_ties", L), lab("sectors", L)],
        [[o["name"], o["ties"], shares_text(o["shares"], L)] for o in data["funding"]["orgs"]],
    )
    out += [f"## {lab('brokers', L)}", ""]
    out += _table(
        [lab("name", L), lab("sector", L), lab("degree", L), lab("betweenness", L)],
        [[b["name"], sector_text(b["sector"], L), b["degree"], num(b["betweenness"])] for b in data["brokers"]],
    )
    names = data["names"]
    out += [f"## {lab('fragile', L)}", ""]
    out += _table(
        [lab("name", L), lab("cut_off_count", L), lab("cut_off_names", L)],
        [
            [names.get(c["id"], c["id"]), c["cut_off_count"], sep.join(names.get(v, v) for v in c["cut_off"][:5])]
            for c in data["cut_points"]
        ],
    )
    out += [f"## {lab('introductions', L)}", ""]
    out += _table(
        ["A", "B", lab("introducer", L), lab("reason", L)],
        [
            [s["a_name"], s["b_name"], s["introducer_name"], s["reason"]["en" if L == "en" else "ja"]]
            for s in data["introductions"]
        ],
    )
    out += survey_markdown(data.get("survey"), L)
    return "\n".join(out) + "\n"


def survey_rows(sv: dict, lang: str) -> list[list[str]]:
    """The survey figures as (label, value) rows: response rate, reciprocity, mean trust and value."""
    return [
        [lab("survey_round", lang), str(sv["round"])],
        [lab("survey_response", lang), f"{pct(sv['response_rate'])} ({sv['answered']}/{sv['invited']})"],
        [lab("survey_reciprocity", lang), f"{pct(sv['reciprocity'])} ({sv['confirmed']}/{sv['pairs']})"],
        [lab("survey_trust", lang), num(sv["trust"], 2)],
        [lab("survey_value", lang), num(sv["value"], 2)],
    ]


def survey_top_rows(sv: dict) -> list[list[object]]:
    return [[t["name"], num(t["trust"], 2), num(t["value"], 2), t["raters"]] for t in sv["top"]]


def survey_markdown(sv: dict | None, lang: str) -> list[str]:
    """The annual report's survey section (nothing without a round)."""
    if not sv:
        return []
    L = lang
    out = [f"## {lab('survey', L)}", "", lab("survey_explain", L), ""]
    out += _table([lab("indicator", L), ""], survey_rows(sv, L))
    out += [f"### {lab('survey_top', L)}", ""]
    out += _table(
        [lab("name", L), lab("survey_trust_org", L), lab("survey_value_org", L), lab("survey_raters", L)],
        survey_top_rows(sv),
    )
    return out


def community_label(c: dict, lang: str) -> str:
    """「A・Bほか24団体」 / "A, B and 24 others"."""
    from network.present.groups import community_text

    return community_text(c["central"], len(c["central"]) + c["others"], lang)


def shares_text(shares: dict, lang: str) -> str:
    sep = "・" if lang == "ja" else ", "
    return sep.join(f"{sector_text(s, lang)} {pct(v, 0)}" for s, v in sorted(shares.items(), key=lambda kv: -kv[1]))


def district_cells(d: dict, data: dict, lang: str) -> list[object]:
    def yn(x: bool | None) -> str:
        return lab("none", lang) if x is None else lab("yes" if x else "no", lang)

    names = data["names"]
    sep = "、" if lang == "ja" else ", "
    exchange = sep.join(f"{names.get(e['partner'], e['partner'])}（{e['partner_district']}）" for e in d["exchange"])
    sectors = sep.join(f"{sector_text(s, lang)} {n}" for s, n in sorted(d["sectors"].items(), key=lambda kv: -kv[1]))
    return [
        d["district"],
        f"{len(d['orgs'])}（{sectors}）",
        yn(d["council_tied_centre"]),
        yn(d["council_tied_office"]),
        exchange or lab("none", lang),
        sep.join(sector_text(s, lang) for s in d["missing_sectors"]),
    ]


def trend_markdown_rows(rows: list[dict], lang: str) -> list[str]:
    cols = [c for c in trend_columns if c != "fy"]
    head = [lab("fy", lang)] + [lab(c, lang) for c in cols]
    body = [[fy_text(r["fy"], lang)] + [pct(r[c]) if c == "cross_sector" else num(r[c]) for c in cols] for r in rows]
    return _table(head, body)
