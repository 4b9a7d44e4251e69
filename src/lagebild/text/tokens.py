"""Small questions about tokens, asked the same way by every stage.

Tags are STTS (`text.tag` maps other tagsets onto it).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from lagebild.model import Token

FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
VERBS = frozenset({"VVFIN", "VVPP", "VVINF", "VVIZU", "VAFIN", "VMFIN", "VAINF", "VAPP"})
DETERMINERS = frozenset({"ART", "PPOSAT", "PDAT", "PIAT", "PRELS", "PWAT"})
PREPOSITIONS = frozenset({"APPR", "APPRART"})
QUOTES = frozenset({'"', "»", "«", "„", "“", "”", "'"})
# punctuation between the segments of a sentence (clauses, asides, quotations)
CLAUSE_PUNCTUATION = frozenset({",", ";", ":", "–", "—", "(", ")", '"', "»", "«", "„", "“", "”"})
POSSESSIVE_CLITICS = frozenset({"'s", "’s"})


def low(tokens: Sequence[Token], i: int) -> str:
    """The lower-cased text of token i ("" outside the sentence)."""
    return tokens[i].text.lower() if 0 <= i < len(tokens) else ""


def at(tokens: Sequence[Token], i: int, phrase: tuple[str, ...]) -> bool:
    """The lower-cased words of `phrase` stand at token i."""
    return all(low(tokens, i + k) == w for k, w in enumerate(phrase))


def is_noun(tok: Token) -> bool:
    """A common noun or a name."""
    return tok.pos.startswith("NN") or tok.pos == "NE"


def is_nominal(tok: Token) -> bool:
    """A noun, a name or foreign material (which the tagger gives names it does not know)."""
    return is_noun(tok) or tok.pos == "FM"


def is_finite(tok: Token) -> bool:
    return tok.pos in FINITE


def glued_hyphen(tokens: Sequence[Token], j: int) -> bool:
    """Token j is a hyphen glued to both neighbours ("five-day", "Won-sik"), split off by the tokenizer."""
    return 0 < j < len(tokens) - 1 and tokens[j].text == "-" \
        and tokens[j - 1].end == tokens[j].start and tokens[j].end == tokens[j + 1].start


def span_text(tokens: Sequence[Token], first: int, end: int, text: str) -> str:
    """The text of tokens[first:end] (half-open), without a possessive 's and unbalanced
    quotes at the edges."""
    last = end - 1
    while last >= first and tokens[last].text in POSSESSIVE_CLITICS:
        last -= 1
    while first <= last and sum(t.text in QUOTES for t in tokens[first:last + 1]) % 2:
        if tokens[first].text in QUOTES:
            first += 1
        elif tokens[last].text in QUOTES:
            last -= 1
        else:
            break
    while first <= last and tokens[first].text in QUOTES and tokens[last].text in QUOTES:
        first, last = first + 1, last - 1
    if last < first:
        return ""
    return text[tokens[first].start:tokens[last].end]


class Phrases:
    """Lower-cased word sequences of a lexicon, looked up by their first (or last) word, so
    that finding one at a token costs one dictionary lookup."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        ordered = sorted({p for p in phrases if p}, key=len, reverse=True)  # longest first
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in ordered:
            self.by_first.setdefault(phrase[0], []).append(phrase)
            self.by_last.setdefault(phrase[-1], []).append(phrase)

    def at(self, tokens: Sequence[Token], i: int) -> tuple[str, ...] | None:
        """The longest phrase that starts at token i."""
        for phrase in self.by_first.get(low(tokens, i), ()):
            if all(low(tokens, i + k) == w for k, w in enumerate(phrase[1:], start=1)):
                return phrase
        return None

    def before(self, tokens: Sequence[Token], i: int) -> tuple[str, ...] | None:
        """The longest phrase that ends right before token i."""
        for phrase in self.by_last.get(low(tokens, i - 1) if i > 0 else "", ()):
            n = len(phrase)
            if i - n >= 0 and all(low(tokens, i - n + k) == w for k, w in enumerate(phrase)):
                return phrase
        return None

    def anywhere(self, tokens: Sequence[Token]) -> bool:
        return any(self.at(tokens, i) for i in range(len(tokens)) if low(tokens, i) in self.by_first)


def match_phrase(tokens: Sequence[Token], i: int, phrases: Phrases) -> int:
    """Length of the longest of `phrases` that starts at token i, or 0."""
    found = phrases.at(tokens, i)
    return len(found) if found else 0
