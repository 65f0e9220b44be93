"""Kumu workbooks (built from Kumu's documented columns) and blueprints, and Cytoscape JSON (NetworkX, Cytoscape.js)."""

from __future__ import annotations

import io
import json

import networkx as nx
import openpyxl
import pytest

from ingest.importer import import_files
from network.errors import ValidationError
from tests.ingest.formats.conftest import assert_peer_network, peer_graph


def kumu_workbook(elements: list[list], connections: list[list], extra: dict | None = None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Elements"
    for row in elements:
        ws.append(row)
    ws = wb.create_sheet("Connections")
    for row in connections:
        ws.append(row)
    for title, rows in (extra or {}).items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ELEMENTS = [
    ["Label", "Type", "Description", "Tags", "電話", "都道府県"],
    ["みやぎ連携復興センター", "中間支援", "県域の中間支援組織", "復興|ハブ", "022-000-0000", "宮城県"],
    ["石巻市", "行政", None, None, None, "宮城県"],
    ["公益財団法人 日本財団", "Foundation", None, "助成", None, None],
    ["渡波地区自治会", "自治会", None, None, None, "宮城県"],
]
CONNECTIONS = [
    ["From", "To", "Connection Type", "Direction", "Strength", "Start", "Description", "窓口"],
    ["石巻市", "みやぎ連携復興センター", "委託", "directed", 4, "2012-04-01", "復興支援員事業", "復興政策課"],
    ["公益財団法人 日本財団", "みやぎ連携復興センター|渡波地区自治会", "Funding", "directed", 3, None, None, None],
    ["みやぎ連携復興センター", "渡波地区自治会", "協働", "mutual", None, None, None, None],
]


def test_kumu_workbook(store):
    data = kumu_workbook(ELEMENTS, CONNECTIONS, {"Notes (ignore)": [["メモ"], ["読み込まない"]]})
    r = import_files(store, [("kumu.xlsx", data)])
    assert (r.counts["orgs"].created, r.counts["ties"].created) == (4, 4)
    orgs = {o.name: o for o in store.orgs()}
    m = orgs["みやぎ連携復興センター"]
    assert (m.sector, m.note, m.tags, m.prefecture, m.custom) == (
        "intermediary",
        "県域の中間支援組織",
        ["復興", "ハブ"],
        "宮城県",
        {"電話": "022-000-0000"},
    )
    assert orgs["公益財団法人 日本財団"].sector == "foundation" and orgs["渡波地区自治会"].sector == "residents_group"
    ties = {(store.get_org(t.source).name, store.get_org(t.target).name, t.type): t for t in store.ties()}
    c = ties[("石巻市", "みやぎ連携復興センター", "commission")]
    assert (c.strength, c.directed, c.start, c.note, c.custom) == (
        4,
        True,
        "2012-04-01",
        "復興支援員事業",
        {"窓口": "復興政策課"},
    )
    assert ("公益財団法人 日本財団", "渡波地区自治会", "funding") in ties  # "A|B" in To: one tie to each
    w = (
        ties.get(("みやぎ連携復興センター", "渡波地区自治会", "collaboration"))
        or ties[("渡波地区自治会", "みやぎ連携復興センター", "collaboration")]
    )
    assert (w.directed, w.strength) == (False, 3)
    assert "kumu.xlsx:Elements: kept as custom fields / 独自項目として保存: 電話" in r.warnings


def test_kumu_unknown_type_is_a_bad_row_until_mapped(store, tmp_path):
    elements = [["Label", "Type"], ["みやぎ連携復興センター", "Organization"], ["石巻市", "Local Gov"]]
    connections = [["From", "To", "Type"], ["石巻市", "みやぎ連携復興センター", "Service agreement"]]
    data = kumu_workbook(elements, connections)
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("kumu.xlsx", data)])
    got = [(e.file, e.row, e.column, e.value, e.code) for e in exc.value.report.errors]
    assert ("kumu.xlsx:Elements", 2, "sector", "Organization", "unknown_sector") in got
    assert ("kumu.xlsx:Connections", 2, "type", "Service agreement", "unknown_type") in got
    mapping = tmp_path / "map.csv"
    mapping.write_text(
        "word,code\nOrganization,intermediary\nLocal Gov,行政\nService agreement,commission\n", encoding="utf-8"
    )
    import_files(store, [("kumu.xlsx", data)], word_map=mapping)
    assert {o.name: o.sector for o in store.orgs()} == {
        "みやぎ連携復興センター": "intermediary",
        "石巻市": "government",
    }
    (t,) = store.ties()
    assert (t.type, t.directed) == ("commission", True)


def test_kumu_blueprint_with_ids_and_export_attributes(store):
    doc = {
        "elements": [
            {
                "id": "kumu-1",
                "label": "みやぎ連携復興センター",
                "type": "NPO",
                "tags": ["復興", "ハブ"],
                "担当者": "佐藤",
            },
            {"_id": "kumu-2", "attributes": {"label": "石巻市", "element type": "行政"}},
            {"id": "kumu-3", "label": "石巻市", "type": "企業"},
        ],  # same label, another element: ids tell them apart
        "connections": [
            {"from": "kumu-2", "to": "kumu-1", "type": "委託", "direction": "directed", "strength": 5},
            {"from": "kumu-1", "to": "kumu-3", "attributes": {"connection type": "情報交換"}},
        ],
    }
    import_files(store, [("map.json", json.dumps(doc, ensure_ascii=False).encode())])
    # Kumu's ids tell the two 石巻市 apart, and stay the organisations' ids (a re-import updates them)
    assert {o.id: (o.name, o.sector) for o in store.orgs()} == {
        "kumu-1": ("みやぎ連携復興センター", "npo"),
        "kumu-2": ("石巻市", "government"),
        "kumu-3": ("石巻市", "company"),
    }
    m = store.get_org("kumu-1")
    assert (m.tags, m.custom) == (["復興", "ハブ"], {"担当者": "佐藤"})
    ties = {(t.source, t.target): t for t in store.ties()}
    assert (ties[("kumu-2", "kumu-1")].strength, ties[("kumu-2", "kumu-1")].type) == (5, "commission")
    assert ties[("kumu-1", "kumu-3")].type == "information"
    # without ids, two elements with one label in one file: a tie naming it is ambiguous, never guessed
    for e in doc["elements"]:
        e.pop("id", None), e.pop("_id", None)
    doc["connections"] = [{"from": "石巻市", "to": "みやぎ連携復興センター"}]
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("map.json", json.dumps(doc, ensure_ascii=False).encode())])
    assert "ambiguous_org" in {e.code for e in exc.value.report.errors}


def test_networkx_cytoscape_json(store):
    G = peer_graph(directed=True)
    doc = nx.cytoscape_data(G)
    import_files(store, [("peer.cyjs", json.dumps(doc, ensure_ascii=False).encode())])
    assert_peer_network(store)


def test_cytoscape_desktop_style_elements(store):
    doc = {
        "format_version": "1.0",
        "generated_by": "cytoscape-3.10",
        "elements": [
            {
                "group": "nodes",
                "data": {
                    "id": "101",
                    "SUID": 101,
                    "name": "石巻市",
                    "shared_name": "石巻市",
                    "selected": False,
                    "sector": "行政",
                },
                "position": {"x": 1, "y": 2},
            },
            {
                "group": "nodes",
                "data": {"id": "102", "SUID": 102, "name": "渡波地区自治会", "sector": "自治会", "活動分野": "防災"},
            },
            {
                "group": "edges",
                "data": {
                    "id": "103",
                    "SUID": 103,
                    "source": "101",
                    "target": "102",
                    "interaction": "support",
                    "shared_interaction": "support",
                    "strength": 2,
                },
            },
        ],
    }
    import_files(store, [("net.cyjs", json.dumps(doc, ensure_ascii=False).encode())])
    orgs = {o.name: o for o in store.orgs()}
    assert orgs["渡波地区自治会"].custom == {"活動分野": "防災"} and orgs["石巻市"].custom == {}
    (t,) = store.ties()
    assert (store.get_org(t.source).name, t.type, t.directed, t.strength, t.custom) == (
        "石巻市",
        "support",
        True,
        2,
        {},
    )


def test_kumu_csv_files(store):
    elements = (
        "Label,Type,Description,Tags,電話\n"
        "みやぎ連携復興センター,中間支援,県域の中間支援組織,復興|ハブ,022-000-0000\n石巻市,行政,,,\n"
    ).encode()
    connections = (
        "From,To,Connection Type,Direction,Strength,Description\n"
        "石巻市,みやぎ連携復興センター,委託,directed,4,復興支援員事業\n"
    ).encode("cp932")
    r = import_files(store, [("elements.csv", elements), ("connections.csv", connections)])
    assert (r.counts["orgs"].created, r.counts["ties"].created) == (2, 1)
    m = {o.name: o for o in store.orgs()}["みやぎ連携復興センター"]
    assert (m.sector, m.note, m.tags, m.custom) == (
        "intermediary",
        "県域の中間支援組織",
        ["復興", "ハブ"],
        {"電話": "022-000-0000"},
    )
    (t,) = store.ties()
    assert (t.type, t.directed, t.strength, t.note, t.custom) == ("commission", True, 4, "復興支援員事業", {})
