"""Gaps ギャップ: sector mixing, E–I index, communities, fragile points, introductions."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from network.analysis.explain import explain
from network.report import to_markdown
from ui.common import analysis, csv_bytes, empty_store, graph, lang, sector_label, tr
from ui.filters import filter_widgets


def _section(title: str, intro: str, df: pd.DataFrame, name: str) -> None:
    st.markdown(f"### {title}")
    st.caption(intro)
    if df.empty:
        st.caption(tr("nothing"))
        return
    st.dataframe(df, hide_index=True)
    st.download_button(tr("download_csv"), csv_bytes(df), file_name=f"renkei-{name}.csv", mime="text/csv",
                       key=f"dl_{name}")


st.title(tr("gaps"))
if not empty_store():
    f = filter_widgets(graph(), "gaps")
    result = analysis(f)
    names = {o["id"]: o["name"] for o in result["orgs"]}
    nm = lambda v: names.get(v, str(v))  # noqa: E731

    st.markdown(f"### {tr('mixing_title')}")
    st.caption(tr("mixing_intro") + " " + explain("sector_mixing", lang()))
    mix = pd.DataFrame(result["sector_mixing"])
    if not mix.empty:
        mix["from_label"] = mix["from"].map(sector_label)
        mix["to_label"] = mix["to"].map(sector_label)
        heat = alt.Chart(mix).mark_rect().encode(
            x=alt.X("to_label:N", title="→"),
            y=alt.Y("from_label:N", title="←"),
            color=alt.Color("ratio:Q", scale=alt.Scale(scheme="blueorange", domainMid=1)),
            tooltip=["from_label", "to_label", "present", "possible",
                     alt.Tooltip("density:Q", format=".3f"), alt.Tooltip("ratio:Q", format=".2f")])
        st.altair_chart(heat)
        st.download_button(tr("download_csv"), csv_bytes(mix), file_name="renkei-sector-mixing.csv", mime="text/csv",
                           key="dl_mixing")

    ei = result.get("ei_index") or {}
    _section(tr("ei_title"), tr("ei_intro"),
             pd.DataFrame([{tr("sector"): sector_label(k), "E–I": v} for k, v in (ei.get("by_group") or {}).items()]),
             "ei-index")

    comms = pd.DataFrame(result.get("community_ties") or [])
    if not comms.empty:
        comms = comms[comms["a"] != comms["b"]].sort_values("ties")
    sizes = {c["id"]: c["size"] for c in result.get("communities", [])}
    _section(tr("communities_title"), tr("communities_intro") + " " + explain("community", lang()),
             pd.DataFrame([{"A": r["a"], "size A": sizes.get(r["a"]), "B": r["b"], "size B": sizes.get(r["b"]),
                            tr("ties"): r["ties"]} for _, r in comms.iterrows()]) if not comms.empty
             else pd.DataFrame(), "communities")

    frag = [{tr("name"): nm(c["id"]), tr("depends"): c["cut_off_count"],
             tr("partner"): ", ".join(nm(x) for x in c.get("cut_off", [])[:10])} for c in result.get("cut_points", [])]
    frag += [{tr("name"): f"{nm(b['a'])} – {nm(b['b'])}", tr("depends"): b["cut_off_count"],
              tr("partner"): ", ".join(nm(x) for x in b.get("cut_off", [])[:10])} for b in result.get("bridges", [])]
    _section(tr("fragile_title"), tr("fragile_intro") + " " + explain("cut_point", lang()),
             pd.DataFrame(frag), "fragile")

    intro = [{"A": i.get("a_name") or nm(i["a"]), "B": i.get("b_name") or nm(i["b"]),
              tr("introducer"): i.get("introducer_name") or nm(i.get("introducer")),
              tr("score"): round(i.get("score") or 0, 2),
              tr("reason"): (i.get("reason") or {}).get(lang(), "") if isinstance(i.get("reason"), dict)
              else str(i.get("reason") or "")} for i in result.get("introductions", [])]
    _section(tr("intro_title"), tr("intro_intro"), pd.DataFrame(intro), "introductions")

    st.download_button(tr("download_md"), to_markdown(result, lang=lang()).encode("utf-8"),
                       file_name="renkei-report.md", mime="text/markdown", key="dl_report")
