"""Sign-in gates (ui/parts/auth.py) and the History page (ui/pages/history.py), headless with AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from network.accounts import UserStore
from network.store.sqlite import SQLiteStore
from tests.trust.conftest import FAST, small_network

GATED = """
import streamlit as st
from renkei.ui.parts.auth import require_role, user_name
if require_role("editor"):
    st.markdown("WRITE-FORM " + user_name())
"""
VIEW = """
import streamlit as st
from renkei.ui.parts.auth import require_view
if require_view():
    st.markdown("DATA-SHOWN")
"""


@pytest.fixture
def app_store(tmp_path, monkeypatch):
    path = tmp_path / "renkei.db"
    with SQLiteStore(path) as s:
        s.write(small_network(), user="sato")
    with UserStore(path, hasher=FAST) as u:
        u.add("viewer1", "viewer password", "viewer")
        u.add("editor1", "editor password", "editor")
        u.add("admin1", "admin password", "admin")
    monkeypatch.setenv("RENKEI_STORE", str(path))
    monkeypatch.delenv("RENKEI_PUBLIC_VIEW", raising=False)
    return path


def _text(at: AppTest) -> str:
    return " ".join(
        [m.value for m in at.markdown]
        + [m.value for m in at.warning]
        + [m.value for m in at.info]
        + [m.value for m in at.error]
        + [m.value for m in at.success]
    )


def test_signed_out_sees_a_sign_in_form_not_the_write_form(app_store):
    at = AppTest.from_string(GATED).run()
    assert "WRITE-FORM" not in _text(at)
    assert [t.label for t in at.text_input] == ["ユーザー名", "パスワード"]


def test_wrong_password_is_refused_then_right_one_signs_in(app_store):
    at = AppTest.from_string(GATED).run()
    at.text_input[0].input("editor1")
    at.text_input[1].input("not the password")
    at.button[0].click().run()
    assert "WRITE-FORM" not in _text(at) and "パスワードが違います" in _text(at)
    at.text_input[0].input("editor1")
    at.text_input[1].input("editor password")
    at.button[0].click().run()
    assert "WRITE-FORM editor1" in _text(at)
    assert at.session_state["renkei_user"] == {"name": "editor1", "role": "editor"}


def test_viewer_session_cannot_reach_the_write_form(app_store):
    at = AppTest.from_string(GATED)
    at.session_state["renkei_user"] = {"name": "viewer1", "role": "viewer"}
    at.run()
    assert "WRITE-FORM" not in _text(at) and "viewer1" in _text(at)
    assert len(at.text_input) == 0  # no form at all: the viewer is told they may not


def test_forged_session_role_is_checked_against_the_accounts(app_store):
    at = AppTest.from_string(GATED)
    at.session_state["renkei_user"] = {"name": "viewer1", "role": "admin"}  # the stored role wins
    at.run()
    assert "WRITE-FORM" not in _text(at)
    at = AppTest.from_string(GATED)
    at.session_state["renkei_user"] = {"name": "removed-user", "role": "admin"}
    at.run()
    assert "WRITE-FORM" not in _text(at) and len(at.text_input) == 2


def test_public_view_only_when_the_admin_says_so(app_store, monkeypatch):
    at = AppTest.from_string(VIEW).run()
    assert "DATA-SHOWN" not in _text(at) and len(at.text_input) == 2
    monkeypatch.setenv("RENKEI_PUBLIC_VIEW", "1")
    at = AppTest.from_string(VIEW).run()
    assert "DATA-SHOWN" in _text(at)
    at = AppTest.from_string(GATED).run()  # public viewing never opens a write path
    assert "WRITE-FORM" not in _text(at)


def _history_table(at):
    """The History page's table with its columns named by key (the page shows them in Japanese)."""
    from network.history import HISTORY_COLUMNS
    from network.labels import t

    return at.dataframe[0].value.rename(columns={t(f"hist_col_{k}", "ja"): k for k in HISTORY_COLUMNS})


def test_history_page_viewer_sees_changes_but_cannot_undo(app_store):
    at = AppTest.from_file("../../ui/pages/history.py", default_timeout=30)
    at.session_state["renkei_user"] = {"name": "viewer1", "role": "viewer"}
    at.run()
    assert not at.exception
    table = _history_table(at)
    # small_network: 3 organisations + 2 ties by sato; then the 3 accounts created (no hashes shown)
    from network.labels import t

    # the record kind is shown by its label (利用者, 関係, 団体), not the audit code
    assert list(table["entity"]) == [t("entity_user")] * 3 + [t("entity_tie")] * 2 + [t("entity_org")] * 3
    assert set(table["user"]) == {"sato", "system"} and "argon2" not in table.to_csv()
    assert "取り消しは管理者だけができます。" in [c.value for c in at.caption]
    assert len(at.button) == 0


def test_history_page_admin_undoes_a_batch(app_store):
    at = AppTest.from_file("../../ui/pages/history.py", default_timeout=30)
    at.session_state["renkei_user"] = {"name": "admin1", "role": "admin"}
    at.run()
    table = _history_table(at)
    from network.labels import t

    first_org_change = int(table[table["entity"] == t("entity_org")]["id"].iloc[0])
    at.selectbox(key="history_pick").set_value(first_org_change).run()
    at.radio[0].set_value("batch")
    at.checkbox[1].check()
    at.button[0].click().run()
    assert "5 件の変更を取り消しました（履歴に記録）。" in [s.value for s in at.success]
    with SQLiteStore(app_store) as s:
        assert s.counts()["orgs"] == 0 and {e.user for e in s.audit(limit=5)} == {"admin1"}
