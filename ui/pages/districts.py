"""Districts 地区: coverage per district (校区・地区), grouped by city."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from renkei.ui.parts.centre import centre_picker, fy_format, measure, plain
from renkei.ui.parts.common import csv_bytes, empty_store, graph, lang, store, stored_years, tr

from network.analysis.districts import district_coverage
from network.analysis.views import undirected_view
from network.analysis.years import year_view
from network.present.report_labels import sector_text


@st.cache_data(show_spinner=False, max_entries=16)
def _coverage(revision: int, fy: int | None, centre: object) -> dict:
    G = graph()
    return district_coverage(year_view(G, fy) if fy is not None else undirected_view(G), centre=centre)


def _yes_no(x: bool | None) -> str:
    return "–" if x is None else measure("yes" if x else "no")


st.title(tr("districts"))
st.caption(tr("pl_districts_intro"))
if not empty_store():
    G = graph()
    names = {v: str(d.get("name") or v) for v, d in G.nodes(data=True)}
    centre = centre_picker(G)
    years = stored_years()
    options = [None, *years[::-1]]
    fmt, everything = fy_format(), tr("pl_all_time")
    fy = st.selectbox(
        tr("pl_when"),
        options,
        index=1 if years else 0,
        key="pl_district_fy",
        format_func=lambda y: everything if y is None else fmt(y),
    )
    cov = _coverage(store().revision(), fy, centre)
    sep = "、" if lang() == "ja" else ", "
    if not cov["cities"]:
        st.info(tr("pl_no_district"))
    for city in cov["cities"]:
        st.subheader(plain(f"{city['prefecture']} {city['city']}".strip()))
        rows = []
        for d in city["districts"]:
            rows.append(
                {
                    measure("district"): d["district"],
                    measure("orgs"): len(d["orgs"]),
                    measure("council"): sep.join(names.get(v, str(v)) for v in d["councils"]) or "–",
                    measure("council_centre"): _yes_no(d["council_tied_centre"]),
                    measure("council_office"): _yes_no(d["council_tied_office"]),
                    measure("exchange"): sep.join(
                        f"{names.get(e['partner'], e['partner'])}（{e['partner_district']}）" for e in d["exchange"]
                    )
                    or "–",
                    measure("missing_sectors"): sep.join(sector_text(s, lang()) for s in d["missing_sectors"]) or "–",
                    tr("pl_orgs_list"): sep.join(
                        f"{o['name']}（{sector_text(o['sector'], lang())}）" for o in d["orgs"]
                    ),
                }
            )
        df = pd.DataFrame(rows)
        c1, c2, c3 = st.columns(3)
        c1.metric(measure("district"), len(rows))
        c2.metric(measure("no_council"), len(city["no_council"]))
        c3.metric(tr("pl_council_not_centre"), sum(1 for d in city["districts"] if d["council_tied_centre"] is False))
        st.dataframe(df, hide_index=True, height=36 * (len(df) + 1) + 4)
        if city["no_council"]:
            st.dataframe(pd.DataFrame({measure("no_council"): city["no_council"]}), hide_index=True)
        st.download_button(
            tr("download_csv"),
            csv_bytes(df),
            file_name=f"renkei-districts-{len(rows)}.csv",
            mime="text/csv",
            key=f"pl_dl_{city['prefecture']}_{city['city']}",
        )
