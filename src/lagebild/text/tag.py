"""Part-of-speech tags, lemmas and compound parts with HanTa.

The tagger model of a language is named in its `language.toml`; its tags become plain
STTS ("VA(FIN)" becomes "VAFIN"), and a language whose model tags another tagset maps
it onto STTS with a `tagset` lexicon, so later stages ask one question ("is this a
proper noun?") in one way. HanTa also segments each word into morphemes: a noun made of
two or more stems gets them as its compound parts ("Bausoldaten": Bau, Soldat). A
language without a tagger gets untagged tokens (lemma = word). Sentences are cached:
the same sentence (syndicated copies, repeated captions) is tagged once; and so are
HanTa's analyses of each word form (see `_tagger`).
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

from HanTa import HanoverTagger as ht

from lagebild import lang
from lagebild.limits import MAX_WORD
from lagebild.model import Document

Morphemes = Sequence[tuple[str, str]]


# Word forms whose analyses are kept per process (HanTa's two per-word analyses, the
# costly part of tagging, depend on the word form alone); LAGEBILD_WORD_CACHE=0 turns it off
_WORD_CACHE = int(os.environ.get("LAGEBILD_WORD_CACHE", "30000"))


@lru_cache(maxsize=4)
def _tagger(model: str) -> ht.HanoverTagger:
    """HanTa's tagger for `model`, with its per-word analyses memoised by word form: the
    scored candidate tags of a word (`analyze_forward`, and `_tag_word` with the case and
    position of the word) and its morphemes under a tag (`_analyze`) are pure functions of
    their arguments, so each is computed once per form, not once per occurrence (HanTa
    does not change what they return). The tags and lemmas are exactly HanTa's."""
    tagger = ht.HanoverTagger(model)
    if _WORD_CACHE > 0:
        for method in ("analyze_forward", "_tag_word", "_analyze"):
            setattr(tagger, method, lru_cache(maxsize=_WORD_CACHE)(getattr(tagger, method)))
    return tagger


@lru_cache(maxsize=4096)
def normalise_tag(tag: str, language: str) -> str:
    settings = lang.settings(language)
    if settings.tagset:
        mapped = lang.table(settings.code, settings.tagset).get(tag)
        if mapped:
            return mapped
    return tag.replace("(", "").replace(")", "")


def compound_parts(lemma: str, morphemes: Morphemes, pos: str) -> tuple[str, ...]:
    """The parts of a compound noun by lemma: each stem morpheme starts a part, linking
    elements (FUGE) and suffixes stay with the part before; the last part is the rest of
    the lemma ("Feuerwehrmänner", lemma Feuerwehrmann: Feuer, Wehr, Mann). () for a simple word."""
    if not (pos.startswith("NN") or pos == "NE") or len(morphemes) < 2:
        return ()
    parts: list[list[str]] = []  # [stem, what it is written with (stem + linking element)]
    for morpheme, tag in morphemes:
        if tag.startswith(("SUF", "FUGE", "HYPHEN", "PREF", "END")) and parts:
            parts[-1][1] += morpheme
        else:
            parts.append([morpheme, morpheme])
    if len(parts) < 2:
        return ()
    written = "".join(w for _, w in parts[:-1])
    head = lemma[len(written):] if lemma.lower().startswith(written) else parts[-1][0]
    names = [stem.rstrip("-") for stem, _ in parts[:-1]] + [head]
    if any(not n for n in names):
        return ()
    return tuple(n[:1].upper() + n[1:] if lemma[:1].isupper() else n for n in names)


# LAGEBILD_TAG_CACHE=0 turns the sentence cache off (benchmarks: copies cost like new articles)
_CACHE_SIZE = int(os.environ.get("LAGEBILD_TAG_CACHE", "50000"))


# HanTa's cost grows with the square of a word's length (2,000 "-" took a minute): a longer
# "word" (a run of one character, a base64 blob, a long URL) is no word; it never reaches
# the tagger and is tagged XY (non-word), its lemma itself.
_STANDIN = "XY"


def tagger_safe(word: str) -> bool:
    return len(word) <= MAX_WORD


@lru_cache(maxsize=_CACHE_SIZE)
def tag_words(words: tuple[str, ...], language: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(lemma, STTS tag, compound parts) for each word of one sentence; a word longer than
    MAX_WORD is not given to the tagger (XY, its lemma itself)."""
    settings = lang.settings(language)
    if not settings.tagger:
        return tuple((w, "", ()) for w in words)
    tagger = _tagger(settings.tagger)
    safe = [w if tagger_safe(w) else _STANDIN for w in words]
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for word, (_, stem, morphemes, tag) in zip(words, tagger.tag_sent(safe, taglevel=3), strict=True):
        if not tagger_safe(word):
            out.append((word, "XY", ()))
            continue
        lemma = tagger.makelemma([stem], tag)
        pos = normalise_tag(tag, language)
        out.append((lemma, pos, compound_parts(lemma, morphemes, pos)))
    return tuple(out)


def tag(doc: Document) -> Document:
    """Stage: set `pos`, `lemma` and `parts` on every token of `doc.sentences`."""
    language = lang.code(doc.language)
    for sentence in doc.sentences:
        words = tuple(t.text for t in sentence.tokens)
        for token, (lemma, pos, parts) in zip(sentence.tokens, tag_words(words, language), strict=True):
            token.lemma, token.pos, token.parts = lemma, pos, parts
    return doc


@lru_cache(maxsize=20_000)
def word_scores(word: str, language: str) -> dict[str, float]:
    """HanTa's context-free scores (log probabilities) per tag for one word (none for a
    word too long to be one)."""
    settings = lang.settings(language)
    if not settings.tagger or not tagger_safe(word):
        return {}
    return dict(_tagger(settings.tagger).tag_word(word))
