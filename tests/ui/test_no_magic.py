"""No page hands Streamlit's "magic" a bare expression to draw (issue 10, item 2: a bare conditional
expression wrote a DeltaGenerator's docstring onto the Changes page).

Magic writes the value of every expression statement except a call (and a docstring), so a call
such as ``st.dataframe(...)`` is fine and anything else — ``a if c else b``, a name, a comparison —
is refused here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "ui").rglob("*.py")) + [ROOT / "app.py"]
ALLOWED = (ast.Call, ast.Constant, ast.Await, ast.Yield, ast.YieldFrom)


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_no_bare_expression_for_magic(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = [
        f"{path.name}:{n.lineno} {type(n.value).__name__}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Expr) and not isinstance(n.value, ALLOWED)
    ]
    assert bare == []
