"""Line features that hold for any outlet, each turned into cues for the scorer.

Every feature reads one stripped line and the language's lexicon and returns the cues it
finds (`Cue(kind, label, weight)`): the shape of the line (separators, link lists,
counters, brackets), its tokens (capitalised name words, job titles, agencies, dates and
read times) and general cue phrases (labels, imperative calls, reader address).
Nothing here names an outlet; the words come from `lang/<code>/boilerplate_*`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from lagebild.text.boilerplate.lexicon import Lexicon, lexicon
from lagebild.text.boilerplate.scorer import STRONG, Cue

_PREFIX = re.compile(r"^\s*(?:date|datum|published)\s*[:=]?\s*\d{4}(?:-\d{2}){0,2}(?:[T ][\d:]{4,8}Z?)?(?:\s+|$)",
                     re.IGNORECASE)
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO date
    r"|\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})?"  # 17.06.2025, 17.06.
    r"|\d{1,2}/\d{1,2}/\d{2,4}"  # 6/17/2025
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # 15:03
    r"|\d+(?:st|nd|rd|th)?\.?"  # 17., 2025, 3rd
)
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d{2}\b")
# a year or a month and year alone is a section heading of a chronicle ("1861", "Juni 2024")
_BARE_PERIOD = re.compile(r"^\s*(?:[^\W\d_]+\.?\s+)?(?:1[0-9]|20)\d{2}\s*[:.]?\s*$")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_DIGIT = re.compile(r"\d")
_ALNUM = re.compile(r"[^\W_]")
_EDGE = re.compile(r"^[\W\d_]+|[\W_]+$")
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–—*•→▶►>]+)\s+")
_PART_SPLIT = re.compile(r"\s*[|/>›»·•,;]\s*")
_LINK_SEPARATORS = re.compile(r"\s[|›»>·•]\s")
_COUNTER = re.compile(r"^\s*(\d{1,3})\s*/\s*(\d{1,3})(?!\d)(?:\s*$|\s+(?=[A-ZÄÖÜ\"„“«]))")
_BRACKETED = re.compile(r"\(([^()]{1,24})\)")
_QUOTE = re.compile(r"[„“”\"«»‚‘’][^„“”\"«»]{3,}?[“”\"«»‘’]")
_CAMEL = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
_DECOR = re.compile(r"^[\s+*•→▶►»>|-]+|[\s+*•←◀◄«<|-]+$")
_GLUED_END = re.compile(r"[.!?:;)](?=[A-ZÄÖÜ])")
_SENTENCE_END = re.compile(r"[.!?…]\s*$")


# ---------------------------------------------------------------- tokens

def strip_prefix(text: str) -> str:
    """The line without a leading scraper metadata prefix such as "date 2025-07 "."""
    return _PREFIX.sub("", text, count=1)


def normalise(text: str) -> str:
    """Lower-cased line without list numbers, bullets and edge punctuation."""
    text = _LIST_MARK.sub("", text.strip())
    return " ".join(_EDGE.sub("", text.casefold()).split())


def word_count(text: str) -> int:
    return len(text.split())


def capitalised(word: str) -> bool:
    """True for a word that starts with a capital letter ("Müller", "KIM", "Spokesman-Review")."""
    letter = next((c for c in word if c.isalpha()), "")
    return letter.isupper()


def ends_with_any(word: str, endings: tuple[str, ...]) -> bool:
    w = word.casefold().strip(".,;:()")
    return any(w.endswith(e) for e in endings)


def _name_like(word: str, lex: Lexicon) -> bool:
    """A capitalised word that is not a function word ("Anna", "KIM", "Jong-un"; not "Der")."""
    bare = word.strip(",;:()[]")
    return bool(bare) and capitalised(bare) and bare.casefold() not in lex.stopwords


def has_date(text: str, lex: Lexicon) -> bool:
    """True when the line holds a year, a numeric date or a day with a month name."""
    if _YEAR.search(text) or re.search(r"\d{1,2}[./]\d{1,2}[./]", text):
        return True
    words = {w.casefold().rstrip(".") for w in _WORD.findall(text)}
    return bool(_DIGIT.search(text)) and bool(words & lex.meta_words)


# ---------------------------------------------------------------- shape

def separator(text: str, lex: Lexicon) -> Iterator[Cue]:
    if not _ALNUM.search(text):
        yield Cue("navigation", "separator line", STRONG)


def dateline(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A dateline or time stamp: dates, clock times and meta words, maybe after a place name."""
    if word_count(text) > 14 or not _DIGIT.search(text) or _COUNTER.match(text):
        return
    words = [w.rstrip(".") for w in _WORD.findall(_DATE_TIME.sub(" ", text))]
    other = [w for w in words if w.casefold() not in lex.meta_words]
    if not other and not _BARE_PERIOD.match(text):
        yield Cue("metadata", "date and time only", STRONG)
    elif len(other) <= 3 and len(other) < len(words) and all(capitalised(w) for w in other) and "," in text \
            and has_date(text, lex) and not _SENTENCE_END.search(text.rstrip(".")):
        yield Cue("metadata", "place and date", STRONG)


def gallery_counter(text: str, lex: Lexicon) -> Iterator[Cue]:
    """ "1/2 Caption …" or "1 / 21": the position in a photo gallery."""
    match = _COUNTER.match(text)
    if match and 0 < int(match.group(1)) <= int(match.group(2)):
        yield Cue("caption", f"gallery counter '{match.group(0).strip()}'", STRONG)


def position_mark(text: str, lex: Lexicon) -> Iterator[Cue]:
    """ "(l.)", "(R)", "(Archivbild)": marks that only photo captions use."""
    for match in _BRACKETED.finditer(text):
        if match.group(1).strip().casefold() in lex.position_marks:
            yield Cue("caption", f"position mark '{match.group(0)}'", 2.0)
            return


def update_note(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A whole line in brackets that opens with an update label: "(Neu: Vertrag unterzeichnet)"."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in "([" and stripped[-1] in ")]":
        head = re.split(r"[:\s]", stripped[1:], maxsplit=1)[0].casefold()
        if head in lex.update_labels:
            yield Cue("metadata", f"update note '{stripped[:20]}'", STRONG)


def link_list(text: str, lex: Lexicon) -> Iterator[Cue]:
    """Menu items: known furniture words, "A | B | C" of short items (maybe after a label), or
    items glued together."""
    reason = furniture_kind(text, lex)
    if reason:
        yield Cue(reason, f"page furniture '{text[:30]}'", STRONG)
        return
    parts = [p.strip() for p in _LINK_SEPARATORS.split(f" {text} ") if p.strip()]
    if len(parts) >= 3 and all(word_count(p) <= 3 and not _SENTENCE_END.search(p) for p in parts[1:]):
        yield Cue("navigation", "link list", STRONG)
    elif word_count(text) <= 6 and any(len(_CAMEL.findall(w)) >= 2 for w in text.split()):
        yield Cue("navigation", "menu items glued together", 2.0)


def _glued(word: str, entries: frozenset[str]) -> bool:
    """True when `word` is one or more lexicon entries written together ("kommentaredrucken")."""
    ok = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        ok[end] = any(ok[start] and word[start:end] in entries for start in range(max(0, end - 30), end))
    return ok[-1]


def _furniture_part(part: str, lex: Lexicon) -> bool:
    if part in lex.lines or only_dates(part, lex):
        return True
    return all(w in lex.lines or _glued(w, lex.glued) for w in part.split())


def only_dates(text: str, lex: Lexicon) -> bool:
    """Dates, clock times and meta words only ("Stand: 03.04.2025", "6 Min")."""
    if not _DIGIT.search(text):
        return False
    return all(w.casefold().rstrip(".") in lex.meta_words for w in _WORD.findall(_DATE_TIME.sub(" ", text)))


def furniture_kind(text: str, lex: Lexicon) -> str | None:
    """Kind of a line made only of navigation or box headers ("Teilen", "Auch interessant", "1. Startseite")."""
    norm = normalise(text)
    if not norm or word_count(norm) > 8:
        return None
    if norm in lex.lines:
        return lex.lines[norm]
    parts = [p.strip() for p in _PART_SPLIT.split(norm) if p.strip()]
    if parts and all(_furniture_part(p, lex) for p in parts):
        return lex.lines.get(parts[0].split()[0], "navigation")
    return None


# ---------------------------------------------------------------- credits and authors

def _credit_piece(piece: str, lex: Lexicon) -> bool:
    bare = piece.strip("()[],")
    return not bare or capitalised(bare) or bare.casefold() in lex.agencies


def credit_tail(text: str, lex: Lexicon) -> int | None:
    """Start of a photo credit glued to the end of a line, or None.

    A credit is a run of name words with "/" or "via" between them and an agency or picture
    service among them: "…Testsatelliten.KIM Jae-Hwan/SOPA Images via Getty Images",
    "Contributor/Getty Images". A bracketed agency tag after a sentence ("(ab/AFP)") is not one.
    """
    if text.rstrip().endswith((")", ".")):
        return None
    tokens = list(re.finditer(r"\S+", text))
    start, links, agency = None, 0, False
    for match in reversed(tokens):
        token = match.group(0)
        glued = list(_GLUED_END.finditer(token))
        piece_text = token[glued[-1].end():] if glued else token
        pieces = piece_text.split("/")
        if not all(_credit_piece(p, lex) for p in pieces):
            break
        links += piece_text.count("/") + (piece_text.casefold() == "via")
        agency = agency or any(p.strip("()[],").casefold() in lex.agencies for p in pieces)
        start = match.start() + (glued[-1].end() if glued else 0)
        if glued:
            break
    return start if start is not None and links and agency else None


def credit(text: str, lex: Lexicon) -> Iterator[Cue]:
    """Photo and source credits: after a label, ©, a glued agency chain, or an agency line."""
    stripped = text.strip()
    start = credit_start(stripped, lex)
    if start is not None:
        alone = start <= 1 and word_count(stripped) <= 6
        yield Cue("credit" if alone else "caption",
                  f"credit '{stripped[start:start + 40].strip()}'", STRONG)
    elif agency_line(stripped, lex):
        yield Cue("credit", "agency name only", STRONG)


@lru_cache(maxsize=8)
def _label_pattern(code: str) -> re.Pattern[str]:
    labels = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(lexicon(code).credit_labels, key=len,
                                                                         reverse=True))
    tail = r"(?:[^.!?:]|\.(?!\s+\S)){1,90}"  # a name, maybe with abbreviation dots ("F.A.Z."), no sentence
    return re.compile(rf"(?:^|[.!?)]\s*|[(\[]|\s[–—−-]\s*)(?:{labels})\s*:\s*{tail}$", re.IGNORECASE)


@lru_cache(maxsize=8)
def _bracket_pattern(code: str) -> re.Pattern[str]:
    """A bracketed photo credit closing a line: "(AP Photo/Jane Doe, File)", "(Foto: dpa)"."""
    labels = "|".join(re.escape(w) for w in sorted(lexicon(code).credit_labels, key=len, reverse=True))
    return re.compile(rf"\((?:[\w.&-]+\s+)?(?:{labels})\b[^()]{{0,60}}\)\s*$", re.IGNORECASE)


def credit_start(text: str, lex: Lexicon) -> int | None:
    """Where the credit of a line starts, or None when it has none."""
    copyright_mark = re.search(r"©|\(c\)\s*\w", text, re.IGNORECASE)
    if copyright_mark:
        return copyright_mark.start()
    label = _label_pattern(lex.code).search(text)
    if label:
        return label.start() + len(label.group(0)) - len(label.group(0).lstrip(" .!?)([–—−-"))
    bracket = _bracket_pattern(lex.code).search(text)
    if bracket:
        return bracket.start()
    return credit_tail(text, lex)


def _credit_words(text: str, lex: Lexicon) -> list[tuple[str, bool]]:
    """(word, is an agency or credit word) pairs; a two-word entry ("Press Agency") is one word."""
    raw = [w for w in re.split(r"[\s/]+", text) if w]
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(raw):
        pair = f"{raw[i]} {raw[i + 1]}".casefold() if i + 1 < len(raw) else ""
        if pair in lex.agencies or pair in lex.credit_labels:
            out.append((pair, True))
            i += 2
            continue
        word = raw[i].casefold()
        out.append((raw[i], word in lex.agencies or word in lex.credit_labels))
        i += 1
    return out


def agency_line(text: str, lex: Lexicon) -> bool:
    """ "German Press Agency dpa", "(Example Graphics)", "dpa AFP": name words, then agency or credit
    words to the end of the line (a bare name before them only with "Press Agency" or in brackets)."""
    bare = text.strip("()[] ")
    if word_count(bare) > 8:
        return False
    words = _credit_words(bare, lex)
    if not words or len(words) > 6 or _SENTENCE_END.search(bare) or not words[-1][1]:
        return False
    first = next(i for i, (_, known) in enumerate(words) if known)
    if not all(known for _, known in words[first:]) or not all(capitalised(w) for w, _ in words[:first]):
        return False
    return first == 0 or " " in words[first][0] or text.strip()[:1] in "(["


def byline(text: str, lex: Lexicon) -> Iterator[Cue]:
    """ "Von Anna Muster", "Von: A, B und C", "by A and The X news desk May 1, 2024 5:54 PM 2 min read"."""
    match = lex.byline.match(text.strip())
    if not match or text.rstrip().endswith(("!", "?")):
        return
    words = [w for w in re.split(r"[\s,;|·•]+", match.group("rest")) if w]
    if words and _name_like(words[0], lex) and _first_name_group(words, lex) and \
            all(_byline_word(w, lex) for w in words) and not _ends_sentence(words[-1]):
        yield Cue("metadata", "byline", STRONG)


def _ends_sentence(word: str) -> bool:
    return word.endswith((".", "!", "?")) and len(word.strip(".")) > 2 and word.casefold() not in ("est.",)


def _first_name_group(words: list[str], lex: Lexicon) -> bool:
    """A person's name has two words or more; a single word must be an agency or the whole line."""
    group = []
    for w in words:
        if not _name_like(w, lex) or w.casefold() in lex.stopwords:
            break
        group.append(w)
    return len(group) >= 2 or len(words) == 1 or group[0].casefold().strip(".,") in lex.agencies


def _byline_word(word: str, lex: Lexicon) -> bool:
    w = word.strip("()[]").casefold().rstrip(".")
    return (_name_like(word, lex) or w in lex.stopwords and len(w) <= 4 or w in lex.meta_words or w in lex.agencies
            or ends_with_any(w, lex.person_roles + lex.desk_roles) or bool(_DIGIT.search(w)) or w in ("&", "-", "–"))


def author_box(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A name followed by a newsroom job title: "Anna Muster Redakteurin", "Jan Probe, Korrespondent".

    A longer line of capitalised words only is an English title-case headline, not an author box.
    """
    if word_count(text) > 4 and all(capitalised(w) or w.casefold() in lex.stopwords for w in text.split()):
        return
    words = [w.strip(",") for w in text.split()[:5]]
    names = 0
    for w in words:
        if ends_with_any(w, lex.person_roles) and w[:1].isupper():
            if 2 <= names <= 3:
                yield Cue("metadata", f"name and job title '{w}'", STRONG)
            return
        if not _name_like(w, lex):
            return
        names += 1


# ---------------------------------------------------------------- words of boxes

def cue_phrases(text: str, lex: Lexicon) -> Iterator[Cue]:
    """Phrases of appeals, notes and boxes (`boilerplate_cues`; on short lines also the other
    languages'), and reader address on short lines."""
    short = word_count(text) <= 25
    for cue in lex.cues + lex.foreign_cues if short else lex.cues:
        match = cue.pattern.search(text)
        if match and (cue.kind != "address" or short):
            label = "addresses the reader" if cue.kind == "address" else f"'{match.group(0).strip()[:30]}'"
            yield Cue(cue.kind, label, cue.weight)


def call_to_action(text: str, lex: Lexicon) -> Iterator[Cue]:
    """An imperative opener ("Unterstütze …", "Subscribe …", "Support … !")."""
    body = _DECOR.sub("", text)
    for pattern, kind in lex.calls:
        match = pattern.match(body)
        if match:
            yield Cue(kind, f"call to action '{match.group(0)}'", 1.0)
            if body.rstrip().endswith("!"):
                yield Cue(kind, "ends with '!'", 1.0)
            return


def control_labels(text: str, lex: Lexicon) -> Iterator[Cue]:
    """Labels of page controls: a noun and a control verb ("Newsblog aktualisieren", "Fotostrecke ansehen").

    A line of labels only is navigation. Inside a line a label counts where it is glued
    between name words ("… Zerstörung Fotostrecke ansehen", "Personen-Box aufklappen Personen-Box
    zuklappen"), not after a finite verb ("Kinder sollen Nachrichten lesen").
    """
    body = _DECOR.sub("", text).strip()
    words = body.split()
    if not words or _SENTENCE_END.search(body):
        return
    verbs = [i for i, w in enumerate(words) if w.casefold() in lex.ui_verbs]
    if not verbs:
        return
    rest = [w for i, w in enumerate(words) if i not in verbs]
    decorated = body != text.strip()
    if len(words) <= (4 if decorated else 2) and all(capitalised(w) or w.casefold() in lex.stopwords for w in rest):
        yield Cue("navigation", f"control label '{body[:30]}'", STRONG)
        return
    for i in verbs:
        glued = i >= 2 and capitalised(words[i - 1]) and capitalised(words[i - 2])
        followed = i + 1 == len(words) or capitalised(words[i + 1])
        if glued and followed:
            kind = "related" if i + 1 == len(words) else "navigation"
            yield Cue(kind, f"control label '{words[i - 1]} {words[i]}'", 2.0)
            return


def masthead_words(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A short line of capitalised words ending in a word of newspaper names ("Ukrinform Nachrichten",
    "NewsNation"). Weak alone: the head-of-page context decides."""
    words = _WORD.findall(text)
    if not words or len(words) > 4 or _DIGIT.search(text) or re.search(r"[.!?:;,\"„“”»«]", text):
        return
    if not all(capitalised(w) or (i == 0 and w.casefold() in lex.stopwords) for i, w in enumerate(words)):
        return
    last = words[-1].casefold()
    parts = re.split(r"[-]|(?<=[a-zäöüß])(?=[A-ZÄÖÜ])", words[-1])
    if any(last.endswith(m) for m in lex.mastheads) or any(p.casefold() in lex.mastheads for p in parts):
        yield Cue("navigation", "outlet name", 1.0)


def note_heading(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A short heading naming a note about the page ("Transparenzhinweis", "Editor's note",
    "Sendehinweise (auch im Radio):")."""
    words = _WORD.findall(text)
    if not words or len(words) > 6 or _SENTENCE_END.search(text):
        return
    if (len(words) <= 3 and ends_with_any(words[-1], lex.note_heads)) or \
            (text.rstrip().endswith(":") and ends_with_any(words[0], lex.note_heads)):
        yield Cue("editorial", f"note heading '{text.strip()[:30]}'", 2.0)


def site_name(text: str, lex: Lexicon) -> Iterator[Cue]:
    """A line that is only a domain name ("beispiel-zeitung.de"): the outlet's masthead."""
    if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", text.strip(), re.IGNORECASE):
        yield Cue("navigation", "site name", STRONG)


def body_evidence(text: str, lex: Lexicon) -> Iterator[Cue]:
    """Evidence for article text: a long paragraph, a quotation, reported speech."""
    words = word_count(text)
    if words >= 60:
        yield Cue("body", f"long paragraph ({words} words)", -float(words // 60))
    quote = _QUOTE.search(text)
    if quote and word_count(quote.group(0)) >= 3:
        yield Cue("body", "quotes someone", -1.0)
    elif any(w.casefold() in lex.reporting for w in _WORD.findall(text)):
        yield Cue("body", "reports what someone said", -1.0)


FEATURES: tuple[Callable[[str, Lexicon], Iterator[Cue]], ...] = (
    separator, dateline, gallery_counter, position_mark, update_note, link_list, credit, byline, author_box,
    cue_phrases, call_to_action, control_labels, masthead_words, note_heading, site_name, body_evidence,
)


@lru_cache(maxsize=16384)
def line_cues(text: str, code: str) -> tuple[Cue, ...]:
    """Every cue of one stripped line, cached: context passes and settling re-read lines."""
    if not text:
        return ()
    lex = lexicon(code)
    return tuple(cue for feature in FEATURES for cue in feature(text, lex))
