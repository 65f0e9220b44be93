"""Packaging: the metadata is in pyproject.toml; this file maps the repository's layout into the wheel.

``ui/`` and ``data/`` install as ``renkei.ui`` and ``renkei.data`` (no generic top-level names in
site-packages), and ``app.py`` with ``.streamlit/config.toml`` is copied into ``renkei/`` so that
``renkei serve`` runs from a normal (non-editable) install.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPy(build_py):
    """Copy the Streamlit entry point and its configuration into the installed ``renkei`` package."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "renkei"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(HERE / "app.py", target / "app.py")
        (target / ".streamlit").mkdir(exist_ok=True)
        shutil.copy2(HERE / ".streamlit" / "config.toml", target / ".streamlit" / "config.toml")


core = find_packages(include=["network", "network.*", "ingest", "ingest.*"])
app = ["renkei"] + [f"renkei.{p}" for p in find_packages(include=["ui", "ui.*", "data", "data.*"])]

setup(
    packages=core + app,
    package_dir={"renkei.ui": "ui", "renkei.data": "data"},
    package_data={
        "renkei.data": ["**/*.csv", "**/*.json", "**/*.xlsx"],
        "network": ["py.typed", "**/*.js", "**/*.css"],
        "network.present.map": ["*.js", "*.css"],  # the map page's script and stylesheet
        "ingest": ["py.typed"],
        "renkei": ["py.typed"],
    },
    cmdclass={"build_py": BuildPy},
)
