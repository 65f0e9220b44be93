"""Add form (ui/pages/add.py): a name that folds like a stored one (ingest.fold) is a "did you mean",
with a button to open the stored organisation and one to add the typed name as its alias."""

from __future__ import annotations

from network.store import open_store
from tests.ui import test_app_pages as pages

_open, _submit = pages._open, pages._submit
sample_db, sample_store = pages.sample_db, pages.sample_store  # the page tests' fixtures

TYPED = "ミヤギ連携復興センタ―"  # stored as みやぎ連携復興センター (katakana, U+2015 for the long vowel)


def _type_variant(at):  # noqa: ANN001, ANN202
    at.text_input(key="org_name").input(TYPED)
    at.selectbox(key="org_sector").select("intermediary")
    return _submit(at, "org_form")


def _stored(store):  # noqa: ANN001, ANN202
    return next(o for o in store.orgs() if o.name.endswith("みやぎ連携復興センター"))


def test_variant_name_is_a_suggestion_not_saved(sample_store: str) -> None:
    store = open_store(sample_store)
    before = store.counts()["orgs"]
    at = _type_variant(_open("add"))
    assert at.warning and "みやぎ連携復興センター" in at.warning[0].value
    assert store.counts()["orgs"] == before
    assert at.button(key=f"org_open_{_stored(store).id}")
    assert at.button(key=f"org_alias_{_stored(store).id}")


def test_add_typed_name_as_alias(sample_store: str) -> None:
    store = open_store(sample_store)
    org = _stored(store)
    before = store.counts()["orgs"]
    at = _type_variant(_open("add"))
    at.button(key=f"org_alias_{org.id}").click().run()
    assert not at.exception
    assert TYPED in store.get_org(org.id).aliases
    assert store.counts()["orgs"] == before
    assert at.success and TYPED in at.success[0].value.replace("\\", "")


def test_open_the_stored_org(sample_store: str) -> None:
    store = open_store(sample_store)
    org = _stored(store)
    at = _type_variant(_open("add"))
    at.button(key=f"org_open_{org.id}").click().run()
    assert not at.exception
    assert at.selectbox(key="org_edit").value == org.id
    assert at.text_input(key="org_name").value == org.name


def test_save_anyway_keeps_them_apart(sample_store: str) -> None:
    store = open_store(sample_store)
    before = store.counts()["orgs"]
    at = _type_variant(_open("add"))
    at.checkbox(key="org_force").check()
    _submit(at, "org_form")
    assert at.success
    assert store.counts()["orgs"] == before + 1


def test_import_page_lists_possible_duplicates(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("RENKEI_STORE", str(tmp_path / "renkei.db"))
    data = "団体名,区分\nみやぎ連携復興センター,中間支援組織\nミヤギ連携復興センタ―,中間支援組織\n".encode("cp932")
    at = pages.AppTest.from_file(pages.APP, default_timeout=60)
    at.run()
    at.switch_page("ui/pages/importer.py")
    at.run()
    at.file_uploader(key="import_files").set_value(("dups.csv", data, "text/csv"))
    at.run()
    assert not at.exception
    assert any("重複の可能性: 1" in m.value for m in at.markdown)
    shown = [df.value for df in at.dataframe if "似ている団体" in df.value.columns]
    assert shown and list(shown[0]["似ている団体"]) == ["みやぎ連携復興センター"]
