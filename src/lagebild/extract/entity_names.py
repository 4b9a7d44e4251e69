"""Canonical English forms of person names: Korean name spelling, German -> English
transliteration of East Slavic names (rules and word lists in `lang/<code>/`), and names
written in another script romanised by per-script tables (`lang/scripts/`: Cyrillic, with
Ukrainian told from Russian by its own letters)."""
from __future__ import annotations

import re
from functools import lru_cache

from lagebild import lang

# One romanised Korean syllable (Revised Romanisation and McCune-Reischauer, simplified).
_KOREAN_SYLLABLE = re.compile(
    r"^(?:kk|tt|pp|ss|jj|ch|sh|ts|[bcdghjkmnprstwy])?"
    r"(?:ae|ai|eo|eu|oe|ui|wa|wae|wo|we|wi|ya|yae|yeo|ye|yo|yu|ee|oo|ou|[aeiou])"
    r"(?:ng|[klmnprt])?$"
)


def korean_syllables(word: str) -> list[str] | None:
    """'Jong' -> ['Jong'], 'Jong-un' -> ['Jong', 'un'], 'Berlin' -> None."""
    parts = word.split("-")
    if not 1 <= len(parts) <= 2 or not all(_KOREAN_SYLLABLE.match(p.lower()) for p in parts):
        return None
    return parts


def korean_given_name(words: list[str]) -> str | None:
    """The hyphenated given name for the words after a Korean family name, or None.

    ['Jong', 'Un'] -> 'Jong-un'; ['Won-sik'] -> 'Won-sik'; ['Jong-Un'] -> 'Jong-un'."""
    syllables: list[str] = []
    for word in words:
        parts = korean_syllables(word)
        if parts is None:
            return None
        syllables.extend(parts)
    if not 1 <= len(syllables) <= 2:
        return None
    first = syllables[0][:1].upper() + syllables[0][1:].lower()
    return "-".join([first] + [s.lower() for s in syllables[1:]])


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_LETTERS = frozenset("іїєґ")


@lru_cache(maxsize=4)
def script_table(name: str) -> dict[str, str]:
    """`lang/scripts/<name>.tsv`: letter (or '^letter' for the start of a word) -> Latin."""
    from importlib import resources

    text = (resources.files("lagebild.lang") / "scripts" / f"{name}.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1] if len(row) > 1 else "" for row in rows}


def romanise(word: str) -> str:
    """A word in Cyrillic in the Latin spelling English news uses ('Путин' -> 'Putin',
    'Київ' -> 'Kyiv'); a word in Latin script as it is."""
    if not _CYRILLIC.search(word):
        return word
    low = word.lower()
    table = script_table("cyrillic_uk" if _UKRAINIAN_LETTERS & set(low) else "cyrillic_ru")
    out = [table.get(f"^{ch}" if k == 0 or not low[k - 1].isalpha() else ch, table.get(ch, ch))
           for k, ch in enumerate(low)]
    latin = "".join(out)
    if word.isupper() and len(word) > 1:
        return latin.upper()
    return "-".join(p[:1].upper() + p[1:] if q[:1].isupper() else p
                    for p, q in zip(latin.split("-"), word.split("-"), strict=False))


@lru_cache(maxsize=4)
def _rules(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(k), v) for k, v in lang.table(language, "entity_translit").items())


def looks_slavic(parts: list[str], language: str) -> bool:
    """A name in German transliteration from Russian/Ukrainian (by given name or ending)."""
    code = lang.code(language)
    if parts and parts[0] in lang.words(code, "entity_slavic_given"):
        return True
    endings = lang.words(code, "entity_slavic_endings")
    return any(p.lower().endswith(e) for p in parts[-1:] for e in endings if len(p) > len(e) + 2)


def transliterate_part(part: str, language: str) -> str:
    code = lang.code(language)
    fixed = lang.table(code, "entity_translit_words").get(part)
    if fixed:
        return fixed
    for pattern, replacement in _rules(code):
        part = pattern.sub(replacement, part)
    return part


def english_name(parts: list[str], language: str) -> str:
    """The common English spelling of a person's (or place's) name parts."""
    code = lang.code(language)
    words = lang.table(code, "entity_translit_words")
    parts = [romanise(p) for p in parts]
    if looks_slavic(parts, code):
        return " ".join(transliterate_part(p, code) for p in parts)
    return " ".join(words.get(p, p) for p in parts)
