"""Line features that hold for any outlet, each turned into cues for the scorer.

Every feature reads one stripped line and the language's lexicon and returns the cues it
finds (`Cue(kind, label, weight)`): the shape of the line (separators, link lists,
counters, brackets), its tokens (capitalised name words, job titles, agencies, dates and
read times) and general cue phrases (labels, imperative calls, reader address).
Nothing here names an outlet; the words come from `lang/<code>/boilerplate_*`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from lagebild.text.boilerplate.credits import author_box, byline, credit
from lagebild.text.boilerplate.lexicon import Lexicon, lexicon
from lagebild.text.boilerplate.scorer import STRONG, Cue
from lagebild.text.boilerplate.tokens import (
    DATE_TIME,
    DIGIT,
    SENTENCE_END,
    WORD,
    capitalised,
    ends_with_any,
    has_date,
    normalise,
    word_count,
)

# a year or a month and year alone is a section heading of a chronicle ("1861", "Juni 2024")
_BARE_PERIOD = re.compile(r"^\s*(?:[^\W\d_]+\.?\s+)?(?:1[0-9]|20)\d{2}\s*[:.]?\s*$")
_ALNUM = re.compile(r"[^\W_]")
_PART_SPLIT = re.compile(r"\s*[|/>›»·•,;]\s*")
_LINK_SEPARATORS = re.compile(r"\s[|›»>·•]\s")
_COUNTER = re.compile(r"^\s*(\d{1,3})\s*/\s*(\d{1,3})(?!\d)(?:\s*$|\s+(?=[A-ZÄÖÜ\"„“«]))")
_BRACKETED = re.compile(r"\(([^()]{1,24})\)")
_QUOTE = re.compile(r"[„“”\"«»‚‘’][^„“”\"«»]{3,}?[“”\"«»‘’]")
_CAMEL = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
_DECOR = re.compile(r"^[\s+*•→▶►»>|-]+|[\s+*•←◀◄«<|-]+$")


# ---------------------------------------------------------------- shape

def separator(text: str, lex: Lexicon) -> Iterator[Cue]:
    if not _ALNUM.search(text):
        yield Cue("navigation", "separator line", STRONG)


def dateline(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A dateline or time stamp: dates, clock times and meta words, maybe after a place name."""
    if word_count(text) > 14 or not DIGIT.search(text) or _COUNTER.match(text):
        return
    words = [w.rstrip(".") for w in WORD.findall(DATE_TIME.sub(" ", text))]
    other = [w for w in words if w.casefold() not in lex.meta_words]
    if not other and not _BARE_PERIOD.match(text):
        yield Cue("metadata", "date and time only", STRONG)
    elif len(other) <= 3 and len(other) < len(words) and all(capitalised(w) for w in other) and "," in text \
            and has_date(text, lex) and not SENTENCE_END.search(text.rstrip(".")):
        yield Cue("metadata", "place and date", STRONG)


def gallery_counter(text: str, lex: Lexicon) -> Iterator[Cue]:
    """ "1/2 Caption …" or "1 / 21": the position in a photo gallery."""
    match = _COUNTER.match(text)
    if match and 0 < int(match.group(1)) <= int(match.group(2)):
        yield Cue("caption", f"gallery counter '{match.group(0).strip()}'", STRONG)


def position_mark(text: str, lex: Lexicon) -> Iterator[Cue]:
    """ "(l.)", "(R)", "(Archivbild)": marks that only photo captions use."""
    for match in _BRACKETED.finditer(text):
        if match.group(1).strip().casefold() in lex.position_marks:
            yield Cue("caption", f"position mark '{match.group(0)}'", 2.0)
            return


def update_note(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A whole line in brackets that opens with an update label: "(Neu: Vertrag unterzeichnet)"."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in "([" and stripped[-1] in ")]":
        head = re.split(r"[:\s]", stripped[1:], maxsplit=1)[0].casefold()
        if head in lex.update_labels:
            yield Cue("metadata", f"update note '{stripped[:20]}'", STRONG)


def link_list(text: str, lex: Lexicon) -> Iterator[Cue]:
    """Menu items: known furniture words, "A | B | C" of short items (maybe after a label), or
    items glued together."""
    reason = furniture_kind(text, lex)
    if reason:
        yield Cue(reason, f"page furniture '{text[:30]}'", STRONG)
        return
    parts = [p.strip() for p in _LINK_SEPARATORS.split(f" {text} ") if p.strip()]
    if len(parts) >= 3 and all(word_count(p) <= 3 and not SENTENCE_END.search(p) for p in parts[1:]):
        yield Cue("navigation", "link list", STRONG)
    elif word_count(text) <= 6 and any(len(_CAMEL.findall(w)) >= 2 for w in text.split()):
        yield Cue("navigation", "menu items glued together", 2.0)


def _glued(word: str, entries: frozenset[str]) -> bool:
    """True when `word` is one or more lexicon entries written together ("kommentaredrucken")."""
    ok = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        ok[end] = any(ok[start] and word[start:end] in entries for start in range(max(0, end - 30), end))
    return ok[-1]


def _furniture_part(part: str, lex: Lexicon) -> bool:
    if part in lex.lines or only_dates(part, lex):
        return True
    return all(w in lex.lines or _glued(w, lex.glued) for w in part.split())


def only_dates(text: str, lex: Lexicon) -> bool:
    """Dates, clock times and meta words only ("Stand: 03.04.2025", "6 Min")."""
    if not DIGIT.search(text):
        return False
    return all(w.casefold().rstrip(".") in lex.meta_words for w in WORD.findall(DATE_TIME.sub(" ", text)))


def furniture_kind(text: str, lex: Lexicon) -> str | None:
    """Kind of a line made only of navigation or box headers ("Teilen", "Auch interessant", "1. Startseite")."""
    norm = normalise(text)
    if not norm or word_count(norm) > 8:
        return None
    if norm in lex.lines:
        return lex.lines[norm]
    parts = [p.strip() for p in _PART_SPLIT.split(norm) if p.strip()]
    if parts and all(_furniture_part(p, lex) for p in parts):
        return lex.lines.get(parts[0].split()[0], "navigation")
    return None


# ---------------------------------------------------------------- words of boxes

def cue_phrases(text: str, lex: Lexicon) -> Iterator[Cue]:
    """Phrases of appeals, notes and boxes (`boilerplate_cues`; on short lines also the other
    languages'), and reader address on short lines."""
    short = word_count(text) <= 25
    for cue in lex.cues + lex.foreign_cues if short else lex.cues:
        match = cue.pattern.search(text)
        if match and (cue.kind != "address" or short):
            label = "addresses the reader" if cue.kind == "address" else f"'{match.group(0).strip()[:30]}'"
            yield Cue(cue.kind, label, cue.weight)


def call_to_action(text: str, lex: Lexicon) -> Iterator[Cue]:
    """An imperative opener ("Unterstütze …", "Subscribe …", "Support … !")."""
    body = _DECOR.sub("", text)
    for pattern, kind in lex.calls:
        match = pattern.match(body)
        if match:
            yield Cue(kind, f"call to action '{match.group(0)}'", 1.0)
            if body.rstrip().endswith("!"):
                yield Cue(kind, "ends with '!'", 1.0)
            return


def control_labels(text: str, lex: Lexicon) -> Iterator[Cue]:
    """Labels of page controls: a noun and a control verb ("Newsblog aktualisieren", "Fotostrecke ansehen").

    A line of labels only is navigation. Inside a line a label counts where it is glued
    between name words ("… Zerstörung Fotostrecke ansehen", "Personen-Box aufklappen Personen-Box
    zuklappen"), not after a finite verb ("Kinder sollen Nachrichten lesen").
    """
    body = _DECOR.sub("", text).strip()
    words = body.split()
    if not words or SENTENCE_END.search(body):
        return
    verbs = [i for i, w in enumerate(words) if w.casefold() in lex.ui_verbs]
    if not verbs:
        return
    rest = [w for i, w in enumerate(words) if i not in verbs]
    decorated = body != text.strip()
    if len(words) <= (4 if decorated else 2) and all(capitalised(w) or w.casefold() in lex.stopwords for w in rest):
        yield Cue("navigation", f"control label '{body[:30]}'", STRONG)
        return
    for i in verbs:
        glued = i >= 2 and capitalised(words[i - 1]) and capitalised(words[i - 2])
        followed = i + 1 == len(words) or capitalised(words[i + 1])
        if glued and followed:
            kind = "related" if i + 1 == len(words) else "navigation"
            yield Cue(kind, f"control label '{words[i - 1]} {words[i]}'", 2.0)
            return


def masthead_words(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A short line of capitalised words ending in a word of newspaper names ("Ukrinform Nachrichten",
    "NewsNation"). Weak alone: the head-of-page context decides."""
    words = WORD.findall(text)
    if not words or len(words) > 4 or DIGIT.search(text) or re.search(r"[.!?:;,\"„“”»«]", text):
        return
    if not all(capitalised(w) or (i == 0 and w.casefold() in lex.stopwords) for i, w in enumerate(words)):
        return
    last = words[-1].casefold()
    parts = re.split(r"[-]|(?<=[a-zäöüß])(?=[A-ZÄÖÜ])", words[-1])
    if any(last.endswith(m) for m in lex.mastheads) or any(p.casefold() in lex.mastheads for p in parts):
        yield Cue("navigation", "outlet name", 1.0)


def note_heading(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A short heading naming a note about the page ("Transparenzhinweis", "Editor's note",
    "Sendehinweise (auch im Radio):")."""
    words = WORD.findall(text)
    if not words or len(words) > 6 or SENTENCE_END.search(text):
        return
    if (len(words) <= 3 and ends_with_any(words[-1], lex.note_heads)) or \
            (text.rstrip().endswith(":") and ends_with_any(words[0], lex.note_heads)):
        yield Cue("editorial", f"note heading '{text.strip()[:30]}'", 2.0)


def site_name(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A line that is only a domain name ("beispiel-zeitung.de"): the outlet's masthead."""
    if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", text.strip(), re.IGNORECASE):
        yield Cue("navigation", "site name", STRONG)


def body_evidence(text: str, lex: Lexicon) -> Iterator[Cue]:
    """Evidence for article text: a long paragraph, a quotation, reported speech."""
    words = word_count(text)
    if words >= 60:
        yield Cue("body", f"long paragraph ({words} words)", -float(words // 60))
    quote = _QUOTE.search(text)
    if quote and word_count(quote.group(0)) >= 3:
        yield Cue("body", "quotes someone", -1.0)
    elif any(w.casefold() in lex.reporting for w in WORD.findall(text)):
        yield Cue("body", "reports what someone said", -1.0)


FEATURES: tuple[Callable[[str, Lexicon], Iterator[Cue]], ...] = (
    separator, dateline, gallery_counter, position_mark, update_note, link_list, credit, byline, author_box,
    cue_phrases, call_to_action, control_labels, masthead_words, note_heading, site_name, body_evidence,
)


@lru_cache(maxsize=16384)
def line_cues(text: str, code: str) -> tuple[Cue, ...]:
    """Every cue of one stripped line, cached: context passes and settling re-read lines."""
    if not text:
        return ()
    lex = lexicon(code)
    return tuple(cue for feature in FEATURES for cue in feature(text, lex))
