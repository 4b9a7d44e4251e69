"""The event lexicon of one language: triggers with their kinds and conditions, and the
words that tell participants, places, agents and sources apart (`lang/<code>/event_*`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.lang import gazetteer as gaz


@dataclass(frozen=True)
class EventLexicon:
    language: str
    triggers: dict[str, tuple[tuple[str, str], ...]]  # lemma as listed -> ((kind, condition), ...)
    noun_suffixes: tuple[tuple[str, str], ...]  # (lower-cased ending, key) of capitalised nouns
    only: dict[str, str]  # key -> "verb" or "noun" for entries listed as "shell/verb"
    nouns: dict[str, tuple[str, ...]]  # condition name -> lower-cased nouns
    place_preps: frozenset[str]
    recipient_preps: frozenset[str]
    agent_preps: frozenset[str]
    passive: frozenset[str]
    relatives: frozenset[str]
    relative_objects: frozenset[str]
    compound_nouns: bool  # a noun ending in a listed noun counts as it ("Artilleriegranaten")
    source_before: tuple[tuple[str, ...], ...]  # "laut X", "according to X"
    source_after: frozenset[str]  # "X zufolge"
    source_nouns: frozenset[str]  # "nach Angaben X"


def _parse_kinds(value: str) -> tuple[tuple[str, str], ...]:
    """'deployment:troops, delivery:goods' -> (('deployment', 'troops'), ('delivery', 'goods'))."""
    out = []
    for part in value.split(","):
        kind, _, condition = part.strip().partition(":")
        if kind:
            out.append((kind.strip(), condition.strip()))
    return tuple(out)


def _lower_words(code: str, name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lang.words(code, name))


@lru_cache(maxsize=4)
def lexicon(language: str | None) -> EventLexicon:
    code = lang.code(language)
    raw = lang.table(code, "event_triggers")
    attribution = {tuple(k.lower().split()): v for k, v in lang.table(code, "attribution_prepositions").items()}
    return EventLexicon(
        language=code,
        triggers={k.split("/")[0]: _parse_kinds(v) for k, v in raw.items()},
        only={k.split("/")[0]: k.split("/")[1] for k in raw if "/" in k},
        noun_suffixes=tuple(sorted(((k.lower(), k) for k in raw if k[:1].isupper()), key=lambda p: -len(p[0]))),
        nouns={name: tuple(sorted(_lower_words(code, f"event_{name}"), key=len, reverse=True))
               for name in ("troops", "goods", "treaty", "light")},
        place_preps=_lower_words(code, "event_place_preps"),
        recipient_preps=_lower_words(code, "event_recipient_preps"),
        agent_preps=_lower_words(code, "event_agent_preps"),
        passive=_lower_words(code, "event_passive"),
        relatives=_lower_words(code, "relative_pronouns"),
        relative_objects=_lower_words(code, "event_relative_objects"),
        compound_nouns=bool(lang.settings(code).feature("compound_nouns")),
        source_before=tuple(k for k, v in attribution.items() if v == "after"),
        source_after=frozenset(" ".join(k) for k, v in attribution.items() if v == "before"),
        source_nouns=_lower_words(code, "attribution_nouns"),
    )


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    return frozenset(k.canonical for code in lang.SUPPORTED for k in gaz.countries(code).values())
