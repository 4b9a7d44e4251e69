"""Entities: runs of name tokens in one sentence: credits to skip, the cue noun before a name,
where a name starts and which tokens (particles, hyphen parts, club words) continue it."""
from __future__ import annotations

from lagebild.extract.entity_names import korean_syllables
from lagebild.extract.entity_types import is_given, is_surname
from lagebild.extract.entity_words import (
    NAME_QUOTES,
    Lexicon,
    cue_type,
    foreign_word,
    is_capitalised,
    is_title,
    known,
    known_compound,
    korean_part,
    prefixed_name,
    tagger_prefers_noun,
)
from lagebild.model import Token

_NAME_POS = frozenset({"NE", "FM"})
_EN_RUN_POS = frozenset({"NE", "FM", "NN", "ADJA", "XY"})


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
    while j >= 0 and tokens[j].text in NAME_QUOTES:
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
    if not lex.capitalised_nouns and i > 0 and tok.pos in _EN_RUN_POS and tokens[i - 1].text not in NAME_QUOTES:
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
