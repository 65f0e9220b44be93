"""The printable annual report (年次報告) as a PDF: real, searchable Japanese text, the font embedded.

:func:`render_pdf` draws the data of :func:`network.present.annual.annual_report` with fpdf2: a cover with
the headline indicators beside last year's, the trend charts, the sector heatmap with the pairs
that have no tie, communities, district coverage by city, dependence on the centre, funding
dependence, top brokers, fragile points and suggested introductions, and the partner survey when a
round has been applied.

The font is Noto Sans CJK JP Regular (SIL Open Font License 1.1) from the
``noto-cjk-sans-jp-regular`` wheel, a dependency, so ``pip install -e .`` alone makes the PDF on a
fresh machine; fpdf2 embeds the subset of glyphs used (a CID-keyed CFF font with a ToUnicode map,
which is what makes the text searchable).  Charts are vector paths (:mod:`network.present.pdf_charts`).
Names are drawn as plain text (never interpreted as markup).
"""

from __future__ import annotations

import importlib.metadata
from datetime import date
from functools import lru_cache
from pathlib import Path

from network.errors import RenkeiError
from network.model import Sector
from network.present.annual import (
    HEADLINE,
    community_label,
    district_cells,
    headline_value,
    shares_text,
    survey_rows,
    survey_top_rows,
)
from network.present.pdf_charts import heatmap, line_chart, share_bars
from network.present.report_labels import fy_text, lab, num, pct, sector_text

__all__ = ["font_path", "render_pdf"]

FONT = "NotoSansJP"


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The Noto Sans CJK JP file shipped by the ``noto-cjk-sans-jp-regular`` package."""
    try:
        files = importlib.metadata.files("noto-cjk-sans-jp-regular") or []
    except importlib.metadata.PackageNotFoundError as exc:
        raise RenkeiError("the PDF font package is missing: pip install noto-cjk-sans-jp-regular") from exc
    for f in files:
        if str(f).endswith(".otf"):
            return Path(str(f.locate()))
    raise RenkeiError("noto-cjk-sans-jp-regular holds no .otf file")


def _new_pdf(lang: str, title: str):  # type: ignore[no-untyped-def]
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.set_margins(14, 14, 14)
    pdf.add_font(FONT, fname=str(font_path()))
    pdf.set_font(FONT, size=9)
    pdf.set_title(title)
    pdf.set_author("Renkei")
    pdf.set_creator("Renkei (fpdf2)")
    pdf.set_lang("ja" if lang == "ja" else "en")
    pdf.alias_nb_pages()
    return pdf


def _heading(pdf, text: str, size: float = 13) -> None:  # type: ignore[no-untyped-def]
    if pdf.get_y() > 250:
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(size=size)
    pdf.set_text_color(0, 80, 140)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(size=9)
    pdf.ln(1)


def _para(pdf, text: str, size: float = 8.5) -> None:  # type: ignore[no-untyped-def]
    pdf.set_font(size=size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(size=9)
    pdf.ln(1)


def _table(
    pdf,
    head: list[str],
    rows: list[list[object]],
    widths: tuple[float, ...] | None = None,  # type: ignore[no-untyped-def]
    size: float = 7.5,
) -> None:
    from fpdf.fonts import FontFace

    if not rows:
        _para(pdf, "–")
        return
    pdf.set_font(size=size)
    pdf.set_fill_color(255, 255, 255)  # a chart's last colour must not fill the rows
    style = FontFace(emphasis="", fill_color=(225, 235, 245))
    with pdf.table(
        col_widths=widths,
        line_height=size * 0.5,
        text_align="LEFT",
        headings_style=style,
        markdown=False,
        padding=0.8,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_color=(246, 248, 251),
        cell_fill_mode="ROWS",
    ) as t:
        r = t.row()
        for h in head:
            r.cell(str(h))
        for row in rows:
            r = t.row()
            for c in row:
                r.cell("" if c is None else str(c))
    pdf.set_font(size=9)
    pdf.ln(2)


def _cover(pdf, data: dict, L: str) -> None:  # type: ignore[no-untyped-def]
    pdf.add_page()
    pdf.set_font(size=22)
    pdf.set_text_color(0, 80, 140)
    pdf.multi_cell(0, 11, lab("report_title", L), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(size=16)
    pdf.multi_cell(0, 9, fy_text(data["year"], L), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(size=10)
    if data["centre"] is not None:
        text = f"{lab('centre', L)}: {data['centre_name']}"
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        if data["centre_guessed"]:
            _para(pdf, lab("centre_guessed", L), 8)
    _para(pdf, lab("report_sub", L, fy=fy_text(data["year"], L), today=date.today().isoformat()), 8.5)
    _para(pdf, lab("report_note", L), 8.5)
    _heading(pdf, lab("headline", L))
    h, p = data["headline"], data["headline_prev"]
    rows = [[lab(k, L), headline_value(k, h), headline_value(k, p)] for k, _ in HEADLINE]
    _table(
        pdf,
        [
            lab("indicator", L),
            f"{lab('this_year', L)}（{fy_text(data['year'], L)}）",
            f"{lab('last_year', L)}（{fy_text(data['previous'], L)}）",
        ],
        rows,
        (100, 40, 40),
        8.5,
    )
    fund = data["funding"]["centre"]
    if fund and data["centre"] is not None:
        now = fund[-1]["shares"].get("government", 0.0) if fund[-1]["ties"] else None
        prev = fund[-2]["shares"].get("government", 0.0) if len(fund) > 1 and fund[-2]["ties"] else None
        _para(
            pdf,
            lab(
                "funding_headline",
                L,
                name=data["centre_name"],
                now=pct(now),
                prev_fy=fy_text(data["previous"], L),
                prev=pct(prev),
            ),
            9,
        )


def _trend_page(pdf, data: dict, L: str) -> None:  # type: ignore[no-untyped-def]
    pdf.add_page()
    _heading(pdf, lab("trend_title", L))
    rows = data["trend"]
    years = [r["fy"] for r in rows]

    def s(key: str) -> tuple[str, list]:
        return lab(key, L), [r.get(key) for r in rows]

    charts = [
        (lab("orgs", L), [s("orgs"), s("active_orgs"), s("pairs")], False),
        (lab("density", L), [s("density")], False),
        (lab("fragile", L), [s("cut_points"), s("components"), s("isolates")], False),
        (lab("cross_sector", L), [s("cross_sector")], True),
        (lab("dependence", L), [s("dep_pairs"), s("dep_cross")], True),
        (lab("gaps_chart", L), [s("dep_cut_off"), s("districts_no_centre"), s("sector_pairs_no_tie")], False),
    ]
    x0, y0, w, h = 14, pdf.get_y(), 89, 62
    for i, (title, series, percent) in enumerate(charts):
        line_chart(
            pdf, x0 + (i % 2) * (w + 4), y0 + (i // 2) * (h + 4), w, h, years, series, title=title, percent=percent
        )
    pdf.set_y(y0 + 3 * (h + 4))
    fund = data["funding"]["centre"]
    if fund:
        keys = sorted({k for r in fund for k in r["shares"]})
        share_bars(
            pdf,
            14,
            pdf.get_y(),
            182,
            48,
            [r["fy"] for r in fund],
            [r["shares"] for r in fund],
            keys,
            {k: sector_text(k, L) for k in keys},
            title=f"{lab('funding', L)}: {data['centre_name']}",
        )
        pdf.set_y(pdf.get_y() + 50)


def _gaps_page(pdf, data: dict, L: str) -> None:  # type: ignore[no-untyped-def]
    pdf.add_page()
    _heading(pdf, lab("gaps_title", L))
    _para(pdf, lab("gaps_explain", L))
    order = {s.value: i for i, s in enumerate(Sector)}
    codes = sorted({g["a"] for g in data["gaps"]} | {g["b"] for g in data["gaps"]}, key=lambda c: (order.get(c, 99), c))
    idx = {c: i for i, c in enumerate(codes)}
    values: dict[tuple[int, int], int | None] = {}
    for g in data["gaps"]:
        v = g["ties"] if g["possible"] else None
        values[(idx[g["a"]], idx[g["b"]])] = values[(idx[g["b"]], idx[g["a"]])] = v
    bottom = heatmap(
        pdf,
        14,
        pdf.get_y(),
        13,
        [sector_text(c, L) for c in codes],
        values,
        title=f"{lab('gaps_title', L)}（{fy_text(data['year'], L)}）",
        label_w=40,
    )
    pdf.set_y(bottom + 4)
    none = [g for g in data["gaps"] if g["possible"] and not g["ties"]]
    sep = "、" if L == "ja" else ", "
    _para(
        pdf,
        f"{lab('gaps_none', L)}: "
        + (sep.join(f"{sector_text(g['a'], L)} × {sector_text(g['b'], L)}" for g in none) or lab("nothing", L)),
    )
    _heading(pdf, lab("communities", L))
    _table(
        pdf,
        [lab("communities", L), lab("size", L), lab("sectors", L)],
        [
            [community_label(c, L), c["size"], sep.join(sector_text(s, L) for s in c["sectors"])]
            for c in data["communities"]
        ],
        (88, 14, 80),
    )


def _rest(pdf, data: dict, L: str) -> None:  # type: ignore[no-untyped-def]
    sep = "、" if L == "ja" else ", "
    names = data["names"]
    pdf.add_page()
    _heading(pdf, lab("districts", L))
    for city in data["districts"]["cities"]:
        _heading(pdf, f"{city['prefecture']} {city['city']}".strip(), 10.5)
        _table(
            pdf,
            [
                lab("district", L),
                lab("orgs_sectors", L),
                lab("council_centre", L),
                lab("council_office", L),
                lab("exchange", L),
                lab("missing_sectors", L),
            ],
            [district_cells(d, data, L) for d in city["districts"]],
            (18, 44, 16, 18, 44, 42),
            6.5,
        )
        if city["no_council"]:
            _para(pdf, f"{lab('no_council', L)}: {sep.join(city['no_council'])}", 8)
    _heading(pdf, lab("dependence", L))
    _para(pdf, lab("dep_explain", L))
    _table(
        pdf,
        [lab("fy", L), lab("dep_cut_off", L), lab("dep_pairs", L), lab("dep_cross", L)],
        [[fy_text(r["fy"], L), num(r["dep_cut_off"]), pct(r["dep_pairs"]), pct(r["dep_cross"])] for r in data["trend"]],
        (25, 45, 56, 56),
    )
    _heading(pdf, lab("funding", L))
    _para(pdf, lab("funding_explain", L))
    if data["funding"]["centre"]:
        _table(
            pdf,
            [lab("fy", L), lab("funding_ties", L), lab("sectors", L)],
            [[fy_text(r["fy"], L), r["ties"], shares_text(r["shares"], L)] for r in data["funding"]["centre"]],
            (25, 30, 127),
        )
    _para(pdf, lab("funded_orgs", L), 9)
    _table(
        pdf,
        [lab("name", L), lab("funding_ties", L), lab("sectors", L)],
        [[o["name"], o["ties"], shares_text(o["shares"], L)] for o in data["funding"]["orgs"]],
        (80, 25, 77),
    )
    _heading(pdf, lab("brokers", L))
    _table(
        pdf,
        [lab("name", L), lab("sector", L), lab("degree", L), lab("betweenness", L)],
        [[b["name"], sector_text(b["sector"], L), b["degree"], num(b["betweenness"])] for b in data["brokers"]],
        (90, 42, 20, 30),
    )
    _heading(pdf, lab("fragile", L))
    _table(
        pdf,
        [lab("name", L), lab("cut_off_count", L), lab("cut_off_names", L)],
        [
            [
                names.get(c["id"], c["id"]),
                c["cut_off_count"],
                sep.join(names.get(v, v) for v in c["cut_off"][:5]) + ("…" if c["cut_off_count"] > 5 else ""),
            ]
            for c in data["cut_points"]
        ],
        (60, 30, 92),
    )
    _heading(pdf, lab("introductions", L))
    _table(
        pdf,
        ["A", "B", lab("introducer", L), lab("reason", L)],
        [
            [s["a_name"], s["b_name"], s["introducer_name"], s["reason"]["en" if L == "en" else "ja"]]
            for s in data["introductions"]
        ],
        (40, 40, 36, 66),
        7,
    )
    sv = data.get("survey")
    if sv:
        _heading(pdf, lab("survey", L))
        _para(pdf, lab("survey_explain", L))
        _table(pdf, [lab("indicator", L), ""], survey_rows(sv, L), (90, 92))
        _heading(pdf, lab("survey_top", L), 10.5)
        _table(
            pdf,
            [lab("name", L), lab("survey_trust_org", L), lab("survey_value_org", L), lab("survey_raters", L)],
            survey_top_rows(sv),
            (90, 34, 34, 24),
        )


def render_pdf(data: dict, *, lang: str = "ja") -> bytes:
    """The annual report of :func:`~network.present.annual.annual_report` as PDF bytes (``lang``: ``ja`` or ``en``)."""
    L = "en" if lang == "en" else "ja"
    pdf = _new_pdf(L, f"{lab('report_title', L)} {fy_text(data['year'], L)}")
    _cover(pdf, data, L)
    if data["trend"]:
        _trend_page(pdf, data, L)
    _gaps_page(pdf, data, L)
    _rest(pdf, data, L)
    return bytes(pdf.output())
