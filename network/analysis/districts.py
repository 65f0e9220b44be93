"""District (校区・地区) coverage, grouped by city: who is there, and whom they are tied to.

For every district (an organisation's ``district``, within its ``prefecture`` and ``city``) of the
undirected view:

* its organisations and the count per sector;
* its *council*: the organisations whose ``kind`` is of the highest-ranked council kind present in
  the district (:data:`COUNCIL_KINDS`: 地域活動協議会 first, then まちづくり協議会, 連合振興町会 /
  町内会連合会, then 自治会 / 町内会);
* whether a council is tied to the centre, and to the *office* of its city — a ``government``
  organisation whose kind is a local government or its office (:data:`OFFICE_KINDS`) and whose
  ``city`` is the district's city or the city it belongs to (大阪市 for 大阪市鶴見区);
* the sectors present in the network that no organisation of the district is tied to;
* the councils' ties to councils of other districts (the exchange between councils).

Districts with no council recorded are listed per city.

Examples
--------
>>> import networkx as nx
>>> U = nx.Graph()
>>> U.add_nodes_from([
...     ("k1", {"name": "A地活協", "sector": "residents_group", "kind": "地域活動協議会", "city": "C区", "district": "A"}),
...     ("k2", {"name": "B地活協", "sector": "residents_group", "kind": "地域活動協議会", "city": "C区", "district": "B"}),
...     ("n", {"name": "NPO", "sector": "npo", "kind": "NPO法人", "city": "C区", "district": "D"}),
...     ("o", {"name": "C区役所", "sector": "government", "kind": "区役所", "city": "C区"}),
...     ("c", {"name": "センター", "sector": "intermediary", "kind": "", "city": "C区"})])
>>> U.add_edges_from([("k1", "c"), ("k1", "o"), ("k1", "k2"), ("n", "c")])
>>> r = district_coverage(U, centre="c")
>>> city = r["cities"][0]
>>> [(d["district"], d["council_tied_centre"], d["council_tied_office"]) for d in city["districts"]]
[('A', True, True), ('B', False, False), ('D', None, None)]
>>> city["no_council"], city["districts"][0]["exchange"]
(['D'], [{'council': 'k1', 'partner': 'k2', 'partner_district': 'B'}])
"""

from __future__ import annotations

import networkx as nx

__all__ = ["district_coverage", "COUNCIL_KINDS", "OFFICE_KINDS", "council_rank"]

#: Council kinds, highest rank first; a kind matches when it contains one of the words.
COUNCIL_KINDS: tuple[tuple[str, ...], ...] = (
    ("地域活動協議会", "地活協"),
    ("まちづくり協議会", "自治協議会", "地域自治区"),
    ("連合振興町会", "町内会連合会", "連合町内会", "自治会連合会", "連合自治会"),
    ("自治会", "町内会", "町会", "区会"),
)
#: Kinds of a local government or its office (the ward/city office of a district).
OFFICE_KINDS: tuple[str, ...] = (
    "区役所",
    "市役所",
    "町役場",
    "村役場",
    "役所",
    "役場",
    "市",
    "区",
    "町",
    "村",
    "支所",
    "総合支所",
)


def council_rank(kind: object) -> int | None:
    """The rank of a council kind (0 highest) or ``None`` when ``kind`` is not a council.

    Parameters
    ----------
    kind : object
        An organisation's ``kind`` (legal form or type); ``None`` and ``""`` are no council.

    Returns
    -------
    int or None
        The index in :data:`COUNCIL_KINDS` of the first group with a word contained in
        ``kind`` (0: 地域活動協議会/地活協, 1: まちづくり協議会…, 2: 連合振興町会…, 3: 自治会/町内会…);
        ``None`` when no word is.

    Examples
    --------
    >>> council_rank("NPO法人（地域活動協議会）"), council_rank("町内会"), council_rank("株式会社")
    (0, 3, None)
    """
    text = str(kind or "")
    for rank, words in enumerate(COUNCIL_KINDS):
        if any(w in text for w in words):
            return rank
    return None


def _is_office(d: dict) -> bool:
    return d.get("sector") == "government" and str(d.get("kind") or "") in OFFICE_KINDS


def _serves(office_city: str, city: str) -> bool:
    return bool(office_city) and (city == office_city or city.startswith(office_city))


def district_coverage(U: nx.Graph, *, centre: object = None) -> dict:
    """Coverage of every district of the undirected view ``U``, grouped by city.

    Parameters
    ----------
    U : Graph
        The undirected view; nodes carry ``name``, ``sector``, ``kind``, ``prefecture``,
        ``city`` and ``district`` (an organisation without a ``district`` is in no district).
    centre : object, optional
        The centre's organisation id (default ``None``: ``council_tied_centre`` is ``None``).

    Returns
    -------
    dict
        ``sectors``: the sectors present in ``U``, sorted (``other`` when missing).
        ``cities``: one per (prefecture, city) holding a district, sorted by prefecture and
        city: ``{"prefecture", "city", "districts", "no_council", "unplaced"}``, where
        ``no_council`` lists the districts without a council and ``unplaced`` counts the city's
        organisations without a district.  Each district, sorted by name, is ``{"district",
        "orgs", "sectors", "councils", "council_tied_centre", "council_tied_office", "offices",
        "missing_sectors", "exchange"}``:

        * ``orgs``: ``[{"id", "name", "sector", "kind"}]`` sorted by name; ``sectors``: code →
          count;
        * ``councils``: the ids of the members of the highest council rank present
          (:func:`council_rank`);
        * ``council_tied_centre``, ``council_tied_office``: whether a council is tied to the
          centre / to an office of the city (``None`` without a council, and
          ``council_tied_centre`` also without a centre); ``offices``: those offices, by id;
        * ``missing_sectors``: the sectors of ``sectors`` that no member is tied to (being of
          a sector does not count: only a tie to an organisation of it does);
        * ``exchange``: ``[{"council", "partner", "partner_district"}]``, ties from its councils
          to councils of other districts.

    Notes
    -----
    An *office* is a ``government`` organisation whose ``kind`` is one of
    :data:`OFFICE_KINDS` and whose ``city`` is the district's city or a prefix of it (大阪市
    serves 大阪市鶴見区).

    Examples
    --------
    A city office serves the wards' districts; the 地活協 outranks the 町内会:

    >>> import networkx as nx
    >>> U = nx.Graph()
    >>> U.add_nodes_from([
    ...     ("k", {"name": "茨田地活協", "sector": "residents_group", "kind": "地域活動協議会",
    ...            "city": "大阪市鶴見区", "district": "茨田"}),
    ...     ("j", {"name": "町内会", "sector": "residents_group", "kind": "町内会",
    ...            "city": "大阪市鶴見区", "district": "茨田"}),
    ...     ("o", {"name": "大阪市", "sector": "government", "kind": "市", "city": "大阪市"}),
    ...     ("n", {"name": "NPO", "sector": "npo", "kind": "NPO法人", "city": "大阪市鶴見区"})])
    >>> U.add_edges_from([("k", "o"), ("j", "n")])
    >>> r = district_coverage(U)
    >>> city = r["cities"][0]
    >>> city["city"], city["unplaced"], r["sectors"]
    ('大阪市鶴見区', 1, ['government', 'npo', 'residents_group'])
    >>> d = city["districts"][0]
    >>> d["councils"], d["council_tied_office"], d["offices"], d["council_tied_centre"]
    (['k'], True, ['o'], None)
    >>> d["sectors"], d["missing_sectors"]
    ({'residents_group': 2}, ['residents_group'])
    """
    nd = U.nodes
    present = sorted({d.get("sector") or "other" for _, d in U.nodes(data=True)})
    by_city: dict[tuple[str, str], dict[str, list]] = {}
    unplaced: dict[tuple[str, str], int] = {}
    for v, d in U.nodes(data=True):
        key = (str(d.get("prefecture") or ""), str(d.get("city") or ""))
        if d.get("district"):
            by_city.setdefault(key, {}).setdefault(str(d["district"]), []).append(v)
        else:
            unplaced[key] = unplaced.get(key, 0) + 1
    offices = [v for v, d in U.nodes(data=True) if _is_office(d)]
    council_of: dict = {}
    cities = []
    for key in sorted(by_city):
        for district, members in by_city[key].items():
            ranked = [(council_rank(nd[v].get("kind")), v) for v in members]
            ranks = [(r, v) for r, v in ranked if r is not None]
            if ranks:
                best = min(r for r, _ in ranks)
                for r, v in ranks:
                    if r == best:
                        council_of[v] = (key, district)
    for key in sorted(by_city):
        city_offices = {o for o in offices if _serves(str(nd[o].get("city") or ""), key[1])}
        rows, missing_council = [], []
        for district in sorted(by_city[key]):
            members = sorted(by_city[key][district], key=lambda v: (str(nd[v].get("name") or v), str(v)))
            councils = [v for v in members if council_of.get(v) == (key, district)]
            tied = {w for v in members for w in U[v] if w != v}
            sectors: dict[str, int] = {}
            for v in members:
                s = nd[v].get("sector") or "other"
                sectors[s] = sectors.get(s, 0) + 1
            reached = {nd[w].get("sector") or "other" for w in tied}
            partners = {w for v in councils for w in U[v]}
            exchange = sorted(
                (
                    {"council": v, "partner": w, "partner_district": council_of[w][1]}
                    for v in councils
                    for w in U[v]
                    if w in council_of and council_of[w] != (key, district)
                ),
                key=lambda e: (str(e["council"]), str(e["partner"])),
            )
            rows.append(
                {
                    "district": district,
                    "orgs": [
                        {
                            "id": v,
                            "name": str(nd[v].get("name") or v),
                            "sector": nd[v].get("sector") or "",
                            "kind": nd[v].get("kind") or "",
                        }
                        for v in members
                    ],
                    "sectors": dict(sorted(sectors.items())),
                    "councils": councils,
                    "council_tied_centre": (centre in partners) if councils and centre is not None else None,
                    "council_tied_office": bool(partners & city_offices) if councils else None,
                    "offices": sorted(partners & city_offices, key=str),
                    "missing_sectors": [s for s in present if s not in reached],
                    "exchange": exchange,
                }
            )
            if not councils:
                missing_council.append(district)
        cities.append(
            {
                "prefecture": key[0],
                "city": key[1],
                "districts": rows,
                "no_council": missing_council,
                "unplaced": unplaced.get(key, 0),
            }
        )
    return {"cities": cities, "sectors": present}
