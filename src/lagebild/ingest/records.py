"""The schema of a JSONL record: which fields, of which types and lengths, with which values.

`validate(record)` returns the values found (under our field names) and a list of
problems, each naming the field and saying what would be right. A record with a problem
is refused as a whole, so a wrong title never ends up stored as the text of a list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lagebild.ingest.metadata import iso_from

MAX_ID_CHARS = 300


@dataclass(frozen=True)
class Field:
    names: tuple[str, ...]  # ours first, then news-please's
    types: tuple[type, ...] = (str,)
    max_chars: int | None = 1000


SCHEMA: dict[str, Field] = {
    "id": Field(("id",), (str, int), MAX_ID_CHARS),
    "text": Field(("text", "maintext"), (str,), None),
    "html": Field(("html",), (str,), None),
    "url": Field(("url",), (str,), 4000),
    "outlet": Field(("outlet", "source_domain"), (str,), 300),
    "language": Field(("language",), (str,), 20),
    "published": Field(("published", "date_publish"), (str,), 60),
    "title": Field(("title",), (str,), 1000),
}
_JSON_TYPES = {str: "a string", int: "a number", float: "a number", bool: "true/false", list: "a list",
               dict: "an object"}


def _kind(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _check_type(name: str, key: str, value: Any, spec: Field) -> str | None:
    if isinstance(value, bool) or not isinstance(value, spec.types):
        wanted = " or ".join(dict.fromkeys(_JSON_TYPES[t] for t in spec.types))
        return f"field '{key}' must be {wanted}, not {_kind(value)}"
    if spec.max_chars is not None and len(str(value)) > spec.max_chars:
        return f"field '{key}' is {len(str(value)):,} characters long; at most {spec.max_chars:,} are allowed"
    return None


def language_code(value: str) -> str:
    """"de-DE", "DE", "de_CH" -> "de"."""
    return value.strip().replace("_", "-").split("-", 1)[0].lower()


def _check_value(name: str, key: str, value: Any) -> str | None:
    if name == "language" and not re.fullmatch(r"[a-z]{2,3}", language_code(value)):
        return (f"field '{key}' is {value!r}, not a language code; give an ISO 639-1 code such as de or en "
                "(or leave the field out to have the language detected)")
    if name == "published" and iso_from(value) is None:
        return (f"field '{key}' is {value[:40]!r}, not a date lagebild reads; use YYYY-MM-DD "
                "(or YYYY-MM, YYYY, an ISO timestamp, DD.MM.YYYY)")
    return None


def validate(record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(our field name -> value, problems). Empty strings and nulls count as absent."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, spec in SCHEMA.items():
        key = next((k for k in spec.names if record.get(k) not in (None, "")), None)
        if key is None:
            continue
        value = record[key]
        problem = _check_type(name, key, value, spec) or _check_value(name, key, value)
        if problem:
            problems.append(problem)
        else:
            values[name] = value
    if not problems and "text" not in values and "html" not in values:
        problems.append("has neither 'text' (or 'maintext') nor 'html'; nothing to analyze")
    return values, problems
