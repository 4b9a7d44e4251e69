"""Credits and authors: photo and source credits, agency lines, bylines, a name with a job title."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lagebild.text.boilerplate.lexicon import Lexicon, lexicon
from lagebild.text.boilerplate.scorer import STRONG, Cue
from lagebild.text.boilerplate.tokens import DIGIT, SENTENCE_END, capitalised, ends_with_any, name_like, word_count

_GLUED_END = re.compile(r"[.!?:;)](?=[A-ZÄÖÜ])")
_BRACKETED_CHAIN = re.compile(r"\(([^()]*/[^()]*)\)\s*$")
AGENCY_ONLY = "agency name only"  # the credit of the text, not of a photo


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
        pictures = any(w.casefold().strip("()[]") in lex.credit_labels for w in stripped.split())
        yield Cue("credit", "picture credit" if pictures else AGENCY_ONLY, STRONG)


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
    bracket = _bracket_pattern(lex.code).search(text) or _bracketed_chain(text, lex)
    if bracket:
        return bracket.start()
    return credit_tail(text, lex)


def _bracketed_chain(text: str, lex: Lexicon) -> re.Match[str] | None:
    """A bracketed photo credit without a label: "(STR / AFP / Getty Images)", "(REUTERS / Jane Doe)".

    Every piece is capitalised and one is a name of two words; an agency tag of the text
    ("(ab/dpa)", "(AFP/Reuters)") is not a photo credit.
    """
    match = _BRACKETED_CHAIN.search(text)
    if not match:
        return None
    pieces = [p.strip() for p in match.group(1).split("/")]
    named = any(len(p.split()) == 2 and all(capitalised(w) for w in p.split()) for p in pieces)
    known = any(w.casefold() in lex.agencies for p in pieces for w in p.split())
    return match if named and known and all(p and capitalised(p) for p in pieces) else None


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
    if not words or len(words) > 6 or SENTENCE_END.search(bare) or not words[-1][1]:
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
    if words and name_like(words[0], lex) and _first_name_group(words, lex) and \
            all(_byline_word(w, lex) for w in words) and not _ends_sentence(words[-1]):
        yield Cue("metadata", "byline", STRONG)


def _ends_sentence(word: str) -> bool:
    return word.endswith((".", "!", "?")) and len(word.strip(".")) > 2 and word.casefold() not in ("est.",)


def _first_name_group(words: list[str], lex: Lexicon) -> bool:
    """A person's name has two words or more; a single word must be an agency or the whole line."""
    group = []
    for w in words:
        if not name_like(w, lex) or w.casefold() in lex.stopwords:
            break
        group.append(w)
    return len(group) >= 2 or len(words) == 1 or group[0].casefold().strip(".,") in lex.agencies


def _byline_word(word: str, lex: Lexicon) -> bool:
    w = word.strip("()[]").casefold().rstrip(".")
    return (name_like(word, lex) or w in lex.stopwords and len(w) <= 4 or w in lex.meta_words or w in lex.agencies
            or ends_with_any(w, lex.person_roles + lex.desk_roles) or bool(DIGIT.search(w)) or w in ("&", "-", "–"))


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
        if not name_like(w, lex):
            return
        names += 1
