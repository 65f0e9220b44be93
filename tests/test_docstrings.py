"""Numpydoc sections on the public analysis functions (issue 13), as NetworkX writes them.

For every module of :mod:`network.analysis`, every function named in its ``__all__`` (and
defined there: a re-export is documented where it is defined) has a docstring with

* ``Parameters`` naming each parameter of its signature as ``name : type`` (when it takes any),
* ``Returns``,
* ``Examples`` with at least one doctest (pytest runs them with ``--doctest-modules``),

and a measure from the literature (:data:`LITERATURE`) has ``References`` naming its authors.

:data:`TO_DO` lists the modules being rewritten elsewhere; they are skipped while incomplete, and
an entry that has become complete fails, so the list only shrinks.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import network.analysis

#: Modules whose docstrings are not written yet (another helper is rewriting them): skipped.
TO_DO: dict[str, str] = {}

#: Measures from the literature: (module, function) → surnames its References must name.
LITERATURE = {
    # brokers, centrality, introductions
    ("network.analysis.brokers", "betweenness"): ("Freeman", "Brandes"),
    ("network.analysis.brokers", "constraint"): ("Burt",),
    ("network.analysis.brokers", "effective_size"): ("Burt",),
    ("network.analysis.brokerage", "brokerage_roles"): ("Gould", "Fernandez"),
    ("network.analysis.brokerage", "brokerage_arrays"): ("Gould", "Fernandez"),
    ("network.analysis.brokers", "cut_points"): ("Hopcroft", "Tarjan"),
    ("network.analysis.centrality", "closeness"): ("Marchiori", "Latora"),
    ("network.analysis.centrality", "centralization"): ("Freeman",),
    ("network.analysis.introductions", "suggest_introductions"): ("Adamic", "Adar"),
    # gaps: density blockmodel, E–I index, Louvain communities
    ("network.analysis.gaps", "sector_mixing"): ("White", "Wasserman"),
    ("network.analysis.gaps", "sector_gaps"): ("Wasserman",),
    ("network.analysis.gaps", "ei_index"): ("Krackhardt", "Stern"),
    ("network.analysis.community", "communities"): ("Blondel",),
    # cut points and bridges (articulation points), bus factor
    ("network.analysis.fragility", "fragility"): ("Hopcroft", "Tarjan"),
    # pair dependency (Brandes)
    ("network.analysis.dependence", "centre_dependence"): ("Brandes",),
    ("network.analysis.dependence", "dependence_by_year"): ("Brandes",),
    ("network.analysis.paths", "connectors"): ("Brandes",),
    # betweenness and articulation points over time / after removal
    ("network.analysis.change", "brokers_of"): ("Freeman", "Hopcroft"),
    ("network.analysis.change", "compare"): ("Freeman", "Hopcroft"),
    ("network.analysis.whatif", "network_summary"): ("Freeman", "Hopcroft"),
    ("network.analysis.whatif", "what_if"): ("Freeman", "Hopcroft"),
    ("network.analysis.trend", "year_measures"): ("Freeman", "Hopcroft"),
    ("network.analysis.trend", "trend"): ("Freeman", "Hopcroft"),
    # brokerage counts (Gould–Fernandez) ranked for the map
    ("network.analysis.selection", "top_brokers"): ("Gould", "Fernandez"),
}

MODULES = sorted(f"network.analysis.{m.name}" for m in pkgutil.iter_modules(network.analysis.__path__))

_HEADER = re.compile(r"^(\w[\w ]*)\n(-+)$", re.M)


def sections(doc: str) -> dict[str, str]:
    """The numpydoc sections of a docstring: header → body (the underline as long as the header).

    >>> sections("Sum.\\n\\nParameters\\n----------\\nx : int\\n    A number.\\n")
    {'Parameters': 'x : int\\n    A number.'}
    """
    doc = inspect.cleandoc(doc)
    heads = [m for m in _HEADER.finditer(doc) if len(m.group(2)) == len(m.group(1))]
    out = {}
    for m, nxt in zip(heads, [*heads[1:], None]):
        out[m.group(1)] = doc[m.end() : nxt.start() if nxt else len(doc)].strip("\n")
    return out


def documented_parameters(body: str) -> set[str]:
    """Names on the ``name : type`` lines of a Parameters section (``a, b : int`` names two).

    >>> sorted(documented_parameters("a, b : int\\n    Two.\\nc : str, optional\\n    One."))
    ['a', 'b', 'c']
    """
    names: set[str] = set()
    for line in body.splitlines():
        m = re.match(r"^(\*{0,2}\w+(?:, \*{0,2}\w+)*) : \S", line)
        if m:
            names |= {n.strip().lstrip("*") for n in m.group(1).split(",")}
    return names


def public_functions(modname: str) -> dict:
    mod = importlib.import_module(modname)
    out = {}
    for name in getattr(mod, "__all__", []):
        obj = getattr(mod, name)
        if inspect.isfunction(obj) and obj.__module__ == modname:
            out[name] = obj
    return out


def problems(modname: str) -> list[str]:
    """Everything missing from the docstrings of one module's public functions."""
    found = []
    funcs = public_functions(modname)
    for (mod, fname), _ in LITERATURE.items():
        if mod == modname and fname not in funcs:
            found.append(f"{fname}: listed in LITERATURE but not a public function of {modname}")
    for name, f in funcs.items():
        doc = f.__doc__
        if not doc:
            found.append(f"{name}: no docstring")
            continue
        sec = sections(doc)
        params = [p for p in inspect.signature(f).parameters if p not in ("self", "cls")]
        if params:
            if "Parameters" not in sec:
                found.append(f"{name}: no Parameters section")
            else:
                missing = set(params) - documented_parameters(sec["Parameters"])
                if missing:
                    found.append(f"{name}: Parameters does not name {sorted(missing)}")
        if "Returns" not in sec:
            found.append(f"{name}: no Returns section")
        if ">>> " not in sec.get("Examples", ""):
            found.append(f"{name}: no Examples section with a doctest")
        authors = LITERATURE.get((modname, name))
        if authors:
            refs = sec.get("References", "")
            if not refs:
                found.append(f"{name}: no References section")
            else:
                absent = [a for a in authors if a not in refs]
                if absent:
                    found.append(f"{name}: References do not cite {absent}")
    return found


def test_to_do_names_real_modules():
    assert set(TO_DO) <= set(MODULES)
    assert {m for m, _ in LITERATURE} <= set(MODULES)


def test_the_checker_sees_a_missing_section():
    def f(G, *, top=3):
        """Something.

        Parameters
        ----------
        G : Graph
            The view.

        Returns
        -------
        int
        """

    sec = sections(f.__doc__)
    assert sorted(sec) == ["Parameters", "Returns"]
    assert documented_parameters(sec["Parameters"]) == {"G"}


def verdict(modname: str, to_do: dict[str, str]) -> tuple[str, str]:
    """``("pass" | "skip" | "fail", message)`` for one module, given the TO_DO list."""
    found = problems(modname)
    if modname in to_do:
        if not found:
            return "fail", f"{modname} is complete now: remove it from TO_DO"
        return "skip", f"{modname} in TO_DO ({to_do[modname]}): {len(found)} gaps"
    return ("fail", "\n".join(found)) if found else ("pass", "")


def test_a_complete_module_left_in_to_do_fails():
    complete = "network.analysis.years"
    assert complete not in TO_DO
    assert verdict(complete, {complete: "done elsewhere"}) == (
        "fail",
        f"{complete} is complete now: remove it from TO_DO",
    )
    assert verdict(complete, {}) == ("pass", "")


@pytest.mark.parametrize("modname", MODULES)
def test_public_functions_have_numpydoc_sections(modname):
    outcome, message = verdict(modname, TO_DO)
    if outcome == "skip":
        pytest.skip(message)
    assert outcome == "pass", message
