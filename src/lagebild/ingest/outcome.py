"""What reading an input gives besides a Document or an InputError.

`Skipped` is a file lagebild passed over on purpose (an image in a folder, a Word
lock file): reported, but no failure. `Unchanged` is a web page whose server said
it has not changed since the last fetch (304), so its stored analysis stands.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Unchanged:
    source: str
    doc_id: str
