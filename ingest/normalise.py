"""Normalising what people type: organisation names, 法人番号, dates, yes/no.

Organisation names are matched on a *key*: NFKC (full/half width unified),
no spaces, Latin letters lower-cased, and every spelling of a legal form
written out in full (``㈱``, ``(株)`` → ``株式会社``; ``NPO法人``, ``(特非)`` →
``特定非営利活動法人``).  The *core* of a name is its key without the legal
form, used to match a name written without it (``日本財団`` for
``公益財団法人 日本財団``).

Examples
--------
>>> normalise_name("㈱富士通エフサス") == normalise_name("株式会社 富士通エフサス")
True
>>> core_name("公益財団法人　日本財団"), legal_form("ＮＰＯ法人 れんぷく")
('日本財団', '特定非営利活動法人')
>>> check_corporate_number("8700110005901")
True
>>> parse_date("令和6年4月1日"), parse_date("2024/4/1"), parse_date("R6.4.1")
('2024-04-01', '2024-04-01', '2024-04-01')
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache

from network.errors import InputError

__all__ = [
    "LEGAL_FORMS",
    "clean_text",
    "display_name",
    "normalise_name",
    "core_name",
    "legal_form",
    "split_legal_form",
    "clean_corporate_number",
    "check_corporate_number",
    "corporate_check_digit",
    "parse_date",
    "parse_bool",
]

#: Legal forms written out in full, longest first so that 認定特定非営利活動法人
#: is found before 特定非営利活動法人 and 一般社団法人 before 社団法人.
LEGAL_FORMS: tuple[str, ...] = tuple(
    sorted(
        {
            "株式会社",
            "有限会社",
            "合同会社",
            "合資会社",
            "合名会社",
            "特定非営利活動法人",
            "認定特定非営利活動法人",
            "一般社団法人",
            "一般財団法人",
            "公益社団法人",
            "公益財団法人",
            "社団法人",
            "財団法人",
            "社会福祉法人",
            "学校法人",
            "国立大学法人",
            "公立大学法人",
            "独立行政法人",
            "地方独立行政法人",
            "国立研究開発法人",
            "医療法人",
            "宗教法人",
            "協同組合",
            "生活協同組合",
            "特例認定特定非営利活動法人",
        },
        key=lambda s: (-len(s), s),
    )
)

# Abbreviations (after NFKC, lower-cased, spaces removed) → full legal form.
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("(株)", "株式会社"),
    ("(有)", "有限会社"),
    ("(合)", "合同会社"),
    ("(資)", "合資会社"),
    ("(名)", "合名会社"),
    ("(特非)", "特定非営利活動法人"),
    ("(npo)", "特定非営利活動法人"),
    ("(一社)", "一般社団法人"),
    ("(一財)", "一般財団法人"),
    ("(公社)", "公益社団法人"),
    ("(公財)", "公益財団法人"),
    ("(社)", "社団法人"),
    ("(財)", "財団法人"),
    ("(福)", "社会福祉法人"),
    ("(社福)", "社会福祉法人"),
    ("(学)", "学校法人"),
    ("(医)", "医療法人"),
    ("(宗)", "宗教法人"),
    ("(独)", "独立行政法人"),
    ("(生協)", "生活協同組合"),
    ("認定npo法人", "認定特定非営利活動法人"),
    ("npo法人", "特定非営利活動法人"),
)
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})


def clean_text(value: object) -> str:
    """A cell as text: ``None`` → ``""``, ``12.0`` → ``"12"``, whitespace trimmed.

    >>> clean_text(None), clean_text(3.0), clean_text("  a  ")
    ('', '3', 'a')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def display_name(name: str) -> str:
    """A name as shown: trimmed, runs of spaces (including 全角) made one space.

    >>> display_name("　株式会社　 富士通エフサス ")
    '株式会社 富士通エフサス'
    """
    return " ".join(name.split())


@lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """The matching key of an organisation name (see module docstring).

    >>> normalise_name("（株）富士通エフサス")
    '株式会社富士通エフサス'
    >>> normalise_name("NPO法人 Sendai  Net")
    '特定非営利活動法人sendainet'
    """
    s = unicodedata.normalize("NFKC", name).lower().translate(_DASHES)
    s = "".join(s.split())
    if "(" in s or "法人" in s:
        for short, full in _ABBREVIATIONS:
            if short in s:
                s = s.replace(short, full)
    return s


_FORM_RE = re.compile("^(?:(?P<pre>{0})(?P<a>.+)|(?P<b>.+?)(?P<post>{0}))$".format("|".join(LEGAL_FORMS)))


def split_legal_form(key: str) -> tuple[str, str]:
    """A normalised key as ``(legal form, the rest)``; the form in front (前株) or behind (後株).  Not cached.

    >>> split_legal_form("株式会社x"), split_legal_form("x株式会社"), split_legal_form("石巻市")
    (('株式会社', 'x'), ('株式会社', 'x'), ('', '石巻市'))
    """
    m = _FORM_RE.match(key)
    if m is None:
        return "", key
    if m["pre"]:
        return m["pre"], m["a"]
    return m["post"], m["b"]


_split_form = lru_cache(maxsize=200_000)(split_legal_form)


def core_name(name: str) -> str:
    """The key of ``name`` without its legal form.

    >>> core_name("東北大学"), core_name("国立大学法人 東北大学"), core_name("富士通エフサス㈱")
    ('東北大学', '東北大学', '富士通エフサス')
    """
    return _split_form(normalise_name(name))[1]


def legal_form(name: str) -> str:
    """The legal form in ``name`` written out in full, or ``""``.

    >>> legal_form("㈲ 佐藤商店"), legal_form("石巻市")
    ('有限会社', '')
    """
    return _split_form(normalise_name(name))[0]


# --------------------------------------------------------------------------- 法人番号
def clean_corporate_number(value: object) -> str:
    """Digits of a 法人番号 as written (NFKC, hyphens and spaces removed).

    >>> clean_corporate_number("８７００－１１０－００５９０１"), clean_corporate_number(8700110005901)
    ('8700110005901', '8700110005901')
    """
    s = unicodedata.normalize("NFKC", clean_text(value))
    return "".join(s.split()).translate(_DASHES).replace("-", "")


def corporate_check_digit(base12: str) -> int:
    """Check digit of the 12-digit base of a 法人番号.

    The National Tax Agency's formula: ``9 - (Σ Pn × Qn mod 9)`` where ``Pn`` is
    the n-th digit counted from the right of the base and ``Qn`` is 1 for odd
    ``n`` and 2 for even ``n``.

    >>> corporate_check_digit("700110005901")  # 国税庁 8700110005901
    8
    """
    total = 0
    for n, ch in enumerate(reversed(base12), start=1):
        total += int(ch) * (1 if n % 2 else 2)
    return 9 - total % 9


def check_corporate_number(number: str) -> bool:
    """True when ``number`` is 13 digits whose first digit is the check digit."""
    return (
        len(number) == 13
        and number.isascii()
        and number.isdigit()
        and int(number[0]) == corporate_check_digit(number[1:])
    )


# --------------------------------------------------------------------------- dates
_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925, "r": 2018, "h": 1988, "s": 1925}
_DATE_YMD = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_DATE_ERA = re.compile(r"(令和|平成|昭和|r|h|s)(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> str | None:
    """An ISO date string from what people and Excel write; ``None`` when empty.

    Accepts ``2024-04-01``, ``2024/4/1``, ``2024.4.1``, ``20240401``,
    ``2024年4月1日``, ``R6.4.1``, ``令和6年4月1日``, ``令和元年5月1日``,
    ``H29.4.1``, a ``datetime``/``date`` and an Excel serial number (int or
    float cell).  Raises ``ValueError`` for anything else or an impossible date.

    >>> parse_date("平成29年4月1日"), parse_date(45383), parse_date("")
    ('2017-04-01', '2024-04-01', None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2_958_466:
            raise InputError(f"not a date: {value!r}")
        return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
    s = str(value).strip()
    if not s:
        return None
    if len(s) == 10 and s[4] == "-" and s[7] == "-":  # fast path: ISO
        return date.fromisoformat(s).isoformat()
    s = unicodedata.normalize("NFKC", s).lower()
    if len(s) > 10 and s[4] == "-" and s[10] in "t ":  # 2024-04-01T00:00:00
        s = s[:10]
    s = s.replace(" ", "")
    m = _DATE_YMD.fullmatch(s) or _DATE_COMPACT.fullmatch(s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DATE_ERA.fullmatch(s)
        if not m:
            raise InputError(f"not a date: {value!r}")
        y = _ERA_BASE[m[1]] + (1 if m[2] == "元" else int(m[2]))
        mo, d = int(m[3]), int(m[4])
    return date(y, mo, d).isoformat()


_TRUE = frozenset(
    {"true", "t", "yes", "y", "1", "有", "あり", "有り", "はい", "一方向", "片方向", "directed", "有向", "○", "◯", "→"}
)
_FALSE = frozenset(
    {"false", "f", "no", "n", "0", "無", "なし", "無し", "いいえ", "双方向", "相互", "undirected", "無向", "×", "↔"}
)


def parse_bool(value: object) -> bool | None:
    """``True``/``False`` from a directed-cell, ``None`` when empty.

    >>> parse_bool("一方向"), parse_bool("双方向"), parse_bool(""), parse_bool(1)
    (True, False, None, True)
    """
    if isinstance(value, bool):
        return value
    s = unicodedata.normalize("NFKC", clean_text(value)).lower()
    if not s:
        return None
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise InputError(f"not yes/no: {value!r}")
