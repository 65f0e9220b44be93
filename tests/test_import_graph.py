"""The house points one way: ui/cli → ingest, survey, presentation, analysis → store → model.

Read from the source with :mod:`ast` (nothing is imported), so a forbidden
``import`` anywhere in a module — at the top or inside a function — fails here,
naming the module, the line and the rule it breaks (docs/architecture.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("network", "ingest", "ui", "renkei")
UI = ("ui", "renkei.ui", "streamlit", "app")

#: module prefix → the prefixes it may not import, and why.  The longest matching prefix wins.
RULES: dict[str, tuple[tuple[str, ...], str]] = {
    "network.errors": (("network", "ingest", *UI), "the errors import nothing of Renkei"),
    "network.model": (
        (
            "network.store",
            "network.analysis",
            "network.cli",
            "network.survey",
            "network.present",
            "network.accounts",
            "ingest",
            *UI,
        ),
        "the model is the bottom layer: it imports only network.errors",
    ),
    "network.arrays": (
        (
            "network.store",
            "network.analysis",
            "network.cli",
            "network.survey",
            "network.present",
            "network.accounts",
            "ingest",
            *UI,
        ),
        "the tie rules and the network as arrays sit on the model: stores and analysis both read them",
    ),
    "network.fiscal": (
        ("network.store", "network.analysis", "network.cli", "network.survey", "network.model", "ingest", *UI),
        "the date rules sit under the model: they import only network.errors",
    ),
    "network.taxonomy": (
        (
            "network.store",
            "network.analysis",
            "network.cli",
            "network.survey",
            "network.present",
            "network.arrays",
            "network.model",
            "ingest",
            *UI,
        ),
        "the sectors and tie types sit under the model: they import only network.errors",
    ),
    "network.survey.questions": (
        ("network", "ingest", *UI),
        "the questionnaire's words sit under the survey model and the stores: they import nothing of Renkei",
    ),
    "network.store": (
        (
            "network.cli",
            "network.analysis",
            "network.accounts",
            "network.history",
            "network.survey.rounds",
            "network.survey.scores",
            "network.survey.paper",
            "network.survey.letters",
            "network.hosts",
            "network.present",
            "ingest",
            *UI,
        ),
        "the store knows the model, never the commands, the analysis, the imports or the app",
    ),
    "network.analysis": (
        (
            "network.store",
            "network.cli",
            "network.survey",
            "network.present",
            "network.accounts",
            "ingest",
            *UI,
        ),
        "analysis works on graphs it is given: no store, no input, no app",
    ),
    "ingest": (
        (
            "network.cli",
            "network.analysis",
            "network.present.report",
            "network.present.map",
            "network.present.annual",
            "network.present.trend_text",
            *UI,
        ),
        "imports read files into the store: no commands, no analysis, no reports, no app"
        " (the exports' cell rules, network.present.export.csv_safe, are shared)",
    ),
    "network.present": (
        ("network.cli", "ingest", *UI),
        "presentation turns results into text, files and pictures: no commands, no imports, no app",
    ),
    "network.cli": (UI, "the command line never imports the app"),
    "network": (("network.cli", *UI), "library code never imports the command line or the app"),
    "ui": (("network.cli",), "pages call the library, not the command line"),
    "renkei.ui": (("network.cli",), "pages call the library, not the command line"),
}

#: Crossings that exist today and are being removed, each with its reason.  An entry that no longer
#: occurs fails the test too, so the list can only shrink.
KNOWN: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[0] in ("ui", "data"):  # installed as renkei.ui, renkei.data; imported under both names here
        parts.insert(0, "renkei")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{a.name}", node.lineno) for a in node.names]
    return found


def _sources() -> list[Path]:
    files = [ROOT / "app.py"]
    for pkg in PACKAGES:
        files += sorted((ROOT / pkg).rglob("*.py"))
    return [f for f in files if ".venv" not in f.parts]


def _starts(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _rule(module: str) -> tuple[str, tuple[tuple[str, ...], str]] | None:
    hits = [p for p in RULES if _starts(module, p)]
    return (max(hits, key=len), RULES[max(hits, key=len)]) if hits else None


def crossings() -> dict[tuple[str, str], str]:
    """Every forbidden import: (module, imported module) → "file:line: rule".

    ``from a.b import c`` counts as importing ``a.b`` (and ``a.b.c``, for a module ``c``).
    """
    out: dict[tuple[str, str], str] = {}
    for path in _sources():
        module = "app" if path == ROOT / "app.py" else _module_name(path)
        rule = _rule(module)
        if rule is None:
            continue
        prefix, (forbidden, why) = rule
        own = prefix if prefix != "network" else module  # a package may import itself
        for name, line in _imports(path):
            if _starts(name, own) or not any(_starts(name, f) for f in forbidden):
                continue
            key = (module, name)
            if (module, name.rsplit(".", 1)[0]) in out:  # the module already reported; not its names
                continue
            out.setdefault(key, f"{path.relative_to(ROOT)}:{line}: {why}")
    return out


def test_imports_point_one_way() -> None:
    bad = {k: v for k, v in crossings().items() if k not in KNOWN}
    assert not bad, "forbidden imports:\n" + "\n".join(
        f"  {a} imports {b} ({where})" for (a, b), where in sorted(bad.items())
    )


def test_known_crossings_still_exist() -> None:
    """An exception removed from the code must be removed from KNOWN (the list only shrinks)."""
    found = set(crossings())
    gone = [k for k in KNOWN if k not in found]
    assert not gone, f"no longer imported, delete from KNOWN: {gone}"


def test_a_forbidden_import_is_caught(tmp_path: Path) -> None:
    """The check itself: a store module importing the command line is reported."""
    rule = _rule("network.store.sqlite")
    assert rule is not None and any(_starts("network.cli.shell", f) for f in rule[1][0])
    src = tmp_path / "x.py"
    src.write_text("def f():\n    from network.cli.shell import table\n", encoding="utf-8")
    assert ("network.cli.shell", 2) in _imports(src)


COMMAND_MODULES = sorted(p for p in (ROOT / "network" / "cli").glob("*.py") if p.name != "__main__.py")


@pytest.mark.parametrize("path", COMMAND_MODULES, ids=lambda p: p.name)
def test_command_modules_have_no_import_side_effects(path: Path) -> None:
    """A command module's top level only imports, defines and names constants; no private names imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        ok = (
            isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.AnnAssign))
            or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
            or (isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets))
        )
        assert ok, f"{path.name}:{node.lineno}: statement runs at import time"
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(("network", "ingest")):
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{path.name}:{node.lineno}: imports private names {private}"


def test_analysis_takes_no_language() -> None:
    """Labels are presentation: no function of network.analysis has a ``lang`` parameter or imports the labels."""
    found = []
    for path in sorted((ROOT / "network" / "analysis").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [a.arg for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs]
                if "lang" in names:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}(lang)")
        found += [
            f"{path.relative_to(ROOT)}:{line} imports {name}"
            for name, line in _imports(path)
            if _starts(name, "network.labels") or _starts(name, "network.explain")
        ]
    assert not found, found
