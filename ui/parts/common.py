"""What every page shares: the cached store, cached graph and analysis, labels, errors.

The store is opened once per process (``st.cache_resource``); the graph and the
analysis results are cached under the store's :meth:`~network.store.base.Store.revision`,
so every write (a form, an import) makes the next run read fresh data.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import pandas as pd
import streamlit as st

from network.labels import t
from network.model import STRENGTH_LABELS, Sector, TieType
from network.store import default_store_url, open_store

__all__ = [
    "Filters",
    "get_store",
    "store",
    "lang",
    "tr",
    "graph",
    "filtered_graph",
    "analysis",
    "org_names",
    "stored_years",
    "menu_years",
    "latest_fy",
    "sector_label",
    "type_label",
    "strength_label",
    "safe",
    "show_error",
    "empty_store",
    "is_empty",
    "org_measures",
    "md",
]

log = logging.getLogger("renkei.ui")


@dataclass(frozen=True)
class Filters:
    """The map and analysis filters a page's widgets chose (hashable for caching)."""

    as_of: str | int | None = None
    types: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None
    districts: tuple[str, ...] | None = None
    min_strength: int = 1
    #: custom field name → values to keep (issue 12), as tuples: ``(("活動分野", ("子ども",)),)``
    custom: tuple[tuple[str, tuple[str, ...]], ...] | None = None


@st.cache_resource(show_spinner=False)
def get_store(url: str):  # noqa: ANN201 - a Store
    """One store per URL for the whole server process."""
    return open_store(url)


def store():  # noqa: ANN201 - a Store
    """The store named by ``RENKEI_STORE`` (default ``renkei.db``)."""
    return get_store(default_store_url())


_MD_PUNCT = re.compile(f"([{re.escape(string.punctuation)}])")
_MD_BREAK = re.compile(r"\s*[\r\n]+\s*")
_WJ = "\u2060"  # WORD JOINER: invisible, unbreakable; stops Streamlit's autolinks and emoji codes
_MD_WWW = re.compile(r"(?i)(www)(?=\.)")


def md(value: object) -> str:
    r"""``value`` as Markdown that shows exactly its text: every ASCII punctuation mark backslash-escaped.

    Streamlit renders Markdown in titles, captions, messages (``st.success``…),
    widget labels and radio options, so a name such as ``![b](http://host/x.png)``
    would fetch an image and ``[ログイン](http://…)`` would be a link.  Every user
    value that goes into such a call goes through :func:`md`; CommonMark lets any
    ASCII punctuation be escaped, which also defeats autolinks, raw HTML, LaTeX
    (``$``) and Streamlit's ``:colour[…]`` and ``:material/…:`` directives.  Streamlit
    also turns bare URLs, ``www.`` names and e-mail addresses into links, and
    ``:smile:`` into an emoji, *after* escapes are read; an invisible WORD JOINER
    (U+2060) after every ``:``, before every ``@`` and after ``www`` stops those.
    Line breaks become spaces (a value is shown on one line).

    >>> md("![b](http://h/x.png)").replace(_WJ, "")
    '\\!\\[b\\]\\(http\\:\\/\\/h\\/x\\.png\\)'
    >>> md("http://h a@b www.c") == "http\\:\u2060\\/\\/h a\u2060\\@b www\u2060\\.c"
    True
    >>> md("みやぎ連携復興センター")
    'みやぎ連携復興センター'
    >>> md("a\nb")
    'a b'
    """
    text = _MD_BREAK.sub(" ", "" if value is None else str(value))
    text = _MD_WWW.sub(r"\1" + _WJ, text.replace(":", ":" + _WJ).replace("@", _WJ + "@"))
    return _MD_PUNCT.sub(r"\\\1", text)


def lang() -> str:
    """The chosen language, ``"ja"`` unless the user switched."""
    return "en" if st.session_state.get("lang") == "en" else "ja"


def redraw_choices() -> None:
    """After a language switch, have every choice drawn anew in the new language, its value kept.

    Streamlit 1.67's selectbox stores the text of its choice and keeps showing it when the text
    changes (streamlit/streamlit#13788): switched to English, a box still read 「連携数」.  Writing each
    value back through the Session State API (a callback of the language radio) marks it as set, so
    the next run sends its text again.  Only plain values are written back: buttons and file
    uploaders (booleans, files, ``None``) cannot be set, and need no redrawing.
    """
    for key in list(st.session_state.keys()):
        if key == "lang" or str(key).startswith("$$"):
            continue
        value = st.session_state[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float | list | tuple):
            continue
        try:
            st.session_state[key] = value
        except Exception:  # noqa: BLE001 - a value the Session State API refuses is left as it is
            continue


def tr(key: str, **fmt: object) -> str:
    """Label ``key`` in the chosen language."""
    return t(key, lang(), **fmt)


def sector_label(code: object) -> str:
    try:
        return Sector(str(code)).label(lang())
    except ValueError:
        return str(code or "")


def type_label(code: object) -> str:
    try:
        return TieType(str(code)).label(lang())
    except ValueError:
        return str(code or "")


def strength_label(n: object) -> str:
    try:
        ja, en = STRENGTH_LABELS[int(n)]  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return str(n)
    return f"{int(n)} {ja if lang() == 'ja' else en}"  # type: ignore[arg-type]


@st.cache_resource(show_spinner=False, max_entries=4)
def _graph(url: str, revision: int) -> nx.MultiDiGraph:
    return get_store(url).load_graph()


def graph() -> nx.MultiDiGraph:
    """The whole stored network (read-only: do not modify the returned graph)."""
    s = store()
    return _graph(default_store_url(), s.revision())


@st.cache_resource(show_spinner=False, max_entries=4)
def _years(url: str, revision: int) -> tuple[tuple[int, ...], int | None]:
    from network.analysis.selection import latest_start_fy
    from network.analysis.years import fiscal_years_of

    G = _graph(url, revision)
    return tuple(fiscal_years_of(G)), latest_start_fy(G)


def stored_years() -> list[int]:
    """:func:`network.analysis.years.fiscal_years_of` the stored network, oldest first (read once per store
    revision: at 250,000 ties each call reads every tie's dates)."""
    return list(_years(default_store_url(), store().revision())[0])


def menu_years() -> list[int]:
    """:func:`network.analysis.selection.fiscal_years` of the stored network: its years and the current one,
    newest first."""
    from datetime import date

    from network.model import fiscal_year

    return sorted({*stored_years(), fiscal_year(date.today())}, reverse=True)


def latest_fy() -> int | None:
    """:func:`network.analysis.selection.latest_start_fy` of the stored network (once per store revision)."""
    return _years(default_store_url(), store().revision())[1]


def is_empty() -> bool:
    return store().counts().get("orgs", 0) == 0


@st.cache_resource(show_spinner=False, max_entries=8)
def _filtered(url: str, revision: int, f: Filters) -> nx.MultiDiGraph:
    from network.analysis.selection import min_strength_graph
    from network.analysis.views import filter_graph

    G = _graph(url, revision)
    if f == Filters():  # nothing to filter: the graph itself (a copy of 20,000 organisations took seconds)
        return G
    custom = dict(f.custom) if f.custom else None
    H = filter_graph(G, as_of=f.as_of, types=f.types, sectors=f.sectors, district=f.districts, custom=custom)
    return min_strength_graph(H, f.min_strength)


def filtered_graph(f: Filters) -> nx.MultiDiGraph:
    """The stored network after the filters (cached per store revision)."""
    return _filtered(default_store_url(), store().revision(), f)


@st.cache_data(show_spinner=False, max_entries=16)
def _analysis(url: str, revision: int, f: Filters, attr: str) -> dict:
    from network.present.report import analyze

    return analyze(_filtered(url, revision, f), sector_attr=attr)


def analysis(f: Filters | None = None, *, attr: str = "sector") -> dict:
    """``network.present.report.analyze`` of the filtered network, cached per store revision."""
    return _analysis(default_store_url(), store().revision(), f or Filters(), attr)


@st.cache_data(show_spinner=False, max_entries=8)
def _report_markdown(url: str, revision: int, f: Filters, attr: str, lang_: str) -> bytes:
    from network.present.report import to_markdown

    return to_markdown(_analysis(url, revision, f, attr), lang=lang_).encode("utf-8")


def report_markdown(f: Filters | None = None, *, attr: str = "sector") -> bytes:
    """The Markdown report of :func:`analysis` in the chosen language, made once per store revision (a download
    button's data is made on every run: at 50,000 organisations that was a second each)."""
    return _report_markdown(default_store_url(), store().revision(), f or Filters(), attr, lang())


def org_measures(result: dict) -> dict[str, dict]:
    """Organisation id → its row of the analysis (degree, betweenness, brokerage…)."""
    return {o["id"]: o for o in result.get("orgs", [])}


@st.cache_resource(show_spinner=False, max_entries=4)
def _org_names(url: str, revision: int) -> dict[str, str]:
    G = _graph(url, revision)
    return dict(sorted(((v, str(d.get("name") or v)) for v, d in G.nodes(data=True)), key=lambda x: x[1]))


def org_names() -> dict[str, str]:
    """Organisation id → name, in name order (for searchable pickers; cached per store revision, read-only)."""
    return _org_names(default_store_url(), store().revision())


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A table as CSV for download: UTF-8 with BOM (Excel), formula-like cells neutralised."""
    from network.present.export import csv_safe

    return df.map(csv_safe).to_csv(index=False).encode("utf-8-sig")


def show_error(exc: BaseException) -> None:
    """A short message for the user; the stack trace goes to the log."""
    from network.errors import RenkeiError

    if not isinstance(exc, RenkeiError):
        log.exception("page failed", exc_info=exc)
    msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    st.error(tr("error", msg=md(msg[:300])))


def safe(fn: Callable[[], object]) -> None:
    """Run a page body; any error becomes a short message instead of a stack trace."""
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - Streamlit's stop/rerun are BaseException and pass
        show_error(exc)


def _samples() -> dict:
    """Sample name → folder of CSV files (``data.samples.SAMPLES``, else the folders in ``data/``)."""
    try:
        from renkei.data.samples import SAMPLES
    except ImportError:
        from pathlib import Path

        root = Path(__file__).resolve().parent.parent / "data"
        return {p.name: p for p in sorted(root.iterdir()) if (p / "orgs.csv").exists()}
    return dict(SAMPLES)


def current_user_name() -> str:
    from renkei.ui.parts.auth import user_name

    return user_name()


def load_sample(name: str) -> int:
    """Import the sample network ``name`` through the importer; number of records written."""
    from ingest.importer import import_files

    try:
        from renkei.data.samples import sample_files

        paths = sample_files(name)
    except ImportError:
        paths = [
            p for p in (_samples()[name] / f for f in ("orgs.csv", "ties.csv", "participations.csv")) if p.is_file()
        ]
    report = import_files(store(), [str(p) for p in paths], user=current_user_name())
    return int(sum(c.created + c.updated for c in report.counts.values()))


def _sample_label(name: str) -> str:
    try:
        from renkei.data.samples import DESCRIPTIONS
    except ImportError:
        return name
    ja, en = DESCRIPTIONS.get(name, (name, name))
    return f"{name} — {en if lang() == 'en' else ja}"


def empty_store() -> bool:
    """When the store is empty, offer a sample or the import page; ``True`` if it was empty."""
    if not is_empty():
        return False
    st.info(f"**{tr('empty_title')}** — {tr('empty_body')}")
    samples = _samples()
    from renkei.ui.parts.auth import current_user

    from network.accounts import has_role

    acc = current_user()
    if samples and acc is not None and has_role(acc.role, "admin"):
        with st.form("load_sample_form"):
            name = st.selectbox(tr("sample"), list(samples), format_func=_sample_label)
            if st.form_submit_button(tr("load_sample")):
                try:
                    n = load_sample(name)
                except Exception as exc:  # noqa: BLE001
                    show_error(exc)
                else:
                    st.success(tr("sample_loaded", name=name, n=n))
                    st.rerun()
    else:
        st.caption(tr("not_ready", what="data.samples"))
    st.page_link("ui/pages/importer.py", label=tr("go_import"), icon=":material/upload_file:")
    return True
