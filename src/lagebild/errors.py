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


class LanguageError(LagebildError):
    """A language folder under lang/ is incomplete or malformed (the message names the file)."""


class UnsupportedLanguage(LagebildError):
    """A text is in a language lagebild has no folder for; it is kept but not analyzed."""

    def __init__(self, language: str, supported: tuple[str, ...]) -> None:
        super().__init__(f"language {language!r} is not supported: lagebild reads {', '.join(supported)}")
        self.language = language
