"""Folding Japanese organisation names that people type differently, for "did you mean".

:func:`ingest.normalise.normalise_name` gives the key names are *matched* on
(width, spaces, ``㈱`` → ``株式会社``).  :func:`fold` goes further, to the key
names are *compared* on when looking for possible duplicates; two names with
one folded key are suggested as the same organisation, never merged (only an
id, a 法人番号 or the user does that).  On top of the normalised key it folds

- hiragana to katakana (``みやぎ`` = ``ミヤギ``), with jaconv's table (:func:`jaconv.hira2kata`);
- ``ヶ``/``ケ``/``ヵ``/``カ``/``が`` between two kanji (``霞ヶ関`` = ``霞ケ関`` = ``霞が関``),
  and a small ``ヶ``/``ヵ`` elsewhere to ``ケ``/``カ``;
- 旧字体 to 新字体 (``德`` → ``徳``, ``澤`` → ``沢``, ``邊`` → ``辺``: the 464 pairs of the
  常用/人名用 lists shipped by :mod:`kyujipy`), and the common 異体字 that are not 旧字体
  (``髙`` → ``高``, ``﨑``/``嵜`` → ``崎``, ``邉`` → ``辺`` …: :data:`ITAIJI`);
- long-vowel and dash variants after katakana (``センター`` = ``センタ－`` = ``センタ―`` =
  ``センタ``: a dash becomes ``ー``, and a long vowel ending a katakana word is dropped,
  as JIS Z 8301 writes ``コンピュータ``); the middle dot ``・`` is dropped;
- the place of the legal form (前株/後株: ``株式会社X`` = ``X株式会社``), and
  ``認定``/``特例認定`` NPO法人 to 特定非営利活動法人 (the same corporation, with or without
  the certification).

:func:`fold_core` is the folded name without its legal form (``X`` for both).

Examples
--------
>>> fold("みやぎ連携復興センター") == fold("ミヤギ連携復興センタ－")
True
>>> fold("髙橋商店株式会社"), fold("株式会社 高橋商店")
('株式会社高橋商店', '株式会社高橋商店')
>>> fold_core("(株)髙﨑ストアー")
'高崎ストア'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.normalise import normalise_name, split_legal_form

__all__ = ["fold", "fold_core", "fold_form", "fold_parts", "fold_text", "ITAIJI", "FORM_FOLDS", "similar_keys"]

#: 異体字 that are not 旧字体 (so not in kyujipy's lists) and that people write in names: variant → usual.
ITAIJI: dict[str, str] = {
    "髙": "高",
    "﨑": "崎",
    "嵜": "崎",
    "邉": "辺",
    "𠮷": "吉",
    "冨": "富",
    "濵": "浜",
    "栁": "柳",
    "曻": "昇",
    "桒": "桑",
    "舘": "館",
    "靍": "鶴",
    "靏": "鶴",
    "槗": "橋",
    "﨔": "欅",
    "德": "徳",
    "齋": "斎",
    "齊": "斉",
    "邊": "辺",
}

#: Legal forms folded onto another (a certified NPO is still a 特定非営利活動法人).
FORM_FOLDS: dict[str, str] = {
    "認定特定非営利活動法人": "特定非営利活動法人",
    "特例認定特定非営利活動法人": "特定非営利活動法人",
}

_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々"
_KATA = "\u30a1-\u30fa"  # ァ … ヺ
_CONNECTOR = re.compile(f"(?<=[{_KANJI}])[ヶヵケカガ](?=[{_KANJI}])")
_LONE_KE = re.compile(f"ヶ(?![{_KANJI}])|(?<![{_KANJI}])ヶ")
_DASH_AFTER_KANA = re.compile(f"(?<=[{_KATA}ー])[-~]")
_FINAL_LONG = re.compile(f"(?<=[{_KATA}])ー+(?![{_KATA}])")
_LONG_RUN = re.compile("ー{2,}")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One ``str.translate`` table: jaconv's hiragana → katakana, kyujipy's 旧字体 → 新字体 (parsed once,
    ~0.3 s) and :data:`ITAIJI` — one pass over the text instead of three."""
    from jaconv.jaconv import H2K_TABLE  # the table jaconv.hira2kata translates with
    from kyujipy import BasicConverter

    table = {ord(k): v for k, v in BasicConverter().kyujitai_to_shinjitai_database.items() if len(k) == 1}
    table.update({ord(k): v for k, v in ITAIJI.items() if k != v})
    table.update({k if isinstance(k, int) else ord(k): v for k, v in H2K_TABLE.items()})
    return table


def fold_text(key: str) -> str:
    """Fold kana, ヶ, 異体字, long vowels and dashes of a normalised key (no legal-form handling).

    >>> fold_text("霞が関"), fold_text("一ヵ月"), fold_text("コンピューター"), fold_text("ボランティア・センター")
    ('霞ヶ関', '一ヶ月', 'コンピュータ', 'ボランティアセンタ')
    """
    s = key.translate(_table())
    s = _CONNECTOR.sub("ヶ", s)
    if "ヶ" in s or "ヵ" in s or "・" in s:
        s = _LONE_KE.sub("ケ", s).replace("ヵ", "カ").replace("・", "")  # ヶ between kanji stays
    if "-" in s or "~" in s:
        s = _DASH_AFTER_KANA.sub("ー", s)
    if "ー" in s:
        s = _FINAL_LONG.sub("", _LONG_RUN.sub("ー", s))
    return s


@lru_cache(maxsize=200_000)
def _fold(name: str) -> tuple[str, str]:
    form, core = split_legal_form(fold_text(normalise_name(name)))
    return FORM_FOLDS.get(form, form), core


def fold_parts(name: str) -> tuple[str, str]:
    """``(folded legal form, folded core)`` without filling any cache: for streaming millions of names
    that are each seen once (:mod:`ingest.enrich`), where the caches would hold 200,000 of them each.

    >>> fold_parts("高橋商店株式会社"), fold_parts("髙橋商店")
    (('株式会社', '高橋商店'), ('', '高橋商店'))
    """
    form, core = split_legal_form(fold_text(normalise_name.__wrapped__(name)))
    return FORM_FOLDS.get(form, form), core


def fold(name: str) -> str:
    """The folded key of an organisation name: its legal form (if any) first, then the folded rest.

    >>> fold("X株式会社") == fold("株式会社X") == fold("㈱Ｘ")
    True
    >>> fold("認定NPO法人 せんだい") == fold("特定非営利活動法人センダイ")
    True
    >>> fold("一般社団法人X") == fold("公益社団法人X")  # two legal forms, two entities
    False
    """
    form, core = _fold(name)
    return form + core


def fold_core(name: str) -> str:
    """The folded key without the legal form (``X`` for ``株式会社X`` and ``X``).

    >>> fold_core("德島ボランティアセンター"), fold_core("徳島ボランティアセンタ")
    ('徳島ボランティアセンタ', '徳島ボランティアセンタ')
    """
    return _fold(name)[1]


def fold_form(name: str) -> str:
    """The folded legal form of a name, ``""`` when it has none.

    >>> fold_form("認定NPO法人 せんだい"), fold_form("石巻市")
    ('特定非営利活動法人', '')
    """
    return _fold(name)[0]


def similar_keys(key: str, keys: list[str], *, limit: int = 5, cutoff: float = 60.0) -> list[str]:
    """The folded keys in ``keys`` most like ``key`` (rapidfuzz's normalised Indel ratio, 0–100).

    Fast on large stores (C++, no Python loop over ``keys``); ``cutoff`` is the lowest score kept.

    >>> similar_keys(fold("みやぎ連携復興センタ"), [fold("みやぎ連携復興センター"), fold("石巻市")])
    ['ミヤギ連携復興センタ']
    """
    from rapidfuzz import fuzz, process

    hits = process.extract(key, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    return [k for k, _, _ in hits]
