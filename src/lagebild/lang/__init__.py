"""Language knowledge as data. A language is a folder `lang/<code>/` holding

- `language.toml`: what cannot be a word list (tokenizer and tagger models, number
  format, a few switches of grammar such as whether nouns are capitalised);
- lexicons: `<name>.txt` (one entry a line) and `<name>.tsv` (key<TAB>value a line),
  `#` starting a comment. `lang/manifest.toml` lists every lexicon lagebild reads,
  which a language must provide and which are optional.

The languages lagebild reads are the folders with a `language.toml`: the ones shipped
here, plus those under the folders named in the environment variable
`LAGEBILD_LANG_PATH` (separated like PATH). A language is checked when first used: a
missing required file raises `LanguageError` naming it. Code never spells out German
or English words itself but asks this module for a lexicon.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from lagebild.errors import LanguageError, UnsupportedLanguage

DEFAULT = "de"  # the language of a document whose language is unknown
PATH_VARIABLE = "LAGEBILD_LANG_PATH"


@dataclass(frozen=True)
class Language:
    """The settings of one language (`lang/<code>/language.toml`)."""

    code: str
    name: str
    tokenizer: str  # somajo model: de_CMC or en_PTB
    tagger: str  # HanTa model file, "" for none (tokens then carry no part of speech)
    tagset: str  # lexicon mapping the tagger's tags to STTS, "" when it tags STTS
    numbers: dict[str, Any] = field(default_factory=dict)
    grammar: dict[str, Any] = field(default_factory=dict)

    def feature(self, name: str) -> Any:
        """A switch of `[grammar]` or `[numbers]` (False / "" when the language leaves it out)."""
        if name in self.grammar:
            return self.grammar[name]
        return self.numbers.get(name, False)


@lru_cache(maxsize=1)
def manifest() -> tuple[frozenset[str], frozenset[str]]:
    """(required, optional) lexicon file names."""
    data = tomllib.loads((resources.files("lagebild.lang") / "manifest.toml").read_text(encoding="utf-8"))
    return frozenset(data["required"]), frozenset(data["optional"])


def _search_path() -> tuple[str, ...]:
    return _split_path(os.environ.get(PATH_VARIABLE, ""))


@lru_cache(maxsize=8)
def _split_path(value: str) -> tuple[str, ...]:
    return tuple(p for p in value.split(os.pathsep) if p)


@lru_cache(maxsize=8)
def _folders(search_path: tuple[str, ...]) -> dict[str, Traversable]:
    found: dict[str, Traversable] = {}
    roots: list[Traversable] = [resources.files("lagebild.lang"), *(Path(p) for p in search_path)]
    for root in roots:
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir(), key=lambda f: f.name):
            if folder.is_dir() and (folder / "language.toml").is_file():
                found.setdefault(folder.name, folder)
    return found


@lru_cache(maxsize=1)
def _shipped() -> frozenset[str]:
    """The languages shipped in the package (they take precedence over the search path)."""
    return frozenset(_folders(()))


def folders() -> dict[str, Traversable]:
    """Language code -> its folder, for every language lagebild reads."""
    return _folders(_search_path())


def supported() -> tuple[str, ...]:
    """The codes of the languages lagebild reads, derived from the language folders."""
    return tuple(sorted(folders()))


def __getattr__(name: str) -> tuple[str, ...]:
    if name == "SUPPORTED":  # computed on access: a language added on the search path counts at once
        return supported()
    raise AttributeError(f"module 'lagebild.lang' has no attribute {name!r}")


def is_supported(language: str | None) -> bool:
    """Unknown (None) counts as the default language."""
    return not language or language in folders()


def require(language: str | None) -> str:
    """The language folder for a document language (`DEFAULT` when unknown); raises
    `UnsupportedLanguage` for a language lagebild has no folder for. The pipeline asks this
    before any stage runs: a text must not be read with another language's rules."""
    if not language:
        return DEFAULT
    if language not in folders():
        raise UnsupportedLanguage(language, supported())
    return language


def code(language: str | None) -> str:
    """The language folder for a language; `DEFAULT` when it is unknown or has no folder.

    For tools called on their own (a cleaner, a number parser); documents go through the
    pipeline, which refuses an unsupported language first (`require`)."""
    if language in _shipped():
        return language
    return language if language and language in folders() else DEFAULT


@lru_cache(maxsize=16)
def _settings(language: str, search_path: tuple[str, ...]) -> Language:
    folder = _folders(search_path)[language]
    try:
        data = tomllib.loads((folder / "language.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LanguageError(f"lang/{language}/language.toml is not valid TOML: {exc}") from exc
    required, _ = manifest()
    missing = sorted(name for name in required if not (folder / name).is_file())
    if missing:
        raise LanguageError(f"language {language!r} is missing the required lexicon "
                            f"{', '.join(f'lang/{language}/{m}' for m in missing)} (see lang/manifest.toml)")
    if not data.get("tokenizer"):
        raise LanguageError(f"lang/{language}/language.toml needs a tokenizer (a somajo model: de_CMC or en_PTB)")
    return Language(code=language, name=str(data.get("name", language)), tokenizer=str(data["tokenizer"]),
                    tagger=str(data.get("tagger", "")), tagset=str(data.get("tagset", "")),
                    numbers=dict(data.get("numbers", {})), grammar=dict(data.get("grammar", {})))


def settings(language: str | None) -> Language:
    """The checked settings of a language (raises `LanguageError` when a required file is missing)."""
    key = code(language)
    return _settings(key, () if key in _shipped() else _search_path())


def _lines(language: str, filename: str) -> list[str]:
    required, optional = manifest()
    if filename not in required and filename not in optional:
        raise LanguageError(f"lexicon {filename!r} is not listed in lang/manifest.toml; add it there "
                            "(as required or optional) before reading it")
    settings(language)  # checks the language once
    path = folders()[code(language)] / filename
    if not path.is_file():
        return []  # an optional lexicon the language does not provide
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].rstrip() if not line.startswith("#") else ""
        if line.strip():
            out.append(line.strip("\n"))
    return out


@lru_cache(maxsize=512)
def words(language: str, name: str) -> frozenset[str]:
    """The entries of `lang/<language>/<name>.txt` as a set (case kept)."""
    return frozenset(line.strip() for line in _lines(language, f"{name}.txt"))


@lru_cache(maxsize=512)
def entries(language: str, name: str) -> tuple[str, ...]:
    """The entries of `lang/<language>/<name>.txt` in file order."""
    return tuple(line.strip() for line in _lines(language, f"{name}.txt"))


@lru_cache(maxsize=512)
def table(language: str, name: str) -> dict[str, str]:
    """`lang/<language>/<name>.tsv` as a dict: first column -> second column."""
    out: dict[str, str] = {}
    for line in _lines(language, f"{name}.tsv"):
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out


def lower_words(language: str, name: str) -> frozenset[str]:
    """The entries of `lang/<language>/<name>.txt`, lower-cased."""
    return frozenset(w.lower() for w in words(language, name))
