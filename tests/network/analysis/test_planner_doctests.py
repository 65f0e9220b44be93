"""The doctests of the planner's modules run with the suite (the examples in the docstrings are tests)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["network.analysis.years", "network.analysis.trend", "network.analysis.dependence",
           "network.analysis.districts", "network.analysis.funding", "network.analysis.whatif",
           "network.annual", "network.report_labels", "network.pdf_charts"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0, result
