"""The profile page shows an organisation's custom fields as a small table of text (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.importer import import_files
from network.store import open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_profile_lists_custom_fields_as_text(tmp_path, monkeypatch):
    path = tmp_path / "renkei.db"
    monkeypatch.setenv("RENKEI_STORE", str(path))
    orgs = (
        "団体名,区分,担当者,活動分野\n"
        "みやぎ連携復興センター,中間支援,<b>佐藤</b> **花子**,復興|まちづくり\n石巻市,行政,,\n"
    ).encode()
    ties = "連携元,連携先,関係,窓口\n石巻市,みやぎ連携復興センター,委託,復興政策課\n".encode()
    with open_store(str(path)) as s:
        import_files(s, [("orgs.csv", orgs), ("ties.csv", ties)])
        centre = s.orgs(search="みやぎ連携復興センター")[0]
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.selectbox(key="map_focus").select(centre.id).run()
    assert not at.exception, [e.value for e in at.exception]
    tables = [d.value for d in at.dataframe]
    custom = next(t for t in tables if "独自項目" in t.columns)
    assert dict(zip(custom["独自項目"], custom["値"], strict=True)) == {
        "担当者": "<b>佐藤</b> **花子**",
        "活動分野": "復興|まちづくり",
    }
    ties_table = next(t for t in tables if "相手" in t.columns)
    assert "窓口: 復興政策課" in ties_table.astype(str).to_numpy().ravel().tolist()
    assert "<b>佐藤</b>" not in "".join(m.value for m in at.markdown)  # never rendered as Markdown/HTML
