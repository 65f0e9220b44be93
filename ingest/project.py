"""Participations (organisation × activity) projected onto organisation ties.

Two organisations that take part in the same council, meeting or project are
tied; the weight of the tie is the number of distinct activities they share
(the one-mode projection of the two-mode network, Breiger 1974).  The
participation records themselves are kept unchanged in the store.

Examples
--------
>>> from network.model import Participation as P
>>> ps = [P("a", "x"), P("b", "x"), P("c", "x"), P("a", "y"), P("b", "y")]
>>> G = project_participations(ps)
>>> G["a"]["b"]["weight"], G["a"]["c"]["weight"], sorted(G["a"]["b"]["activities"])
(2, 1, ['x', 'y'])
>>> [(t.source, t.target, t.weight) for t in projected_ties(ps)][:2]
[('a', 'b', 2.0), ('a', 'c', 1.0)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from ingest.controls import escape_controls
from network.model import Participation, Tie, TieType, tie_id_for

__all__ = ["project_participations", "projected_ties"]


def _members(participations: Iterable[Participation], since: str | None, until: str | None) -> dict[str, set[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for p in participations:
        if p.date and ((since and p.date < since) or (until and p.date > until)):
            continue
        members[p.activity].add(p.org)
    return members


def project_participations(
    participations: Iterable[Participation], *, since: str | None = None, until: str | None = None
) -> nx.Graph:
    """An undirected weighted graph of organisations sharing activities.

    Parameters
    ----------
    participations : iterable of Participation
    since, until : str, optional
        ISO dates; participations dated outside them are left out (undated
        ones are always kept).

    Returns
    -------
    networkx.Graph
        Nodes are organisation ids (every participant, even one sharing
        nothing); edge ``weight`` = number of shared activities, edge
        ``activities`` = their ids.
    """
    G = nx.Graph()
    for activity, orgs in sorted(_members(participations, since, until).items()):
        G.add_nodes_from(orgs)
        for a, b in combinations(sorted(orgs), 2):
            if G.has_edge(a, b):
                G[a][b]["weight"] += 1
                G[a][b]["activities"].append(activity)
            else:
                G.add_edge(a, b, weight=1, activities=[activity])
    return G


def projected_ties(
    participations: Iterable[Participation],
    *,
    type: str = TieType.INFORMATION.value,
    strength: int = 1,
    since: str | None = None,
    until: str | None = None,
    activity_names: dict[str, str] | None = None,
) -> list[Tie]:
    """The projection as undirected :class:`~network.model.Tie` records, sorted by ends.

    Defaults: type information exchange 情報交換 and strength 1 (認知
    awareness) — sitting in the same council shows that two organisations know
    each other, not that they collaborate; ``weight`` carries the count,
    ``evidence`` is ``participation`` and ``note`` names the shared activities
    (by ``activity_names`` when given, else by id; a control character in a name is
    written escaped, ``\\x1b``, so the note is text a form would accept).  Ids are stable (``tie_id_for`` with
    project ``participation``), so storing them twice changes nothing.
    """
    G = project_participations(participations, since=since, until=until)
    names = activity_names or {}
    ties = []
    for a, b, d in sorted(G.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        s, t = min(a, b), max(a, b)
        ties.append(
            Tie(
                tie_id_for(s, t, type, None, "participation", False),
                s,
                t,
                type,
                False,
                strength,
                project="participation",
                evidence="participation",
                weight=float(d["weight"]),
                note="shared activities / 共通の活動: "
                + ", ".join(sorted(escape_controls(names.get(a, a)) for a in d["activities"])),
            )
        )
    return ties
