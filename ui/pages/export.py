"""Export 書き出し: GraphML, GEXF, CSV, JSON, the report, and the map as standalone HTML."""

from __future__ import annotations

import streamlit as st
from renkei.ui.parts.common import analysis, empty_store, graph, lang, store, tr

from network.present.export import FORMATS, export_bytes
from network.present.map.data import render_map
from network.present.report import to_markdown

MIME = {
    "graphml": "application/xml",
    "gexf": "application/xml",
    "csv": "application/zip",
    "json": "application/json",
    "kumu": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pajek": "text/plain",
    "dl": "text/plain",
}
SUFFIX = {
    "graphml": "graphml",
    "gexf": "gexf",
    "csv": "zip",
    "json": "json",
    "kumu": "xlsx",
    "pajek": "net",
    "dl": "dl",
}


@st.cache_data(show_spinner=False, max_entries=8)
def _export(revision: int, fmt: str) -> bytes:
    return export_bytes(graph(), fmt)


@st.cache_data(show_spinner=False, max_entries=4)
def _map(revision: int, lang_: str) -> str:
    return render_map(graph(), lang=lang_)


st.title(tr("export"))
st.markdown(tr("export_intro"))
if not empty_store():
    rev = store().revision()
    fmt = st.radio(tr("format"), list(FORMATS), horizontal=True, key="export_fmt", format_func=str.upper)
    st.download_button(
        f"{tr('download')} ({fmt.upper()})",
        _export(rev, fmt),
        file_name=f"renkei.{SUFFIX[fmt]}",
        mime=MIME[fmt],
        key="export_dl",
    )
    st.divider()
    st.download_button(
        tr("download_md"),
        to_markdown(analysis(), lang=lang()).encode("utf-8"),
        file_name="renkei-report.md",
        mime="text/markdown",
        key="export_report",
    )
    st.download_button(
        tr("map_html"),
        _map(rev, lang()).encode("utf-8"),
        file_name="renkei-map.html",
        mime="text/html",
        key="export_map",
    )
