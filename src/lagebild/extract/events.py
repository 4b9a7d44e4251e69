"""The events stage: who did what, where and when, one sentence at a time.

A trigger is a verb lemma (a separable prefix joined: "griff ... an" -> angreifen) or an
event noun ("Besuch", "Raketenangriff", "talks") listed in `lang/<code>/event_triggers.tsv`
with its kind: visit, meeting, treaty, delivery, deployment or attack. Around it:
- the clause: the sentence is cut at punctuation; relative and subordinate clauses stand
  apart, verbless pieces (appositions, lists) join their neighbour, and "und" between two
  verbs starts a new clause that keeps the first one's subject;
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
from functools import lru_cache

from lagebild import lang
from lagebild.extract import entity_gazetteer as gaz
from lagebild.model import Document, Entity, Event, Sentence, Token

_BOUNDARIES = frozenset({",", ";", ":", "–", "—", "-", "(", ")"})
_FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
_VERBS = frozenset({"VVFIN", "VVPP", "VVINF", "VVIZU", "VAFIN", "VMFIN", "VAINF", "VAPP"})
_TRIGGER_VERBS = frozenset({"VVFIN", "VVPP", "VVINF", "VVIZU"})
_NOUNS = frozenset({"NN", "NE"})
_SUBORDINATORS = frozenset({"PRELS", "PRELAT", "KOUS", "PWAV", "PWS", "PWAT"})
_NP_FILL = frozenset({"ART", "ADJA", "NN", "NE", "PPOSAT", "PIAT", "CARD", "TRUNC", "FM"})
_NOUN_PHRASE = _NP_FILL | frozenset({"APPR", "APPRART", "KON", "PTKZU", "ADJD"})
_MAX_NOUN_PHRASE = 8
_OBJECT_PLACE = {"visit": frozenset({"country", "city"}), "attack": frozenset({"city"})}
_RECIPIENT_KINDS = frozenset({"delivery"})


@dataclass(frozen=True)
class _Lexicon:
    language: str
    triggers: dict[str, tuple[tuple[str, str], ...]]  # lemma as listed -> ((kind, condition), ...)
    noun_suffixes: tuple[tuple[str, str], ...]  # (lower-cased ending, key) of capitalised nouns
    only: dict[str, str]  # key -> "verb" or "noun" for entries listed as "shell/verb"
    nouns: dict[str, tuple[str, ...]]  # condition name -> lower-cased nouns
    place_preps: frozenset[str]
    recipient_preps: frozenset[str]
    agent_preps: frozenset[str]
    passive: frozenset[str]
    relatives: frozenset[str]
    relative_objects: frozenset[str]
    coordinators: frozenset[str]
    comparatives: frozenset[str]  # tagged as subordinators but open no clause ("than")
    relative_articles: frozenset[str]  # articles that double as relative pronouns ("der", "den")
    source_before: tuple[tuple[str, ...], ...]  # "laut X", "according to X"
    source_after: frozenset[str]  # "X zufolge"
    source_nouns: frozenset[str]  # "nach Angaben X"


def _parse_kinds(value: str) -> tuple[tuple[str, str], ...]:
    """'deployment:troops, delivery:goods' -> (('deployment', 'troops'), ('delivery', 'goods'))."""
    out = []
    for part in value.split(","):
        kind, _, condition = part.strip().partition(":")
        if kind:
            out.append((kind.strip(), condition.strip()))
    return tuple(out)


def _lower_words(code: str, name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lang.words(code, name))


@lru_cache(maxsize=4)
def lexicon(language: str | None) -> _Lexicon:
    code = lang.code(language)
    raw = lang.table(code, "event_triggers")
    attribution = {tuple(k.lower().split()): v for k, v in lang.table(code, "attribution_prepositions").items()}
    return _Lexicon(
        language=code,
        triggers={k.split("/")[0]: _parse_kinds(v) for k, v in raw.items()},
        only={k.split("/")[0]: k.split("/")[1] for k in raw if "/" in k},
        noun_suffixes=tuple(sorted(((k.lower(), k) for k in raw if k[:1].isupper()), key=lambda p: -len(p[0]))),
        nouns={name: tuple(sorted(_lower_words(code, f"event_{name}"), key=len, reverse=True))
               for name in ("troops", "goods", "treaty", "light")},
        place_preps=_lower_words(code, "event_place_preps"),
        recipient_preps=_lower_words(code, "event_recipient_preps"),
        agent_preps=_lower_words(code, "event_agent_preps"),
        passive=_lower_words(code, "event_passive"),
        relatives=_lower_words(code, "relative_pronouns"),
        relative_objects=_lower_words(code, "event_relative_objects"),
        coordinators=_lower_words(code, "event_coordinators"),
        comparatives=_lower_words(code, "event_comparatives"),
        relative_articles=_lower_words(code, "event_relative_articles"),
        source_before=tuple(k for k, v in attribution.items() if v == "after"),
        source_after=frozenset(" ".join(k) for k, v in attribution.items() if v == "before"),
        source_nouns=_lower_words(code, "attribution_nouns"),
    )


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(k.canonical for code in lang.SUPPORTED for k in gaz.countries(code).values())


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
    return "country" if entity.canonical in _country_names() else "city"


def _token_span(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
    return (inside[0], inside[-1]) if inside else None


def _np_start(tokens: list[Token], first: int, taken: set[int]) -> int:
    i = first
    while i > 0 and tokens[i - 1].pos in _NP_FILL and i - 1 not in taken:
        i -= 1
    return i


def _is_source(tokens: list[Token], arg_first: int, np_start: int, last: int, lex: _Lexicon) -> bool:
    before = [t.text.lower() for t in tokens[max(0, np_start - 3):np_start]]
    if any(tuple(before[-len(p):]) == p for p in lex.source_before if len(p) <= len(before)):
        return True
    if any(t.text.lower() in lex.source_nouns for t in tokens[np_start:arg_first]):
        return True
    return last + 1 < len(tokens) and tokens[last + 1].text.lower() in lex.source_after


def _arguments(doc: Document, sentence: Sentence, lex: _Lexicon) -> list[_Arg]:
    tokens = sentence.tokens
    spans: list[tuple[int, int, Entity]] = []
    for entity in doc.entities:
        for m in entity.mentions:
            if sentence.start <= m.start < sentence.end:
                span = _token_span(tokens, m.start, m.end)
                if span:
                    spans.append((span[0], span[1], entity))
    taken = {i for first, last, _ in spans for i in range(first, last + 1)}
    args = []
    for first, last, entity in sorted(spans, key=lambda s: s[0]):
        start = _np_start(tokens, first, taken - set(range(first, last + 1)))
        prep = tokens[start - 1].text.lower() if start > 0 and tokens[start - 1].pos in ("APPR", "APPRART") else None
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

@dataclass
class _Segment:
    tokens: list[int]
    after: str  # the boundary before it: "," or another punctuation mark, "" at the start or a subordinator


def _subordinator(token: Token, lex: _Lexicon) -> bool:
    return token.pos == "KOUS" and token.text.lower() not in lex.comparatives


def _segments(tokens: list[Token], lex: _Lexicon) -> list[_Segment]:
    out = [_Segment([], "")]
    for i, t in enumerate(tokens):
        if t.text in _BOUNDARIES:
            out.append(_Segment([], t.text))
        elif _subordinator(t, lex) and out[-1].tokens and tokens[i - 1].pos not in ("APPR", "KON"):
            out.append(_Segment([i], ""))  # "... estimates that soldiers were sent"
        elif t.pos not in ("$.", "$(") or t.text.isalnum():
            out[-1].tokens.append(i)
    return [s for s in out if s.tokens]


def _has_verb(tokens: list[Token], seg: list[int]) -> bool:
    return any(tokens[i].pos in _VERBS for i in seg)


def _has_finite(tokens: list[Token], seg: list[int]) -> bool:
    return any(tokens[i].pos in _FINITE for i in seg)


def _is_infinitive(tokens: list[Token], seg: list[int]) -> bool:
    """A clause like 'Soldaten nach Russland zu schicken' (no finite verb, an infinitive with zu)."""
    return not _has_finite(tokens, seg) and any(tokens[i].pos in ("VVIZU", "PTKZU") for i in seg)


def _verb_final_relative(tokens: list[Token], seg: list[int], lex: _Lexicon) -> bool:
    """', den Russland und Nordkorea unterzeichnet hatten': an article-tagged pronoun, the finite verb last."""
    first, last = tokens[seg[0]], tokens[seg[-1]]
    finite = [i for i in seg if tokens[i].pos in _FINITE]
    return (first.pos == "ART" and first.text.lower() in lex.relative_articles and len(seg) > 3
            and last.pos in _FINITE and finite == [seg[-1]])


def _opens_subclause(tokens: list[Token], seg: list[int], lex: _Lexicon) -> bool:
    first = tokens[seg[0]]
    if _verb_final_relative(tokens, seg, lex):
        return True
    word = first.text.lower()
    if (first.pos in _SUBORDINATORS and word not in lex.comparatives) or word in lex.relatives:
        return True
    return len(seg) > 1 and first.pos in ("APPR", "APPRART") and tokens[seg[1]].pos in ("PRELS", "PWS")


def _antecedent(tokens: list[Token], seg: list[int], args: list[_Arg], lex: _Lexicon) -> _Arg | None:
    pronoun = tokens[seg[0]]
    if pronoun.pos not in ("PRELS", "PWS", "PWAT", "ART") and pronoun.text.lower() not in lex.relatives:
        return None
    if pronoun.text.lower() in lex.relative_objects:
        return None
    before = seg[0] - 2 if seg[0] > 0 and tokens[seg[0] - 1].text == "," else seg[0] - 1
    return next((a for a in args if a.last == before and not a.source), None)


class _ClauseBuilder:
    """Groups segments into clauses: main clauses, with appositions and lists joined in."""

    def __init__(self, tokens: list[Token], args: list[_Arg], lex: _Lexicon) -> None:
        self.tokens, self.args, self.lex = tokens, args, lex
        self.clauses: list[_Clause] = []
        self.main: _Clause | None = None
        self.pending: list[int] = []
        self.last_tokens: list[int] = []

    def add(self, seg: _Segment) -> None:
        self._add(seg)
        self.last_tokens = seg.tokens

    def _add(self, seg: _Segment) -> None:
        tokens = self.tokens
        if _opens_subclause(tokens, seg.tokens, self.lex):
            self.clauses.append(_Clause(seg.tokens, sub=True, borrow=self._main_tokens(),
                                        antecedent=_antecedent(tokens, seg.tokens, self.args, self.lex),
                                        head=self.last_tokens[-_MAX_NOUN_PHRASE:]))
        elif not _has_verb(tokens, seg.tokens):
            self._verbless(seg)
        elif self._continues_main(seg):
            assert self.main is not None
            self.main.tokens.extend(seg.tokens)
        else:
            self._new_main(seg)

    def _continues_main(self, seg: _Segment) -> bool:
        """'Putin, der ..., traf Kim': the verb after a relative clause belongs to the clause before it."""
        main = self.main
        return (main is not None and self.tokens[seg.tokens[0]].pos in _FINITE
                and not _has_finite(self.tokens, main.tokens))

    def _verbless(self, seg: _Segment) -> None:
        if seg.after not in ("", ","):  # a dateline, a parenthesis, a quote after a dash
            self.clauses.append(_Clause(self.pending + seg.tokens))
            self.pending = []
        elif self.main is not None:
            self.main.tokens.extend(seg.tokens)
        else:
            self.pending.extend(seg.tokens)

    def _new_main(self, seg: _Segment) -> None:
        clause = _Clause(self.pending + seg.tokens)
        if self.main is not None and _is_infinitive(self.tokens, seg.tokens):
            clause.inherited = _subject(self.tokens, self.main, self._args_in(self.main.tokens))
            clause.borrow = list(self.main.tokens)
        self.pending = []
        self.main = clause
        self.clauses.append(clause)

    def _main_tokens(self) -> list[int]:
        return [i for c in self.clauses if not c.sub for i in c.tokens] + self.pending

    def _args_in(self, idx: list[int]) -> list[_Arg]:
        inside = set(idx)
        return [a for a in self.args if a.first in inside]

    def finish(self) -> list[_Clause]:
        if self.pending:
            self.clauses.append(_Clause(self.pending))
        return [part for c in self.clauses for part in self._coordinated(c)]

    def _coordinated(self, clause: _Clause) -> list[_Clause]:
        """Split 'A reiste nach X und traf B' at the conjunction when both sides have a finite verb."""
        idx, tokens = sorted(clause.tokens), self.tokens
        for n, i in enumerate(idx):
            if tokens[i].text.lower() in self.lex.coordinators and 0 < n < len(idx) - 1:
                left, right = idx[:n], idx[n + 1:]
                if _has_finite(tokens, left) and _has_finite(tokens, right):
                    first = _Clause(left, clause.sub, clause.antecedent, clause.inherited, clause.borrow, clause.head)
                    subject = _subject(tokens, first, self._args_in(left))
                    rest = _Clause(right, clause.sub, clause.antecedent, subject or clause.inherited,
                                   clause.borrow + left, clause.head)
                    return [first] + self._coordinated(rest)
        return [_Clause(idx, clause.sub, clause.antecedent, clause.inherited, clause.borrow, clause.head)]


def _clauses(tokens: list[Token], args: list[_Arg], lex: _Lexicon) -> list[_Clause]:
    builder = _ClauseBuilder(tokens, args, lex)
    for seg in _segments(tokens, lex):
        builder.add(seg)
    return builder.finish()


# --- triggers --------------------------------------------------------------------------

def _particle(tokens: list[Token], i: int, clause: list[int]) -> str:
    """The separable prefix of finite verb i ("griff ... an" -> "an"), or ''."""
    if tokens[i].pos != "VVFIN":
        return ""
    after = [j for j in clause if j > i and tokens[j].pos == "PTKVZ"]
    return tokens[after[0]].text.lower() if after else ""


def _noun_key(word: str, lex: _Lexicon) -> str | None:
    low = word.lower()
    if word in lex.triggers or low in lex.triggers:
        return word if word in lex.triggers else low
    return next((key for end, key in lex.noun_suffixes if low.endswith(end) and len(low) > len(end)), None)


def _trigger_key(tokens: list[Token], i: int, clause: list[int], lex: _Lexicon) -> tuple[str, bool] | None:
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

def _is_passive(tokens: list[Token], clause: list[int], trigger: int, lex: _Lexicon) -> bool:
    if tokens[trigger].pos != "VVPP":
        return False
    return any(tokens[j].pos.startswith("VA") and tokens[j].lemma.lower() in lex.passive for j in clause)


def _subject(tokens: list[Token], clause: _Clause, args: list[_Arg]) -> _Arg | None:
    finite = next((j for j in clause.tokens if tokens[j].pos in _FINITE), None)
    bare = [a for a in args if a.prep is None and not a.modifier]
    if finite is None or (clause.inherited and finite == clause.tokens[0]):
        return None
    before = [a for a in bare if a.first < finite]
    if before:
        return before[0] if before[0].np_start == clause.tokens[0] or clause.sub else None
    if not clause.sub:
        return next((a for a in bare if a.np_start == finite + 1), None)
    return None


def _agent(tokens: list[Token], clause: _Clause, args: list[_Arg], trigger: int, lex: _Lexicon) -> _Arg | None:
    if _is_passive(tokens, clause.tokens, trigger, lex):
        return next((a for a in args if a.prep in lex.agent_preps), None)
    subject = _subject(tokens, clause, args)
    if subject:
        return subject
    no_subject = not any(a.prep is None and a.first < trigger for a in args)
    if clause.antecedent and no_subject:
        return clause.antecedent
    return clause.inherited if no_subject else None


def _place_role(arg: _Arg, kind: str, agent: _Arg | None, lex: _Lexicon) -> bool:
    """Does `arg` name where the event happened (rather than who took part)?"""
    if arg.type in ("PER", "ORG") or arg is agent or arg.modifier:
        return False
    if arg.prep in lex.recipient_preps and arg.type == "country" and kind in _RECIPIENT_KINDS:
        return False
    if arg.prep in lex.place_preps:
        return True
    return arg.prep is None and arg.type in _OBJECT_PLACE.get(kind, frozenset())


def _roles(args: list[_Arg], kind: str, agent: _Arg | None, trigger: int,
           lex: _Lexicon) -> tuple[list[str], str | None]:
    places = [a for a in args if _place_role(a, kind, agent, lex)]
    place = min(places, key=lambda a: (a.prep is None, abs(a.first - trigger))).name if places else None
    others = [a for a in args if a is not agent and a not in places and not a.modifier]
    people = ([agent] if agent else []) + [a for a in others if a.type != "city" or a.prep is None]
    names: dict[str, None] = {}
    for a in people:
        if a.name != place:
            names.setdefault(a.name, None)
    return list(names), place


def _noun_phrase_args(tokens: list[Token], trigger: int, clause: list[int], args: list[_Arg]) -> list[_Arg]:
    """Entities in the noun phrase of a noun trigger: 'Putins Besuch in X', 'Angriffe auf Y'."""
    inside = set(clause)
    right = trigger
    while (right + 1 in inside and right + 1 - trigger <= _MAX_NOUN_PHRASE
           and tokens[right + 1].pos in _NOUN_PHRASE):
        right += 1
    left = trigger
    while left - 1 in inside and trigger - left < 4 and tokens[left - 1].pos in _NP_FILL | {"PTKZU"}:
        left -= 1
    return [a for a in args if left <= a.first <= right and a.first != trigger]


def _holds(condition: str, clause: list[int], tokens: list[Token], people: list[str], place: str | None,
           person_names: set[str], lex: _Lexicon) -> bool:
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
                if any(w == n or (lex.language == "de" and w.endswith(n)) for n in words):
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
    lex: _Lexicon
    clauses: list[_Clause]


def _event(ctx: _Context, clause: _Clause, i: int, key: str, is_noun: bool) -> Event | None:
    tokens = ctx.sentence.tokens
    args = [a for a in ctx.args if a.first in set(clause.tokens) and not a.source]
    if is_noun:
        args = _noun_phrase_args(tokens, i, clause.tokens, args)
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


def sentence_events(doc: Document, sentence: Sentence, lex: _Lexicon) -> list[Event]:
    tokens = sentence.tokens
    if not tokens or any(t.text == "?" for t in tokens[-2:]):
        return []
    args = _arguments(doc, sentence, lex)
    persons = {e.canonical for e in doc.entities if e.type == "PER"}
    ctx = _Context(doc, sentence, args, persons, lex, _clauses(tokens, args, lex))
    return [e for clause in ctx.clauses for e in _clause_events(ctx, clause)]


def extract_events(doc: Document) -> Document:
    """Stage: fill `doc.events` from the tagged sentences, entities and times."""
    lex = lexicon(doc.language)
    doc.events = [e for s in doc.sentences for e in sentence_events(doc, s, lex)]
    return doc
