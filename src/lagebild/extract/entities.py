"""Stage: named entities (people, organisations, places) with canonical English names.

There is no offline German NER model, so names are found by rules over the tagged tokens:

- candidates are runs of capitalised tokens the tagger calls proper nouns (NE; FM and a
  few mistagged NN inside a run), names the gazetteers know (`lang.gazetteer`), the
  name part of hyphen compounds (UN-Resolutionen -> UN), and capitalised words right
  after a cue noun (Hafenstadt Wonsan, Marke Aurus, Präsident Putin);
- a candidate is typed by, in order: the alias and country lexicons, Korean name shape,
  the cue noun before it (titles/roles -> PER, organisation words -> ORG, place words
  -> LOC), the city gazetteer, a known given name, acronym shape, an organisation head
  word (New York Times), and finally coreference within the document;
- short forms and genitives (Putin, Putins, Kim) become mentions of the full name's
  entity; every later occurrence of a known name in the body is a mention too.

Language knowledge (titles, roles, organisation and place words, not-entities, aliases,
given names, transliteration rules) lives in `lang/<code>/`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lagebild import lang
from lagebild.extract.entity_names import english_name, korean_given_name, korean_syllables, looks_slavic, romanise
from lagebild.extract.entity_types import confidence, is_given, is_surname, lone_name_type, org_phrase, run_type
from lagebild.lang import gazetteer as gaz
from lagebild.model import Document, Entity, Mention, Token

_QUOTES = frozenset('"„“”»«‚‘’\'')
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,5}$|^(?:[A-Z]\.){2,4}$")
_INFLECTIONS = ("innen", "ern", "en", "es", "in", "e", "n", "s")
_NN_MARGIN = 2.5  # HanTa's context-free NN score must beat NE by this to veto an unsupported NE
_NAME_POS = frozenset({"NE", "FM"})
_EN_RUN_POS = frozenset({"NE", "FM", "NN", "ADJA", "XY"})


@dataclass
class Span:
    """A candidate mention: tokens [first, last) of one sentence."""

    sentence: int
    first: int
    last: int
    start: int
    end: int
    text: str
    words: list[str]
    canonical: str = ""
    type: str = ""
    evidence: str = ""  # alias, country, city, korean, cue, given, acronym, head, coref, fallback
    cue: str = ""  # the cue's type when a cue noun stands before the name


@dataclass
class Lexicon:
    code: str
    titles: frozenset[str]
    roles: tuple[str, ...]
    org_words: tuple[str, ...]
    loc_words: tuple[str, ...]
    org_heads: frozenset[str]
    loc_heads: frozenset[str]
    indefinite: frozenset[str]
    place_adjective_endings: tuple[str, ...]
    not_entities: frozenset[str]
    given: frozenset[str]
    korean: frozenset[str]
    place_preps: frozenset[str]
    qualifiers: dict[str, str] = field(default_factory=dict)
    capitalised_nouns: bool = True  # lang/<code>/language.toml: every noun is capitalised (else only names)
    of_words: frozenset[str] = frozenset()  # "of" joining a place or organisation noun to a name
    particles: frozenset[str] = frozenset()  # von, da, della, an der: lower-case parts inside a name
    name_prefixes: tuple[str, ...] = ()  # al-, el-: glued lower-case prefixes of a name part
    org_prefixes: frozenset[str] = frozenset()  # FC, SC, VfL: a name after one is an organisation
    place_prefixes: frozenset[str] = frozenset()  # St., Bad, Mount: a name after one is a place
    org_links: frozenset[str] = frozenset()  # für, of: "Bundesamt für Gesundheit"
    legal_forms: frozenset[str] = frozenset()  # AG, GmbH, Inc.: written after a company's name


@lru_cache(maxsize=4)
def lexicon(code: str) -> Lexicon:
    return Lexicon(
        code=code,
        titles=frozenset(w.lower() for w in lang.words(code, "titles")),
        roles=tuple(lang.entries(code, "roles")),
        org_words=tuple(lang.entries(code, "org_words")),
        loc_words=tuple(lang.entries(code, "entity_loc_cues")),
        org_heads=lang.words(code, "entity_org_heads"),
        loc_heads=lang.words(code, "entity_loc_heads"),
        indefinite=lang.words(code, "entity_indefinite_articles"),
        place_adjective_endings=tuple(lang.entries(code, "entity_place_adjective_endings")),
        not_entities=frozenset(w.lower() for w in lang.words(code, "not_entities")),
        given=lang.words(code, "entity_given_names") | lang.words(code, "entity_slavic_given"),
        korean=lang.words(code, "entity_korean_surnames"),
        place_preps=lang.words(code, "entity_place_preps"),
        qualifiers=lang.table(code, "entity_qualifiers"),
        capitalised_nouns=bool(lang.settings(code).feature("capitalised_nouns")),
        of_words=lang.words(code, "entity_of_words"),
        particles=lang.words(code, "entity_name_particles"),
        name_prefixes=lang.entries(code, "entity_name_prefixes"),
        org_prefixes=lang.words(code, "entity_org_prefixes"),
        place_prefixes=lang.words(code, "entity_place_prefixes"),
        org_links=lang.words(code, "entity_org_links"),
        legal_forms=lang.words(code, "entity_legal_forms"),
    )


# ---------------------------------------------------------------- word tests

def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def prefixed_name(word: str, lex: Lexicon) -> bool:
    """'al-Assad', 'el-Sisi': a lower-case prefix glued to a capitalised name part."""
    return any(word.startswith(p) and word[len(p):len(p) + 1].isupper() for p in lex.name_prefixes)


def is_acronym(word: str) -> bool:
    return bool(_ACRONYM.match(word))


def stems(word: str) -> list[str]:
    """The word and its forms without a German inflection ending (longest ending first)."""
    low = word.lower()
    return [low] + [low[: -len(e)] for e in _INFLECTIONS if low.endswith(e) and len(low) - len(e) >= 3]


def ends_with_any(word: str, endings: tuple[str, ...]) -> bool:
    return any(s.endswith(e) for s in stems(word) for e in endings)


def cue_type(word: str, lex: Lexicon) -> str:
    """PER, ORG or LOC when `word` is a noun that introduces a name of that type."""
    if any(s in lex.titles for s in stems(word)) or ends_with_any(word, lex.roles):
        return "PER"
    if ends_with_any(word, lex.org_words):
        return "ORG"
    if ends_with_any(word, lex.loc_words):
        return "LOC"
    return ""


def genitive_base(word: str) -> str:
    """German genitive: Putins -> Putin, Russlands -> Russland (no check that it is one)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and not word.isupper():
        return word[:-1]
    return word


def korean_part(word: str) -> str:
    """A Korean given-name syllable, without a German genitive -s (Uns -> Un)."""
    if word.endswith("s") and not korean_syllables(word) and korean_syllables(word[:-1]):
        return word[:-1]
    return word


def known(name: str, code: str, small_places: bool = False) -> gaz.Known | None:
    """Gazetteer lookup of a name as written or without a genitive -s. A given name is not
    taken for a town of that name (Antony, Wladimir) unless the context says `small_places`."""
    if not small_places and name in lexicon(code).given:
        return None
    hit = gaz.lookup(name, code, small_places)
    if hit is None and romanise(name) != name:  # "Киев" -> Kiev -> Kyiv; "Владимир" is a given name
        latin = romanise(name)
        return None if not small_places and is_given(latin, lexicon(code)) else known(latin, code, small_places)
    if hit is None and name.isupper() and len(name) > 3:
        hit = gaz.lookup(name.title(), code, small_places)  # a dateline in capitals: "SEOUL"
    if hit is None and lang.settings(code).feature("genitive_s_names"):
        base = " ".join(name.split(" ")[:-1] + [genitive_base(name.split(" ")[-1])])
        if base != name:
            hit = gaz.lookup(base, code, small_places)
    return hit


@lru_cache(maxsize=20_000)
def tagger_prefers_noun(word: str, language: str) -> bool:
    """HanTa, without context, clearly prefers NN over NE for this word (a false NE)."""
    from lagebild.text.tag import word_scores

    if not lang.settings(language).feature("capitalised_nouns"):
        return False
    scores = word_scores(word, language)
    ne, nn = scores.get("NE"), scores.get("NN")
    return nn is not None and (ne is None or nn - ne > _NN_MARGIN)


# ---------------------------------------------------------------- sentence scan

def _dateline_credit(tokens: list[Token], i: int, close: int) -> bool:
    """'SEOUL/MOSCOW (Pacific Wire) -': the agency credit between a capitals dateline and a dash."""
    before = tokens[:i]
    return bool(before) and all(t.text.isupper() or t.text in ("/", ",") for t in before) \
        and close + 1 < len(tokens) and tokens[close + 1].text in ("-", "–", "—")


def skipped_tokens(tokens: list[Token]) -> set[int]:
    """Token indices inside credits: '(erpe/AFP)', 'SEOUL (Agency) -' and everything after '©'."""
    skip: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.text == "©":
            skip.update(range(i, len(tokens)))
            break
        if tok.text == "(":
            close = next((j for j in range(i + 1, min(i + 8, len(tokens))) if tokens[j].text == ")"), None)
            if close and (any("/" in t.text for t in tokens[i + 1:close]) or _dateline_credit(tokens, i, close)):
                skip.update(range(i, close + 1))
    return skip


def cue_before(tokens: list[Token], first: int, lex: Lexicon) -> str:
    """The type of the cue noun right before token `first` (quotes may stand between)."""
    j = first - 1
    while j >= 0 and tokens[j].text in _QUOTES:
        j -= 1
    if j < 0 or not is_capitalised(tokens[j].text) and lex.capitalised_nouns:
        return ""
    if tokens[j].text in lex.of_words and j > 0 and cue_type(tokens[j - 1].text, lex) == "LOC":
        return "LOC"  # "the port of Dunai", "the region of Kursk"
    return cue_type(tokens[j].text, lex)


def is_name_start(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    tok = tokens[i]
    word = tok.text
    if prefixed_name(word, lex):
        return True
    if not is_capitalised(word) or word.lower() in lex.not_entities or tok.pos == "CARD" or is_title(word, lex):
        return False
    if word in lex.org_prefixes and i + 1 < len(tokens) and is_capitalised(tokens[i + 1].text):
        return True  # "SC Freiburg", "FC Porto"
    hit = known(word, lex.code)
    if hit is not None and (hit.source != "city" or word.isupper()):
        return True  # a known name; a city in capitals is a dateline ("RIGA/VILNIUS")
    if not lex.capitalised_nouns and i + 1 < len(tokens) and is_title(tokens[i + 1].text, lex):
        return False  # Foreign Minister, Prime Minister: part of the title
    before = tokens[i - 1].text.lower() if i > 0 else ""
    if before in lex.indefinite and hit is None:
        return False  # "in einem Überraschungsvorstoss": a common noun (but "a London think tank")
    if tok.pos == "NE" or (tok.pos == "FM" and i + 1 < len(tokens) and tokens[i + 1].pos == "FM"):
        return True
    if tok.pos == "NN" and before in lex.place_preps and foreign_word(word, lex.code) \
            and not known_compound(word, lex.code):
        return True  # "nach Tumangang", "am Tumen": a foreign word after a place preposition
    if tok.pos in ("ADJA", "NN") and i > 0 and word.endswith(lex.place_adjective_endings) \
            and i + 1 < len(tokens) and tokens[i + 1].text in lex.loc_heads:
        return True  # "Jaroslawler Bahnhof" (the tagger may take the adjective for a noun)
    if not lex.capitalised_nouns and i > 0 and tok.pos in _EN_RUN_POS and tokens[i - 1].text not in _QUOTES:
        return True
    return tok.pos in ("NN", "FM", "NE", "ADJA") and cue_before(tokens, i, lex) != ""


def continues_name(tokens: list[Token], first: int, j: int, lex: Lexicon) -> bool:
    """Token j extends the run of name tokens that starts at `first`."""
    tok = tokens[j]
    word = tok.text
    if tok.start != tokens[j - 1].end + 1 and tok.start != tokens[j - 1].end:
        return False
    if particle_continues(tokens, first, j, lex) or prefixed_name(word, lex):
        return True
    if _after_particle(tokens, first, j, lex) or _after_club(tokens, first, j, lex):
        return True
    if j == first + 1 and given_continues(tokens, first, lex):
        return True
    if j == first + 1 and tokens[first].text in lex.place_prefixes and is_capitalised(word):
        return True  # "Mount Kenya", "St. Moritz"
    if tok.pos == "NN" and tokens[first].pos in _NAME_POS and is_capitalised(word) and foreign_word(word, lex.code) \
            and word.lower() not in lex.not_entities:
        return True  # "Aiko Tanabe": a name part the tagger does not know
    if not lex.capitalised_nouns and _hyphen_part(tokens, first, j):
        return True
    if not lex.capitalised_nouns and _org_of(tokens, j, lex):
        return True
    if lex.capitalised_nouns and tokens[first].pos == "FM" and tok.pos == "FM" and tok.start == tokens[j - 1].end + 1:
        return is_capitalised(word) or any(is_capitalised(t.text) for t in tokens[j + 1:j + 3] if t.pos == "FM")
    if not is_capitalised(word) or word.lower() in lex.not_entities or tok.start != tokens[j - 1].end + 1:
        return False
    if tokens[first].text in lex.korean and j - first <= 2 and korean_syllables(korean_part(word)):
        return True
    hit = known(word, lex.code)
    if hit is not None and hit.source != "city":
        return False  # a country or alias after a name starts a new name (Putin Nordkorea)
    if word in lex.org_heads or word in lex.loc_heads:
        return True  # Washington Post, Deutsche Bank, Tumen River
    if tok.pos in _NAME_POS:
        if not lex.capitalised_nouns:
            return not is_title(word, lex)
        return hit is not None or not (tok.pos == "NE" and tagger_prefers_noun(word, lex.code))
    return not lex.capitalised_nouns and tok.pos in _EN_RUN_POS and not is_title(word, lex)


def particle_continues(tokens: list[Token], first: int, j: int, lex: Lexicon) -> bool:
    """'Lula da Silva', 'Ursula von der Leyen': a lower-case particle (at most two) after the
    first word of a person's name, when a name part (not a known word) follows."""
    if tokens[j].text not in lex.particles or j - first > 2:
        return False
    if j == first + 2 and tokens[j - 1].text not in lex.particles:
        return False
    k = j + 1
    if k < len(tokens) and tokens[k].text in lex.particles:
        k += 1
    if k >= len(tokens) or not is_capitalised(tokens[k].text) or tokens[k].text.lower() in lex.not_entities:
        return False
    part = tokens[k]
    if known(tokens[first].text, lex.code) is not None or is_title(part.text, lex):
        return False  # "EU der Ukraine", "Nordkorea von Russland": two names
    return part.pos in _NAME_POS or foreign_word(part.text, lex.code)


def _after_particle(tokens: list[Token], first: int, j: int, lex: Lexicon) -> bool:
    """The capitalised name part right after a particle the run took in."""
    return j - 1 > first and tokens[j - 1].text in lex.particles and is_capitalised(tokens[j].text)


def _after_club(tokens: list[Token], first: int, j: int, lex: Lexicon) -> bool:
    """'SC Freiburg', 'Hannover 96', 'FC Bayern München': the words after a club prefix."""
    if tokens[first].text not in lex.org_prefixes or j - first > 3:
        return False
    word = tokens[j].text
    return (is_capitalised(word) and word.lower() not in lex.not_entities) or (word.isdigit() and len(word) <= 2)


def given_continues(tokens: list[Token], first: int, lex: Lexicon) -> bool:
    """'Karl Richter', 'Silvia Sommerlath': a capitalised word after a given name is the
    surname even when it is also a noun (Richter) or the tagger does not know it."""
    word, nxt = tokens[first].text, tokens[first + 1]
    if not is_given(word, lex) or known(word, lex.code) is not None or not is_capitalised(nxt.text):
        return False
    if nxt.text.lower() in lex.not_entities or is_title(nxt.text, lex) or known(nxt.text, lex.code) is not None:
        return False
    if nxt.pos == "NN" and not (is_surname(nxt.text) or foreign_word(nxt.text, lex.code)):
        return False  # "Kim Zugang": a common noun after the name
    return nxt.pos in ("NE", "NN", "FM") and nxt.text.isalpha() and not nxt.text.isupper()


def _hyphen_part(tokens: list[Token], first: int, j: int) -> bool:
    """English tokens split hyphenated names: 'Lee Jae - myung', 'Wonsan - Kalma'. A hyphen glued
    to both neighbours inside a name run, and the name part glued after it, continue the name."""
    tok = tokens[j]
    if tok.text == "-":
        return j > first and j + 1 < len(tokens) and tokens[j - 1].end == tok.start \
            and tok.end == tokens[j + 1].start and _name_after_hyphen(tokens[j + 1].text)
    return j - 1 > first and tokens[j - 1].text == "-" and tokens[j - 1].end == tok.start \
        and _name_after_hyphen(tok.text)


def _name_after_hyphen(word: str) -> bool:
    """A name part after a hyphen: capitalised, or a Korean given-name syllable ("Jae-myung");
    "Washington-based" ends in an ordinary word."""
    return word[:1].isupper() or bool(korean_syllables(word))


def _org_of(tokens: list[Token], j: int, lex: Lexicon) -> bool:
    """'Ministry of Defence', 'Bank of Korea': "of" after an organisation head word continues
    the name when a capitalised word follows."""
    return tokens[j].text in lex.of_words and tokens[j - 1].text in lex.org_heads and j + 1 < len(tokens) \
        and is_capitalised(tokens[j + 1].text) and tokens[j + 1].text.lower() not in lex.not_entities


def _words(tokens: list[Token], first: int, last: int) -> list[str]:
    """The words of tokens [first, last), a hyphenated word split by the tokenizer joined again."""
    words: list[str] = []
    for k in range(first, last):
        glued = k > first and tokens[k].start == tokens[k - 1].end
        if glued and (tokens[k].text == "-" or words[-1].endswith("-")):
            words[-1] += tokens[k].text
        else:
            words.append(tokens[k].text)
    return words


def is_title(word: str, lex: Lexicon) -> bool:
    return word.lower().rstrip(".") in lex.titles or word.lower() in lex.titles


_PLACE_PHRASE = (4, 3)  # words of "Frankfurt am Main", "Brandenburg an der Havel"


def place_phrase_at(tokens: list[Token], i: int, text: str, lex: Lexicon) -> tuple[int, gaz.Known] | None:
    """A town whose name has lower-case words inside ("Frankfurt am Main", "Rothenburg ob
    der Tauber", "Newcastle upon Tyne"), as the gazetteer spells it: (end index, hit)."""
    if i + 2 >= len(tokens) or not is_capitalised(tokens[i].text) or not tokens[i + 1].text.islower():
        return None
    for k in _PLACE_PHRASE:
        if i + k <= len(tokens) and is_capitalised(tokens[i + k - 1].text):
            hit = known(text[tokens[i].start:tokens[i + k - 1].end], lex.code, small_places=True)
            if hit is not None:
                return i + k, hit
    return None


def multiword_at(tokens: list[Token], i: int, text: str, lex: Lexicon) -> tuple[int, gaz.Known] | None:
    """The longest alias/country name of 2+ words starting at token i: (end index, hit)."""
    if tokens[i].text not in gaz.multiword_firsts(lex.code):
        return None
    for k in range(min(gaz.max_words(lex.code), len(tokens) - i), 1, -1):
        name = text[tokens[i].start:tokens[i + k - 1].end]
        hit = known(name, lex.code)
        if hit is not None and hit.source != "city":
            return i + k, hit
    return None


def quoted_name(doc: Document, s_index: int, tokens: list[Token], i: int, lex: Lexicon) -> Span | None:
    """An outlet's or company's name in quotes: 'des "Spiegel"', 'Exilzeitung "Meduza"'."""
    if tokens[i].text not in _QUOTES or i + 2 >= len(tokens):
        return None
    close = next((j for j in range(i + 2, min(i + 7, len(tokens))) if tokens[j].text in _QUOTES), None)
    if close is None:
        return None
    inner = tokens[i + 1:close]
    if not (is_capitalised(inner[0].text) and is_capitalised(inner[-1].text)):
        return None
    if any(t.text.lower() in lex.not_entities or not t.text[:1].isalnum() for t in inner):
        return None
    cue = cue_before(tokens, i + 1, lex)
    if len(inner) > 1 and inner[-1].text in lex.loc_heads and cue != "ORG":
        return _with(make_span(doc, s_index, tokens, i + 1, close), "LOC", "head")  # "Friendship Bridge"
    if cue != "ORG" and inner[-1].text not in lex.org_heads:
        return None
    span = make_span(doc, s_index, tokens, i + 1, close)
    hit = known(span.text, lex.code)
    return _typed(span, hit) if hit is not None and hit.type == "ORG" else _with(span, "ORG", "quoted")


def _with(span: Span, etype: str, evidence: str) -> Span:
    span.type, span.evidence = etype, evidence
    return span


def make_span(doc: Document, s_index: int, tokens: list[Token], first: int, last: int) -> Span:
    start, end = tokens[first].start, tokens[last - 1].end
    return Span(s_index, first, last, start, end, doc.text[start:end], _words(tokens, first, last))


def vetoed_compound(word: str, lex: Lexicon) -> bool:
    """US-Dollar, KI-Tools: the compound or one of its modifiers is never a name; KN-23, Su-35:
    a type designation ending in a number names a model, not an organisation or place."""
    parts = word.split("-")[:-1]
    if word.split("-")[-1].isdigit():
        return True
    return any(s in lex.not_entities for s in stems(word)) or any(p.lower() in lex.not_entities for p in parts)


_UNKNOWN_WORD = -25.0  # HanTa scores words outside its lexicon (foreign names) below this


@lru_cache(maxsize=20_000)
def foreign_word(word: str, language: str) -> bool:
    """The tagger's lexicon does not know the word at all (a foreign name such as "Kalma")."""
    from lagebild.text.tag import word_scores

    scores = word_scores(word, language)
    return not scores or max(scores.values()) < _UNKNOWN_WORD


_KNOWN_WORD = -20.0  # HanTa scores words of its lexicon above this
_MIN_HEAD = 5  # letters of the last part of a compound ("Bahnhof", "Angaben")


@lru_cache(maxsize=20_000)
def known_compound(word: str, language: str) -> bool:
    """A word the tagger does not know whole but whose last part it knows: a compound
    ("Weltraumbahnhof", "Kremlangaben"), not a foreign name ("Tumangang")."""
    from lagebild.text.tag import word_scores

    for k in range(1, len(word) - _MIN_HEAD + 1):
        scores = word_scores(word[k:].capitalize(), language)
        if scores and max(scores.values()) > _KNOWN_WORD:
            return True
    return False


def _compound_place(parts: list[str], lex: Lexicon) -> bool:
    """A hyphenated compound that is one place name: a name before a place head word
    ("Kim-Il-sung-Platz"), or a known place joined to a foreign name ("Wonsan-Kalma", a
    resort named after its town). "Ukraine-Krieg" and "Wonsan-Resort" end in ordinary words."""
    if len(parts) < 2 or not all(parts) or not is_capitalised(parts[0]):
        return False
    if parts[-1] in lex.loc_heads and parts[0].lower() not in lex.not_entities:
        return True
    first = known(parts[0], lex.code)
    head = parts[-1]
    return len(parts) == 2 and first is not None and first.type == "LOC" and is_capitalised(head) \
        and known(head, lex.code) is None and head.lower() not in lex.not_entities and foreign_word(head, lex.code)


def compound_spans(doc: Document, s_index: int, tok: Token, lex: Lexicon, surfaces: set[str]) -> list[Span]:
    """Names inside a hyphen compound: UN-Resolutionen -> UN, UN-Sicherheitsrats -> whole."""
    word = tok.text
    whole = known(word, lex.code)
    if whole is not None and whole.source == "alias":
        return [_typed(Span(s_index, -1, -1, tok.start, tok.end, word, [word]), whole)]
    parts = word.split("-")
    if _compound_place(parts, lex):
        return [_with(Span(s_index, -1, -1, tok.start, tok.end, word, [word], canonical=word), "LOC", "head")]
    spans, offset = [], 0
    for n, part in enumerate(parts):
        is_head = n == len(parts) - 1
        hit = known(part, lex.code) if is_capitalised(part) and part.lower() not in lex.not_entities else None
        name_like = hit is not None and (not is_head or hit.source != "city")
        if not is_head and hit is None and part.lower() not in lex.not_entities:
            name_like = is_acronym(part) or part in surfaces
        if name_like:
            start = tok.start + offset
            span = Span(s_index, -1, -1, start, start + len(part), part, [part])
            spans.append(_typed(span, hit) if hit else span)
        offset += len(part) + 1
    return spans


def _typed(span: Span, hit: gaz.Known) -> Span:
    span.canonical, span.type, span.evidence = hit.canonical, hit.type, hit.source
    return span


def scan_sentence(doc: Document, s_index: int, lex: Lexicon, surfaces: set[str]) -> list[Span]:
    tokens = doc.sentences[s_index].tokens
    skip = skipped_tokens(tokens)
    spans: list[Span] = []
    i = 0
    while i < len(tokens):
        if i in skip:
            i += 1
            continue
        multi = multiword_at(tokens, i, doc.text, lex) or place_phrase_at(tokens, i, doc.text, lex)
        if multi is not None:
            end, hit = multi
            spans.append(qualify(_typed(make_span(doc, s_index, tokens, i, end), hit), tokens, i, lex))
            i = end
            continue
        quoted = quoted_name(doc, s_index, tokens, i, lex)
        if quoted is not None:
            spans.append(quoted)
            i = quoted.last + 1
            continue
        tok = tokens[i]
        if "-" in tok.text.strip("-") and is_capitalised(tok.text) and not korean_syllables(tok.text):
            found = [] if vetoed_compound(tok.text, lex) else compound_spans(doc, s_index, tok, lex, surfaces)
            if found or tok.pos != "NE" or vetoed_compound(tok.text, lex):
                spans.extend(found)
                i += 1
                continue
        org_end = org_phrase(tokens, i, lex)
        if org_end is not None:
            spans.append(_with(make_span(doc, s_index, tokens, i, org_end), "ORG", "head"))
            i = org_end
            continue
        if is_name_start(tokens, i, lex):
            j = i + 1
            while j < len(tokens) and j not in skip and continues_name(tokens, i, j, lex):
                j += 1
            spans.extend(type_run(doc, s_index, tokens, i, j, lex))
            i = j
            continue
        i += 1
    return spans


# ---------------------------------------------------------------- typing one run

def type_run(doc: Document, s_index: int, tokens: list[Token], first: int, last: int, lex: Lexicon) -> list[Span]:
    span = make_span(doc, s_index, tokens, first, last)
    span.cue = cue_before(tokens, first, lex)
    hit = known(span.text, lex.code)
    if hit is not None and hit.source != "city":
        return [qualify(_typed(span, hit), tokens, first, lex)]
    given = korean_given_name([*span.words[1:-1], korean_part(span.words[-1])]) if len(span.words) > 1 else None
    if span.words[0] in lex.korean and given:
        span.canonical, span.type, span.evidence = f"{span.words[0]} {given}", "PER", "korean"
        return [span]
    if span.cue:
        span.type, span.evidence = span.cue, "cue"
    elif hit is not None:
        return [_typed(span, hit)]
    elif len(span.words) > 1 and span.words[0] in lex.given:
        span.type, span.evidence = "PER", "given"
    elif len(span.words) == 1 and is_acronym(span.text):
        span.type, span.evidence = "ORG", "acronym"
    elif len(span.words) > 1 and (span.words[-1] in lex.org_heads or _org_of_name(span.words, lex)
                                  or tokens[first].pos == "FM" and not is_given(span.words[0], lex)):
        span.type, span.evidence = "ORG", "head"
    elif len(span.words) > 1 and span.words[-1] in lex.loc_heads:
        span.type, span.evidence = "LOC", "head"
    elif _place_noun_after(tokens, last, lex):
        span.type, span.evidence = "LOC", "cue"
    elif len(span.words) > 1 and (typed := run_type(span.words, lex)) is not None:
        span.type, span.evidence = typed
    elif len(span.words) > 1:
        return split_run(doc, s_index, tokens, first, last, lex)
    elif tokens[first].pos == "NE" and tagger_prefers_noun(span.text, lex.code):
        return []
    return [span]


def _org_of_name(words: list[str], lex: Lexicon) -> bool:
    of = next((k for k, w in enumerate(words) if k > 0 and w in lex.of_words), None)
    return of is not None and words[of - 1] in lex.org_heads


def _place_noun_after(tokens: list[Token], last: int, lex: Lexicon) -> bool:
    """English: a lower-case kind of place right after the name ("the Vostochny cosmodrome")."""
    return not lex.capitalised_nouns and last < len(tokens) and tokens[last].text.islower() \
        and tokens[last].text in lex.loc_words


def split_run(doc: Document, s_index: int, tokens: list[Token], first: int, last: int, lex: Lexicon) -> list[Span]:
    """A run of several unknown capitalised words: a given name inside it starts a person's
    name, known places stand alone, anything else is one person's name (Pat Ryder)."""
    words = [t.text for t in tokens[first:last]]
    cut = next((k for k in range(1, len(words) - 1) if words[k] in lex.given), None)
    if cut is not None:
        head = type_run(doc, s_index, tokens, first, first + cut, lex)
        return head + type_run(doc, s_index, tokens, first + cut, last, lex)
    parts = [known(w, lex.code) for w in words]
    if any(p is not None for p in parts):
        out = []
        for k, hit in enumerate(parts):
            span = make_span(doc, s_index, tokens, first + k, first + k + 1)
            if hit is not None:
                out.append(_typed(span, hit))
            elif tokens[first + k].pos == "NE" and not tagger_prefers_noun(words[k], lex.code):
                out.append(span)
        return out
    span = make_span(doc, s_index, tokens, first, last)
    span.type, span.evidence = "PER", "fallback"
    return [span]


def qualify(span: Span, tokens: list[Token], first: int, lex: Lexicon) -> Span:
    """'im russischen Fernen Osten' -> Russian Far East (a qualifier word before a region)."""
    if span.evidence != "alias" or span.type != "LOC" or first < 1:
        return span
    for stem in stems(tokens[first - 1].text):
        if stem in lex.qualifiers:
            span.canonical = f"{lex.qualifiers[stem]} {span.canonical}"
            break
    return span


# ---------------------------------------------------------------- document level

def base_name(word: str, names: set[str], code: str) -> str:
    """The genitive's base when the base is a name in this document (Putins -> Putin)."""
    base = genitive_base(word) if lang.settings(code).feature("genitive_s_names") else word
    return base if base != word and base in names else word


def person_canonical(span: Span, names: set[str], code: str) -> str:
    """English spelling of a person's full name; a genitive on the last word is dropped
    when its base occurs in the document (Wladimir Putins -> Vladimir Putin)."""
    return english_name([*span.words[:-1], base_name(span.words[-1], names, code)], code)


def surname_index(spans: list[Span], code: str) -> dict[str, Span]:
    """Short form -> full-name span: the last name (Putin, Putins), or for Korean names the
    family name (Kim). The first full name met wins."""
    index: dict[str, Span] = {}
    for s in spans:
        if s.type != "PER" or len(s.words) < 2:
            continue
        last = s.words[0] if s.evidence == "korean" else s.words[-1]
        index.setdefault(last, s)
        index.setdefault(romanise(last), s)  # "Путин" ... "Putin"
        if lang.settings(code).feature("genitive_s_names"):
            index.setdefault(last + "s", s)
    return index


def link_acronyms(spans: list[Span], doc: Document) -> None:
    """'Institute for the Study of War (ISW)': the acronym names the long name's entity."""
    for prev, span in zip(spans, spans[1:], strict=False):
        between = doc.text[prev.end:span.start]
        if span.evidence == "acronym" and between.strip() == "(" and len(prev.words) > 1 and prev.type:
            span.canonical = prev.canonical = prev.canonical or prev.text
            span.type, span.evidence = prev.type, "coref"


def initials(words: list[str], lex: Lexicon) -> str:
    """'National Intelligence Service' -> NIS; link words and particles are skipped."""
    parts = [p for w in words for p in w.split("-") if p]
    return "".join(p[0].upper() for p in parts if p[:1].isupper() and p not in lex.org_links)


def expand_acronyms(spans: list[Span], lex: Lexicon) -> None:
    """An acronym anywhere in the document names the one organisation of the document whose
    capitalised words it abbreviates ('NIS' ... 'National Intelligence Service')."""
    long_names: dict[str, set[str]] = {}
    for s in spans:
        if s.type == "ORG" and len(s.words) > 1:
            long_names.setdefault(initials(s.words, lex), set()).add(s.canonical or s.text)
    for s in spans:
        found = long_names.get(s.text, set()) if s.evidence == "acronym" else set()
        if len(found) == 1:
            s.canonical, s.evidence = next(iter(found)), "coref"


def resolve(spans: list[Span], doc: Document, lex: Lexicon) -> None:
    """Give every span a type and canonical name, linking short forms to full names."""
    code = lex.code
    link_acronyms(spans, doc)
    expand_acronyms(spans, lex)
    names = {w for s in spans for w in s.words}
    surname_of = surname_index(spans, code)
    typed_single = {s.words[0]: s for s in spans if len(s.words) == 1 and s.type}
    for s in spans:
        if s.canonical and s.evidence != "city":
            continue
        word = s.words[0] if len(s.words) == 1 else ""
        full = surname_of.get(word)
        if full is not None and (s.type in ("", "PER") or s.evidence == "city"):
            s.type, s.canonical, s.evidence = "PER", full.canonical or person_canonical(full, names, code), "coref"
            continue
        if s.canonical:
            continue
        if word and not s.type:
            other = typed_single.get(base_name(word, set(typed_single), code))
            s.type, s.evidence = (other.type, "coref") if other else fallback_type(s, doc, lex)
        s.canonical = name_canonical(s, names, code)


def name_canonical(span: Span, names: set[str], code: str) -> str:
    if span.type == "PER":
        return person_canonical(span, names, code)
    if span.type == "LOC":
        hit = known(span.text, code, small_places=True)
        if hit is not None:
            return hit.canonical
        if looks_slavic(span.words, code):
            return english_name(span.words, code)
    if any(romanise(w) != w for w in span.words):
        return english_name(span.words, code)
    return span.text if len(span.words) > 1 else base_name(span.words[0], names, code)


def fallback_type(span: Span, doc: Document, lex: Lexicon) -> tuple[str, str]:
    """Type and evidence of a lone unknown name (see `entity_types.lone_name_type`)."""
    tokens = doc.sentences[span.sentence].tokens
    after_prep = span.first > 0 and tokens[span.first - 1].text.lower() in lex.place_preps
    return lone_name_type(span.text, after_prep, lex)


def propagate(spans: list[Span], doc: Document, lex: Lexicon) -> list[Span]:
    """Occurrences of an already found one-word name that the scan missed (Putin tagged NN)."""
    by_word: dict[str, Span] = {}
    for s in spans:
        if len(s.words) == 1 and s.type:
            by_word.setdefault(s.words[0], s)
            if s.type == "PER" and lang.settings(lex.code).feature("genitive_s_names"):
                by_word.setdefault(s.words[0] + "s", s)
    covered = {(s.start, s.end) for s in spans}
    taken = [(s.start, s.end) for s in spans]
    extra = []
    for si, sentence in enumerate(doc.sentences):
        skip = skipped_tokens(sentence.tokens)
        for ti, tok in enumerate(sentence.tokens):
            ref = by_word.get(tok.text)
            if ref is None or ti in skip or (tok.start, tok.end) in covered:
                continue
            if any(a < tok.end and tok.start < b for a, b in taken):
                continue
            extra.append(Span(si, ti, ti + 1, tok.start, tok.end, tok.text, [tok.text],
                              ref.canonical, ref.type, "propagated"))
    return spans + extra


def to_entities(spans: list[Span]) -> list[Entity]:
    entities: dict[tuple[str, str], Entity] = {}
    by_canonical: dict[str, Entity] = {}
    for s in sorted(spans, key=lambda x: x.start):
        entity = by_canonical.get(s.canonical)
        if entity is None:
            entity = entities.setdefault((s.canonical, s.type), Entity(s.canonical, s.type, confidence=0.0))
            by_canonical[s.canonical] = entity
        entity.confidence = max(entity.confidence, confidence(s.evidence))
        if not any(m.start == s.start for m in entity.mentions):
            entity.mentions.append(Mention(s.text, s.start, s.end))
    return list(entities.values())


def find_spans(doc: Document) -> list[Span]:
    lex = lexicon(lang.code(doc.language))
    first_pass: list[Span] = []
    for s_index in range(len(doc.sentences)):
        first_pass.extend(scan_sentence(doc, s_index, lex, set()))
    surfaces = {s.words[0] for s in first_pass if len(s.words) == 1}
    spans: list[Span] = []
    for s_index in range(len(doc.sentences)):
        spans.extend(scan_sentence(doc, s_index, lex, surfaces))
    resolve(spans, doc, lex)
    return propagate([s for s in spans if s.type and s.canonical], doc, lex)


def extract_entities(doc: Document) -> Document:
    """Stage: fill `doc.entities`, one Entity per referent, every body occurrence a Mention."""
    doc.entities = to_entities(find_spans(doc)) if doc.sentences else []
    return doc
