"""Topical cohesion: a block at the end whose words do not meet the article's is another story.

Articles get other texts glued on: the next article of a page, the next entry of a live
blog on another topic. Such a block shares almost no content words or names with the
article, and its own lines share words among themselves.
"""
from __future__ import annotations

import re
from functools import lru_cache

from lagebild import lang
from lagebild.text.boilerplate.context import Board
from lagebild.text.boilerplate.lexicon import Lexicon
from lagebild.text.boilerplate.scorer import BLOCK, BOX_KINDS, Cue

_WORD = re.compile(r"[^\W\d_][\w'’]*")


def content_stems(text: str, stopwords: frozenset[str]) -> set[str]:
    """Crude stems (first six letters) of the content words of a line, months and weekdays aside."""
    out = set()
    for word in _WORD.findall(text.replace("-", " ")):
        w = word.casefold()
        if len(w) >= 3 and w not in stopwords and w not in _calendar_words():
            out.add(w[:6])
    return out


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    return frozenset(k.casefold() for c in lang.SUPPORTED for name in ("months", "weekdays")
                     for k in lang.table(c, name))


def _share(stems: set[str], reference: set[str]) -> float:
    return len(stems & reference) / len(stems) if stems else 1.0


def _recurring(stem_sets: list[set[str]]) -> set[str]:
    """Stems that occur in two or more of the sets (a block's own topic words)."""
    seen: set[str] = set()
    again: set[str] = set()
    for stems in stem_sets:
        again |= stems & seen
        seen |= stems
    return again


def _box_between(board: Board, first: int, last: int) -> bool:
    return any(board.kind(k) in BOX_KINDS for k in range(first + 1, last))


def off_topic_run(board: Board, kept: list[int], stems: dict[int, set[str]],
                  names: dict[int, set[str]]) -> int | None:
    """Start (index into `kept`) of a run of off-topic lines at the end, or None.

    A line of the second half (six content words or more) is off-topic when under 10 % of
    its content words occur in the article core (the first half of the kept lines) and under
    20 % in the kept lines before it that are not off-topic themselves. Walking back from
    the last line, off-topic lines and short lines between them form the run; the first
    on-topic line stops the walk, and so does a box (appeal, editorial note) between two
    lines: it closes the article, and the glued-on text follows it. The run counts when two lines
    or more follow the closing box, or when it tells its own story (`own_story`: a reaction
    paragraph closing an article repeats no words of its own, an entry on the same story
    repeats the story's words).
    """
    half = (len(kept) + 1) // 2
    core: set[str] = set().union(*(stems[i] for i in kept[:half]))
    suspects = {i for i in kept[half:] if len(stems[i]) >= 6 and _share(stems[i], core) < 0.1}
    block: list[int] = []
    pending: list[int] = []
    after = len(board.texts)  # the line after the walk so far
    boxed = False
    for i in reversed(kept[half:]):
        if _box_between(board, i, after):
            boxed = True
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
    if not block:
        return None
    start = kept.index(min(block))
    article: set[str] = set().union(*(stems[i] for i in kept[:start]))
    named = set().union(*(names[i] for i in block))
    return start if boxed and len(block) >= 2 or own_story([stems[i] for i in block], article, named) else None


def own_story(block: list[set[str]], article: set[str], names: set[str]) -> bool:
    """Two words or more recur across the block's lines, one of them a name (a capitalised word
    inside a sentence: a place, a person, in German also a noun), and the article uses none."""
    own = _recurring(block)
    return len(own) >= 2 and bool(own & names) and not own & article


def name_stems(text: str) -> set[str]:
    """Stems of the capitalised words that do not open a sentence."""
    out = set()
    for sentence in re.split(r"(?<=[.!?:])\s+", text):
        for word in _WORD.findall(sentence.replace("-", " "))[1:]:
            if word[:1].isupper() and len(word) >= 3:
                out.add(word.casefold()[:6])
    return out


def foreign_story(names: dict[int, set[str]], kept: list[int], stems: dict[int, set[str]]) -> int | None:
    """Start (index into `kept`) of the largest block at the end, in the second half, that tells
    a story of its own: under 15 % of its words occur in the article before it, and it tells its
    own story, starting at the block's first line (a live-blog entry on another topic)."""
    found = None
    for pos in range(len(kept) - 2, (len(kept) + 1) // 2 - 1, -1):
        article: set[str] = set().union(*(stems[i] for i in kept[:pos]))
        block = [stems[i] for i in kept[pos:]]
        opens = len(_recurring(block) & block[0]) >= 2  # the story starts at the block's first line
        if opens and _share(set().union(*block), article) < 0.15 and \
                own_story(block, article, set().union(*(names[i] for i in kept[pos:]))):
            found = pos
    return found


def mark_unrelated(board: Board, lex: Lexicon) -> None:
    """Drop a block at the end (250 characters or more) that is another story glued on."""
    texts = board.texts
    kept = board.kept()
    if len(kept) < 4:
        return
    stems = {i: content_stems(texts[i], lex.stopwords) for i in kept}
    names = {i: name_stems(texts[i]) for i in kept}
    starts = [p for p in (off_topic_run(board, kept, stems, names), foreign_story(names, kept, stems))
              if p is not None]
    if not starts or sum(len(texts[i]) for i in kept[min(starts):]) < 250:
        return
    for i in kept[min(starts):]:
        board.add(i, Cue("unrelated", "another story: shares almost no words with the article", BLOCK))
