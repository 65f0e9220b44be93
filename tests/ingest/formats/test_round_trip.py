"""Renkei's own exports import back into a fresh store: same organisations, ties and attributes (issue 12)."""

from __future__ import annotations

import pytest
from renkei.data.samples import sample_files

from ingest.importer import import_files
from network.cli import main
from network.export import export_bytes
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
        files = [(f"export.{fmt}", data)]
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
