"""The reference-time model: what each time expression of a text is resolved against.

A text has two "nows". The **present** is the article's publication date; deictic words
("gestern", "vergangene Woche", "vor zwei Jahren") count from it. The **reference time** is the
date the text named last; anaphoric words ("am selben Tag", "zwei Tage später", "im folgenden
Jahr", "am Abend") count from it. An expression without a year ("im Herbst", "am 3. Mai",
"Anfang des Jahres") is read against the present in news, but against the reference time where
the text tells a story of the past: when the sentence is in the past tense (not present, not
future) and the last date named in a past-tense sentence of the same paragraph lies more than a
year before the present. That is how a background paragraph about 1944 reads ("Im Juni 1944
landeten die Alliierten. Im Herbst ..." is autumn 1944), while "Im Mai" in a news report of July
2025 stays May 2025. A text whose dates mostly lie years back and that names no weekday or
"gestern" (a history, not news) keeps its story across paragraphs; there "heute" means nowadays
(PRESENT_REF), and "dieses Jahres" the story's year.

A heading that names a date ("1861", "Kriegsende 1945") opens a section told from that date; a
heading without one returns the reference time to it (a history told by theatres of war starts
each theatre again at its chapter's year). Without a publication date nothing that needs it is
guessed: such expressions stay null, whatever years the text names.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.extract import timex_resolve as cal
from lagebild.extract.timex_candidates import Hit
from lagebild.extract.timex_lexicon import TimexLexicon
from lagebild.extract.timex_values import DATE, TIME, Frame, Value, value

# Rules that state a date outright; they can refine a vague publication date.
_EXPLICIT = {"numeric", "iso", "day_month", "month_day", "month_year"}
_POINT = re.compile(r"^(?:BC)?\d{4}(?:-(?:\d{2}(?:-\d{2})?|SP|SU|FA|WI|Q[1-4]|H[12]))?(?:T.*)?$")


@dataclass
class Passage:
    """The expressions of one sentence, and where the sentence stands."""

    hits: list[Hit]
    heading: bool = False  # a title or section heading
    opens_paragraph: bool = False


class Reference:
    """The present and the reference time while a text is read from start to end."""

    def __init__(self, present: cal.Anchor, history: bool = False) -> None:
        self.present = present
        self.history = history  # the text tells of the past: its story runs across paragraphs
        self.last: cal.Anchor | None = None  # the last date named
        self.last_day: cal.Anchor | None = None  # the last day named
        self.told_day: cal.Anchor | None = None  # the last day named as when something happened (a ticker's date)
        self.story: cal.Anchor | None = None  # the last date named in a sentence about the past
        self.section: cal.Anchor | None = None  # the date the last dated heading named

    def heading(self, dated: bool) -> None:
        """After a heading: one that named a date opens its section; one without goes back to it."""
        if dated:
            self.section = self.story
        elif self.section is not None:
            self.story = self.last = self.section
            self.last_day = self.section if self.section.day is not None else None

    def paragraph(self) -> None:
        """A new paragraph of news ends the story the last one told (back to its section's date, if any)."""
        if not self.history:
            self.story = self.section

    def frame(self, hit: Hit) -> Frame:
        far = self.story is not None and cal.far_apart(self.story, self.present)
        # in a history a present tense is the historical present: the story goes on
        narrative = far and (hit.tense <= 0 or hit.ahead) and (not hit.present or self.history)
        last = self.last or self.present
        return Frame(present=self.present, base=self.story if narrative and self.story else self.present,
                     last=last, last_day=self.last_day or self.present, narrative=narrative, far=far,
                     history=self.history, told_day=self.told_day)

    def note(self, hit: Hit, found: Value) -> None:
        """Move the reference time to what `hit` named, if it is a point in time."""
        if found.vague or found.type not in (DATE, TIME) or hit.meta or not found.value:
            return
        if not _POINT.match(found.value):
            return
        anchor = cal.parse_anchor(found.value)
        self.last = _finer(self.last, anchor)
        if anchor.day is not None:
            self.last_day = anchor
            if not (hit.tense > 0 or hit.ahead or hit.extent):
                self.told_day = anchor
        if hit.tense > 0 or hit.present or hit.ahead or hit.extent:
            return  # the story's time is not what a plan, a state or the end of a period names
        within = self.story is not None and self.story.month is None and found.anchor == self.story
        if not within:  # a month of the year told stays in it: the story's time remains that year
            self.story = _finer(self.story, anchor)


def _finer(old: cal.Anchor | None, new: cal.Anchor) -> cal.Anchor:
    """`new`, unless it only restates `old` less precisely ("1939" after "1. September 1939")."""
    if old is None:
        return new
    old_iso, new_iso = cal.iso_value(old) or "", cal.iso_value(new) or ""
    return old if old_iso.startswith(new_iso) and len(old_iso) > len(new_iso) else new


_DEICTIC_DAYS = {"weekday", "weekend"}


def _year_named(hit: Hit, lex: TimexLexicon) -> int | None:
    """The year a hit names outright (before Christ negative), if any."""
    raw = hit.groups.get("year") or ""
    era = lex.eras.get(re.sub(r"\s+", " ", hit.groups.get("era") or ""))
    if era == "BC" and raw.isdigit():
        return -int(raw)
    return int(raw) if len(raw) == 4 and not hit.meta else None


def _history(sentences: Sequence[Passage], lex: TimexLexicon, present: cal.Anchor) -> bool:
    """The text tells of the past, not news: it names at least three years outright, most of them more
    than a year before the present, and no weekday, weekend or day before or after today."""
    hits = [h for p in sentences for h in p.hits]
    if present.year is None or any(h.rule in _DEICTIC_DAYS or (h.rule == "relative_day" and lex.relative_days.get(
            h.groups.get("rel") or "", 0) != 0) for h in hits):
        return False
    years = [y for y in (_year_named(h, lex) for h in hits) if y is not None]
    return len(years) >= 3 and sum(1 for y in years if y < present.year - 1) * 2 > len(years)


def _order(hits: Sequence[Hit]) -> list[int]:
    """The order to resolve a sentence's hits in: a clock time before its day ("at 3:30 a.m. on Sunday")
    comes after that day."""
    order = list(range(len(hits)))
    for i in range(len(hits) - 1):
        if hits[i].groups.get("then") and order[i] == i:
            order[i], order[i + 1] = i + 1, i
    return order


def resolve(sentences: Sequence[Passage], lex: TimexLexicon, present: cal.Anchor) -> list[Value]:
    """The value of every hit of every sentence, in text order."""
    reference = Reference(present, history=_history(sentences, lex, present))
    out: list[Value] = []
    for passage in sentences:
        if passage.opens_paragraph:
            reference.paragraph()
        found: dict[int, Value] = {}
        for i in _order(passage.hits):
            hit = passage.hits[i]
            found[i] = value(hit, lex, reference.frame(hit))
            reference.note(hit, found[i])
        out.extend(found[i] for i in range(len(passage.hits)))
        if passage.heading:
            reference.heading(dated=any(v.value and not v.vague for v in found.values()))
    return out


def refine(anchor: cal.Anchor, hits: Sequence[Hit], values: Sequence[Value]) -> cal.Anchor:
    """A vague publication date made as precise as the latest date the article states outright
    (outside future-tense clauses, and not as where a period begins or ends: "ab dem 19. Juni"):
    a year -> its month. A month stays a month: which week a weekday falls in is then told by a day the
    text names (`Reference.told_day`), not by the publication date. With no publication date at all only a
    metadata date ("date 2025-07") is taken: the text's own dates are no publication date."""
    stated = sorted(v.value for h, v in zip(hits, values, strict=True)
                    if v.value and h.rule in _EXPLICIT and h.tense <= 0 and not (h.extent or h.ahead)
                    and (anchor.year is not None or h.meta))
    if anchor.year is None:
        return cal.parse_anchor(stated[-1]) if stated else anchor
    if anchor.day is not None or anchor.month is not None:
        return anchor
    prefix = cal.iso_value(anchor) or ""
    inside = [cal.parse_anchor(v) for v in stated if v.startswith(prefix) and len(v) > len(prefix)]
    if not inside:
        return anchor
    latest = inside[-1]
    if anchor.month is None:
        return cal.Anchor(latest.year, latest.month)
    return latest
