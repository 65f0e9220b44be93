"""Sign-in for the app: who is signed in, and gates in front of every write.

A write page starts with two lines::

    from renkei.ui.parts.auth import require_role, user_name
    if require_role("editor"):        # shows the sign-in form when needed
        ...  store.write(..., user=user_name())

and a page that only shows data with ``if require_view(): ...`` (it lets anybody
in when the administrator set ``RENKEI_PUBLIC_VIEW=1``).  The signed-in account
is kept in ``st.session_state`` (on the server, never in the browser) and checked
against the accounts again on every gate, so removing a user or lowering a role
takes effect at once.  Failed sign-ins are rate-limited by
:class:`network.accounts.UserStore`.

For AppTest: ``at.session_state["renkei_user"] = {"name": "sato", "role": "editor"}``
signs a test session in (an account of that name must exist in the store).
"""

from __future__ import annotations

import os

import streamlit as st
from renkei.ui.parts.common import md

from network.accounts import Account, UserStore, has_role, users_for
from network.errors import AuthError, RenkeiError
from network.labels import t
from network.store import default_store_url

__all__ = [
    "SESSION_KEY",
    "LOCAL",
    "local_mode",
    "public_view_allowed",
    "current_user",
    "user_name",
    "sign_in",
    "sign_out",
    "require_role",
    "require_view",
    "user_box",
    "label",
]

SESSION_KEY = "renkei_user"


def label(key: str, **fmt: object) -> str:
    """A label of this module in the language chosen in the sidebar (Japanese by default)."""
    return t("auth_" + key, "en" if st.session_state.get("lang") == "en" else "ja", **fmt)


def _role(role: str) -> str:
    """A role's name in the chosen language (閲覧者 / viewer …)."""
    return t("role_" + role, "en" if st.session_state.get("lang") == "en" else "ja")


def public_view_allowed() -> bool:
    """True when the administrator lets anybody explore without signing in (``RENKEI_PUBLIC_VIEW=1``)."""
    return os.environ.get("RENKEI_PUBLIC_VIEW", "").strip().lower() in ("1", "true", "yes", "on")


def _users() -> UserStore:
    return users_for(default_store_url())


#: The account used while no account exists at all (local mode, see :func:`local_mode`).
LOCAL = Account("local", "admin")


def local_mode() -> bool:
    """True while the store has no accounts: one person on their own machine.

    ``renkei demo && renkei serve`` must give a usable app on a fresh machine, so
    until an administrator creates the first account (``renkei user add NAME
    --role admin``) every session acts as ``local`` (admin) and every page says
    so.  ``renkei serve`` refuses to listen beyond this machine in local mode.
    Once one account exists, sign-in is required as usual.
    """
    try:
        with _users() as users:
            return users.count() == 0
    except RenkeiError:
        return False


def current_user() -> Account | None:
    """The signed-in account, checked against the stored accounts (``None`` when signed out)."""
    raw = st.session_state.get(SESSION_KEY)
    if not raw or not isinstance(raw, dict) or not raw.get("name"):
        return LOCAL if local_mode() else None
    try:
        with _users() as users:
            acc = users.get(str(raw["name"]))
    except RenkeiError:
        return None
    if acc is None:
        sign_out()
        return None
    if acc.role != raw.get("role"):
        st.session_state[SESSION_KEY] = {"name": acc.name, "role": acc.role}
    return acc


def user_name() -> str:
    """Name to record with a write; ``AuthError`` when nobody is signed in."""
    acc = current_user()
    if acc is None:
        raise AuthError("sign in first / サインインしてください")
    return acc.name


def _client_address() -> str:
    """The address the sign-in comes from: failures are also counted per address.

    Streamlit gives ``None`` for this machine (``localhost``), which is then one
    address, ``"localhost"`` (as is everyone behind a reverse proxy on this machine).
    """
    try:
        return st.context.ip_address or "localhost"
    except Exception:  # noqa: BLE001 - outside a browser session
        return "localhost"


def sign_in(name: str, password: str) -> Account:
    """Check a password and remember the account in this session; ``AuthError`` when refused."""
    with _users() as users:
        acc = users.authenticate(name, password, source=_client_address())
    st.session_state[SESSION_KEY] = {"name": acc.name, "role": acc.role}
    return acc


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)


def _form(role: str, key: str) -> None:
    st.info(label("needs", role=_role(role)))
    try:
        with _users() as users:
            if users.count() == 0:
                st.warning(label("no_accounts"))
                return
    except RenkeiError as exc:
        st.error(md(exc))
        return
    with st.form(f"{key}_form", clear_on_submit=True):  # the password does not stay in the form
        name = st.text_input(label("user"), key=f"{key}_name", max_chars=64)
        password = st.text_input(label("password"), type="password", key=f"{key}_password", max_chars=1024)
        submitted = st.form_submit_button(label("sign_in"))
    if submitted:
        try:
            acc = sign_in(name, password)
        except AuthError as exc:
            st.error(md(exc))
            return
        st.success(label("welcome", name=md(acc.name)))
        st.rerun()


def require_role(role: str = "editor", *, key: str = "signin") -> bool:
    """True when the signed-in user has ``role``; otherwise show why (and a sign-in form) and return False."""
    acc = current_user()
    if acc is not None and has_role(acc.role, role):
        return True
    if acc is not None:
        st.warning(label("too_low", name=md(acc.name), have=_role(acc.role), role=_role(role)))
        return False
    _form(role, key)
    return False


def require_view(*, key: str = "signin") -> bool:
    """True when this session may explore: public viewing on, or a signed-in viewer or better."""
    return public_view_allowed() or require_role("viewer", key=key)


def user_box() -> None:
    """Sidebar line: who is signed in, with a sign-out button."""
    acc = current_user()
    if acc is None:
        return
    if acc is LOCAL:
        st.sidebar.warning(label("local_mode"))
        return
    st.sidebar.caption(label("signed_in", name=md(acc.name), role=_role(acc.role)))
    if st.sidebar.button(label("sign_out"), key="renkei_sign_out"):
        sign_out()
        st.rerun()
