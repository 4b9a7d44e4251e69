"""The tense a time expression is read in: the finite verbs of its clause.

Tense is an int: -2 past perfect ("hatte gewarnt", "had warned"), -1 past, 0 unknown or present
(read as past, as news mostly is), +1 future (a future auxiliary, or a modal of intention with an
infinitive). The clauses come from the shared sentence structure (`Sentence.syntax`, made once by
`text.syntax`): the verbs of the expression's own clause decide, else those of its part of the
sentence between colons and semicolons, else the sentence's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lagebild.extract.timex_lexicon import TimexLexicon
from lagebild.model import Syntax, Token
from lagebild.text.tokens import FINITE

_NOT_FINITE = frozenset({"VVINF", "VAINF", "VMINF", "VVPP", "VAPP", "VMPP", "VVIZU"})
_PARTICIPLE = re.compile(r"^(?:[a-zäöüß]*ge[a-zäöüß]{2,}(?:t|en)|[a-z]{2,}ed)$")

PAST_PERFECT, PAST, UNMARKED, FUTURE = -2, -1, 0, 1


@dataclass(frozen=True)
class Tense:
    """The tense at one offset; `present` marks a present-tense verb (not merely an unmarked one)."""

    value: int = UNMARKED
    present: bool = False


@dataclass(frozen=True)
class _Signal:
    offset: int
    tense: Tense


def _is_participle(token: Token, lex: TimexLexicon) -> bool:
    if token.pos in ("VVPP", "VAPP", "VMPP"):
        return True
    if token.pos:  # a tagger may take an English participle for a past form ("has signed")
        word = token.text.lower()
        return ("participle_from_lemma" in lex.formats and token.pos.startswith("VV")
                and word != token.lemma.lower() and not word.endswith(("s", "ing")))
    return bool(_PARTICIPLE.match(token.text))


@lru_cache(maxsize=8)
def _vowel_letters(table: tuple[tuple[str, tuple[str, ...]], ...]) -> frozenset[str]:
    return frozenset(c for vowel, changes in table for c in vowel + "".join(changes))


def _changed_stems(stem: str, lex: TimexLexicon) -> list[str]:
    """`stem` with its last vowel changed as in the 2nd/3rd person singular ("treff" -> "triff")."""
    vowels = _vowel_letters(lex.present_vowels)
    out: list[str] = []
    for vowel, changes in lex.present_vowels:
        i = stem.rfind(vowel)
        if i < 0:
            continue
        before, rest = stem[:i], stem[i + len(vowel):]
        if vowels & set(rest) or before[-1:] in vowels:
            continue  # not the stem's last vowel ("lauf" has "au", not "a")
        out.extend(before + change + rest for change in changes)
    return out


def _present_form(token: Token, lex: TimexLexicon) -> bool:
    """A finite full verb in the present tense: a present ending on its lemma's stem
    ("eintrifft" of "eintreffen", "arrives" of "arrive"), not a past form ("traf", "landete", "arrived")."""
    word, lemma = token.text.lower(), token.lemma.lower()
    for ending, forms in lex.present_endings:
        if not lemma.endswith(ending) or len(lemma) <= len(ending):
            continue
        stem = lemma[:len(lemma) - len(ending)]
        if any(word == stem + form for form in forms):
            return True
        if any(word in (changed, changed + "t", changed + "st") for changed in _changed_stems(stem, lex)):
            return True
    return False


def _auxiliary_tense(token: Token, kind: str, tokens: Sequence[Token], lex: TimexLexicon) -> Tense:
    """The tense an auxiliary or modal from the tense lexicon gives its clause."""
    participle = any(_is_participle(t, lex) for t in tokens)
    infinitive = any(t.pos in ("VVINF", "VAINF", "VMINF") or not t.pos for t in tokens)
    passive_future = any(t.pos == "VAINF" for t in tokens)  # "wird unterzeichnet werden"
    # a modal with a perfect infinitive reports the past ("soll gefolgt sein"); with any other verb form
    # ("will beraten", "soll unterzeichnet werden") it looks ahead
    perfect = participle and any(t.text in lex.perfect_infinitives and t.pos in ("VAINF", "") for t in tokens)
    if kind == "past" or (kind == "perfect" and participle) or (kind == "modal" and perfect):
        pluperfect = participle and (token.text in lex.pluperfect or token.text.lower() in lex.pluperfect)
        return Tense(PAST_PERFECT if pluperfect else PAST)
    if (kind == "modal_future" or (kind == "future" and infinitive and (passive_future or not participle))
            or (kind == "modal" and (infinitive or participle))):
        return Tense(FUTURE)
    return Tense(UNMARKED, present=True)  # "ist", "hat", "wird unterzeichnet", "is held"


def _signals(tokens: Sequence[Token], lex: TimexLexicon) -> list[_Signal]:
    """A signal for each finite verb whose form shows the tense of its clause."""
    signals = []
    marked = -9  # index of the last auxiliary from the tense lexicon
    for i, token in enumerate(tokens):
        kind = lex.tense.get(token.text) or lex.tense.get(token.text.lower())
        if kind and token.pos in _NOT_FINITE:
            continue  # "evakuiert werden": an infinitive shows no tense
        if kind:
            marked = i
            signals.append(_Signal(token.start, _auxiliary_tense(token, kind, tokens, lex)))
        elif token.pos in FINITE and i - marked > 3:  # a verb right after an auxiliary ("will be") belongs to it
            signals.append(_Signal(token.start, Tense(UNMARKED, present=_present_form(token, lex))))
    return signals


class SentenceTense:
    """The tense signals of one sentence, asked for the tense at a token."""

    def __init__(self, tokens: Sequence[Token], syntax: Syntax, lex: TimexLexicon) -> None:
        self._tokens, self._syntax, self._lex = tokens, syntax, lex
        self._tagged = any(t.pos for t in tokens)  # clauses need the tags; untagged text keeps to its parts
        self._parts = [(a, b, _signals(tokens[a:b], lex)) for a, b in syntax.colon_parts()]

    def at(self, offset: int) -> Tense:
        """The tense of the nearest finite verb in the clause at `offset`; else in its part between colons
        and semicolons; else in the whole sentence."""
        i = next((k for k, t in enumerate(self._tokens) if t.end > offset), len(self._tokens) - 1)
        clause = self._syntax.clause_of(i) if self._tagged else None
        pool = _signals([self._tokens[k] for k in clause.tokens], self._lex) if clause else []
        if not pool:
            pool = next((signals for a, b, signals in self._parts if a <= i < b), [])
        if not pool:
            pool = [sig for _, _, signals in self._parts for sig in signals]
        if not pool:
            return Tense()
        return min(pool, key=lambda sig: abs(sig.offset - offset)).tense
