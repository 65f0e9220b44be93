"""Personal link tokens: random, at least 128 bits, stored only as a SHA-256 hash.

A token is made by :func:`new_token` (``secrets.token_urlsafe(32)``: 256 bits),
printed once in a link or letter, and never stored or logged; the store keeps
``token_hash(token)``.  :func:`matches` compares hashes in constant time
(``hmac.compare_digest``).

>>> t = new_token()
>>> len(t) >= 43 and matches(t, token_hash(t)) and not matches(t + "x", token_hash(t))
True
>>> looks_like_token("../../etc"), looks_like_token(t)
(False, True)
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

__all__ = ["new_token", "token_hash", "matches", "looks_like_token", "TOKEN_BYTES"]

#: Random bytes per token (256 bits; the issue asks for at least 128).
TOKEN_BYTES = 32
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{22,128}$")


def new_token() -> str:
    """A fresh URL-safe token of :data:`TOKEN_BYTES` random bytes."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The SHA-256 hex digest kept in the store in place of the token."""
    return hashlib.sha256(str(token).encode("utf-8")).hexdigest()


def matches(token: str, stored_hash: str | None) -> bool:
    """True when ``token`` hashes to ``stored_hash`` (constant-time comparison)."""
    if not stored_hash:
        return False
    return hmac.compare_digest(token_hash(token).encode("ascii"), str(stored_hash).encode("ascii"))


def looks_like_token(text: object) -> bool:
    """True for a string shaped like a token (checked before any look-up)."""
    return isinstance(text, str) and bool(_SHAPE.match(text))
