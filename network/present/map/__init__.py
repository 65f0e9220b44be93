"""The coordinator's map: the network drawn in the browser, and the same view as a picture.

* :mod:`network.present.map.data` — nodes, edges, colours, sizes and legends of a view (``render_map``);
* :mod:`network.present.map.page` — the self-contained HTML page around them (vis-network, no CDN);
* :mod:`network.present.map.layout` — seeded positions (force-directed, grouped, concentric);
* :mod:`network.present.map.picture` — the view as SVG or PNG, legend and filters under it.
"""
