"""One vocabulary (issue 13): every user-facing word lives in network/labels/, in Japanese and English.

Read from the source with :mod:`ast` (nothing is imported): a string literal holding Japanese (hiragana, katakana
or kanji) in a module of network/, ingest/ or ui/ outside network/labels/ fails here, unless the module is in
:data:`KNOWN` with its reason and its count of such literals.  Docstrings do not count (they are documentation),
nor do comments (they are not in the syntax tree).  A module whose count falls below its entry fails too, so the
list only shrinks: lower the number or delete the entry.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from network.labels import LABELS, PARTS

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("network", "ingest", "ui")
VOCABULARY = ROOT / "network" / "labels"
#: Hiragana, katakana (not the middle dot ・, a list separator) and the CJK ideographs.
JAPANESE = re.compile("[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")

#: module → (Japanese literals it holds today, why they are not in the vocabulary).
KNOWN: dict[str, tuple[int, str]] = {
    "ingest/csvfile.py": (3, "bilingual 'en / ja' messages of the CSV reader (ingest/ is h-ingest's)"),
    "ingest/houjin.py": (
        18,
        "data, not words: the kinds of the national 法人番号 files (国の機関, 株式会社 …) read from them",
    ),
    "ingest/jsonfile.py": (
        8,
        "data: the table names (団体, 連携, 参加) a JSON file may use; bilingual 'en / ja' messages (ingest/ is h-ingest's)",
    ),
    "ingest/plan.py": (3, "bilingual 'en / ja' messages of the import plan (ingest/ is h-ingest's)"),
    "ingest/stream.py": (2, "bilingual 'en / ja' messages of the streaming reader (ingest/ is h-ingest's)"),
    "ingest/tiestream.py": (1, "a bilingual 'en / ja' message of the tie spill (ingest/ is h-ingest's)"),
    "ingest/xlsxfile.py": (3, "bilingual 'en / ja' messages of the XLSX reader (ingest/ is h-ingest's)"),
    "ingest/controls.py": (2, "bilingual 'en / ja' messages of the importer (ingest/ is h-ingest's)"),
    "ingest/enrich.py": (
        22,
        "data, not words: the kinds of the national 法人番号 files (国の機関, 株式会社 …) read from them",
    ),
    "ingest/fold.py": (56, "data, not words: the variant kanji folded when names are compared (髙 → 高 …)"),
    "ingest/formats/custom.py": (3, "bilingual 'en / ja' messages of the importer (ingest/ is h-ingest's)"),
    "ingest/formats/graph.py": (1, "bilingual 'en / ja' messages of the importer (ingest/ is h-ingest's)"),
    "ingest/formats/pajek.py": (4, "bilingual 'en / ja' messages of the importer (ingest/ is h-ingest's)"),
    "ingest/formats/ucinet.py": (4, "bilingual 'en / ja' messages of the importer (ingest/ is h-ingest's)"),
    "ingest/formats/wordmap.py": (13, "data, not words: the Japanese headers of a user's word map (区分, 関係, 強さ)"),
    "ingest/forms.py": (3, "bilingual 'en / ja' messages of the form checks (ingest/ is h-ingest's)"),
    "ingest/guard.py": (2, "bilingual 'en / ja' messages of the importer (ingest/ is h-ingest's)"),
    "ingest/headers.py": (
        74,
        "data, not words: the Japanese column headers an import file may carry, matched against its input",
    ),
    "ingest/identity.py": (
        1,
        "法人番号 names the national corporate number in an English message (ingest/ is h-ingest's)",
    ),
    "ingest/importer.py": (4, "bilingual 'en / ja' messages of the importer (ingest/ is h-ingest's)"),
    "ingest/limits.py": (10, "bilingual 'en / ja' messages of the importer (ingest/ is h-ingest's)"),
    "ingest/normalise.py": (
        89,
        "data, not words: corporate-form prefixes (株式会社 …) and sector/tie words read from the input",
    ),
    "ingest/project.py": (1, "bilingual 'en / ja' messages (ingest/ is h-ingest's)"),
    "ingest/report.py": (27, "bilingual 'en / ja' lines of the import report (ingest/ is h-ingest's)"),
    "ingest/validate.py": (16, "bilingual 'en / ja' reasons of the validation report (ingest/ is h-ingest's)"),
    "ingest/workbook.py": (7, "bilingual 'en / ja' messages of the workbook reader (ingest/ is h-ingest's)"),
    "network/accounts.py": (
        7,
        "bilingual 'en / ja' error messages of sign-in and passwords (not in this task's files)",
    ),
    "network/analysis/districts.py": (
        26,
        "data, not words: the names of district councils (地域活動協議会 …) recognised in organisations' names",
    ),
    "network/cli/enrich.py": (
        4,
        "the command line's bilingual help; 法人番号 and 国税庁法人番号公表サイト name the national data",
    ),
    "network/cli/survey.py": (
        17,
        "the headers accepted for an organisation column (団体id, 団体名, 団体) are data; the survey commands' 'en / ja' messages are still to move to network/labels/cli.py, read with both(key)",
    ),
    "network/fiscal.py": (
        6,
        "data, not words: the era names (令和, 平成, 昭和) and 年度 parsed from dates the user types",
    ),
    "network/taxonomy.py": (
        133,
        "the sectors' and tie types' labels (ja, en) and the words an import accepts for them (自治会, 株式会社 …),"
        " data for Sector.parse; under the model, which may import only network.errors (h-split moved them here)",
    ),
    "network/present/export/gexf.py": (1, "the GEXF file's description, in both languages for whoever opens the file"),
    "network/present/map/picture.py": (1, "a bilingual 'en / ja' error message (no Japanese font for PNG)"),
    "network/store/accounts.py": (3, "bilingual 'en / ja' error messages (network/store is another helper's)"),
    "network/store/neo4j/survey.py": (9, "bilingual 'en / ja' error messages (network/store is another helper's)"),
    "network/store/neo4j/tx.py": (
        1,
        "法人番号 names the national corporate number in an English message (network/store is another helper's)",
    ),
    "network/store/sqlite/backup.py": (8, "bilingual 'en / ja' error messages (network/store is another helper's)"),
    "network/store/sqlite/errors.py": (8, "bilingual 'en / ja' error messages (network/store is another helper's)"),
    "network/store/sqlite/survey.py": (9, "bilingual 'en / ja' error messages (network/store is another helper's)"),
    "network/store/undo.py": (5, "bilingual 'en / ja' error messages (network/store is another helper's)"),
    "network/survey/apply.py": (
        7,
        "the audit note of an applied answer (種類なし, 強さ …), written once in Japanese (network/survey is h-split's)",
    ),
    "network/survey/letters.py": (
        25,
        "the invitation letter's printed words and Japanese date (network/survey is h-split's)",
    ),
    "network/survey/model.py": (13, "bilingual 'en / ja' messages of the answer checks (network/survey is h-split's)"),
    "network/survey/questions.py": (
        51,
        "the questionnaire's items and choices, ja and en side by side, and the words accepted on paper"
        " (network/survey is h-split's)",
    ),
    "network/survey/paper.py": (
        50,
        "data: the headers accepted when reading typed-in paper answers; and the paper questionnaire's printed words (network/survey is another helper's: h-split)",
    ),
    "network/survey/rounds.py": (8, "bilingual 'en / ja' error messages (network/survey is h-split's)"),
    "ui/pages/add.py": (2, "example placeholders of the Add form (NPO法人, 自治会 …): ui/pages is another helper's"),
    "ui/pages/survey.py": (2, "example placeholders of the Survey form (令和6年度 …): ui/pages is another helper's"),
    "ui/parts/auth.py": (1, "a bilingual 'en / ja' message (not in this task's files)"),
    "ui/parts/filters.py": (1, "年度 of a fiscal year in the filter (ui/parts/filters.py is another helper's)"),
    "ui/parts/gate.py": (2, "the host gate's page, both languages in one text (not in this task's files)"),
    "ui/parts/map_connect.py": (
        1,
        "the brand 'Renkei 連携' under a picture (ui/parts/map_connect.py is another helper's)",
    ),
    "ui/parts/survey_form.py": (1, "the questionnaire's title '連携調査 Renkei' (not in this task's files)"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def japanese_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal in ``path`` holding Japanese, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docs = _docstrings(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and JAPANESE.search(node.value)
    )


def _modules() -> dict[str, Path]:
    files = [f for pkg in PACKAGES for f in sorted((ROOT / pkg).rglob("*.py"))]
    return {str(f.relative_to(ROOT)): f for f in files if ".venv" not in f.parts and VOCABULARY not in f.parents}


@cache
def counts() -> dict[str, int]:
    """module → how many Japanese literals it holds (modules with none left out)."""
    found = {m: len(japanese_literals(p)) for m, p in _modules().items()}
    return {m: n for m, n in found.items() if n}


def test_no_japanese_words_outside_the_vocabulary() -> None:
    found = dict(counts())
    new = {m: n for m, n in found.items() if m not in KNOWN}
    grown = {m: (n, KNOWN[m][0]) for m, n in found.items() if m in KNOWN and n > KNOWN[m][0]}
    detail = {m: japanese_literals(ROOT / m)[:3] for m in new}
    assert not new, f"Japanese words outside network/labels/ (use t(key, lang)): {detail}"
    assert not grown, f"more Japanese literals than KNOWN allows (found, allowed): {grown}"


@pytest.mark.parametrize("module", sorted(KNOWN))
def test_known_entries_are_still_needed(module: str) -> None:
    allowed, _reason = KNOWN[module]
    found = counts().get(module, 0)
    assert found == allowed, f"{module} holds {found} Japanese literals, KNOWN says {allowed}: lower it (or delete it)"


def test_every_word_in_both_languages() -> None:
    empty = [k for k, (ja, en) in LABELS.items() if not (ja.strip() and en.strip())]
    assert not empty, empty


def test_no_key_given_two_words() -> None:
    seen: dict[str, tuple[str, tuple[str, str]]] = {}
    clashes = []
    for area, words in PARTS.items():
        for key, pair in words.items():
            if key in seen and seen[key][1] != pair:
                clashes.append((key, seen[key], (area, pair)))
            seen.setdefault(key, (area, pair))
    assert not clashes, clashes


def test_no_key_written_twice_in_one_table() -> None:
    """A dict literal keeps the last of two equal keys silently; in the vocabulary that hides a word."""
    twice = []
    for path in sorted(VOCABULARY.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                twice += [(path.name, k) for k in set(keys) if keys.count(k) > 1]
    assert not twice, twice


def test_the_same_placeholders_in_both_languages() -> None:
    """``t(key, lang, n=3)`` must fill the Japanese and the English text alike (the command line's aside)."""
    names = re.compile(r"\{(\w*)[^{}]*\}")
    differ = [k for k, (ja, en) in LABELS.items() if set(names.findall(ja)) != set(names.findall(en))]
    # the command line prints both at once (network.labels.both): a value in the English is not repeated
    beside = {k for k, (ja, en) in PARTS["cli"].items() if set(names.findall(ja)) <= set(names.findall(en))}
    assert not set(differ) - beside, sorted(set(differ) - beside)


def test_the_measures_have_one_name() -> None:
    """The degree was 次数 on the map and in the app, 連携数 in the report: one word now, the measure's."""
    from network.explain import LABELS as MEASURES
    from network.present.map.style import map_text
    from network.present.report_labels import lab

    for key in ("degree", "betweenness", "brokerage", "constraint", "community", "density"):
        for lang in ("ja", "en"):
            word = MEASURES[key][lang]
            assert word == LABELS[key][0 if lang == "ja" else 1] == map_text(key, lang) == lab(key, lang), key
    assert MEASURES["degree"]["ja"] == "連携数"
