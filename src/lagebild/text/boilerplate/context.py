"""Context rules: cues a line earns from its neighbours and its place on the page.

The `Board` holds every line's cues and current verdict. Each rule reads the board and
adds cues (never verdicts directly), so one scorer decides and the reasons stay
visible: a caption shown twice, a title glued to a credit, a rubric above the headline,
a line that carries a box on, a ticker heading (kept), a key-points box the scraper
split so that each line repeats the end of the one before.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from lagebild.text.boilerplate.credits import AGENCY_ONLY
from lagebild.text.boilerplate.scorer import BLOCK, BOX_KINDS, STRONG, Cue, Verdict, decide
from lagebild.text.boilerplate.tokens import LIST_MARK, WORD, YEAR, capitalised, word_count

_SENTENCE_END = re.compile(r"[.!?…:“”\"»«)]\s*$")
_INNER_SENTENCE = re.compile(r"[.!?]\s+[A-ZÄÖÜ]")
_BULLET = re.compile(r"^\s*[•→▶►✓✔*·–-]\s*\S")
_CLOCK = re.compile(r"^\W*\d{1,2}[.:]\d{2}\b")


@dataclass
class Board:
    """The lines of one text under judgement: their cues and current verdicts."""

    texts: list[str]
    cues: list[list[Cue]]
    verdicts: list[Verdict | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.verdicts = [decide(c) for c in self.cues]

    def kind(self, i: int) -> str | None:
        verdict = self.verdicts[i]
        return verdict.kind if verdict else None

    def dropped(self, i: int) -> bool:
        return self.verdicts[i] is not None

    def add(self, i: int, cue: Cue) -> None:
        self.cues[i].append(cue)
        self.verdicts[i] = decide(self.cues[i])

    def nonblank(self) -> list[int]:
        return [i for i, t in enumerate(self.texts) if t]

    def kept(self) -> list[int]:
        return [i for i, t in enumerate(self.texts) if t and self.verdicts[i] is None]


def blank_separated(texts: Sequence[str]) -> bool:
    """True when paragraphs are separated by blank lines (most non-blank lines stand alone)."""
    idx = [i for i, t in enumerate(texts) if t]
    if len(idx) < 4:
        return False
    alone = sum(1 for i in idx if (i == 0 or not texts[i - 1]) and (i + 1 >= len(texts) or not texts[i + 1]))
    return alone >= 0.6 * len(idx)


def is_paragraph(text: str) -> bool:
    return word_count(text) >= 12 and bool(_SENTENCE_END.search(text))


def heading_like(text: str, longest: int = 15) -> bool:
    return 0 < word_count(text) <= longest and not text.rstrip().endswith((".", "!", "?"))


def first_paragraph(board: Board) -> int:
    """Index of the first kept line that reads as a body paragraph (len(texts) when none)."""
    return next((i for i in board.kept() if is_paragraph(board.texts[i])), len(board.texts))


# ---------------------------------------------------------------- repeated lines

def mark_duplicates(board: Board) -> None:
    """A line repeated right after itself (dropped or blank lines between) is a caption shown twice:
    both copies go, except when the first is the opening line (a title shown twice keeps one).
    A line of five words or more that repeats any earlier line goes too (a title shown again)."""
    idx = board.kept()
    for a, b in pairwise(idx):
        if board.texts[a] == board.texts[b] and word_count(board.texts[a]) >= 3:
            if a == idx[0]:
                board.add(b, Cue("duplicate", "repeats the title", STRONG))
                continue
            board.add(b, Cue("caption", "shown twice", STRONG))
            board.add(a, Cue("caption", "shown twice", STRONG))
    seen: set[str] = set()
    for i in idx:
        text = board.texts[i]
        if text in seen and word_count(text) >= 5 and not board.dropped(i):
            board.add(i, Cue("duplicate", "repeats an earlier line", STRONG))
        seen.add(text)


def mark_tail_links(board: Board) -> None:
    """Three short lines or more in a row after the last paragraph are a tag or link list."""
    kept = board.kept()
    last = max((i for i in kept if is_paragraph(board.texts[i])), default=len(board.texts))
    run = [i for i in kept if i > last]
    if len(run) >= 3 and all(word_count(board.texts[i]) <= 3 and not _SENTENCE_END.search(board.texts[i])
                             for i in run):
        for i in run:
            board.add(i, Cue("navigation", "tag or link list after the article", STRONG))


def _overlap(before: list[str], after: list[str]) -> int:
    """Words of `before`'s end that `after` repeats within its first four words (0 when under five).

    The repeated words are only part of `before`: a teaser repeated whole as the lead is no box.
    """
    for offset in range(0, 4):
        for size in range(min(len(before) - 1, len(after) - offset), 4, -1):
            if before[-size:] == after[offset:offset + size]:
                return size
    return 0


def mark_repeats(board: Board) -> None:
    """Lines whose opening repeats the end of the line before: a key-points box that the scraper
    split at each bold lead, so every bullet comes twice. The title is never part of one."""
    idx = board.kept()
    words = {i: board.texts[i].split() for i in idx}
    for a, b in pairwise(idx[1:]):
        size = _overlap(words[a], words[b])
        if size:
            label = f"repeats {size} words of the line before"
            board.add(b, Cue("duplicate", label, BLOCK))
            if not board.dropped(a):
                board.add(a, Cue("duplicate", "repeated by the line after", BLOCK))


# ---------------------------------------------------------------- captions

def _one_sentence(text: str) -> bool:
    return word_count(text) <= 30 and text.rstrip().endswith((".", "!", "?", ")")) \
        and not _INNER_SENTENCE.search(text.rstrip()[:-1])


def _short_title(text: str) -> bool:
    return 0 < word_count(text) <= 6 and not _SENTENCE_END.search(text)


def mark_attached_captions(board: Board) -> None:
    """A one-sentence line glued (no blank line) to a caption is part of that caption.

    In texts that separate paragraphs by blank lines, gluing means belonging, so both
    neighbours of a caption or credit line count; elsewhere only the line right before a
    credit-only line ("Foto: dpa") does, and a short title right before one is a graphic's
    title. Copyright footers ("© Verlag 2024") credit no photo.
    """
    spaced = blank_separated(board.texts)
    for i in range(len(board.texts)):
        kind = board.kind(i)
        if kind not in ("caption", "credit") or (kind == "credit" and YEAR.search(board.texts[i])):
            continue
        if any(c.label == AGENCY_ONLY for c in board.cues[i]):
            continue  # "REUTERS" under the article credits the text, not a photo
        neighbours = (i - 1, i + 1) if spaced else (i - 1,) if kind == "credit" else ()
        for j in neighbours:
            if not 0 <= j < len(board.texts) or not board.texts[j] or board.dropped(j):
                continue
            if _one_sentence(board.texts[j]) or (kind == "credit" and j == i - 1 and _short_title(board.texts[j])):
                board.add(j, Cue("caption", "glued to a photo credit", STRONG))


# ---------------------------------------------------------------- head of the page

def mark_top_rubrics(board: Board) -> None:
    """One-word lines above the first paragraph (except the very first line) are rubrics; a year
    there heads a chronicle."""
    top = first_paragraph(board)
    for i in board.nonblank()[1:]:
        if i >= top:
            break
        text = board.texts[i]
        if not board.dropped(i) and word_count(text) == 1 and not _SENTENCE_END.search(text) \
                and not any(c.isdigit() for c in text):
            board.add(i, Cue("navigation", "one-word rubric above the article", STRONG))


def _masthead_shape(text: str) -> bool:
    """A name of up to three capitalised words, maybe with a tagline after a dash, no digits and
    no sentence or title punctuation ("Elbtal Morgenbote", "OSTWIND – Magazin für Politik")."""
    if len(WORD.findall(text)) > 6 or re.search(r"\d|[.!?:;,\"„“”»«]", text):
        return False
    name = WORD.findall(re.split(r"\s[–—|-]\s", text)[0])
    return 0 < len(name) <= 3 and all(capitalised(w) for w in name)


def mark_masthead(board: Board) -> None:
    """The outlet's name above the article: the first line when page navigation follows it, or a
    line of name words ending in a newspaper word ("… Nachrichten", "…News") above the first
    paragraph, when another heading of three words or more stays as the title."""
    idx = board.nonblank()
    if len(idx) >= 2 and not board.dropped(idx[0]) and _masthead_shape(board.texts[idx[0]]) \
            and board.kind(idx[1]) == "navigation":
        board.add(idx[0], Cue("navigation", "outlet name above the navigation", STRONG))
    top = first_paragraph(board)
    for i in idx:
        if i >= top:
            break
        if board.dropped(i) or not any(c.label == "outlet name" for c in board.cues[i]):
            continue
        titles = [j for j in board.kept() if j < top and j != i and word_count(board.texts[j]) >= 3]
        if titles:
            board.add(i, Cue("navigation", "above the article", 1.0))


def mark_breadcrumbs(board: Board) -> None:
    """A short numbered or bulleted item directly next to a navigation line is navigation too."""
    changed = True
    while changed:
        changed = False
        for i, text in enumerate(board.texts):
            if board.dropped(i) or not LIST_MARK.match(text) or word_count(text) > 5 or text.rstrip().endswith("."):
                continue
            if any(0 <= j < len(board.texts) and board.kind(j) == "navigation" for j in (i - 1, i + 1)):
                board.add(i, Cue("navigation", "breadcrumb item", STRONG))
                changed = True


def mark_ticker_headings(board: Board) -> None:
    """A date line right above an entry that opens with a clock time heads a ticker's day: kept."""
    idx = board.nonblank()
    for a, b in pairwise(idx):
        if board.kind(a) == "metadata" and _CLOCK.match(board.texts[b]) and word_count(board.texts[b]) >= 6 \
                and any(c.label == "date and time only" for c in board.cues[a]) and not _CLOCK.match(board.texts[a]):
            board.add(a, Cue("body", "heads the ticker entries below", -STRONG))


# ---------------------------------------------------------------- boxes

def continues_box(text: str, cues: Sequence[Cue], listing: bool) -> bool:
    """True for a line that keeps an appeal or note going: a cue, a split line, a short call, or a
    bullet of a list the box introduced (`listing`: the box line before ends with ":" or is a bullet)."""
    own = [c for c in cues if c.weight > 0]
    if any(c.kind != "address" for c in own) or (own and word_count(text) <= 12):
        return True
    if (listing and _BULLET.match(text)) or text[:1].islower():
        return True
    return word_count(text) <= 4 and text.rstrip().endswith(("!", ":"))


def mark_teasers(board: Board) -> None:
    """Two or more headline-like lines glued together right after a "Mehr zum Thema" header are teaser links."""
    for i in range(len(board.texts)):
        if board.kind(i) != "related":
            continue
        run = []
        j = i + 1
        while j < len(board.texts) and not board.texts[j]:
            j += 1
        while j < len(board.texts) and board.texts[j] and not board.dropped(j) and heading_like(board.texts[j], 25):
            run.append(j)
            j += 1
        if len(run) >= 2:
            for k in run:
                board.add(k, Cue("related", "teaser link after a related header", STRONG))


def mark_boxes(board: Board) -> None:
    """Once an appeal, note or comment box starts, following lines belong to it until body text resumes."""
    box: str | None = None
    listing = False
    for i, text in enumerate(board.texts):
        if not text:
            continue
        kind = board.kind(i)
        if kind in BOX_KINDS:
            box = kind
        elif kind is None and box and continues_box(text, board.cues[i], listing):
            board.add(i, Cue(box, f"continues the {box} box above", STRONG))
        elif kind is None:
            box = None
        listing = text.rstrip().endswith(":") or (listing and bool(_BULLET.match(text)))


CONTEXT_RULES = (mark_duplicates, mark_repeats, mark_attached_captions, mark_breadcrumbs, mark_top_rubrics,
                 mark_masthead, mark_ticker_headings, mark_teasers, mark_boxes, mark_tail_links)
