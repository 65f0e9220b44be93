"""Plain-language explanations (Japanese and English) of every measure and role.

Used by the Markdown report and the Streamlit app so that each finding comes
with what it means for a partnership network.  The words are in the vocabulary
(:mod:`network.labels.measures`); this module looks them up.

Examples
--------
>>> explain("gatekeeper", "en").startswith("Gatekeeper")
True
>>> label("degree", "ja"), LABELS["degree"]["en"]
('連携数', 'Partners')
"""

from __future__ import annotations

from network.labels.measures import EXPLANATIONS as _EXPLANATIONS
from network.labels.measures import MEASURES as _MEASURES

__all__ = ["EXPLANATIONS", "LABELS", "explain", "label"]

#: Short labels of measures and roles: key → {"ja": …, "en": …}.
LABELS: dict[str, dict[str, str]] = {k: {"ja": ja, "en": en} for k, (ja, en) in _MEASURES.items()}

#: What each measure or role means, and why it matters here: key → {"ja": …, "en": …}.
EXPLANATIONS: dict[str, dict[str, str]] = {k: {"ja": ja, "en": en} for k, (ja, en) in _EXPLANATIONS.items()}


def explain(key: str, lang: str = "ja") -> str:
    """The plain-language explanation of a measure or role (``lang``: ``ja``/``en``)."""
    return EXPLANATIONS[key]["en" if lang == "en" else "ja"]


def label(key: str, lang: str = "ja") -> str:
    """The short label of a measure or role."""
    return LABELS[key]["en" if lang == "en" else "ja"]
