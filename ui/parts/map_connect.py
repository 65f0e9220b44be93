"""Map parts: "who connects A and B" and the picture downloads (PNG, SVG) under the map.

Helpers of ``ui/pages/map.py``; the work is :mod:`network.analysis.paths` and :mod:`network.present.map.picture`.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pandas as pd
import streamlit as st
from renkei.ui.parts.common import Filters, lang, sector_label, store, tr, type_label
from renkei.ui.parts.filters import _remember, _restore
from renkei.ui.parts.pickers import org_picker

from network.labels import t
from network.model import Sector
from network.store import default_store_url

__all__ = ["who_connects", "picture_downloads", "org_names_of"]

MODES = ["orgs", "sector", "district", "community"]
#: the state key of the who-connects expander (open or closed; its controls run only when it is open)
CONNECT_OPEN = "conn_open"


@st.cache_resource(show_spinner=False, max_entries=8)
def _names(url: str, revision: int, f: Filters) -> dict[str, str]:
    from renkei.ui.parts.common import filtered_graph

    H = filtered_graph(f)
    return dict(sorted(((v, str(d.get("name") or v)) for v, d in H.nodes(data=True)), key=lambda x: x[1]))


def org_names_of(f: Filters) -> dict[str, str]:
    """Organisation id → name of the filtered network, in name order (cached per store revision; read-only)."""
    return _names(default_store_url(), store().revision(), f)


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


@st.cache_data(show_spinner=False, max_entries=16)
def _group_choices(url: str, revision: int, f: Filters, mode: str, lang_: str) -> tuple[list, dict]:
    """The groups of ``mode`` (sector, district, community) present and their names (cached per store revision:
    finding the communities of 20,000 organisations takes seconds)."""
    from renkei.ui.parts.common import filtered_graph

    H = filtered_graph(f)
    if mode == "sector":
        present = {d.get("sector") for _, d in H.nodes(data=True)}
        codes = [s.value for s in Sector if s.value in present]
        return codes, {c: Sector(c).label(lang_) for c in codes}
    if mode == "district":
        ds = sorted({str(d.get("district")) for _, d in H.nodes(data=True) if d.get("district")})
        return ds, {d: d for d in ds}
    from network.analysis.gaps import communities
    from network.analysis.views import undirected_view
    from network.present.map.data import community_names

    member = communities(undirected_view(H))
    named = community_names(H, member, lang_)  # as the map and its legend name them
    groups = sorted(set(member.values()))
    return [str(g) for g in groups], {str(g): named.get(g) or t("community_n", lang_, n=g) for g in groups}


def _kept(key: str) -> object:
    """The value of widget ``key``, or the one it had when last drawn (the expander closed since)."""
    return st.session_state.get(key, st.session_state.get(f"_kept_{key}"))


def who_connects(H: nx.MultiDiGraph, f: Filters) -> dict | None:
    """Draw the "who connects" controls and answer; the path to highlight on the map, or ``None``.

    The controls run only while the expander is open (its pickers would cost every run of the map
    seconds at 20,000 organisations); closed, a pair chosen before still highlights its paths."""
    mode_, a_, b_ = _kept("conn_mode") or "orgs", None, None
    if mode_ in MODES:
        a_, b_ = _kept(f"conn_a_{mode_}"), _kept(f"conn_b_{mode_}")
    if CONNECT_OPEN not in st.session_state and a_ is not None and b_ is not None:
        st.session_state[CONNECT_OPEN] = True  # a pair is chosen (a return to the map): show it
    box = st.expander(tr("who_connects"), expanded=False, key=CONNECT_OPEN, on_change="rerun")
    if not box.open:
        if a_ is None or b_ is None or a_ == b_ or mode_ not in MODES:
            return None
        r, _ = _connect(default_store_url(), store().revision(), f, mode_, str(a_), str(b_))
        return _route(r) if r["connected"] else None
    with box:
        for k in ("conn_mode", *(f"conn_{side}_{m}" for side in "ab" for m in MODES)):
            _restore(k)
        mode = _remember(
            "conn_mode",
            st.radio(
                tr("connect_what"),
                MODES,
                horizontal=True,
                key="conn_mode",
                format_func=lambda m: tr(f"connect_{m}"),
                help=tr("who_connects_help"),
            ),
        )
        c1, c2 = st.columns(2)
        if mode == "orgs":
            names = org_names_of(f)
            a = org_picker(c1, tr("connect_a"), names, "conn_a_orgs", placeholder=tr("choose"))
            b = org_picker(c2, tr("connect_b"), names, "conn_b_orgs", placeholder=tr("choose"))
        else:
            options, label = _group_choices(default_store_url(), store().revision(), f, mode, lang())
            a = c1.selectbox(
                tr("connect_a"),
                options,
                index=None,
                key=f"conn_a_{mode}",
                format_func=label.get,
                placeholder=tr("choose"),
            )
            b = c2.selectbox(
                tr("connect_b"),
                options,
                index=None,
                key=f"conn_b_{mode}",
                format_func=label.get,
                placeholder=tr("choose"),
            )
        _remember(f"conn_a_{mode}", a)
        _remember(f"conn_b_{mode}", b)
        if a is None or b is None:
            return None
        if a == b:
            st.info(tr("connect_same"))
            return None
        with st.spinner(tr("working")):
            r, _ = _connect(default_store_url(), store().revision(), f, mode, a, b)
        names = org_names_of(f)
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
        return _route(r)


def _route(r: dict) -> dict:
    """What the map highlights of a :func:`_connect` answer: the organisations and ties on its paths."""
    return {
        "nodes": sorted({v for p in r["paths"] for v in p}, key=str),
        "edges": [(e["source"], e["target"]) for e in r["edges"]],
    }


def picture_downloads(
    view: nx.Graph,
    f: Filters,
    colour_by: str,
    sizes: dict | Callable[[], dict] | None,
    path: dict | None,
) -> None:
    """PNG (print resolution) and SVG of the current view, legend and filters written under it.

    The picture is made only when a button is clicked (``sizes`` may be a function giving them then):
    at 2,000 organisations its undirected view alone took half of every run of the map."""
    from network.analysis.views import undirected_view
    from network.present.map.picture import scene, to_png, to_svg

    hl = path or {"nodes": [], "edges": []}
    made: dict[str, nx.Graph] = {}

    def simple() -> nx.Graph:
        if "U" not in made:
            made["U"] = undirected_view(view) if view.is_multigraph() else view
        return made["U"]

    def caption() -> list[str]:
        every = tr("all")
        types = "・".join(type_label(t) for t in f.types or []) or every
        sectors = "・".join(sector_label(s) for s in f.sectors or []) or every
        districts = "・".join(f.districts or []) or every
        custom = "".join(f"  {name}: {'・'.join(values)}" for name, values in (f.custom or ()) if values)
        return [
            f"{tr('period')}: {f.as_of or every}  {tr('tie_type')}: {types}  {tr('sector')}: {sectors}  "
            f"{tr('area')}: {districts}{custom}",
            tr("counts", orgs=simple().number_of_nodes(), ties=simple().number_of_edges()) + " — Renkei 連携",
        ]

    def _scene() -> dict:
        return scene(
            simple(),
            colour_by=colour_by,
            size_by=sizes() if callable(sizes) else sizes,
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
