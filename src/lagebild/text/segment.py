"""Sentences and tokens with somajo, with offsets into `Document.text`.

The cleaned text is fed to somajo one line (paragraph) at a time, so a headline
without a full stop never runs into the next paragraph.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from somajo import SoMaJo

from lagebild import lang
from lagebild.limits import MAX_WORD
from lagebild.model import Document, Sentence, Token

# Swiss thousands apostrophe ("12'000"): somajo splits it and then reads "000." at a
# sentence end as an ordinal, so the sentence never ends. It sees a dot instead (same
# length, so offsets hold); tokens keep the original characters.
_SWISS_THOUSANDS = re.compile(r"(?<=\d)['’](?=\d{3}(?!\d))")
# A run of more than MAX_WORD characters without a space (a base64 blob, a line of dashes)
# is no text: somajo would cut a blob at every "+" and "/" into thousands of tokens that
# later stages scan in pairs. It sees one placeholder word of the same length (offsets
# hold); the token keeps the characters written, and the tagger never gets it.
_BLOB = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def _for_somajo(line: str) -> str:
    return _BLOB.sub(lambda m: "x" * len(m[0]), _SWISS_THOUSANDS.sub(".", line))


@lru_cache(maxsize=4)
def _tokenizer(model: str) -> SoMaJo:
    return SoMaJo(model, split_camel_case=True, character_offsets=True)


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, line) for every non-blank line of `text`."""
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, line
        offset += len(line) + 1


def split_sentences(text: str, language: str | None = "de") -> list[Sentence]:
    """Split `text` into sentences of tokens; offsets index into `text`. Each sentence
    knows its paragraph (the index of its non-blank line)."""
    paras = list(paragraphs(text))
    if not paras:
        return []
    sentences: list[Sentence] = []
    para = -1
    last_end = 10**9
    tokenizer = _tokenizer(lang.settings(language).tokenizer)
    for raw in tokenizer.tokenize_text([_for_somajo(p) for _, p in paras]):
        if not raw:
            continue
        first = raw[0].character_offset[0]
        if first < last_end or para < 0:
            para += 1  # offsets restart at 0 in each new paragraph
        base = paras[para][0]
        tokens = [
            Token(text=_original(t.text, text, base + t.character_offset[0], base + t.character_offset[1]),
                  start=base + t.character_offset[0], end=base + t.character_offset[1], kind=t.token_class)
            for t in raw
        ]
        last_end = raw[-1].character_offset[1]
        start, end = tokens[0].start, tokens[-1].end
        sentences.append(Sentence(index=len(sentences), start=start, end=end, text=text[start:end], tokens=tokens,
                                  paragraph=para))
    return sentences


def _original(token: str, text: str, start: int, end: int) -> str:
    """The token as written, where only the Swiss apostrophe or a blob was changed for somajo."""
    written = text[start:end]
    return written if len(written) == len(token) and _for_somajo(written) == token else token


def segment(doc: Document) -> Document:
    """Stage: fill `doc.sentences` from `doc.text`."""
    doc.sentences = split_sentences(doc.text, doc.language)
    return doc
