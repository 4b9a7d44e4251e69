"""Part-of-speech tags and lemmas with HanTa (German STTS incl. NE for proper nouns).

Tags are normalised to plain STTS ("VA(FIN)" becomes "VAFIN"); the English model's
CLAWS tags are mapped to the nearest STTS tag so later stages ask one question
("is this a proper noun?") in one way. Sentences are cached: the same sentence
(syndicated copies, repeated captions) is tagged once.
"""
from __future__ import annotations

import os
from functools import lru_cache

from HanTa import HanoverTagger as ht

from lagebild.model import Document

_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}

# CLAWS (HanTa's English model) -> STTS
_CLAWS = {
    "NP0": "NE", "NN0": "NN", "NN1": "NN", "NN2": "NN", "AJ0": "ADJA", "AJC": "ADJA", "AJS": "ADJA",
    "CRD": "CARD", "ORD": "ADJA", "AT0": "ART", "PRP": "APPR", "PRF": "APPR", "AV0": "ADV", "AVP": "PTKVZ",
    "AVQ": "PWAV", "CJC": "KON", "CJS": "KOUS", "CJT": "KOUS", "DT0": "PIAT", "DTQ": "PWAT", "DPS": "PPOSAT",
    "PNP": "PPER", "PNI": "PIS", "PNQ": "PWS", "PNX": "PRF", "POS": "PTKZU", "TO0": "PTKZU", "XX0": "PTKNEG",
    "VM0": "VMFIN", "PUN": "$.", "PUQ": "$(", "PUL": "$(", "PUR": "$(", "UNC": "XY", "ITJ": "ITJ",
}


@lru_cache(maxsize=2)
def _tagger(language: str) -> ht.HanoverTagger:
    return ht.HanoverTagger(_MODELS.get(language, _MODELS["de"]))


def normalise_tag(tag: str, language: str) -> str:
    if language == "en":
        if tag in _CLAWS:
            return _CLAWS[tag]
        if tag.startswith("VV"):
            return {"VVD": "VVFIN", "VVZ": "VVFIN", "VVB": "VVFIN", "VVN": "VVPP", "VVG": "ADJD"}.get(tag, "VVINF")
        if tag[:2] in ("VB", "VD", "VH"):
            return {"VBI": "VAINF", "VDI": "VAINF", "VHI": "VAINF", "VBN": "VAPP", "VDN": "VAPP",
                    "VHN": "VAPP"}.get(tag, "VAFIN")
        return tag
    return tag.replace("(", "").replace(")", "")


# LAGEBILD_TAG_CACHE=0 turns the sentence cache off (benchmarks: copies cost like new articles)
_CACHE_SIZE = int(os.environ.get("LAGEBILD_TAG_CACHE", "50000"))


@lru_cache(maxsize=_CACHE_SIZE)
def tag_words(words: tuple[str, ...], language: str) -> tuple[tuple[str, str], ...]:
    """(lemma, STTS tag) for each word of one sentence."""
    tagged = _tagger(language).tag_sent(list(words), taglevel=1)
    return tuple((lemma, normalise_tag(tag, language)) for _, lemma, tag in tagged)


def tag(doc: Document) -> Document:
    """Stage: set `pos` and `lemma` on every token of `doc.sentences`."""
    language = "en" if doc.language == "en" else "de"
    for sentence in doc.sentences:
        words = tuple(t.text for t in sentence.tokens)
        for token, (lemma, pos) in zip(sentence.tokens, tag_words(words, language), strict=True):
            token.lemma, token.pos = lemma, pos
    return doc


@lru_cache(maxsize=20_000)
def word_scores(word: str, language: str) -> dict[str, float]:
    """HanTa's context-free scores (log probabilities) per tag for one word."""
    return dict(_tagger(language).tag_word(word))
