"""Renkei's own exports import back into a fresh store: same organisations, ties and attributes (issue 12)."""

from __future__ import annotations

import pytest
from renkei.data.samples import sample_files

from ingest.importer import import_files
from network.cli import main
from network.present.export import SUFFIXES, export_bytes
from network.store.sqlite import SQLiteStore

#: what every format carries (DESIGN.md: Exports)
ORG_CORE = ("id", "name", "sector", "kind", "prefecture", "city", "district", "corporate_number", "custom")
TIE_CORE = ("source", "target", "type", "directed", "strength", "start", "end", "project", "custom")
#: what the import-column formats carry besides
ORG_FULL = ORG_CORE + ("aliases", "tags", "url", "note")
TIE_FULL = TIE_CORE + ("evidence", "last_confirmed", "note")


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The Miyagi sample plus custom fields on organisations and ties."""
    path = tmp_path_factory.mktemp("src") / "src.db"
    s = SQLiteStore(path)
    import_files(s, sample_files("miyagi"))
    orgs = s.orgs()
    ties = s.ties()
    extra_orgs = "ID,団体名,区分,担当者,電話\n" + "\n".join(
        [
            f"{orgs[0].id},{orgs[0].name},{orgs[0].sector},佐藤 花子,022-000-0000",
            f"{orgs[1].id},{orgs[1].name},{orgs[1].sector},鈴木 一郎,",
        ]
    )
    t = ties[0]
    extra_ties = (
        f"連携元,連携先,関係,方向,強さ,開始,終了,事業名,窓口\n{t.source},{t.target},{t.type},"
        f"{'yes' if t.directed else 'no'},{t.strength},{t.start or ''},{t.end or ''},{t.project},復興政策課\n"
    )
    import_files(s, [("orgs.csv", extra_orgs.encode()), ("ties.csv", extra_ties.encode())])
    assert s.get_org(orgs[0].id).custom == {"担当者": "佐藤 花子", "電話": "022-000-0000"}
    assert s.get_tie(t.id).custom == {"窓口": "復興政策課"}
    yield s
    s.close()


def _orgs(store, cols):  # noqa: ANN001, ANN202
    return {o.id: {c: getattr(o, c) for c in cols} for o in store.orgs()}


def _ties(store, cols):  # noqa: ANN001, ANN202
    return {t.id: {c: getattr(t, c) for c in cols} for t in store.ties()}


@pytest.mark.parametrize(
    "fmt, orgs_cols, ties_cols",
    [
        ("graphml", ORG_CORE, TIE_CORE),
        ("gexf", ORG_CORE, TIE_CORE),
        ("json", ORG_FULL, TIE_FULL),
        ("csv", ORG_FULL, TIE_FULL),
        ("kumu", ORG_CORE, TIE_CORE),
        ("pajek", ORG_CORE, TIE_CORE),
    ],
)
def test_export_then_import_gives_the_same_network(source, tmp_path, fmt, orgs_cols, ties_cols):
    data = export_bytes(source.load_graph(), fmt)
    if fmt == "csv":
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            files = [(n, z.read(n)) for n in ("orgs.csv", "ties.csv")]
    else:
        files = [(f"export.{SUFFIXES[fmt]}", data)]
    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        r = import_files(fresh, files)
        assert r.ok and r.counts["orgs"].rejected == 0
        assert _orgs(fresh, orgs_cols) == _orgs(source, orgs_cols)
        assert _ties(fresh, ties_cols) == _ties(source, ties_cols)  # tie ids are stable: the same ids
        again = import_files(fresh, files)
        assert again.counts["orgs"].unchanged == len(_orgs(source, ORG_CORE))
        assert again.counts["ties"].unchanged == len(_ties(source, TIE_CORE))


def test_cli_export_graphml_then_import(source, tmp_path, capsys):
    out = tmp_path / "network.graphml"
    assert main(["--store", str(source.path), "export", "--format", "graphml", "--output", str(out)]) == 0
    fresh = tmp_path / "fresh.db"
    assert main(["--store", str(fresh), "import", str(out)]) == 0
    assert "kept as custom fields" not in capsys.readouterr().err
    with SQLiteStore(fresh) as s:
        assert _orgs(s, ORG_CORE) == _orgs(source, ORG_CORE)
        assert _ties(s, TIE_CORE) == _ties(source, TIE_CORE)


def test_dl_imports_back_with_a_default_sector(source, tmp_path):
    """UCINET DL holds labels and values only: ``default_sector`` names the sector its organisations lack."""
    data = export_bytes(source.load_graph(), "dl")
    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        plain = import_files(fresh, [("export.dl", data)], dry_run=True)
        unknown = {e.value for e in plain.errors if e.code == "no_sector"}
        assert unknown  # without it, the organisations whose names tell no sector are refused
        r = import_files(fresh, [("export.dl", data)], default_sector="NPO法人")  # a label or a code
        assert r.ok and r.counts["orgs"].rejected == 0
        names = sorted(o.name for o in source.orgs())
        assert sorted(o.name for o in fresh.orgs()) == names  # DL has no ids: the names are the key
        assert {o.name for o in fresh.orgs() if o.sector == "npo"} >= {
            o.name for o in source.orgs() if o.name in unknown or o.name.startswith("NPO")
        }
        by_id = {o.id: o.name for o in source.orgs()}
        by_new = {o.id: o.name for o in fresh.orgs()}
        # DL has one value per pair, no type: ties between the same two organisations become one
        pairs = {(by_id[t.source], by_id[t.target]) for t in source.ties()}
        assert {(by_new[t.source], by_new[t.target]) for t in fresh.ties()} == pairs
        assert len(fresh.ties()) == len(pairs) < len(source.ties())


def test_cli_import_dl_with_default_sector(source, tmp_path):
    out = tmp_path / "network.dl"
    assert main(["--store", str(source.path), "export", "--format", "dl", "--output", str(out)]) == 0
    fresh = tmp_path / "fresh.db"
    assert main(["--store", str(fresh), "import", str(out)]) == 1  # refused: sectors unknown
    assert main(["--store", str(fresh), "import", str(out), "--default-sector", "npo"]) == 0
    with SQLiteStore(fresh) as s:
        assert len(s.orgs()) == len(source.orgs()) and "npo" in {o.sector for o in s.orgs()}
        assert 0 < len(s.ties()) <= len(source.ties())


def test_pajek_without_renkei_lines_reads_as_before(source):
    from ingest.formats.pajek import read_pajek

    data = export_bytes(source.load_graph(), "pajek")
    plain = b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"% renkei-"))
    orgs, ties = read_pajek("p.net", plain)
    assert orgs.headers == ["name", "sector"] and len(orgs.rows) == len(source.orgs())
    assert len(ties.rows) == len(source.ties())


def test_pajek_edited_after_export_is_refused_not_misread(source):
    from ingest.formats.pajek import read_pajek

    data = export_bytes(source.load_graph(), "pajek") + b"1 2 3\n"  # one arc added by hand
    tables = read_pajek("p.net", data)
    errors = [e for t in tables for e in t.errors]
    assert len(errors) == 1 and "do not match" in errors[0].reason and errors[0].row > 0


@pytest.mark.parametrize(
    "line", ['% renkei-vertex 1 {"name": ["a"]}', "% renkei-vertex 1 {not json", "% renkei-tie 1 {}"]
)
def test_pajek_bad_renkei_line_is_refused_with_its_row(line):
    from ingest.formats.pajek import read_pajek

    tables = read_pajek("p.net", f'{line}\n*Vertices 2\n1 "甲"\n2 "乙"\n*Arcs\n1 2 1\n'.encode())
    errors = [e for t in tables for e in t.errors]
    assert [(e.row, e.reason) for e in errors] == [(1, "unreadable renkei- line / renkei- 行が読めません")]
