"""Map 地図: the network drawn with vis-network, filtered, sized, highlighted, searchable."""

from __future__ import annotations

import streamlit as st
from renkei.ui.parts.common import (
    Filters,
    analysis,
    empty_store,
    filtered_graph,
    graph,
    lang,
    md,
    org_measures,
    store,
    tr,
)
from renkei.ui.parts.filters import filter_widgets
from renkei.ui.parts.map_connect import org_names_of, picture_downloads, who_connects
from renkei.ui.parts.pickers import org_picker
from renkei.ui.parts.profile import ego_graph, show_profile
from renkei.ui.parts.survey_scores import scores as survey_scores

from network.analysis.selection import top_brokers
from network.labels import t
from network.present.map.data import AGGREGATE_LIMIT, render_map
from network.store import default_store_url
from network.survey.scores import score_band

SIZE_MEASURES = ["none", "degree", "betweenness", "brokerage"]
#: sizes offered once a survey round has been applied (issue 11 item 7), with their labels
SURVEY_SIZES = ("trust", "value")
SIZE_LABELS = {"trust": "sv_col_trust", "value": "sv_col_value"}
HIGHLIGHTS = ["brokers", "cut_points", "bridges"]
COLOUR_BY = ["sector", "district", "community"]
LAYOUTS = ["force", "sector", "district", "concentric"]


def _size_value(row: dict, measure: str) -> float:
    if measure == "brokerage":
        return float((row.get("brokerage") or {}).get("total") or 0)
    value = row.get(measure)
    return float(value) if isinstance(value, (int, float)) and value == value else 0.0


@st.cache_data(show_spinner=False, max_entries=16)
def map_html(
    url: str,
    revision: int,
    f: Filters,
    size_by: str,
    colour_by: str,
    marks: tuple[str, ...],
    focus: str | None,
    steps: int,
    lang_: str,
    path: tuple[tuple, tuple] = ((), ()),
    layout: str = "force",
    opened: tuple[str, ...] = (),
) -> tuple[str, int, int, bool]:
    """The map page's HTML for these choices: ``(html, nodes, edges, aggregated)`` (cached per store revision)."""
    H = filtered_graph(f)
    view = ego_graph(H, focus, steps) if focus else drilled(url, revision, f, opened, lang_)[0]
    need_analysis = size_by in ("betweenness", "brokerage") or bool(marks) or colour_by == "community"
    result = analysis(f) if need_analysis and H.number_of_nodes() else {"orgs": []}
    rows = org_measures(result)
    degree = dict(
        view.degree()
    )  # ties at each organisation, either direction (the union view's count: 1.5 s → 0.3 s at 50,000)
    sizes = None
    if size_by == "degree":
        sizes = {v: float(d) for v, d in degree.items()}
    elif size_by in SURVEY_SIZES:  # as seen by partners in the newest applied survey round; unrated: smallest
        by_org = survey_scores()
        sizes = {v: float(by_org.get(v, {}).get(size_by) or 0.0) for v in view}
    elif size_by != "none":
        sizes = {v: _size_value(rows.get(v, {}), size_by) for v in view}
    highlight: dict[str, list] = {"focus": [focus] if focus else [], "path": list(path[0]), "path_edges": list(path[1])}
    if "brokers" in marks:
        highlight["brokers"] = top_brokers({"id": v, "total": _size_value(r, "brokerage")} for v, r in rows.items())
    if "cut_points" in marks:
        highlight["cut_points"] = [v for v, r in rows.items() if r.get("cut_point")]
    if "bridges" in marks:
        highlight["bridges"] = [(b["a"], b["b"]) for b in result.get("bridges", [])]
    groups = None
    colour_attr = colour_by
    if colour_by in SURVEY_SIZES:  # bands of the score as seen by partners (newest applied survey round)
        by_org = survey_scores()
        view = view.copy()  # the filtered graph is cached: never modify it
        for v in view:
            view.nodes[v]["score_band"] = score_band(by_org.get(v, {}).get(colour_by), lang_)
        colour_attr = "score_band"
    if colour_by == "community":
        view = view.copy()  # the filtered graph is cached: never modify it
        for v in view:
            view.nodes[v]["community"] = rows.get(v, {}).get("community")
        groups = {v: r.get("community") for v, r in rows.items()}
    elif view.number_of_nodes() > AGGREGATE_LIMIT and not focus:  # the communities a drill-down opens too
        groups = level(url, revision, f, opened)[1]
    elif view.number_of_nodes() > AGGREGATE_LIMIT:
        from network.analysis.gaps import communities
        from network.analysis.views import undirected_view

        groups = communities(undirected_view(view))
    measures = (
        {v: {k: _size_value(r, k) for k in ("degree", "betweenness", "brokerage") if k in r} for v, r in rows.items()}
        if rows
        else {v: {"degree": d} for v, d in degree.items()}
    )
    html = render_map(
        view,
        colour_by=colour_attr,
        size_by=sizes,
        highlight=highlight,
        measures=measures,
        groups=groups,
        lang=lang_,
        height="680px",
        layout=layout,
        centre=focus,
        size_title=None if size_by == "none" else t(SIZE_LABELS.get(size_by, size_by), lang_),
        group_url="map?group=" + "".join(f"{g}/" for g in opened) + "{id}",
    )
    return html, view.number_of_nodes(), view.number_of_edges(), view.number_of_nodes() > AGGREGATE_LIMIT


@st.cache_resource(show_spinner=False, max_entries=8)
def level(url: str, revision: int, f: Filters, opened: tuple[str, ...]) -> tuple:
    """``(view, membership)``: the organisations reached by opening the communities ``opened`` (keys, outer
    first) and, when they are still more than the drawing limit, their communities (else ``{}``).

    Cached per store revision and shared by the aggregated map and its drill-downs: finding the communities
    of 20,000 organisations takes seconds, and opening one needs those of the level above.  Read-only."""
    from network.analysis.gaps import communities
    from network.analysis.views import indexed_views

    if opened:
        parent, member = level(url, revision, f, opened[:-1])
        if not member:  # the level above is drawn one by one: nothing more to open
            return parent, {}
        view = parent.subgraph([v for v, c in member.items() if str(c) == opened[-1]]).copy()
    else:
        view = filtered_graph(f)
    # the communities of the array view, as the analysis finds them (the same as on the NetworkX view, faster)
    return view, communities(indexed_views(view)[0]) if view.number_of_nodes() > AGGREGATE_LIMIT else {}


@st.cache_resource(show_spinner=False, max_entries=8)
def drilled(url: str, revision: int, f: Filters, opened: tuple[str, ...], lang_: str) -> tuple:
    """``(view, names)``: the members of the community opened by a drill-down (``opened`` = community
    keys, outer first) and the breadcrumb's names for them, as the map names them (cached per store
    revision).  Do not modify ``view``."""
    from network.present.map.data import community_names

    names = []
    for i, key in enumerate(opened):
        parent, member = level(url, revision, f, opened[:i])
        if not member:
            break
        inside = {v: key for v, c in member.items() if str(c) == key}
        names.append(community_names(parent, inside, lang_).get(key) or t("community_n", lang_, n=key))
    return level(url, revision, f, opened)[0], names


st.title(tr("map"))
if not empty_store():
    G = graph()
    f = filter_widgets(G, "map")
    c1, c2, c3 = st.columns([1, 1, 2])
    sizes_offered = SIZE_MEASURES + (list(SURVEY_SIZES) if survey_scores() else [])
    size_by = c1.selectbox(
        tr("size_by"),
        sizes_offered,
        index=1,
        key="map_size",
        help=tr("size_by_help"),
        format_func=lambda m: tr("size_none") if m == "none" else tr(SIZE_LABELS.get(m, m)),
    )
    colour_by = c2.selectbox(
        tr("colour_by"),
        COLOUR_BY + (list(SURVEY_SIZES) if survey_scores() else []),
        key="map_colour",
        help=tr("colour_by_help"),
        format_func=lambda m: {"sector": tr("sector"), "district": tr("area"), "community": tr("community")}.get(
            m, tr(SIZE_LABELS.get(m, m))
        ),
    )
    marks = c3.multiselect(
        tr("highlight"),
        HIGHLIGHTS,
        key="map_highlight",
        format_func=lambda m: tr(f"hl_{m}"),
        placeholder=tr("none"),
        help=tr("highlight_help"),
    )
    H = filtered_graph(f)
    c4, c5 = st.columns([3, 1])
    focus = org_picker(
        c4,
        tr("search_org"),
        org_names_of(f),
        "map_focus",
        placeholder=tr("search_org"),
        help=tr("search_org_help"),
    )
    steps = c5.radio(tr("ego_steps"), [1, 2], horizontal=True, key="map_steps", help=tr("ego_steps_help"))
    layout = st.selectbox(
        tr("layout"), LAYOUTS, key="map_layout", format_func=lambda m: tr(f"layout_{m}"), help=tr("layout_help")
    )
    opened = tuple(x for x in str(st.query_params.get("group", "")).split("/") if x)
    if opened and not focus:
        with st.spinner(tr("working")):  # finding the communities of 20,000 organisations takes seconds
            opened_names = drilled(default_store_url(), store().revision(), f, opened, lang())[1]
        crumbs = " › ".join([tr("whole_network")] + [md(name) for name in opened_names])
        b1, b2 = st.columns([4, 1])
        b1.caption(tr("drilled", path=crumbs))
        if b2.button(tr("back_to_whole"), key="map_back", help=tr("back_to_whole_help")):
            del st.query_params["group"]
            st.rerun()
    route = who_connects(H, f)
    path = (tuple(route["nodes"]), tuple(route["edges"])) if route else ((), ())
    with st.spinner(tr("drawing_map")):
        html, n_nodes, n_edges, aggregated = map_html(
            default_store_url(),
            store().revision(),
            f,
            size_by,
            colour_by,
            tuple(marks),
            focus,
            steps,
            lang(),
            path,
            layout,
            () if focus else opened,
        )
    st.caption(tr("shown", n=n_nodes, m=n_edges) + " — " + tr("map_help") + " " + tr("map_labels_note"))
    if aggregated:
        st.warning(tr("aggregated_note"))
    st.iframe(html, height=700)
    st.download_button(
        tr("download_map"),
        lambda: html.encode("utf-8"),
        file_name="renkei-map.html",
        mime="text/html",
        help=tr("download_map_help"),
    )
    if not aggregated:
        view = (
            ego_graph(H, focus, steps)
            if focus
            else drilled(default_store_url(), store().revision(), f, opened, lang())[0]
        )
        picture_downloads(
            view,
            f,
            colour_by if colour_by in ("sector", "district") else "sector",
            (lambda V=view: {v: float(d) for v, d in V.to_undirected(as_view=True).degree()})
            if size_by == "degree"
            else None,
            route and {"nodes": route["nodes"], "edges": route["edges"]},
        )
    if focus:  # the organisation searched (selected) opens its profile under the map
        show_profile(focus, key="map_profile_view")
