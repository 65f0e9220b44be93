"""Trust: accounts and roles, history and undo, backups, and input limits.

See ``docs/trust.md``.  Nothing here imports Streamlit (the sign-in form is in
``ui/parts/auth.py``).
"""

from __future__ import annotations

__all__: list[str] = []
