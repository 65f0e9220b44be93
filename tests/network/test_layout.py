"""The layout is a function of the network, not of the order its organisations were read in.

A map that jumps when the same network is loaded again (another process, another test before it, a
store that returns rows in another order) is not the "positions stable between reruns" coordinators
were promised (issue 15 item 4); the CLI picture test failed intermittently in CI because of it.
"""

from __future__ import annotations

import subprocess
import sys

import networkx as nx

from network.present.map.layout import compute_layout


def _network(order):
    G = nx.Graph()
    G.add_nodes_from(order)
    base = sorted(order)
    for i, v in enumerate(base):
        G.add_edge(v, base[(i * 7 + 3) % len(base)])
        G.add_edge(v, base[(i + 1) % len(base)])
    return G


def test_same_network_in_another_order_gets_the_same_positions():
    names = [f"org-{i:03d}" for i in range(60)]
    a = compute_layout(_network(names))
    b = compute_layout(_network(list(reversed(names))))
    c = compute_layout(_network(names[30:] + names[:30]))
    assert a == b == c


def test_positions_do_not_depend_on_the_processs_hash_seed():
    code = (
        "from tests.network.test_layout import _network; from network.present.map.layout import compute_layout;"
        "p = compute_layout(_network([f'org-{i:03d}' for i in range(60)]));"
        "print(sorted((k, round(x, 6), round(y, 6)) for k, (x, y) in p.items()))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(s), "PATH": ""},
        ).stdout
        for s in (1, 2, 3)
    }
    assert len(outs) == 1
