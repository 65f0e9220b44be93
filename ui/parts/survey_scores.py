"""Survey trust and value beside the measures on the Brokers and Gaps pages (once a round is applied).

The figures are :mod:`network.survey.scores`' (:func:`~network.survey.scores.applied_round`, then
:func:`~network.survey.scores.survey_summary`), the same ones ``renkei analyze --format json`` and
the annual report show.  They are cached per store revision and for at most a minute, so answers
that arrive after the round was applied show up without a restart.  Nothing is shown while no
round has been applied.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
from renkei.ui.parts.common import get_store, md, store, tr

from network.store import default_store_url
from network.survey.scores import applied_round, org_scores, survey_section, survey_summary

__all__ = ["applied_section", "scores", "add_score_columns", "score_caption", "survey_metrics"]


@st.cache_data(show_spinner=False, max_entries=8, ttl=60)
def _scores(url: str, revision: int, up_to: int | None) -> tuple[dict | None, dict]:
    s = get_store(url)
    name = applied_round(s, up_to=up_to)
    if name is None:
        return None, {}
    summary = survey_summary(s, name)
    return survey_section(summary, top=10), org_scores(summary)


def applied_section(up_to: int | None = None) -> dict | None:
    """:func:`network.survey.scores.survey_section` of the newest applied round (``None``: none applied)."""
    return _scores(default_store_url(), store().revision(), up_to)[0]


def scores(up_to: int | None = None) -> dict[str, dict]:
    """Organisation id → ``{trust, value, raters}`` (empty while no round has been applied)."""
    return _scores(default_store_url(), store().revision(), up_to)[1]


def _value(x: object) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 2)  # type: ignore[arg-type]


def add_score_columns(df: pd.DataFrame, ids: list, by_org: dict[str, dict], *, raters: bool = True) -> pd.DataFrame:
    """``df`` with trust, value (and raters) columns for the organisations ``ids`` (row order).

    Unchanged when ``by_org`` is empty (no applied round).
    """
    if not by_org or df.empty:
        return df
    out = df.copy()
    out[tr("sv_col_trust")] = [_value(by_org.get(i, {}).get("trust")) for i in ids]
    out[tr("sv_col_value")] = [_value(by_org.get(i, {}).get("value")) for i in ids]
    if raters:
        out[tr("sv_col_raters")] = [int(by_org.get(i, {}).get("raters") or 0) for i in ids]
    return out


def score_caption(section: dict | None) -> None:
    """One line naming the round the scores come from."""
    if section:
        st.caption(
            tr(
                "sv_from_round",
                round=md(section["round"]),
                fy=section["fiscal_year"],
                answered=section["answered"],
                invited=section["invited"],
            )
        )


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def survey_metrics(section: dict | None) -> None:
    """Response rate, reciprocity, mean trust and value of the applied round (nothing without one)."""
    if not section:
        return
    st.markdown(f"#### {tr('sv_network_title')}")
    c = st.columns(4)
    c[0].metric(tr("sv_m_response"), _pct(section["response_rate"]))
    c[1].metric(tr("sv_m_reciprocity"), _pct(section["reciprocity"]))
    c[2].metric(tr("sv_m_trust"), _num(section["trust"]))
    c[3].metric(tr("sv_m_value"), _num(section["value"]))
    score_caption(section)
