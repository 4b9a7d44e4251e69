"""Line-level boilerplate removal (the `clean` stage).

Every raw line gets a verdict (`Line.keep`, `Line.reason`) from one transparent scorer
(`text/boilerplate/scorer.py`) over cues found in three passes:

1. **line features** (`features.py`, `credits.py`), one line at a time: separators and link lists,
   datelines and read times, bylines and a name with a newsroom job title, photo credits
   (after "Foto:"/"Photo:", ©, agency chains with "/" and "via"), gallery counters and
   caption position marks, update stamps, page-control labels, imperative calls to
   action, reader address, and cue phrases of appeals and notes;
2. **context** (`context.py`): captions shown twice, a line glued to a credit, rubrics
   and the outlet's name above the article, breadcrumbs, ticker day headings (kept),
   key-points boxes split into repeated lines, and boxes that run until the body resumes;
3. **cohesion** (`cohesion.py`): a block at the end that shares almost no words with the
   article is another story glued on.

The reason of a removed line names the kind and the cues behind it, e.g.
"caption: credit 'Foto: dpa'". Kept lines are read again as the cleaned text until
nothing more goes, so cleaning is idempotent. Titles, teasers and subheadings are
article text and are kept. The words all come from `lang/<code>/boilerplate_*`.
"""
from __future__ import annotations

from lagebild import lang
from lagebild.model import Document, Line, PageBlock
from lagebild.text.boilerplate.cohesion import mark_unrelated
from lagebild.text.boilerplate.context import CONTEXT_RULES, Board
from lagebild.text.boilerplate.features import line_cues
from lagebild.text.boilerplate.lexicon import lexicon
from lagebild.text.boilerplate.scorer import Verdict
from lagebild.text.boilerplate.tokens import strip_prefix


def judge(texts: list[str], code: str) -> list[Verdict | None]:
    """One pass of every rule over stripped lines: the verdict of each line (None: kept)."""
    board = Board(texts, [list(line_cues(t, code)) for t in texts])
    for rule in CONTEXT_RULES:
        rule(board)
    mark_unrelated(board, lexicon(code))
    return board.verdicts


def settle(texts: list[str], code: str) -> list[Verdict | None]:
    """Verdicts after re-reading the kept lines as the cleaned text until nothing more goes.

    Context rules can see new neighbours once lines are gone (two copies of a caption that
    stood apart); settling here makes cleaning idempotent.
    """
    verdicts = judge(texts, code)
    while True:
        kept = [i for i, t in enumerate(texts) if t and verdicts[i] is None]
        again = judge([texts[i] for i in kept], code)
        if all(v is None for v in again):
            return verdicts
        for i, verdict in zip(kept, again, strict=True):
            verdicts[i] = verdict


def classify_lines(lines: list[str], language: str = "de") -> list[Line]:
    """One `Line` verdict per raw line (1-based numbers); blank lines are kept."""
    code = lang.code(language)
    texts = [line.strip() for line in lines]
    first = next((i for i, t in enumerate(texts) if t), None)
    if first is not None:
        texts[first] = strip_prefix(texts[first]).strip()
    verdicts = settle(texts, code)
    out = []
    for n, (raw, text, verdict) in enumerate(zip(lines, texts, verdicts, strict=True), start=1):
        if not text:
            blank = not raw.strip()  # else only a scraper prefix was on the line
            out.append(Line(n, "" if blank else raw.strip(), keep=blank,
                            reason=None if blank else "metadata: scraper date prefix"))
        elif verdict is None:
            out.append(Line(number=n, text=text))
        else:
            out.append(Line(number=n, text=raw.strip(), keep=False, reason=verdict.reason))
    return out


OUTSIDE = "outside the main text (trafilatura)"


def with_dropped(lines: list[Line], dropped: list[PageBlock], code: str) -> list[Line]:
    """The raw lines with an HTML page's dropped blocks in place, numbered anew in page order.

    Each block gets the reason the scorer gives it when read among the page's other lines
    and blocks (a credit, a byline, navigation, ...), else `OUTSIDE` and what held it
    ("outside the main text (trafilatura): nav"). The raw lines keep their own verdicts.
    """
    page: list[Line | PageBlock] = []
    blocks = iter(sorted(dropped, key=lambda b: b.before))
    block = next(blocks, None)
    for i, line in enumerate([*lines, None]):
        while block is not None and block.before <= i:
            page.append(block)
            block = next(blocks, None)
        if line is not None:
            page.append(line)
    read = classify_lines([item.text for item in page], code)
    out = []
    for n, (item, seen) in enumerate(zip(page, read, strict=True), start=1):
        if isinstance(item, PageBlock):
            reason = seen.reason if not seen.keep else f"{OUTSIDE}: {item.element}"
            out.append(Line(n, item.text, keep=False, reason=reason))
        else:
            out.append(Line(n, item.text, item.keep, item.reason))
    return out


def clean(doc: Document) -> Document:
    """Set `doc.lines` (a verdict per raw line, with an HTML page's dropped blocks in place) and
    `doc.text` (the kept lines joined by newlines)."""
    code = lang.code(doc.language)
    doc.lines = classify_lines(doc.raw_text.split("\n"), code)
    doc.text = "\n".join(ln.text for ln in doc.lines if ln.keep and ln.text)
    if doc.dropped:
        doc.lines = with_dropped(doc.lines, doc.dropped, code)
    return doc
