"""Import 取り込み: upload CSV/XLSX/JSON, see encoding, kind, preview and bad rows, then commit."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st
from renkei.ui.parts.auth import require_role, user_name
from renkei.ui.parts.common import md, show_error, store, tr
from renkei.ui.parts.upload_cache import UPLOAD_MB, dry_run, parsed, preview

from ingest.importer import import_files
from network.errors import ValidationError

_REPORT_WORDS = (
    "file",
    "row",
    "column",
    "value",
    "reason",
    "code",
    "kind",
    "read",
    "created",
    "updated",
    "unchanged",
    "rejected",
)


def _words(df: pd.DataFrame) -> pd.DataFrame:
    """The import report's columns (and kinds) in the user's language."""
    df = df.rename(columns={c: tr(f"rep_{c}") for c in df.columns if c in _REPORT_WORDS})
    kind = tr("rep_kind")
    if kind in df.columns:
        df[kind] = [tr(f"kind_{k}") for k in df[kind]]
    return df


PREVIEW_ROWS = 20

st.title(tr("import"))
if not require_role("admin", key="import_signin"):
    st.stop()
uploads = st.file_uploader(
    tr("upload"),
    type=["csv", "xlsx", "json", "txt", "graphml", "gexf", "net", "paj", "dl", "cyjs"],
    accept_multiple_files=True,
    key="import_files",
    max_upload_size=UPLOAD_MB,
)  # bigger files never leave the browser
sources = [(u.name, u.getvalue()) for u in uploads or []]
if sources:
    tables: dict[int, list] = {}
    for i, (name, data) in enumerate(sources):  # parsed once per content, not per use and per rerun
        try:
            tables[i] = parsed(name, data)
        except Exception as exc:  # noqa: BLE001 - an unreadable file is a message, not a crash
            show_error(exc)
    previews = {i: preview(ts, limit=PREVIEW_ROWS) for i, ts in tables.items()}  # before the plan reads them
    try:
        plan = (
            dry_run(store(), sources, [t for ts in tables.values() for t in ts])
            if len(tables) == len(sources)
            else None
        )
    except Exception as exc:  # noqa: BLE001
        show_error(exc)
        plan = None
    for i, (name, _) in enumerate(sources):
        st.markdown(f"#### {md(name)}")
        for table in previews.get(i, []):
            st.caption(
                f"{tr('encoding')}: **{md(table.encoding)}** · {tr('kind_detected')}: "
                f"**{md(table.kind_label)}** · {tr('n_rows', n=table.n_rows)} · {md(table.file)}"
            )
            if table.rows:
                st.dataframe(pd.DataFrame(table.rows).astype(str), hide_index=True)
            if table.ignored:
                st.caption(tr("ignored_columns") + ": " + ", ".join(map(md, table.ignored)))
    if plan is not None:
        st.markdown(f"#### {tr('bad_rows')}: {len(plan.errors)}")
        if plan.errors:
            st.dataframe(_words(pd.DataFrame(plan.to_rows())), hide_index=True)
        if plan.possible_duplicates:  # ingest.fold: names that fold alike are kept apart, never merged
            st.markdown(f"#### {tr('possible_duplicates')}: {len(plan.possible_duplicates)}")
            st.caption(tr("possible_duplicates_help"))
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            tr("rep_file"): d.file,
                            tr("rep_row"): d.row,
                            tr("name"): d.name,
                            tr("looks_like"): "、".join(n for _, n in d.candidates),
                        }
                        for d in plan.possible_duplicates
                    ]
                ),
                hide_index=True,
            )
        st.dataframe(_words(pd.DataFrame(plan.summary_rows())), hide_index=True)
        c1, c2 = st.columns(2)
        commit_all = c1.button(tr("commit_all"), type="primary", disabled=bool(plan.errors), key="import_all")
        commit_good = c2.button(tr("commit_good"), disabled=not plan.errors, key="import_good")
        if commit_all or commit_good:
            with tempfile.TemporaryDirectory() as tmp:
                rejects = Path(tmp) / "rejects.csv"
                try:
                    report = import_files(
                        store(), sources, keep_good=bool(commit_good), rejects_path=rejects, user=user_name()
                    )
                except ValidationError:
                    st.error(tr("import_failed"))
                except Exception as exc:  # noqa: BLE001
                    show_error(exc)
                else:
                    summary = ", ".join(f"{k}: +{c.created} ~{c.updated}" for k, c in report.counts.items())
                    st.success(tr("imported", summary=md(summary)))
                    if rejects.exists():
                        st.download_button(
                            tr("bad_rows") + " (CSV)", rejects.read_bytes(), file_name="rejects.csv", mime="text/csv"
                        )
