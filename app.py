"""Renkei 連携マップ — the Streamlit app (a router; the pages are in ``ui/``).

Run ``renkei serve`` or ``streamlit run app.py``; the store comes from
``RENKEI_STORE`` (default ``renkei.db`` in the working directory).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if (ROOT / "network").is_dir() and str(ROOT) not in sys.path:  # a checkout; installed, ROOT is renkei/
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from renkei.ui.parts.auth import require_view, user_box  # noqa: E402
from renkei.ui.parts.common import redraw_choices, safe, store, tr  # noqa: E402
from renkei.ui.parts.gate import require_host, require_start_token  # noqa: E402

from network.labels import LANGS  # noqa: E402


def _icon():  # noqa: ANN202 - a PIL image
    """A small network icon drawn here: a Material or emoji icon would be fetched from a CDN."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pts = [(32, 12), (12, 46), (52, 46), (32, 34)]
    for a, b in ((0, 3), (1, 3), (2, 3), (0, 1), (0, 2)):
        d.line([pts[a], pts[b]], fill=(80, 80, 80, 255), width=4)
    for (x, y), c in zip(pts, ((204, 121, 167), (230, 159, 0), (0, 114, 178), (0, 158, 115)), strict=True):
        d.ellipse([x - 9, y - 9, x + 9, y + 9], fill=(*c, 255))
    return img


st.set_page_config(page_title="Renkei 連携マップ", page_icon=_icon(), layout="wide")
if not require_host():  # DNS rebinding (docs/trust.md)
    st.stop()

# --- survey: a personal link (/survey?token=…) runs the questionnaire alone: no sidebar, no other page
import renkei.ui.parts.survey_form as survey_form  # noqa: E402

if survey_form.is_survey_request():
    survey_form.run()
    st.stop()

if not require_start_token():  # local mode under renkei serve (a survey link is its own token)
    st.stop()

if "lang" not in st.session_state:
    st.session_state["lang"] = "ja"
with st.sidebar:
    st.radio(tr("language"), list(LANGS), format_func=LANGS.get, key="lang", horizontal=True, on_change=redraw_choices)

PAGES = [
    ("ui/pages/map.py", "map", ":material/map:"),
    ("ui/pages/orgs.py", "orgs", ":material/apartment:"),
    ("ui/pages/brokers.py", "brokers", ":material/hub:"),
    ("ui/pages/gaps.py", "gaps", ":material/grid_on:"),
    ("ui/pages/changes.py", "changes", ":material/timeline:"),
    ("ui/pages/trends.py", "trends", ":material/trending_up:"),
    ("ui/pages/districts.py", "districts", ":material/location_city:"),
    ("ui/pages/add.py", "add", ":material/add_circle:"),
    ("ui/pages/importer.py", "import", ":material/upload_file:"),
    ("ui/pages/export.py", "export", ":material/download:"),
    ("ui/pages/history.py", "history", ":material/history:"),
    ("ui/pages/survey.py", "survey", ":material/assignment:"),
]
# The map is the default page, served at "/"; Streamlit serves a default page only there ("/map" said
# "Page not found"), so the same script is also a hidden page at "/map": the address a user types and the
# one a drilled-down map pushes ("map?group=…"). The default page's own url_path only has to be unique.
pg = st.navigation(
    [
        st.Page(
            str(ROOT / path), title=tr(key), icon=icon, url_path="home" if key == "map" else key, default=key == "map"
        )
        for path, key, icon in PAGES
    ]
    + [st.Page(str(ROOT / PAGES[0][0]), title=tr("map"), icon=PAGES[0][2], url_path="map", visibility="hidden")]
)


def _counts() -> None:
    c = store().counts()
    counts_box.caption(tr("counts", orgs=c.get("orgs", 0), ties=c.get("ties", 0)))


user_box()
if require_view():
    counts_box = st.sidebar.empty()
    safe(_counts)
    safe(pg.run)
    safe(_counts)  # again after the page: a write on this run (a form, an import) shows at once
