"""Which ``Host`` headers the app answers (a guard against DNS rebinding), and the start token.

A page on ``http://evil.example:8501/`` whose name is made to resolve to
127.0.0.1 reaches an app that listens only on this machine, and the browser
treats it as evil.example's own page: without a check, that website could read
and edit everything (in local mode everybody is admin).  The browser always
sends the name it used in the ``Host`` header, and a website cannot change it,
so the app answers only names it knows — the design of Jupyter's
``check_host`` (``ServerApp.allow_remote_access``, ``local_hostnames``):

* bound to a loopback address (the default ``127.0.0.1``): loopback IP
  addresses (``127.0.0.1``, ``[::1]``…) and ``localhost``;
* bound beyond this machine (``0.0.0.0``, a LAN address, or no address: then
  Streamlit listens on every interface): any IP address
  (a literal address involves no name lookup, so it cannot be rebound), the
  address given to ``--address``, and this machine's host names;
* always, the names an administrator lists in ``RENKEI_ALLOWED_HOSTS``
  (comma-separated; ``*.example.org`` allows its sub-domains), e.g. the name of
  a reverse proxy.

A request without a ``Host`` header does not come from a browser (HTTP/1.1
requires it), so it cannot be a rebinding attack; it is allowed (the headless
test harness sends none).

Examples
--------
>>> allowed = allowed_hosts("127.0.0.1", "renkei.example.org")
>>> [host_allowed(h, allowed, "127.0.0.1") for h in ("127.0.0.1:8501", "localhost", "[::1]:8501",
...                                                   "renkei.example.org", "evil.example:8501")]
[True, True, True, True, False]
>>> host_allowed("192.168.1.5:8501", allowed_hosts("0.0.0.0"), "0.0.0.0")
True
>>> host_allowed("evil.example", allowed_hosts("0.0.0.0"), "0.0.0.0")
False
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

__all__ = [
    "LOCAL_NAMES",
    "ENV_HOSTS",
    "ENV_TOKEN",
    "allowed_hosts",
    "is_loopback_address",
    "host_name",
    "host_allowed",
    "configured_hosts",
    "token_matches",
    "cookie_value",
]

#: Host names that are this machine wherever the app listens (Jupyter's ``local_hostnames``).
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
#: Names an administrator adds (comma-separated).
ENV_HOSTS = "RENKEI_ALLOWED_HOSTS"
#: The token ``renkei serve`` makes at each start and passes to the app.
ENV_TOKEN = "RENKEI_START_TOKEN"
_ANY = ("", "0.0.0.0", "::", "[::]")


def configured_hosts(value: str | None = None) -> list[str]:
    """The names in ``RENKEI_ALLOWED_HOSTS`` (or ``value``), lower-case, without ports.

    >>> configured_hosts(" Renkei.Example.org, *.lan ,,")
    ['renkei.example.org', '*.lan']
    """
    raw = os.environ.get(ENV_HOSTS, "") if value is None else value
    return [n for n in (_bare(p) for p in raw.split(",")) if n]


def _bare(name: str) -> str:
    name = name.strip().lower().rstrip(".")
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    return name


def is_loopback_address(address: str | None) -> bool:
    """True for an address or name that only this machine can reach.

    >>> is_loopback_address("127.0.0.1"), is_loopback_address("localhost"), is_loopback_address("0.0.0.0")
    (True, True, False)
    """
    name = _bare(address or "")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def allowed_hosts(address: str | None = None, extra: str | Iterable[str] | None = None) -> list[str]:
    """The host names the app answers when it listens on ``address`` (``extra``: admin's names).

    ``extra`` defaults to ``RENKEI_ALLOWED_HOSTS``.  IP addresses are not listed
    for a server bound beyond loopback: :func:`host_allowed` accepts any literal
    address there.
    """
    names = list(LOCAL_NAMES)
    bind = _bare(address or "")
    if bind not in _ANY and bind not in names:
        names.append(bind)
    if not is_loopback_address(address):  # also no address: Streamlit then listens on every interface
        for name in (socket.gethostname(), socket.getfqdn()):
            if _bare(name) and _bare(name) not in names:
                names.append(_bare(name))
    more = configured_hosts(extra) if isinstance(extra, str) or extra is None else [_bare(n) for n in extra]
    names += [n for n in more if n and n not in names]
    return names


def host_name(header: str) -> str | None:
    """The name in a ``Host`` header (``[::1]:8501`` → ``::1``); ``None`` when malformed.

    >>> host_name("LOCALHOST.:8501"), host_name("[::1]:8501"), host_name("a@evil.example"), host_name("x:99999")
    ('localhost', '::1', None, None)
    """
    try:
        parts = urlsplit(f"//{header.strip()}")
        _ = parts.port  # validates a port
    except ValueError:
        return None
    if (
        not parts.hostname
        or parts.username is not None
        or parts.password is not None
        or parts.path
        or parts.query
        or parts.fragment
    ):
        return None
    return _bare(parts.hostname)


def host_allowed(header: str | None, allowed: Iterable[str], address: str | None = None) -> bool:
    """True when a request with this ``Host`` header may be answered (see the module notes)."""
    if header is None or not header.strip():
        return True  # no browser sends a request without Host
    name = host_name(header)
    if name is None:
        return False
    try:
        ip = ipaddress.ip_address(name)
    except ValueError:
        ip = None
    if ip is not None and (ip.is_loopback or not is_loopback_address(address)):
        return True
    for pattern in allowed:
        p = _bare(pattern)
        if p == "*" or p == name or (p.startswith("*.") and name.endswith(p[1:])):
            return True
    return False


def token_matches(given: object, token: str) -> bool:
    """Constant-time comparison of a presented token with the start token (never true for an empty one).

    >>> token_matches("abc", "abc"), token_matches("abd", "abc"), token_matches("", ""), token_matches(None, "a")
    (True, False, False, False)
    """
    return bool(token) and isinstance(given, str) and hmac.compare_digest(given.encode(), token.encode())


def cookie_value(token: str) -> str:
    """What the browser keeps after the token was shown once (derived: the token itself is not stored).

    >>> len(cookie_value("abc")), cookie_value("abc") == cookie_value("abd")
    (64, False)
    """
    return hmac.new(token.encode(), b"renkei start-token cookie", hashlib.sha256).hexdigest()
