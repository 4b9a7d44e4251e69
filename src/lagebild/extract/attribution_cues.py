"""Where a sentence says who says so: the attribution cues of one sentence.

- prepositions: "laut X", "X zufolge", "nach Angaben X", "unter Berufung auf X"
  (`attribution_prepositions.tsv` says where the source stands);
- verbs of saying (`attribution_verbs.txt`): their subject ("X sagte", "sprach X von",
  "..., sagte X", "wie X schreibt"), the agent of a passive ("wird von X geschätzt"),
  a relative pronoun's antecedent; impersonal "hieß es aus X";
- verbs of counting when an institution counts ("the health agency counted");
- particles: ", so X" (`attribution_particles.txt`).

Noun phrases, clause segments and asides come from the sentence structure
(`Sentence.syntax`); a pronoun source is the person named last before it.
"""
from __future__ import annotations

from lagebild.extract.attribution_base import (
    AttributionLexicon,
    frame_segment,
    np_after,
    np_before,
    text_of,
    verb_lemma,
)
from lagebild.extract.attribution_subject import resolve_pronoun, subject
from lagebild.model import Cue, Document, Sentence, Span
from lagebild.text.tokens import (
    CLAUSE_PUNCTUATION,
    DETERMINERS,
    FINITE,
    PREPOSITIONS,
    at,
    low,
)

# --- cues ----------------------------------------------------------------------------------------

def _impersonal(doc: Document, s: Sentence, v: int, lex: AttributionLexicon) -> str:
    """"hieß es aus Seoul" -> Seoul; "In einem Bericht hieß es" -> Bericht."""
    tokens = s.tokens
    first, end = frame_segment(s, v)
    for k in range(v + 1, min(end, v + 5)):
        if tokens[k].pos in PREPOSITIONS:
            return text_of(s, np_after(s, k + 1, lex), doc)
    if tokens[first].pos in PREPOSITIONS:
        return text_of(s, np_after(s, first + 1, lex), doc)
    return ""


def _complement_ok(s: Sentence, v: int, required: frozenset[str], lex: AttributionLexicon) -> bool:
    """"sprach von 6000 Toten" is a report, "sprachen vier Stunden" is not. Where the verb
    stands last in subordinate clauses and perfect tenses ("hatte von 11.000 Soldaten
    gesprochen"), the complement may stand anywhere in the clause."""
    if not required:
        return True
    first, end = frame_segment(s, v)
    start = first if lex.verb_second else v + 1
    return any(low(s.tokens, k) in required for k in range(start, end) if k != v)


def is_passive(s: Sentence, v: int, lex: AttributionLexicon) -> bool:
    """"Die Zahl wird auf 11.000 geschätzt": the subject is what is counted, not who counts."""
    tokens = s.tokens
    if tokens[v].pos != "VVPP":
        return False
    first, end = frame_segment(s, v)
    return any(tokens[k].pos in FINITE and tokens[k].lemma.lower() in lex.passive for k in range(first, end))


def _passive_agent(doc: Document, s: Sentence, v: int, lex: AttributionLexicon) -> str:
    """The "von X" / "by X" agent of the passive participle at v. With subject-verb order the
    agent follows the participle, before any other verb ("are estimated by X"; in "are
    estimated to have made up ... fired by X" it belongs to "fired"); else anywhere in the clause."""
    tokens = s.tokens
    first, end = frame_segment(s, v)
    if not lex.verb_second:
        first = v + 1
        end = next((k for k in range(v + 1, end) if tokens[k].pos.startswith("V")), end)
    for k in range(first, end):
        if low(tokens, k) in lex.agent_preps:
            np = np_after(s, k + 1, lex)
            if np:
                return text_of(s, np, doc)
    return ""


def _is_saying_verb(s: Sentence, v: int, lex: AttributionLexicon) -> bool:
    """A verb token; also a lower-case verb the tagger took for a noun ("the military
    estimates that ...") when a subject stands before it and a complementizer follows."""
    tokens = s.tokens
    tok = tokens[v]
    if tok.pos.startswith("V"):
        return True
    return (not lex.capitalised_nouns and tok.pos.startswith("NN") and tok.text.lower().endswith("s")
            and low(tokens, v + 1) in lex.complementizers and v > 0
            and tokens[v - 1].pos in ("NN", "NE", "ADJA") and tok.lemma.lower() in lex.verbs)


def institution(doc: Document, name: str, lex: AttributionLexicon) -> bool:
    """`name` names an organisation: a word ending in an organisation noun ("spy agency",
    "Gesundheitsministerium") or the name of an organisation entity of the document."""
    if any(w.lower().strip('".,').endswith(lex.org_words) for w in name.split()):
        return True
    return any(e.type == "ORG" and any(m.text in name for m in e.mentions) for e in doc.entities)


def verb_cues(doc: Document, s: Sentence, lex: AttributionLexicon) -> list[Cue]:
    cues = []
    for v, tok in enumerate(s.tokens):
        if not _is_saying_verb(s, v, lex):
            continue
        lemma = verb_lemma(s, v, lex)
        if lemma in lex.impersonal or tok.lemma.lower() in lex.impersonal:
            source = _impersonal(doc, s, v, lex)
        elif lemma in lex.verbs and _complement_ok(s, v, lex.verbs[lemma], lex):
            source = _passive_agent(doc, s, v, lex) if is_passive(s, v, lex) else subject(doc, s, v, lex)
        elif lemma in lex.tally_verbs and not is_passive(s, v, lex):
            source = subject(doc, s, v, lex)
            source = source if institution(doc, source, lex) else ""
        else:
            continue
        if source:
            cues.append(Cue(s.index, v, source))
    return cues


def _particle_cues(doc: Document, s: Sentence, lex: AttributionLexicon) -> list[Cue]:
    """", so Putin weiter." (a source with no verb of saying)."""
    cues, tokens = [], s.tokens
    for i, tok in enumerate(tokens):
        if tok.text.lower() not in lex.particles or i == 0 or tokens[i - 1].text not in CLAUSE_PUNCTUATION:
            continue
        np = np_after(s, i + 1, lex)
        if np and (np[1] >= len(tokens) or tokens[np[1]].text in CLAUSE_PUNCTUATION | {"."}
                   or tokens[np[1]].pos in ("ADV", "PTKVZ")
                   or lex.preposition_words.at(tokens, np[1])):  # ", so Shin laut Yonhap"
            cues.append(Cue(s.index, i, text_of(s, np, doc)))
    return cues


def _report_noun(word: str, lex: AttributionLexicon) -> bool:
    """A noun that names a report, also as the head of a compound ("Kremlangaben",
    "Regierungsangaben": the first part names whose report it is)."""
    word = word.lower()
    return word in lex.nouns or any(word.endswith(n) and len(word) >= len(n) + 3 for n in lex.nouns)


def _strip_report_noun(s: Sentence, span: Span, lex: AttributionLexicon) -> Span:
    """"Angaben westlicher Geheimdienste" -> "westlicher Geheimdienste"; "Schätzungen" stays;
    "Angaben von Behörden der Region" -> "Behörden der Region"."""
    tokens = s.tokens
    first, end = span
    if tokens[first].text.lower() not in lex.nouns:
        return span
    k = first + 1
    while k < len(tokens) and (tokens[k].pos in DETERMINERS or low(tokens, k) in lex.of_words):
        k += 1
    if k < end:
        return k, end
    if k > end:  # "Angaben von X": the source stands after the preposition
        np = np_after(s, end + 1 if low(tokens, end) in lex.of_words else end, lex)
        if np:
            return np
    return span


def _preposition_cues(doc: Document, s: Sentence, lex: AttributionLexicon, cues: list[Cue]) -> list[Cue]:
    """Cues from "laut X", "X zufolge", "nach Angaben X"; a chain ("unter Berufung auf X")
    only counts when no other cue names the reporter (`cues` are the ones found so far)."""
    speakers, cues, tokens = list(cues), list(cues), s.tokens
    for i in range(len(tokens)):
        for phrase in lex.preposition_words.by_first.get(low(tokens, i), ()):
            if not at(tokens, i, phrase):
                continue
            mode = lex.prepositions[phrase]
            after = i + len(phrase)
            if mode == "chain" and any(c.token != i for c in cues):
                continue  # "X schreibt unter Berufung auf Y": X stays the source
            if mode != "chain" and any(frame_segment(s, c.token) == frame_segment(s, i) for c in speakers):
                continue  # "so Shin laut der Agentur Yonhap": the speaker, not the channel
            if mode == "before":
                np = np_before(s, i, lex.genitives)
            elif mode == "after_noun":  # "nach Angaben X", "nach südkoreanischen Angaben"
                np = np_after(s, after, lex)
                if np is None or not any(_report_noun(t.text, lex) for t in tokens[np[0]:np[1]]):
                    continue
            else:
                np = np_after(s, after, lex)
            if np:
                cues.append(Cue(s.index, i, _report_source(doc, s, _strip_report_noun(s, np, lex), lex)))
    return cues


def _report_source(doc: Document, s: Sentence, span: Span, lex: AttributionLexicon) -> str:
    """The source a report phrase names: none for a report described only by its stage ("nach
    ersten Erkenntnissen"); the person a possessive points to ("nach seinen Angaben")."""
    tokens = s.tokens
    words = tokens[span[0]:span[1]]
    bare = all(_report_noun(t.text, lex) or t.lemma.lower() in lex.unsourced or t.text.lower() in lex.unsourced
               for t in words)
    if bare and any(t.lemma.lower() in lex.unsourced or t.text.lower() in lex.unsourced for t in words):
        return ""
    if bare and span[0] > 0 and tokens[span[0] - 1].pos == "PPOSAT":
        return resolve_pronoun(doc, tokens[span[0] - 1].start) or text_of(s, span, doc)
    return text_of(s, span, doc)


def _noun_cues(doc: Document, s: Sentence, lex: AttributionLexicon) -> list[Cue]:
    """"die Angaben von X, dass ...", "the claim by X that ...": a report noun with its author
    and a complement clause reports what that clause says."""
    cues, tokens = [], s.tokens
    for i in range(len(tokens) - 3):
        if tokens[i].text.lower() not in lex.nouns:
            continue
        k = i + 1
        if low(tokens, k) not in lex.of_words | lex.genitives:
            continue
        np = np_after(s, k + 1 if low(tokens, k) in lex.of_words else k, lex)
        if np is None:
            continue
        end = np[1] + 1 if np[1] < len(tokens) and tokens[np[1]].text == "," else np[1]
        if low(tokens, end) in lex.complementizers:
            cues.append(Cue(s.index, i, text_of(s, np, doc)))
    return cues


_DASHES = frozenset({"–", "—", "-"})


def _named(doc: Document, s: Sentence, first: int, end: int, lex: AttributionLexicon) -> str:
    """The text of tokens[first:end] when it is one name of the document's entities or a phrase
    ending in an organisation word, after any date or number that opens it ("date 2025-06 Moskau")."""
    tokens = s.tokens
    while first < end and (tokens[first].pos == "CARD" or tokens[first].kind != "regular"
                           or any(t.start <= tokens[first].start < t.end for t in doc.times)):
        first += 1
    if first >= end:
        return ""
    a, b = tokens[first].start, tokens[end - 1].end
    if any(m.start == a and m.end == b for e in doc.entities for m in e.mentions):
        return doc.text[a:b]
    return doc.text[a:b] if institution(doc, doc.text[a:b], lex) and tokens[end - 1].pos.startswith("N") \
        and all(t.pos in ("NN", "NE", "ADJA", "ART") for t in tokens[first:end]) else ""


def _headline_cues(doc: Document, s: Sentence, lex: AttributionLexicon) -> list[Cue]:
    """A headline that names its source: "Moskau: Nordkorea schickt ...", "... an Russland – Reuters"."""
    if not s.headline:
        return []
    tokens, cues = s.tokens, []
    if s.syntax.colons:
        colon = s.syntax.colons[0]
        name = _named(doc, s, 0, colon, lex)
        if name:
            cues.append(Cue(s.index, colon, name))
    end = len(tokens) - 1 if tokens and tokens[-1].text in ".!?" else len(tokens)
    dash = next((k for k in range(end - 1, 0, -1) if tokens[k].text in _DASHES), None)
    if dash is not None and end - dash <= 4:
        name = _named(doc, s, dash + 1, end, lex)
        if name:
            cues.append(Cue(s.index, dash, name))
    return cues


def sentence_cues(doc: Document, s: Sentence, lex: AttributionLexicon) -> list[Cue]:
    """Every attribution in the sentence, with the token where it stands."""
    found = verb_cues(doc, s, lex) + _particle_cues(doc, s, lex) + _noun_cues(doc, s, lex) + _headline_cues(doc, s, lex)
    cues = [c for c in found if c.source]
    return [c for c in _preposition_cues(doc, s, lex, cues) if c.source]
