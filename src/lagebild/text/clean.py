"""Line-level boilerplate removal.

Every raw line gets a verdict (`Line.keep`, `Line.reason`) in three passes:

1. **local rules**, one line at a time: photo captions and credits, navigation and
   rubric lines, datelines and bylines, and cue phrases of appeals and notes, all
   read from `lang/<code>/boilerplate_*` data files;
2. **context rules**: duplicated caption lines, a short line glued to a caption, a
   breadcrumb item next to navigation, one-word rubric lines above the first
   paragraph, the outlet's masthead above the navigation, and boxes (an appeal or a
   note goes on until the body resumes);
3. **topic shift**: a coherent block at the end of the text that shares almost no
   content words with the article is an unrelated article glued on.

Kept lines are then read again as the cleaned text until nothing more goes, so
cleaning is idempotent.

Titles, teasers and subheadings are article text and are kept.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from lagebild import lang
from lagebild.model import Document, Line

BOX_REASONS = frozenset({"newsletter", "donation", "editorial", "comments", "related"})

# A scraper's metadata prefix glued before the first line: "date 2025-07 Text ...".
_PREFIX = re.compile(r"^\s*(?:date|datum|published)\s*[:=]?\s*\d{4}(?:-\d{2}){0,2}(?:[T ][\d:]{4,8}Z?)?(?:\s+|$)",
                     re.IGNORECASE)
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO date
    r"|\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})?"  # 17.06.2025, 17.06.
    r"|\d{1,2}/\d{1,2}/\d{2,4}"  # 6/17/2025
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # 15:03
    r"|\d+(?:st|nd|rd|th)?\.?"  # 17., 2025, 3rd
)
_WORD = re.compile(r"[^\W\d_][\w'’]*")
_TOKEN_SPLIT = re.compile(r"[\s|/>›»·•,;]+")
_PART_SPLIT = re.compile(r"\s*[|/>›»·•,;]\s*")
_INNER_SENTENCE = re.compile(r"[.!?]\s+[A-ZÄÖÜ]")
_DIGIT = re.compile(r"\d")
_ALNUM = re.compile(r"[^\W_]")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_EDGE = re.compile(r"^[\W\d_]+|[\W_]+$")
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–—*•→▶►>]+)\s+")
_BULLET = re.compile(r"^\s*[•→▶►✓✔*·–-]\s*\S")
_SENTENCE_END = re.compile(r"[.!?…:“”\"»«)]\s*$")
_NAME_PART = re.compile(r"^(?:[A-ZÄÖÜÀ-Þ][\w.'’-]*,?|und|and|&|,|von|van|de|der|al|el|bin)$")


@dataclass(frozen=True)
class Lexicon:
    """The boilerplate knowledge of one language, compiled once."""

    lines: dict[str, str]  # normalised whole line -> reason
    glued: frozenset[str]  # line entries without spaces, for "KommentareDrucken"
    cues: tuple[tuple[re.Pattern[str], str, int], ...]
    credits: tuple[re.Pattern[str], ...]
    agencies: frozenset[str]
    meta_words: frozenset[str]
    stopwords: frozenset[str]
    byline: re.Pattern[str]


def _byline_pattern(prefixes: Sequence[str]) -> re.Pattern[str]:
    """"Von X", "Ein Beitrag von X", "By X": a byline prefix, then up to seven name words."""
    words = sorted({p.casefold() for p in prefixes} | {"von", "by"}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"^(?:{alternatives})\s+(\S+)((?:\s+\S+){{0,6}})$", re.IGNORECASE)


@lru_cache(maxsize=8)
def lexicon(code: str) -> Lexicon:
    """Compile the `boilerplate_*` data files of language `code`."""
    lines = {k.casefold(): v for k, v in lang.table(code, "boilerplate_lines").items()}
    cues = []
    for pattern, value in lang.table(code, "boilerplate_cues").items():
        reason, _, weight = value.partition(" ")
        cues.append((re.compile(pattern, re.IGNORECASE), reason, int(weight or 1)))
    return Lexicon(
        lines=lines,
        glued=frozenset(k.replace(" ", "") for k in lines),
        cues=tuple(cues),
        credits=tuple(re.compile(p, re.IGNORECASE) for p in lang.entries(code, "boilerplate_credit")),
        agencies=frozenset(w.casefold() for w in lang.words(code, "boilerplate_agencies")),
        meta_words=frozenset(w.casefold() for w in lang.words(code, "boilerplate_metadata")),
        stopwords=frozenset(w.casefold() for w in lang.words(code, "boilerplate_stopwords")),
        byline=_byline_pattern(lang.entries(code, "boilerplate_byline")),
    )


# ---------------------------------------------------------------- local rules

def strip_prefix(text: str) -> str:
    """The line without a leading scraper metadata prefix such as "date 2025-07 "."""
    return _PREFIX.sub("", text, count=1)


def normalise(text: str) -> str:
    """Lower-cased line without list numbers, bullets and edge punctuation."""
    text = _LIST_MARK.sub("", text.strip())
    return " ".join(_EDGE.sub("", text.casefold()).split())


def word_count(text: str) -> int:
    return len(text.split())


def _glued(word: str, entries: frozenset[str]) -> bool:
    """True when `word` is one or more lexicon entries written together."""
    ok = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        ok[end] = any(ok[start] and word[start:end] in entries for start in range(max(0, end - 30), end))
    return ok[-1]


def _furniture_part(part: str, lex: Lexicon) -> bool:
    if part in lex.lines or is_metadata(part, lex):
        return True
    return all(w in lex.lines or _glued(w, lex.glued) for w in part.split())


def furniture_reason(text: str, lex: Lexicon) -> str | None:
    """Reason for a line made only of navigation/box headers ("Teilen", "Auch interessant", "1. Startseite")."""
    norm = normalise(text)
    if not norm or word_count(norm) > 8:
        return None
    if norm in lex.lines:
        return lex.lines[norm]
    parts = [p.strip() for p in _PART_SPLIT.split(norm) if p.strip()]
    if parts and all(_furniture_part(p, lex) for p in parts):
        return lex.lines.get(parts[0].split()[0], "navigation")
    return None


def credit_reason(text: str, lex: Lexicon) -> str | None:
    """"caption" for a line carrying a photo/source credit, "credit" when the credit is all there is."""
    tokens = [t for t in _TOKEN_SPLIT.split(text.casefold().strip("()[] ")) if t]
    if tokens and len(tokens) <= 6 and all(t.strip("()[]") in lex.agencies for t in tokens):
        return "credit"
    for pattern in lex.credits:
        match = pattern.search(text)
        if match:
            alone = match.start() <= 1 and word_count(text[match.end():]) <= 3
            return "credit" if alone else "caption"
    return None


def is_metadata(text: str, lex: Lexicon) -> bool:
    """A dateline, timestamp or reading-time line: dates, clock times and meta words only."""
    if word_count(text) > 12 or not _DIGIT.search(text):
        return False
    rest = _DATE_TIME.sub(" ", text)
    words = [w.casefold().rstrip(".") for w in _WORD.findall(rest)]
    return all(w in lex.meta_words for w in words)


def is_byline(text: str, lex: Lexicon | None = None) -> bool:
    """ "Von Anna Muster", "By Jane Doe, BBC News", "Ein Beitrag von Anna Muster": an author line."""
    pattern = (lex or lexicon("de")).byline
    match = pattern.match(text.strip())
    if not match or text.rstrip().endswith((".", "!", "?")):
        return False
    names = [match.group(1), *match.group(2).split()]
    return names[0][:1].isupper() and all(_NAME_PART.match(n) for n in names)


def cue_scores(text: str, lex: Lexicon) -> dict[str, int]:
    """Summed cue weights per reason ("address" is reader address, which only adds to others)."""
    scores: dict[str, int] = {}
    for pattern, reason, weight in lex.cues:
        if pattern.search(text):
            scores[reason] = scores.get(reason, 0) + weight
    return scores


def cue_reason(scores: dict[str, int], words: int) -> str | None:
    """The box reason when the cue weights pass the threshold for a line of `words` words.

    Reader address ("du", a link, an e-mail address) only tips a short line with another cue.
    """
    topical = {r: s for r, s in scores.items() if r != "address"}
    if not topical:
        return None
    address = 1 if scores.get("address") and words <= 25 else 0
    if sum(topical.values()) + address < 2 + words // 60:
        return None
    return max(topical, key=lambda r: topical[r])


def local_reason(text: str, lex: Lexicon, scores: dict[str, int] | None = None) -> str | None:
    """The reason to drop one line judged on its own, or None."""
    if not text:
        return None
    if not _ALNUM.search(text):
        return "navigation"  # a separator such as "***" or "___"
    if is_metadata(text, lex) or is_byline(text, lex):
        return "metadata"
    reason = credit_reason(text, lex) or furniture_reason(text, lex)
    if reason:
        return reason
    return cue_reason(cue_scores(text, lex) if scores is None else scores, word_count(text))


@lru_cache(maxsize=8192)
def line_facts(text: str, code: str) -> tuple[str | None, dict[str, int]]:
    """(local reason, cue scores) of one stripped line, cached: context passes re-read lines."""
    lex = lexicon(code)
    scores = cue_scores(text, lex) if text else {}
    return local_reason(text, lex, scores), scores


# ---------------------------------------------------------------- context rules

def _nonblank(texts: Sequence[str]) -> list[int]:
    return [i for i, t in enumerate(texts) if t]


def _blank_separated(texts: Sequence[str]) -> bool:
    """True when paragraphs are separated by blank lines (most non-blank lines stand alone)."""
    idx = _nonblank(texts)
    if len(idx) < 4:
        return False
    alone = sum(1 for i in idx if (i == 0 or not texts[i - 1]) and (i + 1 >= len(texts) or not texts[i + 1]))
    return alone >= 0.6 * len(idx)


def _is_paragraph(text: str) -> bool:
    return word_count(text) >= 12 and bool(_SENTENCE_END.search(text))


def mark_duplicates(texts: Sequence[str], reasons: list[str | None]) -> None:
    """A line repeated right after itself (dropped or blank lines between) is a caption shown twice.

    Both copies go, except when the first is the opening line (a title shown twice keeps one).
    """
    idx = [i for i in _nonblank(texts) if reasons[i] is None]
    for a, b in pairwise(idx):
        if texts[a] == texts[b] and word_count(texts[a]) >= 3:
            reasons[b] = reasons[b] or "caption"
            if a != idx[0]:
                reasons[a] = reasons[a] or "caption"


def _one_sentence(text: str) -> bool:
    return word_count(text) <= 30 and text.rstrip().endswith((".", "!", "?", ")")) \
        and not _INNER_SENTENCE.search(text.rstrip()[:-1])


def mark_attached_captions(texts: Sequence[str], reasons: list[str | None]) -> None:
    """A one-sentence line glued (no blank line) to a caption is part of that caption.

    In texts that separate paragraphs by blank lines, gluing means belonging, so both
    neighbours of a caption or credit line count; elsewhere only the line right before a
    credit-only line ("Foto: dpa") does. Copyright footers ("© Verlag 2024") credit no photo.
    """
    spaced = _blank_separated(texts)
    for i, reason in enumerate(list(reasons)):
        if reason not in ("caption", "credit") or (reason == "credit" and _YEAR.search(texts[i])):
            continue
        neighbours = (i - 1, i + 1) if spaced else (i - 1,) if reason == "credit" else ()
        for j in neighbours:
            if 0 <= j < len(texts) and texts[j] and reasons[j] is None and _one_sentence(texts[j]):
                reasons[j] = "caption"


def first_paragraph(texts: Sequence[str], reasons: Sequence[str | None]) -> int:
    """Index of the first kept line that reads as a body paragraph (len(texts) when none)."""
    return next((i for i, t in enumerate(texts) if reasons[i] is None and _is_paragraph(t)), len(texts))


def mark_top_rubrics(texts: Sequence[str], reasons: list[str | None]) -> None:
    """One-word lines above the first paragraph (except the very first line) are rubrics."""
    idx = _nonblank(texts)
    top = first_paragraph(texts, reasons)
    for i in idx[1:]:
        if i >= top:
            break
        if reasons[i] is None and word_count(texts[i]) == 1 and not _SENTENCE_END.search(texts[i]):
            reasons[i] = "navigation"


def mark_masthead(texts: Sequence[str], reasons: list[str | None]) -> None:
    """The first line is the outlet's masthead when page navigation follows it right away: a
    name of up to three capitalised words, maybe with a tagline after a dash ("Elbtal
    Morgenbote" / "Startseite"; "OSTWIND – Magazin für Politik"), six words at most, no digits
    and no sentence or title punctuation. A headline has lower-case words, a colon or a verb."""
    idx = _nonblank(texts)
    if len(idx) < 2 or reasons[idx[0]] is not None:
        return
    first, nxt = texts[idx[0]], idx[1]
    if len(_WORD.findall(first)) > 6 or _DIGIT.search(first) or re.search(r"[.!?:;,\"„“”»«]", first):
        return
    name = _WORD.findall(re.split(r"\s[–—|-]\s", first)[0])
    if 0 < len(name) <= 3 and all(w[:1].isupper() for w in name) and reasons[nxt] == "navigation":
        reasons[idx[0]] = "navigation"


def mark_breadcrumbs(texts: Sequence[str], reasons: list[str | None]) -> None:
    """A short numbered or bulleted item directly next to a navigation line is navigation too."""
    changed = True
    while changed:
        changed = False
        for i, t in enumerate(texts):
            if reasons[i] is not None or not _LIST_MARK.match(t) or word_count(t) > 5 or t.rstrip().endswith("."):
                continue
            if any(0 <= j < len(texts) and reasons[j] == "navigation" for j in (i - 1, i + 1)):
                reasons[i] = "navigation"
                changed = True


def continues_box(text: str, scores: dict[str, int]) -> bool:
    """True for a line that keeps an appeal or note going: a cue, a bullet, a split line, a short call."""
    if any(r != "address" for r in scores) or (scores and word_count(text) <= 12):
        return True
    if _BULLET.match(text) or text[:1].islower():
        return True
    return word_count(text) <= 4 and text.rstrip().endswith(("!", ":"))


def _heading_like(text: str) -> bool:
    return 0 < word_count(text) <= 15 and not text.rstrip().endswith((".", "!", "?"))


def mark_teasers(texts: Sequence[str], reasons: list[str | None]) -> None:
    """Two or more headline-like lines glued together right after a "Mehr zum Thema" header are teaser links."""
    for i, reason in enumerate(list(reasons)):
        if reason != "related":
            continue
        run = []
        j = i + 1
        while j < len(texts) and not texts[j]:
            j += 1
        while j < len(texts) and texts[j] and reasons[j] is None and _heading_like(texts[j]):
            run.append(j)
            j += 1
        if len(run) >= 2:
            for k in run:
                reasons[k] = "related"


def mark_boxes(texts: Sequence[str], reasons: list[str | None], scores: Sequence[dict[str, int]]) -> None:
    """Once an appeal, note or comment box starts, following lines belong to it until body text resumes."""
    box: str | None = None
    for i, text in enumerate(texts):
        if not text:
            continue
        if reasons[i] in BOX_REASONS:
            box = reasons[i]
        elif reasons[i] is None and box and continues_box(text, scores[i]):
            reasons[i] = box
        elif reasons[i] is None:
            box = None


# ---------------------------------------------------------------- topic shift

def content_stems(text: str, stopwords: frozenset[str]) -> set[str]:
    """Crude stems (first six letters) of the content words of a line."""
    out = set()
    for word in _WORD.findall(text.replace("-", " ")):
        w = word.casefold()
        if len(w) >= 3 and w not in stopwords:
            out.add(w[:6])
    return out


def _share(stems: set[str], reference: set[str]) -> float:
    return len(stems & reference) / len(stems) if stems else 1.0


def _coherent(blocks: list[set[str]]) -> bool:
    """True when two or more stem sets share at least two stems that recur across them."""
    seen: set[str] = set()
    shared: set[str] = set()
    for stems in blocks:
        shared |= stems & seen
        seen |= stems
    return len(blocks) >= 2 and len(shared) >= 2


def mark_unrelated(texts: Sequence[str], reasons: list[str | None], lex: Lexicon) -> None:
    """Drop a block at the end that shares almost no content words with the article.

    A line of the second half (six content words or more) is off-topic when under 10 % of
    its content words occur in the article core (the first half of the kept lines) and under
    20 % in the kept lines before it that are not off-topic themselves. Walking back from
    the last line, off-topic lines and short lines between them form the block; the first
    on-topic line stops the walk, and so does a box (appeal, editorial note) between two
    lines: it closes the article, and the glued-on text follows it. The block must hold 250
    characters or more and be a story of its own: two off-topic lines or more sharing two
    content words or more among themselves (a reaction paragraph closing an article shares
    neither), or two off-topic lines or more behind the box that closes the article.
    """
    kept = [i for i in _nonblank(texts) if reasons[i] is None]
    if len(kept) < 4:
        return
    half = (len(kept) + 1) // 2
    stems = {i: content_stems(texts[i], lex.stopwords) for i in kept}
    core: set[str] = set().union(*(stems[i] for i in kept[:half]))
    suspects = {i for i in kept[half:] if len(stems[i]) >= 6 and _share(stems[i], core) < 0.1}
    block: list[int] = []
    pending: list[int] = []
    after = len(texts)  # the line after the walk so far
    boxed = False
    for i in reversed(kept[half:]):
        if any(reasons[k] in BOX_REASONS for k in range(i + 1, after)):
            boxed = True  # a box (appeal, note) closes the article; what comes before it is the article
            break
        after = i
        if len(stems[i]) < 6:
            pending.append(i)
            continue
        before: set[str] = set().union(*(stems[j] for j in kept if j < i and j not in suspects))
        if i not in suspects or _share(stems[i], before) >= 0.2:
            break
        block += pending + [i]
        pending = []
    story = boxed and len(block) >= 2 or _coherent([stems[i] for i in block if i in suspects])
    if sum(len(texts[i]) for i in block) >= 250 and story:
        for i in block:
            reasons[i] = "unrelated"


# ---------------------------------------------------------------- public API

def _reasons(texts: list[str], code: str) -> list[str | None]:
    """One pass of all rules over stripped lines: the drop reason of each line or None."""
    lex = lexicon(code)
    facts = [line_facts(t, code) for t in texts]
    reasons: list[str | None] = [reason for reason, _ in facts]
    scores = [dict(sc) for _, sc in facts]
    mark_duplicates(texts, reasons)
    mark_attached_captions(texts, reasons)
    mark_breadcrumbs(texts, reasons)
    mark_top_rubrics(texts, reasons)
    mark_masthead(texts, reasons)
    mark_teasers(texts, reasons)
    mark_boxes(texts, reasons, scores)
    mark_unrelated(texts, reasons, lex)
    return reasons


def settle(texts: list[str], code: str) -> list[str | None]:
    """Reasons after re-reading the kept lines as the cleaned text until nothing more goes.

    Context rules can see new neighbours once lines are gone (two copies of a caption that
    stood apart); settling here makes cleaning idempotent.
    """
    reasons = _reasons(texts, code)
    while True:
        kept = [i for i, t in enumerate(texts) if t and reasons[i] is None]
        again = _reasons([texts[i] for i in kept], code)
        if all(r is None for r in again):
            return reasons
        for i, reason in zip(kept, again, strict=True):
            reasons[i] = reason


def classify_lines(lines: list[str], language: str = "de") -> list[Line]:
    """One `Line` verdict per raw line (1-based numbers); blank lines are kept."""
    code = lang.code(language)
    texts = [line.strip() for line in lines]
    first = next((i for i, t in enumerate(texts) if t), None)
    if first is not None:
        texts[first] = strip_prefix(texts[first]).strip()
    reasons = settle(texts, code)
    out = []
    for n, (raw, text, reason) in enumerate(zip(lines, texts, reasons, strict=True), start=1):
        if not text:
            blank = not raw.strip()  # else only a scraper prefix was on the line
            out.append(Line(n, "" if blank else raw.strip(), keep=blank, reason=None if blank else "metadata"))
        else:
            out.append(Line(number=n, text=text if reason is None else raw.strip(), keep=reason is None, reason=reason))
    return out


def clean(doc: Document) -> Document:
    """Set `doc.lines` (a verdict per raw line) and `doc.text` (the kept lines joined by newlines)."""
    doc.lines = classify_lines(doc.raw_text.split("\n"), lang.code(doc.language))
    doc.text = "\n".join(ln.text for ln in doc.lines if ln.keep and ln.text)
    return doc
