"""Network analysis: pure functions over the NetworkX views of a stored network.

``views`` (the undirected and directed views), ``brokers`` (betweenness,
constraint, effective size, Gould–Fernandez roles, cut points), ``gaps``
(sector mixing, E–I index, communities, components, area gaps), ``fragility``
(bus factor), ``introductions``, ``change`` (two dates or fiscal years),
``explain`` (plain-language texts) and ``engine`` (igraph / SciPy kernels).
"""
