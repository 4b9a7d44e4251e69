"""lagebild's own exceptions. Each message says what to do next."""
from __future__ import annotations


class LagebildError(Exception):
    """Base class for every error lagebild raises on purpose."""


class InputError(LagebildError):
    """An input file or record cannot be read; the rest of the corpus goes on."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class StoreError(LagebildError):
    """The database cannot be opened or written."""


class UsageError(LagebildError):
    """The caller asked for something that cannot work (bad option, unknown format)."""
