"""Map parts: "who connects A and B" and the picture downloads (PNG, SVG) under the map.

Helpers of ``ui/pages/map.py``; the work is :mod:`network.analysis.paths` and :mod:`network.present.map.picture`.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st
from renkei.ui.parts.common import Filters, lang, sector_label, store, tr, type_label

from network.model import Sector
from network.store import default_store_url

__all__ = ["who_connects", "picture_downloads"]

MODES = ["orgs", "sector", "district", "community"]


@st.cache_data(show_spinner=False, max_entries=16)
def _connect(url: str, revision: int, f: Filters, mode: str, a: str, b: str) -> tuple[dict, dict]:
    """``(result, membership)`` of :func:`network.analysis.paths.connectors` for the page's choice (cached per
    store and revision)."""
    from renkei.ui.parts.common import filtered_graph

    from network.analysis.gaps import communities
    from network.analysis.paths import bridging_introductions, connectors, group_members
    from network.analysis.views import undirected_view

    U = undirected_view(filtered_graph(f))
    membership = communities(U) if mode == "community" else {}
    if mode == "orgs":
        A, B = a, b
    else:
        A = group_members(U, mode, a, membership=membership)
        B = group_members(U, mode, b, membership=membership)
    r = connectors(U, A, B)
    if not r["connected"]:
        r["introductions"] = bridging_introductions(U, [A] if mode == "orgs" else A, [B] if mode == "orgs" else B)
    return r, membership


def _choices(H: nx.MultiDiGraph, mode: str, f: Filters) -> tuple[list, dict]:
    if mode == "orgs":
        names = {v: str(d.get("name") or v) for v, d in H.nodes(data=True)}
        return sorted(names, key=names.get), names
    if mode == "sector":
        present = {d.get("sector") for _, d in H.nodes(data=True)}
        codes = [s.value for s in Sector if s.value in present]
        return codes, {c: sector_label(c) for c in codes}
    if mode == "district":
        ds = sorted({str(d.get("district")) for _, d in H.nodes(data=True) if d.get("district")})
        return ds, {d: d for d in ds}
    from network.analysis.gaps import communities
    from network.analysis.views import undirected_view
    from network.present.map.data import community_names

    member = communities(undirected_view(H))
    named = community_names(H, member, lang())  # as the map and its legend name them
    groups = sorted(set(member.values()))
    return [str(g) for g in groups], {str(g): named.get(g) or tr("community_n", n=g) for g in groups}


def who_connects(H: nx.MultiDiGraph, f: Filters) -> dict | None:
    """Draw the "who connects" controls and answer; the path to highlight on the map, or ``None``."""
    with st.expander(tr("who_connects"), expanded=False):
        mode = st.radio(
            tr("connect_what"),
            MODES,
            horizontal=True,
            key="conn_mode",
            format_func=lambda m: tr(f"connect_{m}"),
            help=tr("who_connects_help"),
        )
        options, label = _choices(H, mode, f)
        c1, c2 = st.columns(2)
        a = c1.selectbox(
            tr("connect_a"), options, index=None, key=f"conn_a_{mode}", format_func=label.get, placeholder=tr("choose")
        )
        b = c2.selectbox(
            tr("connect_b"), options, index=None, key=f"conn_b_{mode}", format_func=label.get, placeholder=tr("choose")
        )
        if a is None or b is None:
            return None
        if a == b:
            st.info(tr("connect_same"))
            return None
        with st.spinner(tr("working")):
            r, _ = _connect(default_store_url(), store().revision(), f, mode, a, b)
        names = {v: str(d.get("name") or v) for v, d in H.nodes(data=True)}
        if not r["connected"]:
            st.warning(tr("connect_none"))
            intro = [
                {tr("intro_a"): names.get(x["a"], x["a"]), tr("intro_b"): names.get(x["b"], x["b"])}
                for x in r.get("introductions", [])
            ]
            if intro:
                st.caption(tr("connect_intro"))
                st.dataframe(pd.DataFrame(intro), hide_index=True, use_container_width=True)
            return None
        st.caption(tr("connect_found", d=r["distance"], n=r["path_count"]))
        brokers = pd.DataFrame(
            [
                {tr("name"): names.get(x["id"], x["id"]), tr("share_paths"): x["share"], tr("paths_listed"): x["paths"]}
                for x in r["brokers"]
            ]
        )
        if len(brokers):
            st.dataframe(
                brokers,
                hide_index=True,
                use_container_width=True,
                column_config={
                    tr("share_paths"): st.column_config.ProgressColumn(
                        tr("share_paths"), min_value=0.0, max_value=1.0, format="%.2f"
                    )
                },
            )
        else:
            st.caption(tr("connect_direct"))
        steps = []
        for p in r["paths"][:20]:
            steps.append({tr("path"): " → ".join(names.get(v, str(v)) for v in p)})
        st.dataframe(pd.DataFrame(steps), hide_index=True, use_container_width=True)
        ties = [
            {
                tr("source_org"): names.get(e["source"], e["source"]),
                tr("target_org"): names.get(e["target"], e["target"]),
                tr("tie_type"): "・".join(type_label(t) for t in e["types"]),
                tr("strength"): e["strength"],
            }
            for e in r["edges"]
        ]
        st.dataframe(pd.DataFrame(ties), hide_index=True, use_container_width=True)
        return {
            "nodes": sorted({v for p in r["paths"] for v in p}, key=str),
            "edges": [(e["source"], e["target"]) for e in r["edges"]],
        }


def picture_downloads(view: nx.Graph, f: Filters, colour_by: str, sizes: dict | None, path: dict | None) -> None:
    """PNG (print resolution) and SVG of the current view, legend and filters written under it."""
    from network.analysis.views import undirected_view
    from network.present.map.picture import scene, to_png, to_svg

    U = undirected_view(view) if view.is_multigraph() else view
    hl = path or {"nodes": [], "edges": []}

    def caption() -> list[str]:
        every = tr("all")
        types = "・".join(type_label(t) for t in f.types or []) or every
        sectors = "・".join(sector_label(s) for s in f.sectors or []) or every
        districts = "・".join(f.districts or []) or every
        custom = "".join(f"  {name}: {'・'.join(values)}" for name, values in (f.custom or ()) if values)
        return [
            f"{tr('period')}: {f.as_of or every}  {tr('tie_type')}: {types}  {tr('sector')}: {sectors}  "
            f"{tr('area')}: {districts}{custom}",
            tr("counts", orgs=U.number_of_nodes(), ties=U.number_of_edges()) + " — Renkei 連携",
        ]

    def _scene() -> dict:
        return scene(
            U,
            colour_by=colour_by,
            size_by=sizes,
            highlight=hl["nodes"],
            highlight_edges=hl["edges"],
            lang=lang(),
            size_title=tr("degree") if sizes else None,
        )

    c1, c2 = st.columns(2)
    c1.download_button(
        tr("download_png"),
        lambda: to_png(_scene(), caption()),
        file_name="renkei-map.png",
        mime="image/png",
        help=tr("download_png_help"),
    )
    c2.download_button(
        tr("download_svg"),
        lambda: to_svg(_scene(), caption()).encode("utf-8"),
        file_name="renkei-map.svg",
        mime="image/svg+xml",
        help=tr("download_svg_help"),
    )
