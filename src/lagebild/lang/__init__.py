"""Language knowledge as data: `lang/<code>/<name>.txt` (one entry a line) and
`lang/<code>/<name>.tsv` (key<TAB>value a line). `#` starts a comment.

A new language is a new folder with the same file names; code never spells out
German or English words itself but asks this module for a lexicon.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

SUPPORTED = ("de", "en")


def _lines(language: str, filename: str) -> list[str]:
    folder = resources.files("lagebild.lang") / language
    path = folder / filename
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].rstrip() if not line.startswith("#") else ""
        if line.strip():
            out.append(line.strip("\n"))
    return out


@lru_cache(maxsize=256)
def words(language: str, name: str) -> frozenset[str]:
    """The entries of `lang/<language>/<name>.txt` as a set (case kept)."""
    return frozenset(line.strip() for line in _lines(language, f"{name}.txt"))


@lru_cache(maxsize=256)
def entries(language: str, name: str) -> tuple[str, ...]:
    """The entries of `lang/<language>/<name>.txt` in file order."""
    return tuple(line.strip() for line in _lines(language, f"{name}.txt"))


@lru_cache(maxsize=256)
def table(language: str, name: str) -> dict[str, str]:
    """`lang/<language>/<name>.tsv` as a dict: first column -> second column."""
    out: dict[str, str] = {}
    for line in _lines(language, f"{name}.tsv"):
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out


def code(language: str | None) -> str:
    """The lexicon folder to use for a document language (German when unknown)."""
    return language if language in SUPPORTED else "de"
