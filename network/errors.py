"""One exception hierarchy for Renkei.

Only the CLI and the UI turn these into user messages (the CLI through one table,
:data:`network.cli.EXIT_CODES`).  A programming mistake (an unknown ``engine=``
argument, the wrong kind of view) stays a plain ``ValueError``/``TypeError``.
"""

from __future__ import annotations

__all__ = [
    "RenkeiError",
    "ValidationError",
    "InputError",
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


class InputError(ValidationError, ValueError):
    """One value a person typed or a file held could not be read: a sector word, a date, a fiscal year.

    Also a :class:`ValueError`, so code that parses values (``except ValueError``) keeps working;
    the command line shows the message on one line and exits with 1.

    >>> try:
    ...     raise InputError("not a fiscal year: 'FY20x'")
    ... except ValueError as exc:
    ...     print(exc, isinstance(exc, RenkeiError))
    not a fiscal year: 'FY20x' True
    """


class StoreError(RenkeiError):
    """The store could not be opened, read or written."""


class NotFound(StoreError):
    """An organisation, tie or other record does not exist."""


class ConflictError(StoreError):
    """A write broke a uniqueness rule (for example a duplicate 法人番号)."""


class AuthError(RenkeiError):
    """Sign-in failed or the user may not do this."""
