"""The printed annual report and the planner's commands, on the real sample networks in SQLite files.

The PDF is read back with poppler (pdftotext, pdffonts from Debian's poppler-utils, installed by
.ci/run): the Japanese names must come back as text and every font must be embedded.
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import os
import shutil
import subprocess
import time

import pytest
from renkei.data.samples import sample_files

from ingest.importer import import_files
from network.cli import main
from network.present.annual import annual_report, annual_to_markdown
from network.present.pdf_report import font_path
from network.store import open_store


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} missing: .ci/run must apt-get install poppler-utils")
        pytest.skip(f"{tool} not installed (apt-get install -y poppler-utils)")
    return path


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    out = {}
    for name in ("miyagi", "tsurumi"):
        path = tmp_path_factory.mktemp(name) / "renkei.db"
        with open_store(str(path)) as store:
            import_files(store, sample_files(name))
        out[name] = str(path)
    return out


def fonts(pdf) -> list[list[str]]:
    out = subprocess.run([poppler("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def text(pdf) -> str:
    return subprocess.run([poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(
    "sample, centre, names",
    [
        ("miyagi", "my-001", ["みやぎ連携復興センター", "雄勝まちづくり協議会", "中心団体への依存", "石巻市"]),
        ("tsurumi", "ts-003", ["鶴見区まちづくりセンター", "茨田北", "地域活動協議会", "大阪市鶴見区"]),
    ],
)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pdf_reads_back_japanese_with_every_font_embedded(stores, tmp_path, sample, centre, names, lang):
    pdf = tmp_path / f"{sample}-{lang}.pdf"
    t0 = time.perf_counter()
    assert main(["--store", stores[sample], "report", "--output", str(pdf), "--lang", lang, "--centre", centre]) == 0
    elapsed = time.perf_counter() - t0
    assert elapsed < 30, f"report took {elapsed:.1f} s"
    assert pdf.read_bytes().startswith(b"%PDF-")
    rows = fonts(pdf)
    assert rows and all(r[-5] == "yes" for r in rows), rows  # the "emb" column of every font
    body = text(pdf)
    for name in names if lang == "ja" else names[:2]:
        assert name in body
    assert ("連携ネットワーク年次報告" if lang == "ja" else "Partnership network annual report") in body
    assert "2024" in body


def test_font_ships_in_a_wheel_under_the_ofl():
    path = font_path()
    assert path.is_file() and path.suffix == ".otf" and "site-packages" in str(path)
    meta = importlib.metadata.metadata("noto-cjk-sans-jp-regular")
    assert "OFL" in (meta.get("License-Expression") or meta.get("License") or "")


def test_annual_report_headline_against_the_trend(stores):
    with open_store(stores["tsurumi"]) as store:
        G = store.load_graph()
    r = annual_report(G, year=2023, centre="ts-003")
    assert (r["year"], r["previous"]) == (2023, 2022)
    assert r["headline"]["fy"] == 2023 and r["headline_prev"]["fy"] == 2022
    assert [c["city"] for c in r["districts"]["cities"]] == ["大阪市鶴見区"]
    assert len(r["districts"]["cities"][0]["districts"]) == 12
    assert r["communities"][0]["central"] and r["communities"][0]["size"] >= 3


def test_markdown_escapes_names():
    import networkx as nx

    M = nx.MultiDiGraph()
    M.add_nodes_from([("c", {"name": "a|b *c*", "sector": "intermediary"}), ("d", {"name": "<x>", "sector": "npo"})])
    M.add_edge("c", "d", key="1", directed=False, start="2024-04-01")
    md = annual_to_markdown(annual_report(M, year=2024, centre="c"))
    assert "a\\|b \\*c\\*" in md and "<x>" not in md


def test_trend_cli_formats(stores, capsys):
    assert (
        main(["--store", stores["miyagi"], "trend", "2015", "平成29年度", "--format", "csv", "--centre", "my-001"]) == 0
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["fy"] for r in rows] == ["2015", "2016", "2017"]
    assert rows[0]["dep_cut_off"] != "" and "みやぎ連携復興センター" in rows[0]["top_brokers"]
    assert main(["--store", stores["miyagi"], "trend", "FY2016", "2016", "--format", "json", "--centre", "my-001"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["fy"] == 2016 and data[0]["centre"]["centre"] == "my-001"
    assert main(["--store", stores["miyagi"], "trend", "2016", "2017", "--centre", "nobody"]) == 1
    assert "nobody" in capsys.readouterr().err


def test_whatif_cli(stores, capsys):
    assert main(["--store", stores["miyagi"], "whatif", "my-001", "--year", "2024", "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["removed"] == ["my-001"] and r["before"]["orgs"] == r["after"]["orgs"] + 1
    assert r["cut_off_count"] == len(r["cut_off"]) and r["names"]["my-001"] == "みやぎ連携復興センター"
    assert main(["--store", stores["miyagi"], "whatif", "みやぎ連携復興センター"]) == 0
    assert "もし抜けたら" in capsys.readouterr().out
    assert main(["--store", stores["miyagi"], "whatif", "nobody"]) == 1


def test_report_markdown_on_stdout_and_pdf_needs_a_file(stores, capsys):
    assert main(["--store", stores["tsurumi"], "report", "--lang", "en", "--centre", "ts-003"]) == 0
    assert capsys.readouterr().out.startswith("# Partnership network annual report FY2024")
    assert main(["--store", stores["tsurumi"], "report", "--format", "pdf"]) == 1
