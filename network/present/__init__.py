"""Presentation: what the analysis and the store hold, turned into reports, files and pictures.

* :mod:`network.present.report` — the whole analysis of a network (``analyze``) and its Markdown text;
* :mod:`network.present.annual`, :mod:`~network.present.pdf_report`, :mod:`~network.present.pdf_charts`
  — the planner's annual report (Markdown and PDF);
* :mod:`network.present.export` — the exchange formats (CSV, JSON, GEXF, GraphML, Kumu, Pajek, UCINET DL);
* :mod:`network.present.map` — the interactive map (data, page, layout) and its pictures (SVG, PNG).

Presentation reads the analysis and the store; the analysis never imports it (tests/test_import_graph.py).
"""
