"""One exception hierarchy for Renkei.

Only the CLI and the UI turn these into user messages.
"""

from __future__ import annotations

__all__ = [
    "RenkeiError",
    "ValidationError",
    "StoreError",
    "NotFound",
    "ConflictError",
    "AuthError",
]


class RenkeiError(Exception):
    """Base class of every error Renkei raises on purpose."""


class ValidationError(RenkeiError):
    """Input was rejected.  ``report`` (an ``ImportReport``) lists every bad row."""

    def __init__(self, message: str, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class StoreError(RenkeiError):
    """The store could not be opened, read or written."""


class NotFound(StoreError):
    """An organisation, tie or other record does not exist."""


class ConflictError(StoreError):
    """A write broke a uniqueness rule (for example a duplicate 法人番号)."""


class AuthError(RenkeiError):
    """Sign-in failed or the user may not do this."""
