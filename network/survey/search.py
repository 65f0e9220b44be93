"""Finding a partner on a round's list as people type it: kana and legal-form variants match.

The key of a name is :func:`ingest.normalise.normalise_name` (NFKC, so half-width
kana and full-width letters are unified; spaces dropped; ㈱/(株)/株式会社 and NPO法人/
特定非営利活動法人 written one way) with katakana folded to hiragana.  A query
matches a name when its key, or its key without the legal form, is part of the
name's key.

>>> names = [("a", "特定非営利活動法人 いしのまきネット"), ("b", "株式会社 東北工房"), ("c", "石巻市")]
>>> [i for i, _ in find(names, "イシノマキ")], [i for i, _ in find(names, "(株)東北")]
(['a'], ['b'])
>>> [i for i, _ in find(names, "ＮＰＯ法人いしのまき")], len(find(names, ""))
(['a'], 3)
"""

from __future__ import annotations

from ingest.normalise import core_name, normalise_name

__all__ = ["search_key", "find"]

_KATA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}


def search_key(text: str) -> str:
    """The matching key of ``text`` (see module docstring)."""
    return normalise_name(str(text or "")).translate(_KATA)


def find(names: list[tuple[str, str]], query: str, *, limit: int | None = None) -> list[tuple[str, str]]:
    """The ``(id, name)`` pairs whose name matches ``query`` (all when the query is empty), in list order."""
    q = search_key(query)
    if not q:
        return names[:limit] if limit else list(names)
    core = core_name(str(query)).translate(_KATA)
    out = [(i, n) for i, n in names if q in search_key(n) or (core and core in search_key(n))]
    return out[:limit] if limit else out
