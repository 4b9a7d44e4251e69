"""The boilerplate knowledge of one language, read once from `lang/<code>/boilerplate_*`.

Every entry is general language knowledge (labels, job titles, imperatives, words of
newspaper names); no file names an outlet or a story.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang


@dataclass(frozen=True)
class CuePattern:
    """A phrase (regular expression) that speaks for one kind of box, with its weight."""

    pattern: re.Pattern[str]
    kind: str
    weight: int


@dataclass(frozen=True)
class Lexicon:
    """The compiled `boilerplate_*` files of one language."""

    code: str
    lines: dict[str, str]  # normalised whole line -> kind ("teilen" -> navigation)
    glued: frozenset[str]  # line entries without spaces, for "KommentareDrucken"
    cues: tuple[CuePattern, ...]
    # the other languages' cue phrases without their reader address (which would misread quotes),
    # for short lines: pages mix their UI languages ("Read more »" on a German page)
    foreign_cues: tuple[CuePattern, ...]
    calls: tuple[tuple[re.Pattern[str], str], ...]  # imperative opener -> kind
    credit_labels: frozenset[str]  # foto, photo, bild, ...
    agencies: frozenset[str]  # dpa, getty, images, press agency, ...
    meta_words: frozenset[str]  # words of datelines and time stamps
    byline: re.Pattern[str]  # the opener of an author line
    person_roles: tuple[str, ...]  # endings of newsroom job titles
    desk_roles: tuple[str, ...]  # endings of newsroom units
    update_labels: frozenset[str]
    position_marks: frozenset[str]
    mastheads: frozenset[str]  # words of newspaper names
    ui_verbs: frozenset[str]
    note_heads: tuple[str, ...]
    reporting: frozenset[str]  # verb forms of reported speech
    stopwords: frozenset[str]


def _lower(code: str, name: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in lang.words(code, name))


def _shared(code: str, name: str) -> frozenset[str]:
    """Entries of every supported language, the document's own first: pages mix their UI
    languages ("Read more »" and "Photo:" on German pages)."""
    return frozenset().union(*(_lower(c, name) for c in (code, *lang.SUPPORTED)))


def _furniture(code: str) -> dict[str, str]:
    lines: dict[str, str] = {}
    for c in (*reversed(lang.SUPPORTED), code):
        lines.update({k.casefold(): v for k, v in lang.table(c, "boilerplate_lines").items()})
    return lines


def _phrase(text: str) -> str:
    """A lexicon phrase as a regex: spaces match any whitespace."""
    return re.escape(text).replace(r"\ ", r"\s+")


def _byline_pattern(openers: frozenset[str]) -> re.Pattern[str]:
    """An author-line opener ("Von", "Von:", "Ein Beitrag von", "Authors:") and the rest."""
    alternatives = "|".join(_phrase(w) for w in sorted(openers, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})(?:\s*:\s*|\s+)(?P<rest>\S.*)$", re.IGNORECASE)


def _cues(codes: tuple[str, ...], address: bool = True) -> tuple[CuePattern, ...]:
    out = []
    for c in codes:
        for pattern, value in lang.table(c, "boilerplate_cues").items():
            kind, _, weight = value.partition(" ")
            if address or kind != "address":
                out.append(CuePattern(re.compile(pattern, re.IGNORECASE), kind, int(weight or 1)))
    return tuple(out)


def _calls(code: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    table = lang.table(code, "boilerplate_calls")
    return tuple((re.compile(rf"^(?:{_phrase(k)})\b", re.IGNORECASE), v)
                 for k, v in sorted(table.items(), key=lambda kv: -len(kv[0])))


def _roles(code: str, kind: str) -> tuple[str, ...]:
    return tuple(k.casefold() for k, v in lang.table(code, "boilerplate_roles").items() if v == kind)


@lru_cache(maxsize=8)
def lexicon(code: str) -> Lexicon:
    """Compile the `boilerplate_*` data files of language `code`."""
    lines = _furniture(code)
    return Lexicon(
        code=code,
        lines=lines,
        glued=frozenset(k.replace(" ", "") for k in lines),
        cues=_cues((code,)),
        foreign_cues=_cues(tuple(c for c in lang.SUPPORTED if c != code), address=False),
        calls=_calls(code),
        credit_labels=_shared(code, "boilerplate_credit_labels"),
        agencies=_shared(code, "boilerplate_agencies"),
        meta_words=_lower(code, "boilerplate_metadata"),
        byline=_byline_pattern(_lower(code, "boilerplate_byline")),
        person_roles=_roles(code, "person"),
        desk_roles=_roles(code, "desk"),
        update_labels=_lower(code, "boilerplate_update_labels"),
        position_marks=_lower(code, "boilerplate_position_marks"),
        mastheads=_shared(code, "boilerplate_mastheads"),
        ui_verbs=_lower(code, "boilerplate_ui_verbs"),
        note_heads=tuple(_lower(code, "boilerplate_note_heads")),
        reporting=_lower(code, "boilerplate_reporting"),
        stopwords=_lower(code, "boilerplate_stopwords"),
    )
