"""Network analysis: pure functions over the NetworkX views of a stored network.

``views`` (the undirected and directed views), ``years`` (the network of one fiscal
year), ``selection`` (ego network, minimum strength, fiscal-year menus, broker marks),
``brokers`` (betweenness, constraint, effective size, Gould–Fernandez roles, cut points),
``centrality`` (closeness, centralization), ``gaps`` (sector mixing, E–I index,
communities, components, area gaps), ``community`` (readable communities),
``fragility`` (bus factor), ``introductions``, ``paths`` (who connects A and B),
``change`` (two dates or fiscal years), ``trend`` (measures per fiscal year),
``dependence`` (dependence on the centre), ``districts`` (校区・地区 coverage),
``funding`` (funding mix), ``whatif`` (removal) and ``engine`` (igraph / SciPy kernels).
Plain-language texts live in :mod:`network.explain` (presentation, not analysis).

Every public function has numpydoc sections (Parameters, Returns, Examples; References for
measures from the literature); ``tests/test_docstrings.py`` checks them.
"""
