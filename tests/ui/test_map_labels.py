"""Map labels in Debian's Chromium (issue 15, item 2): at the default view no two names drawn overlap,
the most central organisations are named first and larger, and zooming in names more of them.

The label boxes are vis-network's own (``body.nodes[id].labelModule.size``, measured by the canvas
while drawing), not the page's estimate, turned into screen pixels with ``canvasToDOM``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.importer import import_files
from network.present.map.data import render_map
from network.store import open_store
from tests.ui.live_app import ROOT, launch

pytestmark = pytest.mark.browser

BOXES = """() => {
  const net = window.network;
  net.redraw();
  const out = [];
  for (const [id, node] of Object.entries(net.body.nodes)) {
    if (!node.options.label || id.startsWith("edgeId:")) { continue; }
    const s = node.labelModule.size;
    const a = net.canvasToDOM({x: s.left, y: s.top});
    const b = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
    out.push({id: id, x0: a.x, y0: a.y, x1: b.x, y1: b.y, px: node.options.font.size * net.getScale()});
  }
  return out;
}"""


def _graph(sample: str, tmp: Path):  # type: ignore[no-untyped-def]
    with open_store(str(tmp / f"{sample}.db")) as s:
        if sample.startswith("generated-"):  # the benchmark's network (bench/bench_map.py)
            from renkei.data.generate import generate

            from network.store import ChangeSet

            n = int(sample.split("-")[1])
            orgs, ties = generate(n, 3 * n, seed=1)
            s.write(ChangeSet(orgs=orgs, ties=ties), user="test")
        else:
            folder = ROOT / "data" / sample
            import_files(s, [folder / "orgs.csv", folder / "ties.csv"])
        return s.load_graph()


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]
    ]


def _settle(page, passes: int = 0) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        f"() => window.renkeiLabels && window.renkeiLabels.settled"
        f" && window.renkeiLabels.passes > {passes}"
        " && window.network.physics.options.enabled === false",
        timeout=90000,
    )
    page.wait_for_timeout(300)


@pytest.mark.parametrize("sample", ["miyagi", "tsurumi", pytest.param("generated-2000", marks=pytest.mark.slow)])
@pytest.mark.parametrize("width", [1100, 800])
def test_labels_never_overlap_at_the_default_view(chromium: str, tmp_path: Path, sample: str, width: int) -> None:
    from playwright.sync_api import sync_playwright

    G = _graph(sample, tmp_path)
    degree = dict(G.to_undirected(as_view=True).degree())
    html = render_map(G, size_by={v: float(d) for v, d in degree.items()}, lang="ja", height="680px")
    hub = max(degree, key=lambda v: (degree[v], str(v)))
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": width, "height": 720})
            page.set_content(html, wait_until="load")
            _settle(page)
            boxes = page.evaluate(BOXES)
            assert _overlaps(boxes) == []
            legend = page.evaluate(
                "() => { const r = document.getElementById('renkei-legend').getBoundingClientRect(),"
                " c = document.getElementById('renkei-map').getBoundingClientRect();"
                " return {id: 'legend', x0: r.left - c.left, y0: r.top - c.top,"
                " x1: r.right - c.left, y1: r.bottom - c.top}; }"
            )
            assert _overlaps([legend, *boxes]) == []  # no name hidden under the legend
            assert len(boxes) >= 8, len(boxes)  # the most central are named at the default view
            assert len(boxes) < G.number_of_nodes()  # … not all of them: the rest on zoom
            by_id = {b["id"]: b for b in boxes}
            assert hub in by_id  # the best-connected organisation is always named
            assert by_id[hub]["px"] == pytest.approx(18.0, abs=0.1)  # and in the largest type (LABEL_FONT)
            assert min(b["px"] for b in boxes) >= 11.0 - 0.1  # never smaller than readable
            passes = page.evaluate("() => window.renkeiLabels.passes")
            page.evaluate("() => { window.network.moveTo({scale: window.network.getScale() * 3}); }")
            page.evaluate("() => { window.network.emit('zoom', {}); }")
            _settle(page, passes)
            zoomed = page.evaluate(BOXES)
            assert _overlaps(zoomed) == []
            inside = [b for b in zoomed if b["x0"] >= 0 and b["x1"] <= width]
            assert len(inside) >= 1
            # zoomed in three times, the view holds a ninth of the map yet names more in it than before
            before = {b["id"] for b in boxes}
            assert {b["id"] for b in zoomed} - before, "zooming in names organisations not named before"
        finally:
            browser.close()
