"""The claims stage: quantities with who said them and how firmly.

For each sentence, `find_quantities` gives the numbers; this module adds
- the source: "laut X", "X zufolge", "nach Angaben X", "unter Berufung auf X", the
  subject of a verb of saying ("X sagte", "sprach X von", "..., sagte X", "wie X
  schreibt"), "hieß es aus X", ", so X"; a sentence in indirect speech (Konjunktiv I,
  "soll", "demnach") continues the source of the sentence before it in the same paragraph;
- the hedge: a cue word in the number's clause (soll, mutmaßlich, könnte, Schätzungen,
  Berichten zufolge, geht davon aus), or a warring party's figure about the other side;
- the time: the nearest date expression of the sentence (from `doc.times`).
Numbers inside a date expression are dropped; durations ("seit 24 Jahren") stay.
Cue words are data in `lang/<code>/` (attribution_*.txt, hedges.txt, ...).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.extract.quantities import Quantity, find_quantities, unit_of
from lagebild.extract.quantities import lexicon as quantity_lexicon
from lagebild.model import Claim, Document, Sentence, TimeExpr, Token

_BOUNDARY = frozenset({",", ";", ":", "–", "—", "(", ")", '"', "»", "«", "„", "“", "”"})
_QUOTES = frozenset({'"', "»", "«", "„", "“", "”", "'"})
_DETERMINERS = frozenset({"ART", "PPOSAT", "PDAT", "PIAT", "PRELS", "PWAT"})
_FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
_NP_TAGS = frozenset({"ADJA", "NE", "FM", "TRUNC"})
_MAX_NP = 10
_OF = frozenset({"von", "of", "by", "from"})
_PLACE_PREPOSITIONS = frozenset({"in", "aus", "from"})


@dataclass(frozen=True)
class _Lexicon:
    language: str
    prepositions: dict[tuple[str, ...], str]
    nouns: frozenset[str]
    verbs: dict[str, frozenset[str]]  # lemma -> words one of which must follow in the clause (or none)
    impersonal: frozenset[str]
    particles: frozenset[str]
    hedge_words: frozenset[str]
    hedge_suffixes: tuple[str, ...]
    hedge_phrases: tuple[tuple[str, ...], ...]
    hedge_verbs: frozenset[str]
    reportative: frozenset[str]
    reported: tuple[tuple[str, ...], ...]
    substitutes: frozenset[str]
    relatives: frozenset[str]
    back_pronouns: frozenset[str]
    parties: tuple[tuple[tuple[str, ...], str], ...]
    time_anaphors: tuple[tuple[str, ...], ...]
    tally_verbs: frozenset[str]
    org_words: tuple[str, ...]


@lru_cache(maxsize=4)
def lexicon(language: str | None) -> _Lexicon:
    code = lang.code(language)
    hedges = [w.lower() for w in lang.entries(code, "hedges")]
    return _Lexicon(
        language=code,
        prepositions={tuple(k.lower().split()): v for k, v in lang.table(code, "attribution_prepositions").items()},
        nouns=frozenset(w.lower() for w in lang.words(code, "attribution_nouns")),
        verbs={w.split()[0].lower(): frozenset(w.lower().split()[1:]) for w in lang.words(code, "attribution_verbs")},
        impersonal=frozenset(w.lower() for w in lang.words(code, "attribution_impersonal")),
        particles=frozenset(w.lower() for w in lang.words(code, "attribution_particles")),
        hedge_words=frozenset(w for w in hedges if " " not in w and not w.startswith("-")),
        hedge_suffixes=tuple(w[1:] for w in hedges if w.startswith("-")),
        hedge_phrases=tuple(tuple(w.split()) for w in hedges if " " in w),
        hedge_verbs=frozenset(w.lower() for w in lang.words(code, "hedge_verbs")),
        reportative=frozenset(w.lower() for w in lang.words(code, "reportative_modals")),
        reported=tuple(tuple(w.lower().split()) for w in lang.entries(code, "reported_speech")),
        substitutes=frozenset(w.lower() for w in lang.words(code, "reported_speech_substitutes")),
        back_pronouns=frozenset(w.lower() for w in lang.words(code, "attribution_back_pronouns")),
        relatives=frozenset(w.lower() for w in lang.words(code, "relative_pronouns")),
        parties=tuple((tuple(k.lower().split()), v) for k, v in lang.table(code, "interested_parties").items()),
        time_anaphors=tuple(tuple(w.lower().split()) for w in lang.entries(code, "time_anaphors")),
        tally_verbs=frozenset(w.lower() for w in lang.words(code, "attribution_tally_verbs")),
        org_words=tuple(w.lower() for w in lang.entries(code, "org_words")),
    )


@dataclass
class _Cue:
    index: int  # token index of the cue
    source: str


# --- token helpers -------------------------------------------------------------------------

def _low(tokens: list[Token], i: int) -> str:
    return tokens[i].text.lower() if 0 <= i < len(tokens) else ""


def _at(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> bool:
    return all(_low(tokens, i + k) == w for k, w in enumerate(phrase))


def _is_noun(tok: Token) -> bool:
    return tok.pos.startswith("NN") or tok.pos in ("NE", "FM")


def _np_token(tok: Token, language: str) -> bool:
    if language == "en" and tok.text in ("'s", "’s"):
        return True
    return tok.pos.startswith("NN") or tok.pos in _NP_TAGS or tok.text in _QUOTES


def _name_part(tokens: list[Token], j: int, first: int, language: str) -> bool:
    """English capitalises only names inside a sentence: a capitalised word right after a
    name belongs to it whatever its tag ("Shin Won" with "Won" read as a verb)."""
    return language == "en" and j > first and tokens[j - 1].pos == "NE" and tokens[j].text[:1].isupper() \
        and tokens[j].text.isalpha()


def _glued_hyphen(tokens: list[Token], j: int) -> bool:
    return tokens[j].text == "-" and j + 1 < len(tokens) and tokens[j - 1].end == tokens[j].start \
        and tokens[j].end == tokens[j + 1].start


def _span_text(tokens: list[Token], first: int, last: int, text: str) -> str:
    """The text of tokens first..last, without 's and unbalanced quotes at the edges."""
    while last >= first and tokens[last].text in ("'s", "’s"):
        last -= 1
    while first <= last and sum(t.text in _QUOTES for t in tokens[first:last + 1]) % 2:
        if tokens[first].text in _QUOTES:
            first += 1
        elif tokens[last].text in _QUOTES:
            last -= 1
        else:
            break
    while first <= last and tokens[first].text in _QUOTES and tokens[last].text in _QUOTES:
        first, last = first + 1, last - 1
    if last < first:
        return ""
    return text[tokens[first].start:tokens[last].end]


def _np_after(tokens: list[Token], i: int, language: str) -> tuple[int, int] | None:
    """(first, last) of the noun phrase starting at token i (determiners skipped)."""
    while i < len(tokens) and (tokens[i].pos in _DETERMINERS or _low(tokens, i) in ("the", "a", "an")):
        i += 1
    j = i
    while j < len(tokens) and j - i < _MAX_NP:
        if _np_token(tokens[j], language) or _name_part(tokens, j, i, language):
            j += 1
        elif j > i and _glued_hyphen(tokens, j):
            j += 2  # "Shin Won-sik", "Lee Jae-myung": a hyphenated name split by the tokenizer
        else:
            break
    genitive = ("des", "der") if language == "de" else ("of",)
    if j > i and _low(tokens, j) in genitive:
        k = j + 1
        while k < len(tokens) and k - i < _MAX_NP and (_np_token(tokens[k], language) or
                                                      _low(tokens, k) in ("the",)):
            k += 1
        if k > j + 1 and any(_is_noun(t) for t in tokens[j + 1:k]):
            j = k
    if j > i and _low(tokens, j) in _PLACE_PREPOSITIONS and j + 1 < len(tokens) and tokens[j + 1].pos == "NE":
        j += 1  # "der Generalstab in Seoul"
        while j < len(tokens) and tokens[j].pos == "NE":
            j += 1
    if j == i or not any(_is_noun(t) for t in tokens[i:j]):
        return None
    return i, j - 1


def _np_before(tokens: list[Token], i: int, language: str) -> tuple[int, int] | None:
    """(first, last) of the noun phrase ending right before token i ("Dem Bericht zufolge")."""
    j = i - 1
    while j >= 0 and i - j <= _MAX_NP:
        tok = tokens[j]
        if _np_token(tok, language):
            j -= 1
        elif tok.pos == "ART" and j > 0 and _is_noun(tokens[j - 1]) and j + 1 < i:
            j -= 1  # genitive inside: "Angaben des Ministeriums"
        else:
            break
    first = j + 1
    if first >= i or not any(_is_noun(t) for t in tokens[first:i]):
        return None
    return first, i - 1


def _strip_report_noun(tokens: list[Token], span: tuple[int, int], lex: _Lexicon) -> tuple[int, int]:
    """"Angaben westlicher Geheimdienste" -> "westlicher Geheimdienste"; "Schätzungen" stays;
    "Angaben von Behörden der Region" -> "Behörden der Region"."""
    first, last = span
    if tokens[first].text.lower() not in lex.nouns:
        return span
    k = first + 1
    while k < len(tokens) and (tokens[k].pos in _DETERMINERS or _low(tokens, k) in _OF):
        k += 1
    if k <= last:
        return k, last
    if k > last + 1:  # "Angaben von X": the source stands after the preposition
        np = _np_after(tokens, last + 2 if _low(tokens, last + 1) in _OF else last + 1, lex.language)
        if np:
            return np
    return span


# --- clauses -------------------------------------------------------------------------------

def _clause_bounds(tokens: list[Token], i: int) -> tuple[int, int]:
    """First and last token index of the clause (between punctuation) that holds token i."""
    first = i
    while first > 0 and tokens[first - 1].text not in _BOUNDARY:
        first -= 1
    last = i
    while last + 1 < len(tokens) and tokens[last + 1].text not in _BOUNDARY:
        last += 1
    return first, last


def _asides(tokens: list[Token], lex: _Lexicon) -> list[tuple[int, int]]:
    """Relative clauses and bracketed asides: (first, last) token spans."""
    spans = []
    for i, tok in enumerate(tokens):
        if tok.text == "(":
            end = next((k for k in range(i + 1, len(tokens)) if tokens[k].text == ")"), len(tokens) - 1)
            spans.append((i, end))
        elif tok.text == "," and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            opens = nxt.pos == "PRELS" or nxt.text.lower() in lex.relatives or (
                nxt.pos == "APPR" and i + 2 < len(tokens) and tokens[i + 2].pos == "PRELS")
            if opens:
                end = next((k - 1 for k in range(i + 2, len(tokens)) if tokens[k].text in _BOUNDARY), len(tokens) - 1)
                spans.append((i + 1, end))
    return spans


def _between(tokens: list[Token], i: int, mark: str) -> tuple[int, int]:
    """Token span between the `mark` tokens (or sentence edges) around token i."""
    first = i
    while first > 0 and tokens[first - 1].text != mark:
        first -= 1
    last = i
    while last + 1 < len(tokens) and tokens[last + 1].text != mark:
        last += 1
    return first, last


def _comma_chunk(tokens: list[Token], i: int) -> tuple[int, int]:
    """Token span between the commas (or sentence edges) around token i."""
    return _between(tokens, i, ",")


def _finite_at(tokens: list[Token], first: int, last: int) -> list[int]:
    return [k for k in range(first, last + 1) if tokens[k].pos in _FINITE]


_CLAUSE_OPENERS = frozenset({"ART", "PPER", "NE", "PDS", "PPOSAT", "PIS"})


def _asyndetic(tokens: list[Token], comma: int) -> bool:
    """The comma joins two main clauses without a conjunction ("Pakete dürfen 20 Kilogramm
    wiegen, die Zustellung soll 15 Tage dauern"): each side has its own finite verb, and the
    right side opens with its subject and has its verb before its end (verb-second, not a
    relative clause with the verb last)."""
    if comma + 1 >= len(tokens) or tokens[comma + 1].pos not in _CLAUSE_OPENERS:
        return False
    left = _comma_chunk(tokens, comma - 1) if comma > 0 else (0, -1)
    right = _comma_chunk(tokens, comma + 1)
    verbs = _finite_at(tokens, *right)
    right_end = right[1] - (tokens[right[1]].pos.startswith("$") or tokens[right[1]].text in ".!?")
    return bool(_finite_at(tokens, *left)) and bool(verbs) and verbs[0] < right_end


def _main_clause(tokens: list[Token], i: int) -> tuple[int, int]:
    """Token span of the coordinated main clause that holds token i: split at ";", dashes,
    ", und/aber/oder" and a comma between two main clauses (a hedge in one conjunct does not
    reach the numbers of another). ", und dass" / ", and that" coordinates two complement
    clauses of one verb, which share that verb's hedge."""
    def hard(k: int) -> bool:
        tok = tokens[k]
        if tok.text in (";", "–", "—"):
            return True
        if tok.text != "," or k + 1 >= len(tokens):
            return False
        if tokens[k + 1].pos == "KON":
            return not (k + 2 < len(tokens) and tokens[k + 2].pos == "KOUS")
        return _asyndetic(tokens, k)
    first = i
    while first > 0 and not hard(first - 1):
        first -= 1
    last = i
    while last + 1 < len(tokens) and not hard(last + 1):
        last += 1
    return first, last


def _participial_phrases(tokens: list[Token]) -> list[tuple[int, int]]:
    """Comma phrases that open with a past participle, adverbs aside (", most likely filled
    with food", ", vermutlich beladen mit Reis"): an adverb in one modifies the participle."""
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
    return spans


def _reaches(cue: int, number: int, asides: list[tuple[int, int]]) -> bool:
    """A cue reaches a number unless it sits in an aside that does not hold the number."""
    return not any(a <= cue <= b and not a <= number <= b for a, b in asides)


# --- sources -------------------------------------------------------------------------------

def _verb_lemma(tokens: list[Token], v: int, language: str = "de") -> str:
    """Lemma of the verb at v, with a separated particle joined ("teilte ... mit" -> mitteilen).
    Only German separates a verb prefix to the clause end; an English "said around 1,500"
    keeps its lemma."""
    lemma = tokens[v].lemma.lower()
    if tokens[v].pos not in _FINITE or language != "de":
        return lemma
    _, last = _clause_bounds(tokens, v)
    for k in range(v + 1, last + 1):
        if tokens[k].pos == "PTKVZ":
            return tokens[k].text.lower() + lemma
    return lemma


def _resolve_pronoun(doc: Document, offset: int) -> str:
    """The last person named before `offset`, as the text names it (its longest spelling
    so far: "Sergei Schoigu" ... "Schoigu" ... "sagte er" -> "Sergei Schoigu")."""
    best, best_start = None, -1
    for ent in doc.entities:
        if ent.type != "PER":
            continue
        for m in ent.mentions:
            if best_start < m.start < offset:
                best, best_start = ent, m.start
    if best is None:
        return ""
    return max((m.text for m in best.mentions if m.start < offset), key=len)


def _skip_adverbs_back(tokens: list[Token], f: int, first: int) -> int:
    """Index right after the subject: adverbs between subject and verb are skipped
    ("the agency initially put", "der Minister selbst sagte")."""
    k = f
    while k - 1 > first and tokens[k - 1].pos in ("ADV", "PTKNEG"):
        k -= 1
    return k


def _np_with_attribute(tokens: list[Token], end: int, language: str) -> tuple[int, int] | None:
    """The noun phrase ending before token `end`, with a prepositional attribute it carries
    ("Ein Informant aus Sicherheitskreisen", "the head of the agency")."""
    np = _np_before(tokens, end, language)
    if np and np[0] >= 2 and tokens[np[0] - 1].pos in ("APPR", "APPRART") \
            and (_low(tokens, np[0] - 1) in _PLACE_PREPOSITIONS or _low(tokens, np[0] - 1) in _OF):
        head = _np_before(tokens, np[0] - 1, language)
        if head:
            return head[0], np[1]
    return np


def _aside_subject(doc: Document, tokens: list[Token], first: int, lex: _Lexicon) -> str:
    """"Mishustin, who ..., said" / "Ein Informant, der ..., sprach": the verb opens the clause
    after a relative clause, so the subject is the noun phrase before that relative clause."""
    if first < 2 or tokens[first - 1].text != ",":
        return ""
    for a, b in _asides(tokens, lex):
        if b == first - 2 and a >= 2 and tokens[a - 1].text == ",":
            np = _np_with_attribute(tokens, a - 1, lex.language)
            return _span_text(tokens, *np, doc.text) if np else ""
    return ""


def _relative_subject(doc: Document, tokens: list[Token], r: int, lex: _Lexicon) -> str:
    """", who announced ...": a relative pronoun as subject stands for the person named last
    before it in the sentence, else for the noun phrase before the comma."""
    if r < 2 or tokens[r - 1].text != ",":
        return ""
    person = _resolve_pronoun(doc, tokens[r].start)
    sentence_start = tokens[0].start
    for ent in doc.entities:
        if ent.type == "PER" and any(sentence_start <= m.start < tokens[r].start and m.text == person
                                     for m in ent.mentions):
            return person
    np = _np_with_attribute(tokens, r - 1, lex.language)
    return _span_text(tokens, *np, doc.text) if np else ""


def _np_ending_at(tokens: list[Token], end: int, first: int, lex: _Lexicon) -> tuple[int, int] | None:
    """The noun phrase that ends at token end - 1 and starts the clause or follows a
    subordinator ("as South Korea's spy agency warned", "dass der Minister sagte")."""
    np = _np_before(tokens, end, lex.language)
    if np is None:
        return None
    start = np[0]
    while start > first and (tokens[start - 1].pos in _DETERMINERS or _low(tokens, start - 1) in ("the", "a", "an")):
        start -= 1
    opener = tokens[start - 1] if start > 0 else None
    subordinated = opener is not None and (opener.pos in ("KOUS", "KON") or opener.text.lower() in lex.particles)
    if start == first or subordinated:
        return np
    return None


def _subject(doc: Document, tokens: list[Token], v: int, lex: _Lexicon) -> str:
    """The subject of the verb of saying at v: before the finite verb, or right after it
    (German verb-second, "sprach X von"; English only after a quote: "..., said X")."""
    first, _ = _clause_bounds(tokens, v)
    f = v
    if tokens[v].pos not in _FINITE:
        f = next((k for k in range(v - 1, first - 1, -1) if tokens[k].pos in _FINITE), v)
    if _low(tokens, first) in lex.particles and first + 1 < f:
        np = _np_after(tokens, first + 1, lex.language)
        if np:
            return _span_text(tokens, *np, doc.text)
    if first < f:
        end = _skip_adverbs_back(tokens, f, first)
        np = _np_after(tokens, first, lex.language)
        if np and np[1] < end - 1 and tokens[np[1] + 1].pos in ("APPR", "APPRART"):
            pp = _np_after(tokens, np[1] + 2, lex.language)  # "Das Ministerium in Seoul sagte"
            np = (np[0], pp[1]) if pp and pp[1] == end - 1 else np
        if not (np and np[1] == end - 1):
            np = _np_ending_at(tokens, end, first, lex)
        if np and np[1] == end - 1 and not _is_time(doc, tokens[np[0]]):
            return _span_text(tokens, *np, doc.text)
        if tokens[end - 1].pos == "PPER" and end - 1 == first:
            return _resolve_pronoun(doc, tokens[end - 1].start)
        if tokens[end - 1].text.lower() in lex.relatives or tokens[end - 1].pos in ("PRELS", "PWS"):
            return _relative_subject(doc, tokens, end - 1, lex)
        if lex.language == "en":
            return ""  # English keeps subject-verb order outside quotes: "showed soldiers" is an object
    else:
        aside = _aside_subject(doc, tokens, first, lex)
        if aside:
            return aside
    k = f + 1
    while k < len(tokens) and tokens[k].pos in ("ADV", "PTKNEG", "PROAV", "ADJD"):
        k += 1
    if k < len(tokens) and tokens[k].pos == "PPER":
        return "" if tokens[k].text.lower() in ("es", "it") else _resolve_pronoun(doc, tokens[k].start)
    np = _np_after(tokens, k, lex.language)
    return _span_text(tokens, *np, doc.text) if np else ""


def _impersonal(doc: Document, tokens: list[Token], v: int, lex: _Lexicon) -> str:
    """"hieß es aus Seoul" -> Seoul; "In einem Bericht hieß es" -> Bericht."""
    _, last = _clause_bounds(tokens, v)
    for k in range(v + 1, min(last + 1, v + 5)):
        if tokens[k].pos in ("APPR", "APPRART"):
            np = _np_after(tokens, k + 1, lex.language)
            return _span_text(tokens, *np, doc.text) if np else ""
    first, _ = _clause_bounds(tokens, v)
    if tokens[first].pos in ("APPR", "APPRART"):
        np = _np_after(tokens, first + 1, lex.language)
        return _span_text(tokens, *np, doc.text) if np else ""
    return ""


def _is_time(doc: Document, tok: Token) -> bool:
    return any(t.start <= tok.start < t.end for t in doc.times)


def _report_noun(word: str, lex: _Lexicon) -> bool:
    """A noun that names a report, also as the head of a compound ("Kremlangaben",
    "Regierungsangaben": the first part names whose report it is)."""
    low = word.lower()
    return low in lex.nouns or any(low.endswith(n) and len(low) >= len(n) + 3 for n in lex.nouns)


def _preposition_cues(doc: Document, tokens: list[Token], lex: _Lexicon, cues: list[_Cue]) -> list[_Cue]:
    """Cues from "laut X", "X zufolge", "nach Angaben X"; a chain ("unter Berufung auf X")
    only counts when no other cue names the reporter (`cues` are the ones found so far)."""
    cues = list(cues)
    for i in range(len(tokens)):
        for phrase, mode in lex.prepositions.items():
            if not _at(tokens, i, phrase):
                continue
            after = i + len(phrase)
            if mode == "chain" and any(c.index != i for c in cues):
                continue  # "X schreibt unter Berufung auf Y": X stays the source
            if mode == "before":
                np = _np_before(tokens, i, lex.language)
            elif mode == "after_noun":  # "nach Angaben X", "nach südkoreanischen Angaben"
                np = _np_after(tokens, after, lex.language)
                if np is None or not any(_report_noun(t.text, lex) for t in tokens[np[0]:np[1] + 1]):
                    continue
            else:
                np = _np_after(tokens, after, lex.language)
            if np:
                cues.append(_Cue(i, _span_text(tokens, *_strip_report_noun(tokens, np, lex), doc.text)))
    return cues


def _complement_ok(tokens: list[Token], v: int, required: frozenset[str], language: str) -> bool:
    """"sprach von 6000 Toten" is a report, "sprachen vier Stunden" is not. German puts the
    verb last in subordinate clauses and perfect tenses ("hatte von 11.000 Soldaten
    gesprochen"), so there the complement may stand anywhere in the clause."""
    if not required:
        return True
    first, last = _clause_bounds(tokens, v)
    start = first if language == "de" else v + 1
    return any(_low(tokens, k) in required for k in range(start, last + 1) if k != v)


def _passive(tokens: list[Token], v: int) -> bool:
    """"Die Zahl wird auf 11.000 geschätzt": the subject is what is counted, not who counts."""
    if tokens[v].pos != "VVPP":
        return False
    first, last = _clause_bounds(tokens, v)
    return any(tokens[k].pos in _FINITE and tokens[k].lemma.lower() in ("werden", "be")
               for k in range(first, last + 1))


def _passive_agent(doc: Document, tokens: list[Token], v: int, lex: _Lexicon) -> str:
    """The "von X" / "by X" agent of the passive participle at v. English puts the agent after
    the participle and before any other verb ("are estimated by X"; in "are estimated to have
    made up ... fired by X" the agent belongs to "fired"); German anywhere in the clause."""
    first, last = _clause_bounds(tokens, v)
    if lex.language == "en":
        first = v + 1
        last = next((k - 1 for k in range(v + 1, last + 1) if tokens[k].pos.startswith("V")), last)
    for k in range(first, last + 1):
        if _low(tokens, k) in ("von", "vom", "by"):
            np = _np_after(tokens, k + 1, lex.language)
            if np:
                return _span_text(tokens, *np, doc.text)
    return ""


def _is_saying_verb(tokens: list[Token], v: int, lex: _Lexicon) -> bool:
    """A verb token; in English also a verb the tagger took for a plural noun because it
    ends in -s, when a subject stands before it and "that" follows ("the military estimates
    that ...", "the ministry says that ...")."""
    tok = tokens[v]
    if tok.pos.startswith("V"):
        return True
    return (lex.language == "en" and tok.pos.startswith("NN") and tok.text.lower().endswith("s")
            and _low(tokens, v + 1) == "that" and v > 0 and tokens[v - 1].pos in ("NN", "NE", "ADJA")
            and tok.lemma.lower() in lex.verbs)


def _verb_cues(doc: Document, tokens: list[Token], lex: _Lexicon) -> list[_Cue]:
    cues = []
    for v, tok in enumerate(tokens):
        if not _is_saying_verb(tokens, v, lex):
            continue
        lemma = _verb_lemma(tokens, v, lex.language)
        if lemma in lex.impersonal or tok.lemma.lower() in lex.impersonal:
            source = _impersonal(doc, tokens, v, lex)
        elif lemma in lex.verbs and _complement_ok(tokens, v, lex.verbs[lemma], lex.language):
            source = _passive_agent(doc, tokens, v, lex) if _passive(tokens, v) else _subject(doc, tokens, v, lex)
        elif lemma in lex.tally_verbs and not _passive(tokens, v):
            source = _subject(doc, tokens, v, lex)
            source = source if _institution(doc, source, lex) else ""
        else:
            continue
        if source:
            cues.append(_Cue(v, source))
    return cues


def _institution(doc: Document, name: str, lex: _Lexicon) -> bool:
    """`name` names an organisation: a word ending in an organisation noun ("spy agency",
    "Gesundheitsministerium") or the name of an organisation entity of the document."""
    if any(w.lower().strip('".,').endswith(lex.org_words) for w in name.split()):
        return True
    return any(e.type == "ORG" and any(m.text in name for m in e.mentions) for e in doc.entities)


def _particle_cues(doc: Document, tokens: list[Token], lex: _Lexicon) -> list[_Cue]:
    """", so Putin weiter." (a source with no verb of saying)."""
    cues = []
    for i, tok in enumerate(tokens):
        if tok.text.lower() not in lex.particles or i == 0 or tokens[i - 1].text not in _BOUNDARY:
            continue
        np = _np_after(tokens, i + 1, lex.language)
        if np and (np[1] + 1 >= len(tokens) or tokens[np[1] + 1].text in _BOUNDARY | {"."}
                   or tokens[np[1] + 1].pos in ("ADV", "PTKVZ")):
            cues.append(_Cue(i, _span_text(tokens, *np, doc.text)))
    return cues


def sentence_sources(doc: Document, sentence: Sentence, language: str | None) -> list[_Cue]:
    """Every attribution in the sentence, with the token where it stands."""
    lex = lexicon(language)
    tokens = sentence.tokens
    cues = [c for c in _verb_cues(doc, tokens, lex) + _particle_cues(doc, tokens, lex) if c.source]
    cues = _preposition_cues(doc, tokens, lex, cues)
    return [c for c in cues if c.source]


# --- hedges --------------------------------------------------------------------------------

def _hedge_at(tokens: list[Token], i: int, lex: _Lexicon) -> bool:
    tok = tokens[i]
    if tok.pos == "NE" or (lex.language == "en" and i > 0 and tok.text[:1].isupper()):
        return False
    low = tok.text.lower()
    if low in lex.hedge_words and not tok.pos.startswith("NN"):  # "may" the modal, not the month
        return True
    if any(low.endswith(s) for s in lex.hedge_suffixes):
        return True
    if any(_at(tokens, i, p) for p in lex.hedge_phrases):
        return True
    return tok.pos.startswith("V") and _verb_lemma(tokens, i, lex.language) in lex.hedge_verbs


def hedge_cue(tokens: list[Token], number: int, lex: _Lexicon, asides: list[tuple[int, int]]) -> str:
    """The cue word that hedges the number at token `number`, or ""."""
    best, best_dist = "", len(tokens) + 1
    first, last = _main_clause(tokens, number)
    blocked = asides + _participial_phrases(tokens)
    for i in range(first, last + 1):
        if _hedge_at(tokens, i, lex) and _reaches(i, number, blocked) and abs(i - number) < best_dist:
            best, best_dist = tokens[i].text, abs(i - number)
    return best


def _sides(words: list[str], lex: _Lexicon) -> set[str]:
    found = set()
    for i in range(len(words)):
        for phrase, side in lex.parties:
            n = len(phrase)
            if i + n <= len(words) and all(words[i + k] == phrase[k] for k in range(n - 1)) \
                    and words[i + n - 1].startswith(phrase[-1]):
                found.add(side)
    return found


def interested_party(source: str, tokens: list[Token], number: int, lex: _Lexicon) -> bool:
    """A warring party's figure about the other side (source names one side, the clause the other)."""
    own = _sides(source.lower().replace('"', " ").split(), lex)
    if len(own) != 1:
        return False
    first, last = _clause_bounds(tokens, number)
    other = _sides([t.text.lower() for t in tokens[first:last + 1]], lex)
    return bool(other - own)


# --- reported speech -----------------------------------------------------------------------

def continues_report(tokens: list[Token], lex: _Lexicon) -> bool:
    """The sentence is indirect speech or a hearsay report (Konjunktiv I, "soll", "demnach")."""
    for i, tok in enumerate(tokens):
        low = tok.text.lower()
        if low in lex.reportative:
            return True
        if any(_at(tokens, i, p) for p in lex.reported):
            return True
    return False


def _new_paragraph(doc: Document, prev: Sentence, cur: Sentence) -> bool:
    return "\n" in doc.text[prev.end:cur.start]


# --- the stage -----------------------------------------------------------------------------

def _date_times(doc: Document, sentence: Sentence) -> list[TimeExpr]:
    return [t for t in doc.times if t.kind == "date" and sentence.start <= t.start < sentence.end]


def _nearest_time(dates: list[TimeExpr], offset: int) -> str | None:
    dated = [t for t in dates if t.value]
    if not dated:
        return None
    return min(dated, key=lambda t: abs(t.start - offset)).value


def _source_for(q: Quantity, cues: list[_Cue], asides: list[tuple[int, int]]) -> str:
    reach = [c for c in cues if _reaches(c.index, q.number, asides)]
    if not reach:
        return ""
    return min(reach, key=lambda c: abs(c.index - q.number)).source


def _claim(doc: Document, sentence: Sentence, q: Quantity, source: str, hedge: str, time: str | None) -> Claim:
    return Claim(
        text=doc.text[q.start:q.end], value=q.value, start=q.start, end=q.end, value_max=q.value_max,
        approx=q.approx, vague=q.vague, unit=q.unit, measure=q.measure, measure_lemma=q.measure_lemma,
        source=source, hedged=bool(hedge), hedge=hedge, time=time, sentence=sentence.index,
    )


def _time_before(tokens: list[Token], dates: list[TimeExpr], before: _Carry, lex: _Lexicon) -> str | None:
    """The date an undated sentence points back to with "damals" / "at the time": the last
    date named before it in the paragraph."""
    if any(t.value for t in dates) or before.last_date is None:
        return None
    if any(_at(tokens, i, p) for i in range(len(tokens)) for p in lex.time_anaphors):
        return before.last_date
    return None


def _source_hedge(source: str, lex: _Lexicon) -> str:
    """A source that is itself an estimate or a rumour ("Schätzungen", "Berichten")."""
    for word in source.split():
        low = word.lower().strip('"')
        if low in lex.hedge_words or any(low.endswith(s) for s in lex.hedge_suffixes) \
                or any(p[0] == low for p in lex.hedge_phrases):
            return word
    return ""


def _back_reference(doc: Document, sentence: Sentence, lex: _Lexicon) -> str:
    """"Das teilte der Generalstab mit.": the source of the previous sentence's figures."""
    tokens = sentence.tokens
    if not tokens or tokens[0].text.lower() not in lex.back_pronouns or tokens[0].pos not in ("PDS", "PPER", "ART"):
        return ""
    if len(tokens) > 1 and _is_noun(tokens[1]):
        return ""  # "Das Ministerium teilte mit ...": an article, not a pronoun
    cues = _verb_cues(doc, tokens, lex)
    return cues[0].source if cues else ""


@dataclass
class _Carry:
    """What a sentence hands to the next one of its paragraph."""

    source: str = ""
    party_hedge: str = ""  # the source is a warring party speaking about the other side
    unit: str = ""  # unit of the last claim, for bare numbers ("Mehr als 100 wurden verletzt")
    time: str | None = None  # the date of the sentence that named the source
    noun_unit: str = ""  # unit of the last counted noun ("troops"), for "their number"
    noun_lemma: str = ""  # and its lemma, so "their number" groups with the troops
    lemma: str = ""  # measure lemma of the last claim
    indirect: bool = False  # the sentence was in indirect speech (Konjunktiv I)
    last_date: str | None = None  # the last date named in the paragraph, for "damals"
    recent: tuple[tuple[str, str, float], ...] = ()  # (unit, lemma, value) of the last few claims


_COUNT_UNITS = frozenset({"person", "container", "shell", "missile"})


def _segment(tokens: list[Token], i: int) -> tuple[int, int]:
    """The part of the sentence between semicolons that holds token i: a semicolon joins
    two sentences, and an attribution in one does not reach the other."""
    return _between(tokens, i, ";")


def _own_source(cues: list[_Cue], asides: list[tuple[int, int]]) -> str:
    """The source the sentence as a whole is attributed to: a cue inside a relative clause or
    brackets ("das nach offiziellen Angaben 20.000 Gäste aufnehmen kann") only covers that
    clause and is not carried on."""
    free = [c for c in cues if not any(a <= c.index <= b for a, b in asides)]
    return free[0].source if free else ""


_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _time_key(value: str) -> tuple[int, int | None] | None:
    if len(value) < 4 or not value[:4].isdigit():
        return None
    part = value[5:7]
    month = int(part) if part.isdigit() else _SEASON_MONTHS.get(part)
    return int(value[:4]), month


def _later(value: str | None, than: str | None) -> bool:
    """`value` lies after `than` ("2025" after "2024-FA"; "2024-06" after "2024-03")."""
    a, b = _time_key(value or ""), _time_key(than or "")
    if a is None or b is None:
        return False
    if a[0] != b[0]:
        return a[0] > b[0]
    return a[1] is not None and b[1] is not None and a[1] > b[1]


def _sentence_time(dates: list[TimeExpr]) -> str | None:
    dated = [t.value for t in dates if t.value and _time_key(t.value)]
    return max(dated, key=lambda v: [k or 0 for k in _time_key(v) or (0, 0)]) if dated else None


def _inherits(tokens: list[Token], dates: list[TimeExpr], before: _Carry, lex: _Lexicon) -> bool:
    """Indirect speech continues the report before it, unless it is about a later time than
    that report was made ("Im Herbst hatte X von 11.000 gesprochen. Anfang des Jahres sollen
    3.000 gefolgt sein": a report from the autumn cannot tell what came in the new year)."""
    substitute = before.indirect and any(t.text.lower() in lex.substitutes for t in tokens)
    if not (continues_report(tokens, lex) or substitute):
        return False
    return not any(_later(t.value, before.time) for t in dates)


def _counted_noun(tokens: list[Token], end: int, lex: _Lexicon) -> tuple[str, str]:
    """Unit and lemma of the last noun before token `end` that names people or munitions ("troops")."""
    qlex = quantity_lexicon(lex.language)
    for i in range(min(end, len(tokens)) - 1, -1, -1):
        tok = tokens[i]
        modifier = i + 1 < len(tokens) and tokens[i + 1].pos.startswith("NN")  # "spy agency"
        if tok.pos.startswith("NN") and not modifier:
            unit = unit_of(tok.text, tok.lemma, qlex)
            if unit in _COUNT_UNITS:
                return unit, tok.lemma
    return "", ""


def _anaphoric(tokens: list[Token], q: Quantity, carry: _Carry, lex: _Lexicon) -> tuple[str, str]:
    """"put their number at 12,000", "raised the total to 15,000": a bare count noun counts
    what the text counted last: a noun before it in the sentence, the last claim of the
    paragraph, or a noun in the sentence before. Returns that unit and lemma."""
    here = _counted_noun(tokens, q.first, lex)
    if here[0]:
        return here
    if carry.unit:
        return carry.unit, carry.lemma
    return carry.noun_unit, carry.noun_lemma


def _alike(recent: tuple[tuple[str, str, float], ...], value: float) -> tuple[str, str]:
    """Unit and lemma for a bare number ("Experten halten auch 15.000 für möglich"): those of
    the latest claim before it of the same order of magnitude, else of the latest claim."""
    for unit, lemma, seen in reversed(recent):
        if seen > 0 and 0.1 <= value / seen <= 10:
            return unit, lemma
    return recent[-1][0], recent[-1][1]


def _hedge_asides(q: Quantity, asides: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A relative clause right after a count of people or things says what they are said to do
    ("100.000 Soldaten, die angeblich in Russland seien"): its hedge reaches the count."""
    if q.unit not in _COUNT_UNITS | {"item"}:
        return asides
    return [a for a in asides if a[0] != q.last + 2]


def sentence_claims(doc: Document, sentence: Sentence, before: _Carry, lex: _Lexicon) -> tuple[list[Claim], _Carry]:
    """The claims of one sentence and what a following sentence may continue."""
    tokens = sentence.tokens
    cues = sentence_sources(doc, sentence, lex.language)
    dates = _date_times(doc, sentence)
    asides = _asides(tokens, lex)
    own = _own_source(cues, asides)
    inherits = not own and _inherits(tokens, dates, before, lex)
    after = _Carry(own or (before.source if inherits else ""), before.party_hedge if inherits else "", before.unit,
                   _sentence_time(dates) if own else before.time, before.noun_unit, before.noun_lemma, before.lemma,
                   last_date=next((t.value for t in reversed(dates) if t.value), before.last_date),
                   recent=before.recent)
    earlier = _time_before(tokens, dates, before, lex)
    claims = []
    for q in find_quantities(sentence, lex.language):
        num = tokens[q.number]
        if any(t.start < num.end and num.start < t.end for t in dates):
            continue
        segment = _segment(tokens, q.number)
        near = [c for c in cues if segment[0] <= c.index <= segment[1]]
        source = _source_for(q, near, asides)
        if not source and not near and len(near) < len(cues):
            part = tokens[segment[0]:segment[1] + 1]
            source = _source_for(q, cues, asides) if continues_report(part, lex) else ""
        elif not source:
            source = after.source
        hedge = hedge_cue(tokens, q.number, lex, _hedge_asides(q, asides))
        if not hedge and source:
            if source != own and source == before.source:
                hedge = _source_hedge(source, lex) or before.party_hedge
            if not hedge and interested_party(source, tokens, q.number, lex):
                hedge = after.party_hedge = source
            if not hedge and source == after.party_hedge:
                hedge = source  # the same warring party, later in the sentence
        if q.anaphoric:
            unit, lemma = _anaphoric(tokens, q, after, lex)
            q.unit, q.measure_lemma = unit or q.unit, lemma or q.measure_lemma
        elif not q.has_head and q.unit == "other" and after.recent:
            q.unit, lemma = _alike(after.recent, q.value)
            q.measure_lemma = q.measure_lemma or lemma
        after.unit, after.lemma = q.unit, q.measure_lemma
        after.recent = (*after.recent[-4:], (q.unit, q.measure_lemma, q.value))
        claims.append(_claim(doc, sentence, q, source, hedge, _nearest_time(dates, q.start) or earlier))
    noun_unit, noun_lemma = _counted_noun(tokens, len(tokens), lex)
    if noun_unit:
        after.noun_unit, after.noun_lemma = noun_unit, noun_lemma
    after.indirect = continues_report(tokens, lex)
    return claims, after


def extract_claims(doc: Document) -> Document:
    """Stage: fill `doc.claims` from the tagged sentences (uses `doc.times` and `doc.entities`)."""
    lex = lexicon(doc.language)
    claims: list[Claim] = []
    carry, prev = _Carry(), None
    found: list[Claim] = []
    for sentence in doc.sentences:
        if prev is not None and _new_paragraph(doc, prev, sentence):
            carry, found = _Carry(), []
        back = _back_reference(doc, sentence, lex)
        for claim in found:
            claim.source = claim.source or back
        found, carry = sentence_claims(doc, sentence, carry, lex)
        claims.extend(found)
        prev = sentence
    for n, claim in enumerate(claims):
        claim.id = f"{doc.id}:c{n}"
    doc.claims = claims
    return doc
