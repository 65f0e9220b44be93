"""The Survey page (admins and editors): rounds, personal links and letters, progress, paper answers, apply."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from renkei.ui.parts.auth import require_role, user_name
from renkei.ui.parts.common import csv_bytes, show_error, store, tr

from network.errors import RenkeiError, ValidationError

st.title(tr("survey"))


def _rounds_table(rounds: list) -> None:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("sv_round_name"): r.name,
                    tr("sv_fiscal_year"): r.fiscal_year,
                    tr("orgs"): len(r.orgs),
                    tr("sv_close_date"): r.close_date or "",
                    tr("sv_closed"): r.closed,
                }
                for r in rounds
            ]
        ),
        hide_index=True,
    )


def _create() -> None:
    from network.survey.rounds import create_round

    names = {o.id: o.name for o in store().orgs()}
    with st.form("sv_new", clear_on_submit=False):
        name = st.text_input(tr("sv_round_name"), max_chars=80, placeholder="令和6年度 連携調査", key="sv_new_name")
        fy = st.text_input(tr("sv_fiscal_year"), placeholder="令和6年度 / 2024", key="sv_new_fy")
        close = st.date_input(tr("sv_close_date"), value=None, key="sv_new_close")
        orgs = st.multiselect(
            tr("sv_orgs"), list(names), format_func=lambda i: names.get(i, i), placeholder=tr("sv_pick_none")
        )
        go = st.form_submit_button(tr("sv_create"), type="primary")
    if go:
        try:
            rnd = create_round(
                store(), name, fy, orgs=orgs or None, close_date=close.isoformat() if close else None, user=user_name()
            )
        except (RenkeiError, ValueError) as exc:
            show_error(exc)
            return
        st.session_state["sv_done"] = tr("sv_created", name=rnd.name, n=len(rnd.orgs))
        st.session_state["sv_round"] = rnd.name
        st.rerun()


def _links(name: str) -> None:
    from network.survey.letters import letters_pdf
    from network.survey.rounds import DEFAULT_BASE_URL, issue_links, round_names, status

    base = st.text_input(tr("sv_base_url"), value=DEFAULT_BASE_URL, key="sv_base")
    only_missing = st.checkbox(tr("sv_only_missing"), key="sv_only_missing")
    if st.button(tr("sv_issue"), key="sv_issue"):
        try:
            orgs = [m["org"] for m in status(store(), name)["missing"]] if only_missing else None
            links = issue_links(store(), name, orgs=orgs, base_url=base, user=user_name())
            rnd = store().survey().get_round(name)
            # kept only in this session, for the downloads below; never logged or stored
            st.session_state["sv_links"] = (name, links, letters_pdf(rnd, links))
        except RenkeiError as exc:
            show_error(exc)
    held = st.session_state.get("sv_links")
    if held and held[0] == name:
        _, links, pdf = held
        st.info(tr("sv_issued", n=len(links)))
        c1, c2 = st.columns(2)
        c1.download_button(
            tr("sv_links_csv"),
            csv_bytes(pd.DataFrame(links, columns=["org", "name", "url"])),
            file_name="survey-links.csv",
            mime="text/csv",
            key="sv_dl_links",
        )
        c2.download_button(
            tr("sv_letters_pdf"), pdf, file_name="survey-letters.pdf", mime="application/pdf", key="sv_dl_letters"
        )
    rnd = store().survey().get_round(name)
    st.download_button(
        tr("sv_form_pdf"),
        _form_pdf(rnd.name, rnd.fiscal_year, rnd.close_date, tuple(round_names(store(), rnd).values())),
        file_name="survey-form.pdf",
        mime="application/pdf",
        key="sv_dl_form",
    )


@st.cache_data(show_spinner=False, max_entries=4)
def _form_pdf(name: str, fiscal_year: int, close_date: str | None, names: tuple[str, ...]) -> bytes:
    from network.survey.letters import paper_form_pdf
    from network.survey.model import Round

    return paper_form_pdf(Round(name, fiscal_year, [], close_date), list(names))


def _progress(name: str) -> None:
    from network.survey.rounds import status

    s = status(store(), name)
    rate = s["rate"] or 0.0
    st.progress(rate, text=tr("sv_progress", answered=s["answered"], invited=s["invited"], rate=f"{rate:.0%}"))
    if s["missing"]:
        with st.expander(tr("sv_missing") + f" ({len(s['missing'])})"):
            df = pd.DataFrame(s["missing"])[["org", "name", "started"]]
            st.dataframe(df, hide_index=True)
            st.download_button(
                "CSV", csv_bytes(df), file_name="survey-missing.csv", mime="text/csv", key="sv_dl_missing"
            )


def _paper(name: str) -> None:
    from network.survey.paper import import_answers

    up = st.file_uploader(tr("sv_paper"), type=["csv", "xlsx"], key="sv_paper")
    if up is not None and st.button(tr("import"), key="sv_paper_go"):
        try:
            result = import_answers(store(), name, (up.name, up.getvalue()), user=user_name())
            st.success(tr("sv_paper_done", n=len(result.answers)))
        except ValidationError as exc:
            show_error(exc)
            report = getattr(exc, "report", None)
            if report is not None:
                st.dataframe(pd.DataFrame(report.to_rows()), hide_index=True)
        except RenkeiError as exc:
            show_error(exc)


def _apply_and_scores(name: str) -> None:
    from network.survey.apply import apply_round
    from network.survey.scores import survey_section, survey_summary

    if st.button(tr("sv_apply"), key="sv_apply", type="primary"):
        try:
            st.success(tr("sv_applied", **apply_round(store(), name, user=user_name()).to_dict()))
        except RenkeiError as exc:
            show_error(exc)
    summary = survey_summary(store(), name)
    sec = survey_section(summary)
    c = st.columns(4)  # the figures the Gaps page and the annual report show (network.survey.scores)
    c[0].metric(tr("sv_m_response"), "—" if sec["response_rate"] is None else f"{sec['response_rate']:.0%}")
    c[1].metric(tr("sv_m_reciprocity"), "—" if sec["reciprocity"] is None else f"{sec['reciprocity']:.0%}")
    c[2].metric(tr("sv_m_trust"), "—" if sec["trust"] is None else f"{sec['trust']:.2f}")
    c[3].metric(tr("sv_m_value"), "—" if sec["value"] is None else f"{sec['value']:.2f}")
    st.caption(tr("sv_scores"))
    rows = [
        {
            "ID": o,
            tr("name"): v["name"],
            tr("sv_col_trust"): v["trust"],
            tr("sv_col_value"): v["value"],
            tr("sv_col_raters"): v["raters"],
        }
        for o, v in summary["orgs"].items()
        if v["raters"]
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True)


def _page() -> None:
    from network.survey.rounds import close_round, list_rounds

    st.caption(tr("sv_admin_intro"))
    done = st.session_state.pop("sv_done", None)
    if done:
        st.success(done)
    rounds = list_rounds(store())
    if not rounds:
        st.info(tr("sv_no_rounds"))
    with st.expander(tr("sv_new_round"), expanded=not rounds):
        _create()
    if not rounds:
        return
    _rounds_table(rounds)
    name = st.selectbox(tr("sv_pick_round"), [r.name for r in rounds][::-1], key="sv_round")
    rnd = next(r for r in rounds if r.name == name)
    _progress(name)
    if not rnd.closed:
        _links(name)
    _paper(name)
    _apply_and_scores(name)
    if not rnd.closed and st.button(tr("sv_close"), key="sv_close"):
        close_round(store(), name, user=user_name())
        st.rerun()


if require_role("editor", key="survey_signin"):
    _page()
