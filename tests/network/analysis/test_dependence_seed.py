"""The sampled share of pairs through the centre is the same in every process (stop 20).

Above :data:`~network.analysis.dependence.EXACT_PAIRS` organisations the pairs are counted from seeded samples of
sources; the sources were drawn from a Python set of the ids, whose order changes with the string hash seed of
each process: the same network and seed gave 98,266 pairs in one process and 94,394 in the next.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import json
from renkei.data.generate import generate_graph
from network.analysis.dependence import EXACT_PAIRS, centre_dependence
from network.analysis.views import undirected_view
U = undirected_view(generate_graph(2000, 8000, seed=2))
centre = max(U, key=lambda v: (U.degree(v), str(v)))
r = centre_dependence(U, centre)
assert r["pairs_through_method"] == "sampled", r
print(json.dumps([r["pairs_through_count"], r["connected_pairs"], r["cut_off"]]))
"""


def test_sampled_pairs_through_do_not_depend_on_the_hash_seed() -> None:
    got = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, env=env)
        assert out.returncode == 0, out.stderr[-2000:]
        got.append(json.loads(out.stdout))
    assert got[0] == got[1] == got[2], got
