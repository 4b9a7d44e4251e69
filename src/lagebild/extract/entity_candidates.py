"""Entities: candidate names of one sentence and their first type: multi-word and quoted names,
hyphen compounds, runs of name tokens typed by gazetteer, cue, given name or head word."""
from __future__ import annotations

from lagebild.extract.entity_names import korean_given_name, korean_syllables
from lagebild.extract.entity_runs import continues_name, cue_before, is_name_start, skipped_tokens
from lagebild.extract.entity_types import is_given, org_phrase, run_type
from lagebild.extract.entity_words import (
    NAME_QUOTES,
    Lexicon,
    Span,
    foreign_word,
    is_acronym,
    is_capitalised,
    known,
    korean_part,
    stems,
    tagger_prefers_noun,
    vetoed_compound,
)
from lagebild.lang import gazetteer as gaz
from lagebild.model import Document, Token

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
    if tokens[i].text not in NAME_QUOTES or i + 2 >= len(tokens):
        return None
    close = next((j for j in range(i + 2, min(i + 7, len(tokens))) if tokens[j].text in NAME_QUOTES), None)
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
