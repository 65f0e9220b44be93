"""One vocabulary: every user-facing word of Renkei, in Japanese and English (Japanese by default).

>>> t("map", "ja"), t("map", "en")
('地図', 'Map')
>>> t("no such key", "en")
'no such key'
"""

from __future__ import annotations

from network.labels.app import LABELS, LANGS, t

__all__ = ["LABELS", "t", "LANGS"]
