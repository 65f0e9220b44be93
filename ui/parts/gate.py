"""The first gate of every page: the Host header, then (local mode) the start token.

:func:`require_host` refuses a page requested under a name the app does not know
(DNS rebinding, see :mod:`network.hosts`): the headers are those of the
browser's WebSocket request (``st.context.headers``).  :func:`require_start_token`
asks, in local mode, for the token that ``renkei serve`` printed with the URL
(as Jupyter does): it is checked once per session and kept in
``st.session_state``; the browser then keeps a cookie derived from it, so a
reload or a new tab of the same browser needs no token until the server
restarts.  ``app.py`` runs :func:`require_host` before anything else, and
:func:`require_start_token` after the survey route (a personal survey link,
``/survey?token=…``, is its own token and opens only its questionnaire).
"""

from __future__ import annotations

import json
import os

import streamlit as st
from renkei.ui.parts.common import md

from network.hosts import (
    ENV_TOKEN,
    allowed_hosts,
    configured_hosts,
    cookie_value,
    host_allowed,
    token_matches,
)

__all__ = ["require_host", "require_start_token", "COOKIE", "TOKEN_KEY"]

COOKIE = "renkei_start"
TOKEN_KEY = "renkei_start_token_ok"

_HOST_REFUSED = (
    "このアドレス（{host}）ではアプリを開けません。起動したときのアドレス"
    "（例 http://127.0.0.1:8501/）で開いてください。別の名前で使う場合は、管理者が "
    "`RENKEI_ALLOWED_HOSTS` にその名前を加えます。\n\n"
    "This app does not answer under the name {host}. Open it at the address it was started on "
    "(e.g. http://127.0.0.1:8501/); to use another name, an administrator adds it to "
    "`RENKEI_ALLOWED_HOSTS`."
)
_TOKEN_NEEDED = (
    "`renkei serve` が表示した URL（`?token=…` 付き）で開いてください。"
    "この端末の人だけが使えるように、起動ごとに新しいトークンが作られます。\n\n"
    "Open the URL that `renkei serve` printed (the one with `?token=…`). A new token is made at "
    "each start, so that only people on this machine can use the app."
)


def _names() -> tuple[list[str], str]:
    address = str(st.get_option("server.address") or "")
    extra = configured_hosts() + [str(h) for h in (st.get_option("server.allowedHosts") or [])]
    return allowed_hosts(address, extra), address


def require_host() -> bool:
    """True when the page was requested under a known host name; otherwise say why and return False."""
    host = st.context.headers.get("Host")
    allowed, address = _names()
    if host_allowed(host, allowed, address):
        return True
    st.error(_HOST_REFUSED.format(host=md(host)))
    return False


def _set_cookie(value: str) -> None:
    """Keep ``value`` in a session cookie of this app's origin (an invisible frame of the same origin)."""
    script = (
        f"<script>document.cookie = {json.dumps(COOKIE)} + '=' + {json.dumps(value)} + "
        "'; path=/; SameSite=Strict';</script>"
    )
    st.iframe(script, height=1)


def require_start_token() -> bool:
    """In local mode under ``renkei serve``: True once this session showed the start token."""
    token = os.environ.get(ENV_TOKEN, "")
    if not token or st.session_state.get(TOKEN_KEY):
        return True
    from renkei.ui.parts.auth import local_mode

    if not local_mode():
        return True  # accounts exist: sign-in protects the pages
    given = st.query_params.get("token")
    if token_matches(given, token):
        st.session_state[TOKEN_KEY] = True
        del st.query_params["token"]  # out of the address bar, the history and screenshots
        _set_cookie(cookie_value(token))
        return True
    if token_matches(st.context.cookies.get(COOKIE), cookie_value(token)):
        st.session_state[TOKEN_KEY] = True
        return True
    st.warning(_TOKEN_NEEDED)
    return False
