"""``load_arrays()``: the stored network as columns and edge arrays, equal to ``load_graph()``.

Source of the expected values: ``load_graph()`` of the same SQLite file (and
``network.store.base.arrays_from_graph`` of it, the fallback every store has).
"""

from __future__ import annotations

import numpy as np
import pytest

from network.model import Org, Tie
from network.store.base import ChangeSet, arrays_from_graph, load_arrays
from network.store.sqlite import SQLiteStore


@pytest.fixture()
def store(tmp_path):
    s = SQLiteStore(tmp_path / "a.db")
    s.write(
        ChangeSet(
            orgs=[
                Org("b", "B", "company", district="北"),
                Org("a", "A", "npo", district="南"),
                Org("c", "C", "government"),
                Org("gone", "Gone", "npo"),
            ],
            ties=[
                Tie("t1", "a", "b", "collaboration", strength=2, start="2015-04-01", end="2017-03-31"),
                Tie("t2", "b", "a", "funding", directed=True, strength=5, start="2020-04-01"),
                Tie("t3", "c", "a", "support", directed=True, strength=1),
                Tie("t4", "gone", "a", "information", strength=3),
            ],
        )
    )
    s.delete_org("gone")
    yield s
    s.close()


def as_set(T):
    return sorted(
        (T.ids[s], T.ids[t], T.types[c], bool(d), int(st), float(w))
        for s, t, c, d, st, w in zip(T.source, T.target, T.type, T.directed, T.strength, T.weight, strict=True)
    )


@pytest.mark.parametrize("as_of", [None, 2016, "2021-01-01"])
def test_load_arrays_equals_load_graph(store, as_of):
    T = store.load_arrays(as_of)
    G = store.load_graph(as_of)
    assert T.ids == list(G) == ["b", "a", "c"]
    assert T.orgs["name"] == ["B", "A", "C"] and T.orgs["district"] == ["北", "南", ""]
    assert as_set(T) == as_set(arrays_from_graph(G))
    assert T.as_of == G.graph["as_of"]
    assert T.source.dtype == np.int64


def test_load_arrays_of_fiscal_year_2016_keeps_the_running_ties(store):
    # t1 runs FY2015–FY2016, t2 from FY2020, t3 open: FY2016 has t1 and t3 (hand count)
    assert [(a, b) for a, b, *_ in as_set(store.load_arrays(2016))] == [("a", "b"), ("c", "a")]


def test_fallback_for_a_store_without_load_arrays(store):
    class GraphOnly:
        def load_graph(self, as_of=None):
            return store.load_graph(as_of)

    assert as_set(load_arrays(GraphOnly())) == as_set(store.load_arrays())


def test_unknown_column_is_refused(store):
    from network.errors import StoreError

    with pytest.raises(StoreError, match="nope"):
        store.load_arrays(columns=["name", "nope"])
