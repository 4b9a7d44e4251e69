"""A story profile: what an analyst knows of one story and wants lagebild to use.

The core lexicons name no story. An analyst who follows one can say, in a small TOML
file given to `lagebild analyze --profile FILE`:

    [aliases]          # a name -> other spellings of it (merged with it)
    "Ministry of Health" = ["MoH", "Gesundheitsministerium"]

    [count_nouns]      # a counted noun -> nouns that count the same population
    Streikende = ["Beschäftigte im Ausstand", "strikers"]

    [parties]          # a side of a conflict -> the names that speak for it
    "Team Blue" = ["Blue Army", "Blue government"]

Every table is optional; an unknown table or a value that is not a list of strings is
refused with a message naming the table and the entry. The profile given last is kept
in the database (`Store.save_profile`) and applies to later runs until another replaces
it. Stages read it from `Document.profile`; corpus-level work from `Corpus.profile`.
"""
from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from lagebild.errors import UsageError

TABLES = ("aliases", "count_nouns", "parties")
Names = Mapping[str, tuple[str, ...]]


def _frozen(table: dict[str, tuple[str, ...]]) -> Names:
    return MappingProxyType(table)


@dataclass(frozen=True)
class Profile:
    """An analyst's knowledge of one story (empty by default)."""

    aliases: Names = field(default_factory=lambda: _frozen({}))
    count_nouns: Names = field(default_factory=lambda: _frozen({}))
    parties: Names = field(default_factory=lambda: _frozen({}))
    text: str = ""  # the TOML it was read from, as stored

    def __bool__(self) -> bool:
        return bool(self.aliases or self.count_nouns or self.parties)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        # mapping proxies do not pickle; a profile travels to worker processes as its text
        return (parse_profile, (self.text,))

    def party_of(self, name: str) -> str | None:
        """The side whose names include `name` (case-insensitive), or None."""
        return _owner(self.parties, name)

    def canonical(self, name: str) -> str | None:
        """The name an alias stands for (case-insensitive), or None."""
        return _owner(self.aliases, name)

    def kin_nouns(self, noun: str) -> frozenset[str]:
        """The nouns (case-folded) the profile says count the same population as `noun`,
        `noun` included; just `noun` when the profile says nothing of it."""
        key = noun.casefold()
        for head, kin in self.count_nouns.items():
            group = {head.casefold(), *(k.casefold() for k in kin)}
            if key in group:
                return frozenset(group)
        return frozenset({key})


def _owner(table: Names, name: str) -> str | None:
    """The key of `table` that is `name` or lists it (case-insensitive), or None."""
    key = name.casefold()
    for owner, names in table.items():
        if key == owner.casefold() or any(key == n.casefold() for n in names):
            return owner
    return None


def parse_profile(text: str, origin: str = "the profile") -> Profile:
    """A Profile from TOML text; UsageError naming the problem and `origin` when it cannot be one."""
    if not text.strip():
        return Profile()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{origin} is not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise UsageError(f"{origin}: unknown table {unknown[0]!r}; a profile has the tables "
                         f"{', '.join(f'[{t}]' for t in TABLES)}")
    tables = {name: _frozen(_names(data.get(name, {}), name, origin)) for name in TABLES}
    return Profile(text=text, **tables)


def _names(table: object, name: str, origin: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        raise UsageError(f"{origin}: [{name}] must be a table of names, e.g. \"Name\" = [\"other spelling\"]")
    out: dict[str, tuple[str, ...]] = {}
    for key, value in table.items():
        values = [value] if isinstance(value, str) else value
        if not key.strip() or not isinstance(values, list) or not all(isinstance(v, str) and v.strip()
                                                                      for v in values):
            raise UsageError(f"{origin}: [{name}] {key!r} must be a list of non-empty strings, "
                             f"e.g. {key!r} = [\"other spelling\"]")
        out[key.strip()] = tuple(v.strip() for v in values)
    return out


def load_profile(path: str | Path) -> Profile:
    """The profile in the TOML file at `path`; UsageError when it is missing or malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"no profile file {str(path)!r}; give a TOML file, e.g. --profile story.toml") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the profile {str(path)!r}: {exc}") from exc
    return parse_profile(text, origin=f"profile {str(path)!r}")
