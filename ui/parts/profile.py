"""One organisation's profile: its data, ties, measures and roles, ego map, history."""

from __future__ import annotations

import math
import os

import pandas as pd
import streamlit as st
from renkei.ui.parts.common import (
    analysis,
    graph,
    lang,
    md,
    org_measures,
    sector_label,
    store,
    strength_label,
    tr,
    type_label,
)

from network.analysis.brokers import ROLES
from network.analysis.selection import ego_graph
from network.errors import NotFound
from network.labels import t
from network.present.map.data import render_map

__all__ = ["show_profile", "ego_graph", "roles_in_words"]


def roles_in_words(row: dict, n_orgs: int, lang_: str = "ja") -> list[str]:
    """Plain sentences about an organisation's position (its analysis row)."""
    out = [t("profile_degree", lang_, n=row.get("degree") or 0)]
    b = row.get("betweenness")
    if isinstance(b, (int, float)) and not math.isnan(b) and b > 0:
        out.append(t("profile_betweenness", lang_, share=f"{b:.1%}"))
    broker = row.get("brokerage") or {}
    roles = [(k, broker.get(k, 0)) for k in ROLES if broker.get(k)]
    if roles:
        top = max(roles, key=lambda x: x[1])[0]
        out.append(t("profile_brokerage", lang_, n=broker.get("total", 0), role=t("role_in_words_" + top, lang_)))
    if row.get("cut_point"):
        out.append(t("profile_cut_point", lang_))
    c = row.get("constraint")
    if isinstance(c, (int, float)) and not math.isnan(c):
        out.append(t("profile_constraint", lang_, c=f"{c:.2f}"))
    if row.get("community") is not None:
        out.append(t("profile_community", lang_, c=row["community"]))
    return out


def show_profile(org_id: str, *, key: str = "profile") -> None:
    """Render the profile of ``org_id``."""
    s = store()
    try:
        org = s.get_org(org_id)
    except NotFound:
        st.warning(tr("nothing"))
        return
    st.subheader(md(org.name))
    data = {
        tr("sector"): sector_label(org.sector),
        tr("kind"): org.kind,
        tr("prefecture"): org.prefecture,
        tr("city"): org.city,
        tr("district"): org.district,
        tr("corporate_number"): org.corporate_number,
        tr("aliases"): ", ".join(org.aliases),
        tr("tags"): ", ".join(org.tags),
        tr("url"): org.url,
        tr("note"): org.note,
        "id": org.id,
    }
    st.dataframe(pd.DataFrame({"": list(data), " ": [str(v) for v in data.values()]}), hide_index=True, width="stretch")
    if org.custom:  # columns Renkei does not know, kept from imports (issue 12): shown as text
        st.dataframe(
            pd.DataFrame(
                {tr("custom_field"): list(org.custom), tr("custom_value"): [str(v) for v in org.custom.values()]}
            ),
            hide_index=True,
            width="stretch",
        )
    G = graph()
    names = {v: str(d.get("name") or v) for v, d in G.nodes(data=True)}
    st.markdown(f"#### {tr('ties')}")
    ties = s.ties(org=org_id)
    if ties:
        rows = []
        for x in ties:
            other = x.target if x.source == org_id else x.source
            way = tr("both") if not x.directed else tr("outgoing") if x.source == org_id else tr("incoming")
            rows.append(
                {
                    tr("partner"): names.get(other, other),
                    tr("tie_type"): type_label(x.type),
                    tr("direction"): way,
                    tr("strength"): strength_label(x.strength),
                    tr("start"): x.start or "",
                    tr("end"): x.end or "",
                    tr("project"): x.project,
                    tr("evidence"): x.evidence,
                    tr("note"): x.note,
                    tr("custom_field"): "; ".join(f"{k}: {v}" for k, v in x.custom.items()),
                }
            )
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.caption(tr("no_ties"))
    st.markdown(f"#### {tr('measures')} / {tr('roles')}")
    result = analysis()
    row = org_measures(result).get(org_id)
    if row:
        for line in roles_in_words(row, len(result.get("orgs", [])), lang()):
            st.markdown(f"- {line}")
    st.markdown(f"#### {tr('ego_map')}")
    steps = st.radio(tr("ego_steps"), [1, 2], horizontal=True, key=f"{key}_steps")
    E = ego_graph(G, org_id, steps)
    if E.number_of_nodes():
        st.iframe(render_map(E, highlight={"focus": [org_id]}, lang=lang(), height="380px"), height=400)
    st.markdown(f"#### {tr('history')}")
    entries = s.audit(entity_id=org_id, limit=50)
    if entries:
        st.dataframe(pd.DataFrame(history_rows(entries, tr)), hide_index=True, width="stretch")
    else:
        st.caption(tr("no_history"))


def app_timezone():  # noqa: ANN201 - a tzinfo
    """The app's time zone: ``TZ`` when it names an IANA zone (``Asia/Tokyo``), else Asia/Tokyo."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":") or "Asia/Tokyo"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Tokyo")


def local_time(at: str) -> str:
    """An audit time (ISO, UTC) as ``YYYY-MM-DD HH:MM`` in the app's time zone.

    >>> import os; os.environ.pop("TZ", None) and None
    >>> local_time("2026-12-01T22:22:49+00:00")
    '2026-12-02 07:22'
    """
    from datetime import UTC, datetime

    try:
        t = datetime.fromisoformat(str(at))
    except ValueError:
        return str(at)
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return t.astimezone(app_timezone()).strftime("%Y-%m-%d %H:%M")


def history_rows(entries: list, tr_) -> list[dict]:  # noqa: ANN001 - tr_: the page's label function
    """Audit entries as table rows: local time, user, action and changed fields in words."""
    sep = tr_("list_sep")
    rows = []
    for e in entries:
        before, after = e.before or {}, e.after or {}
        changed = sorted(
            k for k in after if before.get(k) != after.get(k) and k not in ("id", "created_at", "updated_at")
        )
        action = tr_(f"action_{e.action}")
        rows.append(
            {
                tr_("history_at"): local_time(e.at),
                tr_("history_user"): e.user,
                tr_("history_action"): e.action if action == f"action_{e.action}" else action,
                tr_("history_changed"): sep.join(tr_(k) for k in changed),
            }
        )
    return rows
