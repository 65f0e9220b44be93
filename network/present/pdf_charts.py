"""Vector charts drawn straight onto an fpdf2 page: line charts, stacked share bars, a heatmap.

Every mark is a PDF path (lines, rectangles) and every label real text in the report's embedded font,
so a chart stays sharp when printed and its words are searchable.  Colours are the Okabe–Ito
palette (readable with colour-blindness).  Coordinates are millimetres from the page's top left.

Examples
--------
>>> nice_ticks(0, 87)
[0, 20, 40, 60, 80, 100]
>>> nice_ticks(0, 0.034)
[0, 0.01, 0.02, 0.03, 0.04]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["PALETTE", "nice_ticks", "line_chart", "share_bars", "heatmap"]

#: Okabe–Ito colours (RGB).
PALETTE = [
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (204, 121, 167),
    (86, 180, 233),
    (213, 94, 0),
    (240, 228, 66),
    (0, 0, 0),
]
GREY = (150, 150, 150)


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering ``lo``…``hi`` (about ``n`` of them)."""
    if not math.isfinite(lo) or not math.isfinite(hi):
        return [0, 1]
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t < hi + step * 0.999:
        ticks.append(round(t, 10))
        t += step
    return [int(x) if float(x).is_integer() else x for x in ticks]


def _label(v: float, percent: bool) -> str:
    if percent:
        return f"{100 * v:.0f}%"
    return f"{v:g}" if not float(v).is_integer() else str(int(v))


def _finite(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _legend(pdf, x: float, y: float, w: float, names: Sequence[str]) -> float:  # type: ignore[no-untyped-def]
    """Colour keys and names from (x, y), wrapping within ``w``; returns the extra height used."""
    pdf.set_font(size=6.5)
    lx, ly = x, y
    for i, name in enumerate(names):
        step = 6 + pdf.get_string_width(name)
        if lx > x and lx + step > x + w:
            lx, ly = x, ly + 3
        pdf.set_fill_color(*PALETTE[i % len(PALETTE)])
        pdf.rect(lx, ly, 3, 1.6, style="F")
        pdf.text(lx + 4, ly + 1.5, name)
        lx += step
    return ly - y


def line_chart(
    pdf,
    x: float,
    y: float,
    w: float,
    h: float,
    years: Sequence[object],  # type: ignore[no-untyped-def]
    series: Sequence[tuple[str, Sequence[object]]],
    *,
    title: str,
    percent: bool = False,
) -> None:
    """A line chart of ``series`` (label, values per year) over ``years`` in the box (x, y, w, h).

    Missing values (``None``/NaN) break the line.  The legend sits under the title.
    """
    pdf.set_font(size=8.5)
    pdf.set_text_color(0, 0, 0)
    pdf.text(x, y + 3, title)
    extra = _legend(pdf, x, y + 5, w, [name for name, _ in series])
    values = [float(v) for _, vs in series for v in vs if _finite(v)]
    ticks = nice_ticks(0 if not values or min(values) >= 0 else min(values), max(values, default=1))
    lo, hi = ticks[0], ticks[-1]
    left, top, right, bottom = x + 10, y + 10 + extra, x + w - 2, y + h - 6
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.1)
    pdf.set_text_color(90, 90, 90)
    for t in ticks:
        ty = bottom - (t - lo) / (hi - lo) * (bottom - top)
        pdf.line(left, ty, right, ty)
        label = _label(t, percent)
        pdf.text(left - 1 - pdf.get_string_width(label), ty + 1, label)
    n = len(years)
    xs = [left + (right - left) * (i / (n - 1) if n > 1 else 0.5) for i in range(n)]
    every = max(1, math.ceil(n / 7))
    for i, yr in enumerate(years):
        if i % every == 0 or i == n - 1:
            s = str(yr)
            pdf.text(xs[i] - pdf.get_string_width(s) / 2, bottom + 3.5, s)
    pdf.set_line_width(0.5)
    for k, (_, vs) in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        pdf.set_draw_color(*color)
        pdf.set_fill_color(*color)
        run: list[tuple[float, float]] = []
        for i, v in enumerate(vs):
            if _finite(v):
                py = bottom - (float(v) - lo) / (hi - lo) * (bottom - top)
                run.append((xs[i], py))
                pdf.rect(xs[i] - 0.6, py - 0.6, 1.2, 1.2, style="F")
            else:
                if len(run) > 1:
                    pdf.polyline(run)
                run = []
        if len(run) > 1:
            pdf.polyline(run)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)


def share_bars(
    pdf,
    x: float,
    y: float,
    w: float,
    h: float,
    years: Sequence[object],  # type: ignore[no-untyped-def]
    shares: Sequence[dict],
    keys: Sequence[str],
    names: dict[str, str],
    *,
    title: str,
) -> None:
    """Stacked bars of shares (one bar per year, one colour per key; an empty year has no bar)."""
    pdf.set_font(size=8.5)
    pdf.text(x, y + 3, title)
    extra = _legend(pdf, x, y + 5, w, [names[k] for k in keys])
    left, top, right, bottom = x + 10, y + 10 + extra, x + w - 2, y + h - 6
    pdf.set_text_color(90, 90, 90)
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.1)
    for t in (0, 0.5, 1):
        ty = bottom - t * (bottom - top)
        pdf.line(left, ty, right, ty)
        lab = f"{100 * t:.0f}%"
        pdf.text(left - 1 - pdf.get_string_width(lab), ty + 1, lab)
    n = max(1, len(years))
    slot = (right - left) / n
    for i, (yr, sh) in enumerate(zip(years, shares)):
        bx = left + i * slot + slot * 0.15
        base = bottom
        for k_i, k in enumerate(keys):
            v = float(sh.get(k, 0) or 0)
            if v <= 0:
                continue
            hh = v * (bottom - top)
            pdf.set_fill_color(*PALETTE[k_i % len(PALETTE)])
            pdf.rect(bx, base - hh, slot * 0.7, hh, style="F")
            base -= hh
        if i % max(1, math.ceil(n / 7)) == 0 or i == n - 1:
            s = str(yr)
            pdf.text(bx + slot * 0.35 - pdf.get_string_width(s) / 2, bottom + 3.5, s)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)


def heatmap(
    pdf,
    x: float,
    y: float,
    cell: float,
    labels: Sequence[str],  # type: ignore[no-untyped-def]
    values: dict[tuple[int, int], int | None],
    *,
    title: str,
    label_w: float = 38,
) -> float:
    """A symmetric heatmap (row and column ``labels``); ``values[(i, j)]`` is shown in each cell.

    ``None`` (no pair possible) is a blank cell; 0 is drawn in orange (a gap), positive counts in
    blue shades.  Returns the y below the chart.
    """
    pdf.set_font(size=8.5)
    pdf.text(x, y + 3, title)
    top = y + 6 + label_w * 0.7
    left = x + label_w
    pdf.set_font(size=6)
    vmax = max([v for v in values.values() if v], default=1)
    for j, name in enumerate(labels):  # column labels, turned
        cx = left + j * cell + cell / 2 + 1
        with pdf.rotation(60, cx, top - 1):
            pdf.text(cx, top - 1, name)
    for i, name in enumerate(labels):
        cy = top + i * cell
        pdf.set_text_color(0, 0, 0)
        pdf.text(left - 1.5 - pdf.get_string_width(name), cy + cell / 2 + 1, name)
        for j in range(len(labels)):
            v = values.get((i, j))
            cx = left + j * cell
            if v is None:
                pdf.set_draw_color(220, 220, 220)
                pdf.rect(cx, cy, cell, cell, style="D")
                continue
            if v == 0:
                pdf.set_fill_color(245, 200, 140)
            else:
                a = 0.2 + 0.8 * v / vmax
                pdf.set_fill_color(int(255 - a * 255), int(255 - a * (255 - 114)), int(255 - a * (255 - 178)))
            pdf.set_draw_color(255, 255, 255)
            pdf.rect(cx, cy, cell, cell, style="DF")
            pdf.set_text_color(255, 255, 255) if v and v / vmax > 0.5 else pdf.set_text_color(0, 0, 0)
            s = str(v)
            pdf.text(cx + cell / 2 - pdf.get_string_width(s) / 2, cy + cell / 2 + 1, s)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    return top + len(labels) * cell + 2
