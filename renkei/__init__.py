"""Renkei 連携 — the installed home of the app: ``renkei.app``, ``renkei.ui`` and ``renkei.data``.

The repository keeps the project's layout (``app.py``, ``ui/`` and ``data/`` at the top, beside
``network/`` and ``ingest/``); the wheel installs them inside this package, so nothing with a
generic name (``ui``, ``data``) lands in site-packages.  In a checkout the top folder is added
to this package's path, so ``renkei.ui`` is ``ui/`` and ``renkei.data`` is ``data/`` there too.

>>> from renkei import __version__
>>> __version__.count(".") >= 1
True
>>> app_path().name
'app.py'
"""

from __future__ import annotations

from importlib import metadata as _metadata
from pathlib import Path as _Path

__all__ = ["__version__", "app_path"]

try:
    __version__ = _metadata.version("renkei")
except _metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout without installing
    __version__ = "0.0.0+checkout"

_here = _Path(__file__).resolve().parent
if not (_here / "ui").is_dir() and (_here.parent / "ui" / "__init__.py").is_file():
    __path__.append(str(_here.parent))  # a checkout: renkei.ui is ui/, renkei.data is data/


def app_path() -> _Path:
    """The Streamlit script (``app.py``): inside the installed package, or at the top of a checkout."""
    for base in __path__:
        candidate = _Path(base) / "app.py"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("app.py is missing from this installation of renkei")
