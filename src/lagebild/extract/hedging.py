"""How firmly a figure is stated: the cue word that hedges it, or "".

A cue (`hedges.txt`: soll, mutmaßlich, könnte, Schätzungen, "Berichten zufolge";
`hedge_verbs.txt`: geht davon aus, schätzt, rechnet mit) hedges the numbers of its coordinated main
clause (from the sentence structure), unless it stands in an aside or a participial
phrase that does not hold the number. A source that is itself an estimate or a rumour
("Schätzungen") hedges what it covers, and so does a warring party speaking about the
other side (`interested_parties.tsv`). Each hedge carries its reason: the kind of hedge its
cue makes (`hedge_kinds.tsv`: reported, estimate, expectation, uncertain) or "interested party".
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.extract.attribution import reaches
from lagebild.extract.attribution_base import lexicon as cue_lexicon
from lagebild.extract.attribution_base import verb_lemma
from lagebild.model import Quantity, Sentence, Span
from lagebild.profile import Profile
from lagebild.text.tokens import QUOTES, Phrases

COUNT_UNITS = frozenset({"person", "container", "shell", "missile"})


@dataclass(frozen=True)
class HedgeLexicon:
    language: str
    capitalised_nouns: bool  # else a capitalised word inside a sentence is a name ("May"), not a cue
    words: frozenset[str]
    suffixes: tuple[str, ...]
    phrases: Phrases
    verbs: frozenset[str]
    complementizers: frozenset[str]  # "dass", "that": a clause that says what the cue is about
    parties: tuple[tuple[tuple[str, ...], str], ...]
    kinds: tuple[tuple[str, str], ...]  # cue pattern -> kind of hedge (hedge_kinds.tsv)


@lru_cache(maxsize=8)
def lexicon(language: str | None) -> HedgeLexicon:
    code = lang.code(language)
    hedges = [w.lower() for w in lang.entries(code, "hedges")]
    return HedgeLexicon(
        language=code,
        capitalised_nouns=bool(lang.settings(code).feature("capitalised_nouns")),
        words=frozenset(w for w in hedges if " " not in w and not w.startswith("-")),
        suffixes=tuple(w[1:] for w in hedges if w.startswith("-")),
        phrases=Phrases(tuple(w.split()) for w in hedges if " " in w),
        verbs=lang.lower_words(code, "hedge_verbs"),
        complementizers=lang.lower_words(code, "complementizers"),
        parties=tuple((tuple(k.lower().split()), v) for k, v in lang.table(code, "interested_parties").items()),
        kinds=tuple((k.lower(), v) for k, v in lang.table(code, "hedge_kinds").items()),
    )


UNCERTAIN = "uncertain"
INTERESTED = "interested party"


@dataclass(frozen=True)
class Hedge:
    """Why a figure is not stated as a fact: the cue as written and the kind of hedge it makes
    (reported, estimate, expectation, forecast, uncertain, interested party)."""

    cue: str = ""
    reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.cue)


def kind_of(words: Sequence[str], lex: HedgeLexicon) -> str:
    """The kind of hedge the cue `words` (lower case: the word, its lemma, its phrase) makes."""
    for word in words:
        for pattern, kind in lex.kinds:
            if word == pattern or (pattern.startswith("-") and word.endswith(pattern[1:])) \
                    or (pattern.endswith("*") and word.startswith(pattern[:-1])):
                return kind
    return UNCERTAIN


def _cue_words(s: Sentence, i: int, lex: HedgeLexicon) -> list[str]:
    tokens = s.tokens
    phrase = lex.phrases.at(tokens, i)
    words = [" ".join(phrase)] if phrase else []
    return [*words, tokens[i].text.lower(), verb_lemma(s, i, cue_lexicon(lex.language))]


def _hedge_at(s: Sentence, i: int, lex: HedgeLexicon) -> bool:
    tokens = s.tokens
    tok = tokens[i]
    opens = i == 0 or tokens[i - 1].text in QUOTES  # '"There was a report ...'
    if tok.pos == "NE" or (not lex.capitalised_nouns and not opens and tok.text[:1].isupper()):
        return False
    word = tok.text.lower()
    if word in lex.words and not tok.pos.startswith("NN"):  # "may" the modal, not the month
        return True
    if any(word.endswith(suffix) for suffix in lex.suffixes):
        return True
    if lex.phrases.at(tokens, i):
        return True
    return tok.pos.startswith("V") and verb_lemma(s, i, cue_lexicon(lex.language)) in lex.verbs


def _scope_asides(q: Quantity, asides: Sequence[Span]) -> list[Span]:
    """A relative clause right after a count of people or things says what they are said to do
    ("100.000 Soldaten, die angeblich in Russland seien"): its hedge reaches the count."""
    if q.unit not in COUNT_UNITS | {"item"}:
        return list(asides)
    return [a for a in asides if a[0] != q.stop + 1]


def _own_clauses(s: Sentence, q: Quantity, lex: HedgeLexicon) -> list[Span]:
    """Clauses that hold the number and say something of their own, so that a cue outside does
    not reach in: a relative clause ("an official, who cited several hundred casualties") and an
    adverbial clause ("..., nachdem Tausende Häuser einstürzten"); not a "dass"/"that" clause,
    which is what the cue outside is about."""
    own = []
    for c in s.syntax.clauses:
        if q.number not in c.tokens or c.kind not in ("relative", "subordinate"):
            continue
        opener = s.tokens[c.start]
        if c.kind == "subordinate" and (opener.pos != "KOUS" or opener.text.lower() in lex.complementizers):
            continue
        own.append((c.start, c.end))
    return own


def hedge_cue(s: Sentence, q: Quantity, lex: HedgeLexicon) -> Hedge:
    """The cue that hedges quantity `q` in its own sentence (empty when none does)."""
    best, best_dist = Hedge(), len(s.tokens) + 1
    first, end = s.syntax.conjunct(q.number)
    own = _own_clauses(s, q, lex)
    if own:
        first, end = max(first, min(a for a, _ in own)), min(end, max(b for _, b in own))
    blocked = _scope_asides(q, s.syntax.asides) + list(s.syntax.participials)
    for i in range(first, end):
        if _hedge_at(s, i, lex) and reaches(i, q.number, blocked) and abs(i - q.number) < best_dist:
            best, best_dist = Hedge(s.tokens[i].text, kind_of(_cue_words(s, i, lex), lex)), abs(i - q.number)
    return as_forecast(best, s, q)


FORECAST = "forecast"


def as_forecast(hedge: Hedge, s: Sentence, q: Quantity) -> Hedge:
    """An expectation about a figure in the future tense is a forecast ("geht davon aus, dass
    Pjöngjang bis Dezember 10.000 Soldaten schicken wird"). The future alone hedges nothing: an
    announcement ("X werde 1.000 Helfer schicken") is not doubted by its tense."""
    clause = s.syntax.clause_of(q.number)
    if hedge.reason != "expectation" or clause is None or clause.tense not in ("future", "modal_future"):
        return hedge
    return Hedge(hedge.cue, FORECAST)


Sides = tuple[tuple[tuple[str, ...], str], ...]


def profile_sides(profile: Profile | None) -> Sides:
    """The sides an analyst's profile names (`[parties]`: side -> names that speak for it), as
    phrases whose last word may be inflected ("Northland" matches "Northlands")."""
    if profile is None:
        return ()
    return tuple((tuple(name.lower().split()), side) for side, names in profile.parties.items()
                 for name in (side, *names) if name.split())


def _sides(words: Sequence[str], parties: Sides) -> set[str]:
    found = set()
    for i in range(len(words)):
        for phrase, side in parties:
            n = len(phrase)
            if i + n <= len(words) and all(words[i + k] == phrase[k] for k in range(n - 1)) \
                    and words[i + n - 1].startswith(phrase[-1]):
                found.add(side)
    return found


def interested_party(source: str, s: Sentence, number: int, lex: HedgeLexicon, analyst: Sides = ()) -> bool:
    """A warring party's figure about the other side (source names one side, the clause the other);
    the sides come from the language's list and from the analyst's profile (`analyst`)."""
    parties = lex.parties + analyst
    own = _sides(source.lower().replace('"', " ").split(), parties)
    if len(own) != 1:
        return False
    first, end = s.syntax.segment(number)
    other = _sides([t.text.lower() for t in s.tokens[first:end]], parties)
    return bool(other - own)


def source_hedge(source: str, lex: HedgeLexicon) -> Hedge:
    """A source that is itself an estimate or a rumour ("Schätzungen", "Berichten")."""
    for word in source.split():
        low = word.lower().strip('"')
        if low in lex.words or any(low.endswith(s) for s in lex.suffixes) or low in lex.phrases.by_first:
            phrase = next((" ".join(p) for p in lex.phrases.by_first.get(low, ()) if " ".join(p) in source.lower()), "")
            return Hedge(word, kind_of([w for w in (phrase, low) if w], lex))
    return Hedge()
