"""Tagging: HanTa's per-word analyses are kept per word form, and the tags, lemmas and
compound parts are exactly those of HanTa's own tagger."""
from __future__ import annotations

import pytest
from HanTa import HanoverTagger as ht

from lagebild import lang
from lagebild.text import tag as tagging


@pytest.mark.parametrize("language, sentences", [
    ("de", ["Die Wahlleiterin zählte am Sonntagabend rund 40.000 Stimmen in den Wahlkreisen.",
            "Nach dem Hochwasser räumten Feuerwehrleute die überfluteten Keller der Altstadt.",
            "Die Gewerkschaft rief die Beschäftigten der Häfen zum Streik auf, sagte ihr Sprecher.",
            "Die Wahlleiterin dankte den Wahlhelfern, die die Stimmen bis in die Nacht zählten."]),
    ("en", ["The storm cut power to 20,000 homes along the coast on Tuesday night.",
            "Strikers blocked the port gates while the storm was cutting power lines."]),
])
def test_tag_word_form_cache_gives_hantas_own_tags(language: str, sentences: list[str]) -> None:
    from lagebild.text.segment import split_sentences

    model = lang.settings(language).tagger
    plain = ht.HanoverTagger(model)  # no cache
    for text in sentences:
        for sentence in split_sentences(text, language):
            words = tuple(t.text for t in sentence.tokens)
            expected = []
            for _, stem, morphemes, tag in plain.tag_sent(list(words), taglevel=3):
                lemma = plain.makelemma([stem], tag)
                pos = tagging.normalise_tag(tag, language)
                expected.append((lemma, pos, tagging.compound_parts(lemma, morphemes, pos)))
            assert list(tagging.tag_words.__wrapped__(words, language)) == expected  # twice: the second from the cache
            assert list(tagging.tag_words.__wrapped__(words, language)) == expected
    cached = tagging._tagger(model)
    assert cached._analyze.cache_info().hits > 0  # repeated forms ("die", "Stimmen", "storm") came from the cache
