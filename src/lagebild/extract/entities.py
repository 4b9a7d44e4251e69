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

from lagebild import lang
from lagebild.extract.entity_candidates import scan_sentence
from lagebild.extract.entity_names import english_name, looks_slavic, romanise
from lagebild.extract.entity_runs import skipped_tokens
from lagebild.extract.entity_types import confidence, lone_name_type
from lagebild.extract.entity_words import Lexicon, Span, genitive_base, known, lexicon
from lagebild.model import Document, Entity, Mention


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
