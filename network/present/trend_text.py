"""``renkei trend`` and ``renkei whatif`` as text: the trend table (JSON, CSV, Markdown) and what-if in Markdown.

The words come from :mod:`network.present.report_labels`, the tables and rows from :mod:`network.present.annual`.

>>> trend_text([], "json"), trend_text([], "csv").split(",")[:2]
('[]\\n', ['fy', 'orgs'])
"""

from __future__ import annotations

import csv
import io
import json
import math

from network.analysis.trend import trend_columns
from network.present.annual import _flat, _md, _table, trend_markdown_rows
from network.present.report import clean
from network.present.report_labels import fy_text, lab, num, pct

__all__ = ["trend_text", "whatif_text"]


def trend_text(rows: list[dict], fmt: str, *, lang: str = "ja") -> str:
    """``renkei trend`` output: ``json`` (the rows as they are), ``csv`` (flat, one row per year) or
    ``markdown`` (a table in ``lang``)."""
    if fmt == "json":
        return json.dumps(clean(rows), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    flat = [_flat(r) for r in rows]
    if fmt == "csv":
        from network.present.export import csv_safe

        cols = [*trend_columns, "dep_cut_off", "dep_pairs", "dep_cross", "top_brokers"]
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(cols)
        for r in flat:
            w.writerow(
                [
                    csv_safe(
                        "|".join(r[c])
                        if c == "top_brokers"
                        else ("" if r[c] is None or (isinstance(r[c], float) and math.isnan(r[c])) else r[c])
                    )
                    for c in cols
                ]
            )
        return buf.getvalue()
    out = [f"# {lab('trend_title', lang)}", ""] + trend_markdown_rows(flat, lang)
    if any(r.get("centre") for r in rows):
        out += [f"## {lab('dependence', lang)}", "", lab("dep_explain", lang), ""]
        out += _table(
            [lab("fy", lang), lab("dep_cut_off", lang), lab("dep_pairs", lang), lab("dep_cross", lang)],
            [[fy_text(r["fy"], lang), num(r["dep_cut_off"]), pct(r["dep_pairs"]), pct(r["dep_cross"])] for r in flat],
        )
    out += [f"## {lab('top_brokers', lang)}", ""]
    out += [
        f"- {fy_text(r['fy'], lang)}: " + _md(("、" if lang == "ja" else ", ").join(r["top_brokers"]) or "–")
        for r in flat
    ]
    return "\n".join(out) + "\n"


def whatif_text(r: dict, *, lang: str = "ja") -> str:
    """:func:`network.analysis.whatif.what_if`'s result as Markdown."""
    L = lang
    sep = "、" if L == "ja" else ", "
    b, a = r["before"], r["after"]
    names = {x["id"]: x["name"] for x in b["top_brokers"] + a["top_brokers"]} | r.get("names", {})
    out = [
        f"# {lab('whatif', L)}",
        "",
        f"- {lab('removed', L)}: {_md(sep.join(names.get(v, str(v)) for v in r['removed']))}",
        f"- {lab('cut_off', L)} ({r['cut_off_count']}): "
        + (_md(sep.join(names.get(v, str(v)) for v in r["cut_off"])) or lab("nothing", L)),
        "",
    ]
    rows = [
        [lab(k, L), num(b[k]), num(a[k])]
        for k in ("orgs", "pairs", "density", "components", "isolates", "largest", "cut_points")
    ]
    rows.append(
        [
            lab("top_brokers", L),
            sep.join(x["name"] for x in b["top_brokers"]),
            sep.join(x["name"] for x in a["top_brokers"]),
        ]
    )
    out += _table([lab("indicator", L), lab("before", L), lab("after", L)], rows)
    return "\n".join(out) + "\n"
