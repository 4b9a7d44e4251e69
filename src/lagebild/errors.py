"""lagebild's own exceptions. Each message says what to do next."""
from __future__ import annotations

import os
import traceback


class LagebildError(Exception):
    """Base class for every error lagebild raises on purpose."""


class InputError(LagebildError):
    """An input file or record cannot be read; the rest of the corpus goes on.

    `stage` says where it failed: read (the file system), decode (bytes to text),
    validate (a JSONL record's fields), extract (no article text in a page).
    """

    def __init__(self, source: str, message: str, stage: str = "read", raw: bytes | None = None) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        self.stage = stage
        self.raw = raw  # the input's bytes when the reader has them (a JSONL line)


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


def one_line(exc: BaseException) -> str:
    """An unexpected exception as one line: its class, the first line of its message and
    where it was raised ("ValueError: invalid literal (in metadata.py:88)")."""
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (in {os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
    return f"{exc.__class__.__name__}{': ' + message if message else ''}{where}"
