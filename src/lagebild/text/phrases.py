"""Noun phrases of a tagged sentence, found once (`noun_phrases`).

A phrase is determiners, then a run of numerals and adverbial adjectives before the
first noun, then nouns, names, adjectives and truncated compound parts ("Bau- und
Pioniersoldaten"). A run without article after the head stays in the phrase
("Angaben westlicher Geheimdienste"); a genitive with its own marker ("des
Ministeriums", "of the agency") is a phrase of its own, attached to the one before; so
is a place after a place preposition ("der Generalstab in Seoul"). The head is the
first noun of the run, or in a language that compounds with spaces the last common noun
of the first run of them ("spy agency").
"""
from __future__ import annotations

from collections.abc import Sequence

from lagebild.model import Phrase, Span, Token
from lagebild.text.grammar import Grammar
from lagebild.text.tokens import DETERMINERS, PREPOSITIONS, QUOTES, glued_hyphen, is_nominal, is_noun, low

MAX_PHRASE = 10  # tokens after the determiners
_RUN_TAGS = frozenset({"ADJA", "NE", "FM", "TRUNC"})
_PRE_NOUN_TAGS = frozenset({"ADJD"})  # before an adjective only: "mutmaßlich russische"
_EMBEDDED_TAGS = frozenset({"ART", "NN", "NE", "ADJA", "CARD", "PPOSAT"})


def _runs(tok: Token, g: Grammar) -> bool:
    """A token that continues a noun phrase: noun, name, adjective, quote mark, possessive."""
    return tok.pos.startswith("NN") or tok.pos in _RUN_TAGS or tok.text in QUOTES or tok.text in g.possessives


def _name_part(tokens: Sequence[Token], j: int, first: int, g: Grammar) -> bool:
    """Where only names are capitalised, a capitalised word right after a name belongs to
    it whatever its tag ("Shin Won" with "Won" read as a verb)."""
    return not g.capitalised_nouns and j > first and tokens[j - 1].pos == "NE" \
        and tokens[j].text[:1].isupper() and tokens[j].text.isalpha()


def _before_adjective(tokens: Sequence[Token], j: int) -> bool:
    return j + 1 < len(tokens) and tokens[j + 1].pos in ("ADJA", "CARD")


def _numeral(tok: Token, g: Grammar) -> bool:
    return (tok.pos == "CARD" and tok.text not in g.possessives) or tok.text.lower() in g.numerals


def _compound_adjective(tokens: Sequence[Token], j: int) -> bool:
    """"locally-built", "Iranian-made": a word, a glued hyphen and a lower-case word that is no noun."""
    return glued_hyphen(tokens, j + 1) and tokens[j + 2].text[:1].islower() and not is_noun(tokens[j + 2])


def _determiner(tok: Token, g: Grammar) -> bool:
    return tok.pos in DETERMINERS or tok.text.lower() in g.determiners


def _embedded(tokens: Sequence[Token], j: int) -> int:
    """End of a prepositional phrase embedded before a participle that modifies the noun
    ("der [von Russland] eingesetzten Munition"), or j when none starts there."""
    if tokens[j].pos not in PREPOSITIONS:
        return j
    named = False
    for k in range(j + 1, min(len(tokens), j + 6)):
        if named and tokens[k].pos == "ADJA":
            return k
        if tokens[k].pos not in _EMBEDDED_TAGS:
            return j
        named = named or is_noun(tokens[k])
    return j


def _run_end(tokens: Sequence[Token], core: int, g: Grammar, determined: bool) -> tuple[int, int]:
    """(end, body) of the phrase that starts at `core`: its half-open end, and where the
    words that may head it start (after an embedded phrase)."""
    j, body, nouns = core, core, False
    while j < len(tokens) and j - core < MAX_PHRASE:
        tok = tokens[j]
        if not nouns and (_numeral(tok, g) or (tok.pos in _PRE_NOUN_TAGS and _before_adjective(tokens, j))):
            j += 1
        elif not nouns and determined and _embedded(tokens, j) > j:
            j = body = _embedded(tokens, j)
        elif not nouns and _compound_adjective(tokens, j):
            j += 3  # "Iranian-made", "locally-built"
        elif _runs(tok, g) or _name_part(tokens, j, core, g):
            nouns = nouns or (is_nominal(tok) and tok.text not in QUOTES)
            j += 1
        elif j > core and tokens[j - 1].pos == "TRUNC" and tok.pos == "KON" and j + 1 < len(tokens):
            j += 1  # "Bau- und Pioniersoldaten": a truncated part and its coordinated compound
        elif j > core and glued_hyphen(tokens, j):
            j += 2  # "Shin Won-sik": a hyphenated name split by the tokenizer
        else:
            break
    return min(j, len(tokens)), body


def _head(tokens: Sequence[Token], core: int, end: int, g: Grammar) -> int | None:
    nouns = [k for k in range(core, end)
             if is_noun(tokens[k]) and not _numeral(tokens[k], g) and tokens[k].text not in QUOTES]
    common = [k for k in nouns if tokens[k].pos.startswith("NN")]
    if not nouns:
        foreign = [k for k in range(core, end) if tokens[k].pos == "FM" and tokens[k].text not in QUOTES]
        return foreign[0] if foreign else None
    if not g.head_last:
        return common[0] if common else nouns[0]
    if not common:
        return nouns[-1]
    k = common[0]
    while k + 1 < end and tokens[k + 1].pos.startswith("NN"):
        k += 1
    return k


def _compound(tokens: Sequence[Token], head: int, core: int, g: Grammar) -> tuple[str, ...]:
    """The head as compound parts: from the tagger's morphemes ("Bausoldaten": Bau, Soldat),
    or, where compounds are written apart, the nouns right before it ("construction workers")."""
    tok = tokens[head]
    if tok.parts:
        return tok.parts
    parts = [tok.lemma or tok.text]
    k = head - 1
    while g.head_last and k >= core and tokens[k].pos.startswith("NN"):
        parts.insert(0, tokens[k].lemma or tokens[k].text)
        k -= 1
    return tuple(parts)


def _phrase(tokens: Sequence[Token], i: int, g: Grammar) -> Phrase | None:
    core = i
    while core < len(tokens) and _determiner(tokens[core], g):
        core += 1
    end, body = _run_end(tokens, core, g, core > i)
    head = _head(tokens, body, end, g)
    if head is None:
        return None
    if tokens[i].text in QUOTES and sum(t.text in QUOTES for t in tokens[i:end]) % 2:
        return None  # a closing quotation mark, or an opening one whose phrase goes on after it
    numerals = tuple(k for k in range(core, end) if _numeral(tokens[k], g) and k < head)
    skip = {head, *numerals}
    modifiers = tuple(k for k in range(core, end) if k not in skip and tokens[k].text not in QUOTES
                      and tokens[k].text not in g.possessives and tokens[k].text != "-")
    return Phrase(start=i, end=end, head=head, determiners=tuple(range(i, core)), modifiers=modifiers,
                  numerals=numerals, compound=_compound(tokens, head, core, g))


def _place(tokens: Sequence[Token], j: int, g: Grammar) -> Span | None:
    """"in Seoul" right at token j: a place preposition and the name after it."""
    if low(tokens, j) not in g.place_preps or j + 1 >= len(tokens) or tokens[j + 1].pos != "NE":
        return None
    k = j + 1
    while k < len(tokens) and tokens[k].pos == "NE":
        k += 1
    return j, k


def _genitive_of(tokens: Sequence[Token], p: Phrase, q: Phrase, g: Grammar) -> bool:
    """`q` is a genitive of `p`: its marker stands right after `p` ("des" as q's article,
    "of" before q) and a noun follows it."""
    marker = p.end
    if low(tokens, marker) not in g.genitives:
        return False
    return q.start == marker + 1 or (q.start == marker and q.determiners[:1] == (marker,))


def noun_phrases(tokens: Sequence[Token], g: Grammar) -> list[Phrase]:
    """The noun phrases of one tagged sentence, left to right, with genitives and places attached."""
    phrases: list[Phrase] = []
    i = 0
    while i < len(tokens):
        p = _phrase(tokens, i, g)
        if p is None:
            i += 1
            continue
        if phrases and _genitive_of(tokens, phrases[-1], p, g) and phrases[-1].genitive is None:
            phrases[-1].genitive = len(phrases)
        phrases.append(p)
        i = p.end
    for p in phrases:
        after = phrases[p.genitive].end if p.genitive is not None else p.end
        p.place = _place(tokens, after, g)
    return phrases
