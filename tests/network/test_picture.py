"""The map as a picture (network.present.map.picture, ``renkei map``): SVG and PNG with legend and filters."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
from PIL import Image

from network.cli import main
from network.present.map.data import SECTOR_COLOURS
from network.present.map.picture import japanese_font, scene, text_width, to_png, to_svg

SVG = "{http://www.w3.org/2000/svg}"


def _graph() -> nx.Graph:
    G = nx.Graph()
    G.add_node("a", name="みやぎ連携復興センター", sector="intermediary")
    G.add_node("b", name="bad\x1b[31m\x01name", sector="npo")
    G.add_node("c", name="<script>&", sector="company")
    G.add_edges_from([("a", "b"), ("b", "c")])
    return G


def test_svg_parses_and_keeps_names_legend_and_caption_as_text():
    svg = to_svg(scene(_graph(), lang="ja"), ["期間: 2024年度", "3 団体"])
    root = ET.fromstring(svg.encode("utf-8"))  # the XML parser refuses control characters: none written
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "みやぎ連携復興センター" in texts and "<script>&" in texts
    assert "bad\ufffd[31m\ufffdname" in texts
    assert {"中間支援組織", "NPO・市民活動団体", "企業"} <= set(texts)  # legend in Japanese
    assert "期間: 2024年度" in texts
    fills = {c.get("fill") for c in root.iter(f"{SVG}circle")}
    assert SECTOR_COLOURS["intermediary"] in fills


def test_labels_never_overlap():
    G = nx.complete_graph(60)
    nx.set_node_attributes(G, {v: f"とても長い団体の名前 {v}" for v in G}, "name")
    s = scene(G)
    boxes = [
        (
            lab["x"] - text_width(lab["text"], lab["size"]) / 2,
            lab["y"] - lab["size"],
            lab["x"] + text_width(lab["text"], lab["size"]) / 2,
            lab["y"] + 0.2 * lab["size"],
        )
        for lab in s["labels"]
    ]
    assert 0 < len(boxes) < 60  # level of detail: some names left out rather than heaped
    for i, p in enumerate(boxes):
        for q in boxes[i + 1 :]:
            assert p[2] < q[0] or q[2] < p[0] or p[3] < q[1] or q[3] < p[1]


def test_highlighted_path_drawn_on_top():
    s = scene(_graph(), highlight=["a", "b"], highlight_edges=[("a", "b")])
    assert s["edges"][-1]["hl"] and not s["edges"][0]["hl"]
    assert [d["hl"] for d in s["nodes"]] == [True, True, False]


def test_png_has_print_resolution_and_legend_colours():
    s = scene(_graph(), lang="en")
    png = to_png(s, ["Period: all"], scale=2.0)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size[0] == 2 * s["width"]
    assert round(img.info["dpi"][0]) == 192
    colours = {"#{:02X}{:02X}{:02X}".format(*px) for _, px in img.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert SECTOR_COLOURS["intermediary"].upper() in colours


def test_japanese_font_is_installed():
    assert japanese_font() is not None  # shipped by a dependency: PNGs work on a fresh machine


def test_cli_map_writes_svg_png_and_html(tmp_path):
    from ingest.importer import import_files
    from network.store import open_store

    db = tmp_path / "s.db"
    from renkei.data.samples import sample_files

    with open_store(str(db)) as store:
        import_files(store, sample_files("tsurumi"), user="t")
    for ext in ("svg", "png", "html"):
        out = tmp_path / f"map.{ext}"
        assert main(["--store", str(db), "map", "--output", str(out), "--lang", "ja", "--types", "協働"]) == 0
        assert out.stat().st_size > 1000
    root = ET.fromstring((tmp_path / "map.svg").read_bytes())
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert any("鶴見区まちづくりセンター" in t for t in texts)
    assert any(t.startswith("期間: すべて") and "関係: 協働" in t for t in texts)
    assert Image.open(tmp_path / "map.png").size[0] == 3200
    assert main(["--store", str(db), "map", "--output", str(tmp_path / "map.gif")]) == 1
