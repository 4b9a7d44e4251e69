"""The events stage: who did what, where and when, one sentence at a time.

A trigger is a verb lemma (a separable prefix joined: "griff ... an" -> angreifen) or an
event noun ("Besuch", "Raketenangriff", "talks") listed in `lang/<code>/event_triggers.tsv`
with its kind: visit, meeting, treaty, delivery, deployment or attack. Around it:
- the clause, from the sentence structure (`Sentence.syntax.clauses`): relative and
  subordinate clauses stand apart, and a coordinated clause ("... und traf B") or an
  infinitive clause keeps the subject of the clause it continues;
- participants: people, organisations and countries (canonical names) in the clause, or
  in the noun phrase of a noun trigger; the agent first: the subject before the finite
  verb or right after it in German, "von X" / "by X" in a passive clause, the antecedent of
  a subject relative pronoun; sources ("laut X", "nach Angaben X") take no part;
- the place: a place after a place preposition ("in", "nach", "auf"), or the object of a
  visit ("besuchte Pjöngjang") or of an attack on a city;
- the time: the ISO value of the nearest date expression in the sentence.
Questions are skipped. An event needs a participant or a place; some triggers need more
(a sending verb needs troops or goods in its clause, "treffen" a person): see the lexicon.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from lagebild.extract.event_lexicon import EventLexicon, country_names, lexicon
from lagebild.model import Clause, Document, Entity, Event, Phrase, Sentence, Token
from lagebild.text.tokens import FINITE, PREPOSITIONS

_TRIGGER_VERBS = frozenset({"VVFIN", "VVPP", "VVINF", "VVIZU"})
_NOUNS = frozenset({"NN", "NE"})
_NP_FILL = frozenset({"ART", "ADJA", "NN", "NE", "PPOSAT", "PIAT", "CARD", "TRUNC", "FM"})
_LINKS = frozenset({"APPR", "APPRART", "KON", "PTKZU", "ADJD"})  # what joins a noun trigger to its arguments
_MAX_NOUN_PHRASE = 8
_OBJECT_PLACE = {"visit": frozenset({"country", "city"}), "attack": frozenset({"city"})}
_RECIPIENT_KINDS = frozenset({"delivery"})


@dataclass(frozen=True)
class _Arg:
    """An entity mention in a sentence, by token indices, with the preposition governing it."""

    name: str
    type: str  # PER, ORG, country or city (any other LOC)
    first: int
    last: int
    np_start: int
    prep: str | None
    source: bool  # a source of the statement ("laut X"), not a participant
    modifier: bool = False  # names the person or body after it: "Russlands Präsident Putin"


@dataclass
class _Clause:
    tokens: list[int]
    sub: bool = False
    antecedent: _Arg | None = None  # of a relative clause whose pronoun is its subject
    inherited: _Arg | None = None  # subject of the clause it is coordinated with or depends on
    borrow: list[int] = field(default_factory=list)  # tokens whose dates it may take when it has none
    head: list[int] = field(default_factory=list)  # before a relative clause: where its noun stands


# --- arguments -------------------------------------------------------------------------

def _entity_type(entity: Entity) -> str:
    if entity.type != "LOC":
        return entity.type
    return "country" if entity.canonical in country_names() else "city"


def _token_span(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
    return (inside[0], inside[-1]) if inside else None


def _np_start(sentence: Sentence, first: int) -> int:
    """Where the noun phrase of the mention at token `first` starts; a genitive starts where
    the phrase it belongs to starts ("Angaben des Ministeriums")."""
    syntax = sentence.syntax
    phrase = syntax.phrase_at(first)
    if phrase is None:
        return first
    owners = {id(syntax.phrases[p.genitive]): p for p in syntax.phrases if p.genitive is not None}
    while id(phrase) in owners:
        phrase = owners[id(phrase)]
    return phrase.start


def _is_source(tokens: list[Token], arg_first: int, np_start: int, last: int, lex: EventLexicon) -> bool:
    before = [t.text.lower() for t in tokens[max(0, np_start - 3):np_start]]
    if any(tuple(before[-len(p):]) == p for p in lex.source_before if len(p) <= len(before)):
        return True
    if any(t.text.lower() in lex.source_nouns for t in tokens[np_start:arg_first]):
        return True
    return last + 1 < len(tokens) and tokens[last + 1].text.lower() in lex.source_after


def _arguments(doc: Document, sentence: Sentence, lex: EventLexicon) -> list[_Arg]:
    tokens = sentence.tokens
    spans: list[tuple[int, int, Entity]] = []
    for entity in doc.entities:
        for m in entity.mentions:
            if sentence.start <= m.start < sentence.end:
                span = _token_span(tokens, m.start, m.end)
                if span:
                    spans.append((span[0], span[1], entity))
    args = []
    for first, last, entity in sorted(spans, key=lambda s: s[0]):
        start = _np_start(sentence, first)
        prep = tokens[start - 1].text.lower() if start > 0 and tokens[start - 1].pos in PREPOSITIONS else None
        args.append(_Arg(entity.canonical, _entity_type(entity), first, last, start, prep,
                         _is_source(tokens, first, start, last, lex)))
    return _mark_modifiers(tokens, args)


def _mark_modifiers(tokens: list[Token], args: list[_Arg]) -> list[_Arg]:
    """'Russlands Präsident Putin', "South Korea's intelligence service": the first names the second."""
    out = list(args)
    for n in range(len(out) - 1):
        mod, head = out[n], out[n + 1]
        between = tokens[mod.last + 1:head.first]
        if (head.type in ("PER", "ORG") and mod.type != "PER" and between
                and all(t.pos in _NP_FILL or t.pos == "PTKZU" for t in between)):
            out[n] = replace(mod, modifier=True)
            out[n + 1] = replace(head, np_start=mod.np_start, prep=mod.prep, source=head.source or mod.source)
    return out


# --- clauses ---------------------------------------------------------------------------

def _antecedent(tokens: list[Token], clause: Clause, args: list[_Arg], lex: EventLexicon) -> _Arg | None:
    """The entity a relative clause's subject pronoun stands for (right before the comma)."""
    pronoun = tokens[clause.start]
    if pronoun.pos not in ("PRELS", "PWS", "PWAT", "ART") and pronoun.text.lower() not in lex.relatives:
        return None
    if pronoun.text.lower() in lex.relative_objects:
        return None
    before = clause.start - 2 if clause.start > 0 and tokens[clause.start - 1].text == "," else clause.start - 1
    return next((a for a in args if a.last == before and not a.source), None)


def _args_in(args: list[_Arg], idx: list[int]) -> list[_Arg]:
    inside = set(idx)
    return [a for a in args if a.first in inside]


def _clauses(sentence: Sentence, args: list[_Arg], lex: EventLexicon) -> list[_Clause]:
    """The sentence's clauses, with what each takes from the clause it depends on: the
    subject of the clause a coordinated or infinitive clause continues, the antecedent of a
    relative pronoun, and the dates of the main clauses."""
    tokens = sentence.tokens
    out: list[_Clause] = []
    for c in sentence.syntax.clauses:
        clause = _Clause(list(c.tokens), sub=c.kind in ("relative", "subordinate"),
                         head=list(range(*c.antecedent)) if c.antecedent else [])
        parent = out[c.parent] if c.parent is not None and c.parent < len(out) else None
        if c.relation == "coordinated" and parent is not None:
            clause.inherited = _subject(tokens, parent, _args_in(args, parent.tokens)) or parent.inherited
            clause.antecedent, clause.borrow = parent.antecedent, parent.borrow + parent.tokens
        elif c.relation == "infinitive" and parent is not None:
            clause.inherited = _subject(tokens, parent, _args_in(args, parent.tokens))
            clause.borrow = list(parent.tokens)
        elif clause.sub:
            clause.antecedent = _antecedent(tokens, c, args, lex)
            clause.borrow = [i for earlier in out if not earlier.sub for i in earlier.tokens]
        out.append(clause)
    return out


# --- triggers --------------------------------------------------------------------------

def _particle(tokens: list[Token], i: int, clause: list[int]) -> str:
    """The separable prefix of finite verb i ("griff ... an" -> "an"), or ''."""
    if tokens[i].pos != "VVFIN":
        return ""
    after = [j for j in clause if j > i and tokens[j].pos == "PTKVZ"]
    return tokens[after[0]].text.lower() if after else ""


def _noun_key(word: str, lex: EventLexicon) -> str | None:
    low = word.lower()
    if word in lex.triggers or low in lex.triggers:
        return word if word in lex.triggers else low
    return next((key for end, key in lex.noun_suffixes if low.endswith(end) and len(low) > len(end)), None)


def _trigger_key(tokens: list[Token], i: int, clause: list[int], lex: EventLexicon) -> tuple[str, bool] | None:
    """(lexicon key, is a noun) for a trigger token, else None."""
    t = tokens[i]
    if t.pos in _TRIGGER_VERBS:
        lemma = (_particle(tokens, i, clause) + t.lemma).lower()
        keys = (lemma, t.text.lower())
        verb = next((k for k in keys if k in lex.triggers and lex.only.get(k, "verb") == "verb"), None)
        return (verb, False) if verb else None
    if t.pos in _NOUNS and t.text[:1].isalpha():
        for word in (t.lemma, t.text):
            noun = _noun_key(word, lex)
            if noun and lex.only.get(noun, "noun") == "noun":
                return noun, True
    return None


# --- roles -----------------------------------------------------------------------------

def _is_passive(tokens: list[Token], clause: list[int], trigger: int, lex: EventLexicon) -> bool:
    if tokens[trigger].pos != "VVPP":
        return False
    return any(tokens[j].pos.startswith("VA") and tokens[j].lemma.lower() in lex.passive for j in clause)


def _subject(tokens: list[Token], clause: _Clause, args: list[_Arg]) -> _Arg | None:
    finite = next((j for j in clause.tokens if tokens[j].pos in FINITE), None)
    bare = [a for a in args if a.prep is None and not a.modifier]
    if finite is None or (clause.inherited and finite == clause.tokens[0]):
        return None
    before = [a for a in bare if a.first < finite]
    if before:
        return before[0] if before[0].np_start == clause.tokens[0] or clause.sub else None
    if not clause.sub:
        return next((a for a in bare if a.np_start == finite + 1), None)
    return None


def _agent(tokens: list[Token], clause: _Clause, args: list[_Arg], trigger: int, lex: EventLexicon) -> _Arg | None:
    if _is_passive(tokens, clause.tokens, trigger, lex):
        return next((a for a in args if a.prep in lex.agent_preps), None)
    subject = _subject(tokens, clause, args)
    if subject:
        return subject
    no_subject = not any(a.prep is None and a.first < trigger for a in args)
    if clause.antecedent and no_subject:
        return clause.antecedent
    return clause.inherited if no_subject else None


def _place_role(arg: _Arg, kind: str, agent: _Arg | None, lex: EventLexicon) -> bool:
    """Does `arg` name where the event happened (rather than who took part)?"""
    if arg.type in ("PER", "ORG") or arg is agent or arg.modifier:
        return False
    if arg.prep in lex.recipient_preps and arg.type == "country" and kind in _RECIPIENT_KINDS:
        return False
    if arg.prep in lex.place_preps:
        return True
    return arg.prep is None and arg.type in _OBJECT_PLACE.get(kind, frozenset())


def _roles(args: list[_Arg], kind: str, agent: _Arg | None, trigger: int,
           lex: EventLexicon) -> tuple[list[str], str | None]:
    places = [a for a in args if _place_role(a, kind, agent, lex)]
    place = min(places, key=lambda a: (a.prep is None, abs(a.first - trigger))).name if places else None
    others = [a for a in args if a is not agent and a not in places and not a.modifier]
    people = ([agent] if agent else []) + [a for a in others if a.type != "city" or a.prep is None]
    names: dict[str, None] = {}
    for a in people:
        if a.name != place:
            names.setdefault(a.name, None)
    return list(names), place


def _noun_phrase_args(sentence: Sentence, trigger: int, clause: list[int], args: list[_Arg]) -> list[_Arg]:
    """Entities in the noun phrase of a noun trigger and the phrases joined to it by a
    preposition or conjunction: 'Putins Besuch in X', 'Angriffe auf Y und Z'."""
    syntax, tokens, inside = sentence.syntax, sentence.tokens, set(clause)
    phrase: Phrase | None = syntax.phrase_at(trigger)
    left = phrase.start if phrase is not None else trigger
    right = (phrase.end if phrase is not None else trigger + 1) - 1
    while right + 1 in inside and right + 1 - trigger <= _MAX_NOUN_PHRASE:
        j = right + 1
        while j in inside and tokens[j].pos in _LINKS and j - trigger <= _MAX_NOUN_PHRASE:
            j += 1
        nxt = syntax.phrase_from(j)
        if nxt is None or nxt.start != j or j not in inside:
            break
        right = min(nxt.end - 1, trigger + _MAX_NOUN_PHRASE)
    left = max(left, trigger - 4)
    return [a for a in args if left <= a.first <= right and a.first != trigger]


def _holds(condition: str, clause: list[int], tokens: list[Token], people: list[str], place: str | None,
           person_names: set[str], lex: EventLexicon) -> bool:
    """Does the clause meet the trigger's condition ("", "place", "person", a noun list, or "a+b")?"""
    if "+" in condition:
        return all(_holds(c, clause, tokens, people, place, person_names, lex) for c in condition.split("+"))
    if condition.startswith("!"):
        return not _holds(condition[1:], clause, tokens, people, place, person_names, lex)
    if not condition:
        return True
    if condition == "place":
        return place is not None
    if condition == "person":
        return any(p in person_names for p in people)
    words = lex.nouns.get(condition, ())
    for j in clause:
        if tokens[j].pos in _NOUNS:
            for w in (tokens[j].lemma.lower(), tokens[j].text.lower()):
                if any(w == n or (lex.compound_nouns and w.endswith(n)) for n in words):
                    return True
    return False


# --- events ----------------------------------------------------------------------------

def _time(ctx: _Context, clause: _Clause, at: int) -> str | None:
    """The nearest date of the trigger's clause, else of the clause it depends on."""
    tokens, s = ctx.sentence.tokens, ctx.sentence
    dates = [t for t in ctx.doc.times if t.kind == "date" and t.value and s.start <= t.start < s.end]
    where = {id(t): next((i for i, tok in enumerate(tokens) if tok.end > t.start), -1) for t in dates}
    pool = [t for t in dates if where[id(t)] in clause.tokens] or [t for t in dates if where[id(t)] in clause.borrow]
    return min(pool, key=lambda t: abs(t.start - at)).value if pool else None


@dataclass(frozen=True)
class _Context:
    doc: Document
    sentence: Sentence
    args: list[_Arg]
    persons: set[str]
    lex: EventLexicon
    clauses: list[_Clause]


def _event(ctx: _Context, clause: _Clause, i: int, key: str, is_noun: bool) -> Event | None:
    tokens = ctx.sentence.tokens
    args = [a for a in ctx.args if a.first in set(clause.tokens) and not a.source]
    if is_noun:
        args = _noun_phrase_args(ctx.sentence, i, clause.tokens, args)
    for kind, condition in ctx.lex.triggers[key]:
        agent = None if is_noun else _agent(tokens, clause, args, i, ctx.lex)
        people, place = _roles(args if not agent or agent in args else [agent] + args, kind, agent, i, ctx.lex)
        if not (people or place):
            continue
        if _holds(condition, clause.tokens + clause.head, tokens, people, place, ctx.persons, ctx.lex):
            t = tokens[i]
            return Event(kind=kind, trigger=t.text, start=t.start, end=t.end, sentence=ctx.sentence.index,
                         participants=people, place=place, time=_time(ctx, clause, t.start))
    return None


def _clause_events(ctx: _Context, clause: _Clause) -> list[Event]:
    found: list[tuple[Event, bool]] = []
    for i in clause.tokens:
        hit = _trigger_key(ctx.sentence.tokens, i, clause.tokens, ctx.lex)
        if hit:
            event = _event(ctx, clause, i, hit[0], hit[1])
            if event:
                found.append((event, hit[1]))
    verb_kinds = {e.kind for e, noun in found if not noun}
    return [e for e, noun in found if not (noun and e.kind in verb_kinds)]


def sentence_events(doc: Document, sentence: Sentence, lex: EventLexicon) -> list[Event]:
    tokens = sentence.tokens
    if not tokens or any(t.text == "?" for t in tokens[-2:]):
        return []
    args = _arguments(doc, sentence, lex)
    persons = {e.canonical for e in doc.entities if e.type == "PER"}
    ctx = _Context(doc, sentence, args, persons, lex, _clauses(sentence, args, lex))
    return [e for clause in ctx.clauses for e in _clause_events(ctx, clause)]


def extract_events(doc: Document) -> Document:
    """Stage: fill `doc.events` from the tagged sentences, entities and times."""
    lex = lexicon(doc.language)
    doc.events = [e for s in doc.sentences for e in sentence_events(doc, s, lex)]
    return doc
