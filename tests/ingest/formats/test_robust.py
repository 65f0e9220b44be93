"""Whatever bytes arrive under a graph-format name, the import reports them; it never crashes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.readers import read_checked

NAMES = ["x.graphml", "x.gexf", "x.net", "x.dl", "x.cyjs", "x.json"]
SEEDS = [
    b"<graphml><graph><node id='a'/><edge source='a' target='b'/></graph></graphml>",
    b"<gexf><graph><nodes><node id='1'/></nodes></graph></gexf>",
    b"*Vertices 2\n1 a\n*Arcs\n1 2 x\n",
    b"dl n=2 format=edgelist1\ndata:\n1\n",
    b'{"elements": {"nodes": [1, {"data": null}]}}',
    b'{"elements": [{"label": null}], "connections": [{"to": ["a", 2]}]}',
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), st.sampled_from(SEEDS), st.binary(max_size=60), st.integers(0, 80))
def test_readers_never_crash(name, seed, noise, cut):
    data = seed[:cut] + noise + seed[cut:]
    for table in read_checked(name, data):
        assert len(table.rows) == len(table.row_numbers)
        assert all(e.reason for e in table.errors)
