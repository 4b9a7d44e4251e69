"""Clauses of a tagged sentence, found once (`analyse_clauses`).

The sentence is cut into segments at punctuation and before a subordinating
conjunction; segments group into clauses: a segment opened by a subordinator or a
relative pronoun is a subordinate or relative clause; a verbless segment (an
apposition, a list) joins its neighbour; a finite verb right after a relative clause
continues the main clause before it ("Putin, der ..., traf Kim"); "und" between two
finite verbs starts a coordinated clause. Each clause gets its finite verb, tense,
mood, modals, negation and subject.

Besides, for the scope of a cue word: the punctuation between segments, the breaks
between coordinated main clauses (";", dashes, ", und", a comma between two main
clauses), asides (relative clauses and brackets) and participial phrases.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lagebild.model import Clause, Phrase, Span, Token
from lagebild.text.grammar import Grammar
from lagebild.text.tokens import CLAUSE_PUNCTUATION, FINITE, PREPOSITIONS, QUOTES, VERBS

_SEGMENT_MARKS = frozenset({",", ";", ":", "–", "—", "-", "(", ")"})
_SUBORDINATORS = frozenset({"PRELS", "PRELAT", "KOUS", "PWAV", "PWS", "PWAT"})
_CLAUSE_OPENERS = frozenset({"ART", "PPER", "NE", "PDS", "PPOSAT", "PIS"})
_CONJUNCT_MARKS = frozenset({";", "–", "—"})
_MAX_ANTECEDENT = 8


# --- segments and scopes ---------------------------------------------------------------

def boundaries(tokens: Sequence[Token]) -> tuple[int, ...]:
    return tuple(i for i, t in enumerate(tokens) if t.text in CLAUSE_PUNCTUATION)


def _finite_in(tokens: Sequence[Token], span: Span) -> list[int]:
    return [k for k in range(*span) if tokens[k].pos in FINITE]


def _comma_chunk(tokens: Sequence[Token], i: int) -> Span:
    first, last = i, i
    while first > 0 and tokens[first - 1].text != ",":
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1].text != ",":
        last += 1
    return first, last + 1


def _asyndetic(tokens: Sequence[Token], comma: int) -> bool:
    """The comma joins two main clauses without a conjunction ("Pakete dürfen 20 Kilogramm
    wiegen, die Zustellung soll 15 Tage dauern"): each side has its own finite verb, and the
    right side opens with its subject and has its verb before its end (verb-second, not a
    relative clause with the verb last)."""
    if comma + 1 >= len(tokens) or tokens[comma + 1].pos not in _CLAUSE_OPENERS:
        return False
    left = _comma_chunk(tokens, comma - 1) if comma > 0 else (0, 0)
    right = _comma_chunk(tokens, comma + 1)
    verbs = _finite_in(tokens, right)
    last = right[1] - 1
    right_end = last - (tokens[last].pos.startswith("$") or tokens[last].text in ".!?")
    return bool(_finite_in(tokens, left)) and bool(verbs) and verbs[0] < right_end


def conjunct_breaks(tokens: Sequence[Token]) -> tuple[int, ...]:
    """Where coordinated main clauses meet: ";", dashes, ", und/aber/oder" and a comma between
    two main clauses. ", und dass" / ", and that" coordinates two complement clauses of one
    verb, which stay one scope."""
    out = []
    for k, tok in enumerate(tokens):
        if tok.text in _CONJUNCT_MARKS:
            out.append(k)
        elif tok.text == "," and k + 1 < len(tokens):
            if tokens[k + 1].pos == "KON":
                if not (k + 2 < len(tokens) and tokens[k + 2].pos == "KOUS"):
                    out.append(k)
            elif _asyndetic(tokens, k):
                out.append(k)
    return tuple(out)


def asides(tokens: Sequence[Token], g: Grammar) -> tuple[Span, ...]:
    """Relative clauses (after a comma) and bracketed asides."""
    spans = []
    for i, tok in enumerate(tokens):
        if tok.text == "(":
            end = next((k for k in range(i + 1, len(tokens)) if tokens[k].text == ")"), len(tokens) - 1)
            spans.append((i, end + 1))
        elif tok.text == "," and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            opens = nxt.pos == "PRELS" or nxt.text.lower() in g.relatives or (
                nxt.pos == "APPR" and i + 2 < len(tokens) and tokens[i + 2].pos == "PRELS")
            if opens:
                end = next((k for k in range(i + 2, len(tokens)) if tokens[k].text in CLAUSE_PUNCTUATION),
                           len(tokens))
                spans.append((i + 1, end))
    return tuple(spans)


def participials(tokens: Sequence[Token]) -> tuple[Span, ...]:
    """Comma phrases that open with a past participle, adverbs aside (", most likely filled
    with food", ", vermutlich beladen mit Reis")."""
    spans = []
    for i, tok in enumerate(tokens):
        if tok.text != "," or i + 1 >= len(tokens):
            continue
        k = i + 1
        while k < len(tokens) and tokens[k].pos in ("ADV", "ADJD", "VVPP"):
            k += 1
        run = tokens[i + 1:k]  # predicative participles are often tagged ADJD ("gefüllt")
        if run and (run[-1].pos == "VVPP" or (run[-1].pos == "ADJD" and len(run) >= 2)):
            spans.append(_comma_chunk(tokens, i + 1))
    return tuple(spans)


# --- clauses ---------------------------------------------------------------------------

@dataclass
class _Segment:
    tokens: list[int]
    after: str  # the mark before it: "," or another one, "" at the start or before a subordinator


@dataclass
class _Draft:
    tokens: list[int]
    kind: str = "main"  # or subordinate, relative, parenthetical
    parent: int | None = None
    relation: str = ""
    antecedent: Span | None = None
    extra: list[int] = field(default_factory=list)


def _subordinator(token: Token, g: Grammar) -> bool:
    return token.pos == "KOUS" and token.text.lower() not in g.comparatives


def _segments(tokens: Sequence[Token], g: Grammar) -> list[_Segment]:
    out = [_Segment([], "")]
    for i, t in enumerate(tokens):
        if t.text in _SEGMENT_MARKS:
            out.append(_Segment([], t.text))
        elif _subordinator(t, g) and out[-1].tokens and tokens[i - 1].pos not in ("APPR", "KON"):
            out.append(_Segment([i], ""))  # "... estimates that soldiers were sent"
        elif t.pos not in ("$.", "$(") or t.text.isalnum():
            out[-1].tokens.append(i)
    return [s for s in out if s.tokens]


def _has(tokens: Sequence[Token], idx: list[int], tags: frozenset[str]) -> bool:
    return any(tokens[i].pos in tags for i in idx)


def _verb_final_relative(tokens: Sequence[Token], seg: list[int], g: Grammar) -> bool:
    """', den Russland und Nordkorea unterzeichnet hatten': an article-tagged pronoun, the finite verb last."""
    first, last = tokens[seg[0]], tokens[seg[-1]]
    finite = [i for i in seg if tokens[i].pos in FINITE]
    return (first.pos == "ART" and first.text.lower() in g.relative_articles and len(seg) > 3
            and last.pos in FINITE and finite == [seg[-1]])


def _subclause_kind(tokens: Sequence[Token], seg: list[int], g: Grammar) -> str:
    """"relative" or "subordinate" when the segment opens a dependent clause, else ""."""
    first = tokens[seg[0]]
    word = first.text.lower()
    if _verb_final_relative(tokens, seg, g) or word in g.relatives or first.pos in ("PRELS", "PRELAT"):
        return "relative"
    if len(seg) > 1 and first.pos in PREPOSITIONS and tokens[seg[1]].pos in ("PRELS", "PWS"):
        return "relative"
    if first.pos in _SUBORDINATORS and word not in g.comparatives:
        return "subordinate"
    return ""


class _Builder:
    """Groups segments into clauses: main clauses, with appositions and lists joined in."""

    def __init__(self, tokens: Sequence[Token], g: Grammar) -> None:
        self.tokens, self.g = tokens, g
        self.drafts: list[_Draft] = []
        self.main: int | None = None
        self.pending: list[int] = []
        self.last_tokens: list[int] = []

    def add(self, seg: _Segment) -> None:
        tokens = self.tokens
        if seg.after == ";":
            self.main = None  # a semicolon joins two sentences
        kind = "parenthetical" if seg.after == "(" else _subclause_kind(tokens, seg.tokens, self.g)
        if kind:
            before = self.last_tokens[-_MAX_ANTECEDENT:]
            self.drafts.append(_Draft(seg.tokens, kind, self.main, "embedded",
                                      (before[0], before[-1] + 1) if before else None))
        elif not _has(tokens, seg.tokens, VERBS):
            self._verbless(seg)
        elif self._continues_main(seg):
            assert self.main is not None
            self.drafts[self.main].tokens.extend(seg.tokens)
        else:
            self._new_main(seg)
        self.last_tokens = seg.tokens

    def _continues_main(self, seg: _Segment) -> bool:
        """'Putin, der ..., traf Kim': the verb after a relative clause belongs to the clause before
        it; so do the verbs that close it ("Die Soldaten sollen, die ..., angekommen sein")."""
        main = self.drafts[self.main] if self.main is not None else None
        if main is None:
            return False
        if self.tokens[seg.tokens[0]].pos in FINITE and not _has(self.tokens, main.tokens, FINITE):
            return True
        after_relative = self.drafts[-1].kind == "relative" and self.drafts[-1].parent == self.main
        return after_relative and not _has(self.tokens, seg.tokens, FINITE | {"VVIZU", "PTKZU"})

    def _verbless(self, seg: _Segment) -> None:
        if seg.after not in ("", ",", ";"):  # a dateline, a parenthesis, a quote after a dash
            self.drafts.append(_Draft(self.pending + seg.tokens))
            self.pending = []
        elif self.main is not None:
            self.drafts[self.main].tokens.extend(seg.tokens)
        else:
            self.pending.extend(seg.tokens)

    def _new_main(self, seg: _Segment) -> None:
        draft = _Draft(self.pending + seg.tokens)
        if self.main is not None and not _has(self.tokens, seg.tokens, FINITE) \
                and _has(self.tokens, seg.tokens, frozenset({"VVIZU", "PTKZU"})):
            draft.parent, draft.relation = self.main, "infinitive"  # "Soldaten nach Russland zu schicken"
        self.pending = []
        self.main = len(self.drafts)
        self.drafts.append(draft)

    def finish(self) -> list[_Draft]:
        if self.pending:
            self.drafts.append(_Draft(self.pending))
        out: list[_Draft] = []
        first_part: dict[int, int] = {}  # draft index -> index of its first clause
        for n, draft in enumerate(self.drafts):
            first_part[n] = len(out)
            out.extend(self._coordinated(draft, len(out)))
        for draft in out:
            if draft.parent is not None and draft.relation != "coordinated":
                draft.parent = first_part[draft.parent]
        return out

    def _coordinated(self, draft: _Draft, index: int) -> list[_Draft]:
        """Split 'A reiste nach X und traf B' at the conjunction when both sides have a finite verb."""
        idx = sorted(draft.tokens)
        for n, i in enumerate(idx):
            if self.tokens[i].text.lower() in self.g.coordinators and 0 < n < len(idx) - 1:
                left, right = idx[:n], idx[n + 1:]
                if _has(self.tokens, left, FINITE) and _has(self.tokens, right, FINITE):
                    first = _Draft(left, draft.kind, draft.parent, draft.relation, draft.antecedent)
                    rest = _Draft(right, draft.kind, index, "coordinated", draft.antecedent, extra=left)
                    return [first, *self._coordinated(rest, index + 1)]
        return [_Draft(idx, draft.kind, draft.parent, draft.relation, draft.antecedent, draft.extra)]


# --- what a clause's verbs say -----------------------------------------------------------

def _tense(tokens: Sequence[Token], idx: tuple[int, ...], finite: int | None, g: Grammar) -> str:
    if finite is None:
        return ""
    kind = g.tenses.get(tokens[finite].text.lower(), "")
    participle = any(tokens[k].pos in ("VVPP", "VAPP", "VMPP") for k in idx)
    infinitive = any(tokens[k].pos in ("VVINF", "VAINF", "VMINF") for k in idx)
    if kind == "past" or (kind == "perfect" and not participle):
        return "past" if kind == "past" else "present"
    if kind == "perfect":
        return "perfect"
    if kind == "modal_future" or (kind == "future" and infinitive):
        return "future"
    if kind or tokens[finite].pos != "VVFIN":
        return "present"
    return "past" if tokens[finite].text.lower().endswith(g.past_endings) else ""


def _subject(tokens: Sequence[Token], idx: tuple[int, ...], finite: int | None, phrases: list[Phrase],
             g: Grammar) -> Span | None:
    """The phrase (or pronoun) that opens the clause before its finite verb; in a verb-second
    language also the one right after the verb when nothing stands before it."""
    if finite is None:
        return None
    inside = set(idx)
    first = next((k for k in idx if tokens[k].text not in QUOTES), idx[0])
    first += 1 if tokens[first].pos in _SUBORDINATORS or tokens[first].pos == "KON" else 0
    if tokens[first].pos in ("PPER", "PDS", "PIS") and first < finite:
        return first, first + 1
    for p in phrases:
        if p.start == first and p.end <= finite and p.start in inside:
            return p.start, p.end
    if not g.verb_second:
        return None
    k = finite + 1
    while k < len(tokens) and tokens[k].pos in ("ADV", "PTKNEG", "PROAV"):
        k += 1
    if k < len(tokens) and tokens[k].pos == "PPER":
        return k, k + 1
    return next(((p.start, p.end) for p in phrases if p.start == k and k in inside), None)


def _mood(tokens: Sequence[Token], finite: int | None, subject: Span | None, g: Grammar) -> str:
    """The mood of the finite verb: a listed form (`verb_moods.tsv`), else, where the language forms
    Konjunktiv I as stem + "e", a full verb of that form with a third-person subject ("Das Land
    erhalte Nahrungsmittel"; "ich erhalte" is indicative)."""
    if finite is None:
        return ""
    tok = tokens[finite]
    listed = g.moods.get(tok.text.lower())
    if listed:
        return listed
    lemma = tok.lemma.lower()
    if g.subjunctive_stem_e and tok.pos == "VVFIN" and lemma.endswith("en") and tok.text.lower() == lemma[:-1] \
            and subject is not None and tokens[subject[0]].pos != "PPER":
        return "subjunctive1"
    return "indicative"


def _clause(tokens: Sequence[Token], draft: _Draft, phrases: list[Phrase], g: Grammar) -> Clause:
    idx = tuple(sorted(draft.tokens))
    finite = next((k for k in idx if tokens[k].pos in FINITE), None)
    subject = _subject(tokens, idx, finite, phrases, g)
    mood = _mood(tokens, finite, subject, g)
    return Clause(
        tokens=idx, kind=draft.kind, finite=finite, verbs=tuple(k for k in idx if tokens[k].pos in VERBS),
        modals=tuple(k for k in idx if tokens[k].pos.startswith("VM")), tense=_tense(tokens, idx, finite, g),
        mood=mood, negated=any(tokens[k].pos == "PTKNEG" or tokens[k].text.lower() in g.negations for k in idx),
        subject=subject, parent=draft.parent, relation=draft.relation,
        antecedent=draft.antecedent,
    )


def analyse_clauses(tokens: Sequence[Token], phrases: list[Phrase], g: Grammar) -> list[Clause]:
    builder = _Builder(tokens, g)
    for seg in _segments(tokens, g):
        builder.add(seg)
    return [_clause(tokens, d, phrases, g) for d in builder.finish()]
