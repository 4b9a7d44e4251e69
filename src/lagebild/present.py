"""How figures, dates and claim groups are worded for people, in one UI language.

One place for the web UI, the report and the CLI, so that a figure reads the same
everywhere: a lower bound keeps its sign (">6.000"), a ceiling too ("≤ 250.000"), a
range its two ends ("10.000–12.000"), an approximate figure its tilde ("~14.000"); a
season is "Herbst 2024", not "2024-FA"; a figure without a date says so ("Datum
unbekannt") instead of passing for "the same time". The words come from
`lang/<code>/ui.tsv`; a new UI language is a new file there.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from babel.dates import format_date

from lagebild import lang
from lagebild.reconcile.groups import Basis, ClaimGroup, as_of

UI_LANGUAGES = ("de", "en")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|WI|W(\d{2})(-WE)?))?(?:-(\d{2}))?$")


def words(code: str) -> dict[str, str]:
    """The UI words of language `code` (lang/<code>/ui.tsv)."""
    return lang.table(code, "ui")


def say(key: str, code: str, **values: Any) -> str:
    """The UI text `key` in language `code`, its {placeholders} filled in."""
    text = words(code).get(key) or words("en").get(key) or key
    return text.format(**values) if values else text


def number(value: float | None, code: str = "de") -> str:
    """12000 -> "12.000" (de) or "12,000" (en); 2.5 -> "2,5" / "2.5"."""
    if value is None:
        return ""
    thousands, decimal = say("number.thousands", code), say("number.decimal", code)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"
    marks: dict[str, str | int | None] = {",": thousands, ".": decimal}
    return text.translate(str.maketrans(marks))


def _field(claim: Any, name: str) -> Any:
    """A field of a claim row (dict) or of a `model.Claim`."""
    return claim.get(name) if isinstance(claim, dict) else getattr(claim, name, None)


def figure(claim: Any, code: str = "de") -> str:
    """A claim's figure with its bound: ">6.000", "≤ 250.000", "10.000–12.000", "~14.000".
    `claim` is a claim row (dict) or a `model.Claim`."""
    text = number(_field(claim, "value"), code)
    if _field(claim, "value_max") is not None:
        return f"{text}–{number(_field(claim, 'value_max'), code)}"
    side = _field(claim, "bound_side") or ""
    if side == "min":
        return f">{text}"
    if side == "max":
        return f"≤ {text}"
    return f"~{text}" if _field(claim, "approx") else text


def readable_date(value: str | None, code: str = "de") -> str:
    """An ISO value as a person writes it: "Herbst 2024", "Juni 2025", "17. Juni 2025",
    "KW 23 2025"; a value of another shape is returned as it is, None as ""."""
    m = _ISO.match(value or "")
    if not m:
        return value or ""
    year, part, week, weekend, day = m.groups()
    if part is None:
        return year
    if part in ("SP", "SU", "FA", "WI"):
        return f"{say('season.' + part, code)} {year}"
    if week:
        return say("date.weekend" if weekend else "date.week", code, week=int(week), year=year)
    try:
        if day:
            return format_date(date(int(year), int(part), int(day)), say("date.day", code), locale=code)
        return format_date(date(int(year), int(part), 1), "LLLL y", locale=code)
    except ValueError:
        return value or ""


def as_of_label(claim: dict[str, Any], code: str = "de") -> str:
    """The date a figure refers to, readable, or "Datum unbekannt"."""
    when = as_of(claim)
    return readable_date(when, code) if when else say("date.unknown", code)


def claim_label(claim: dict[str, Any], code: str = "de") -> str:
    """"12.000 (Kreml, Juni 2025)": figure, who says so, as of when."""
    return say("claim.label", code, figure=figure(claim, code),
               source=claim.get("source") or claim.get("outlet") or say("claim.no_source", code),
               date=as_of_label(claim, code))


def status_label(status: str, code: str = "de") -> str:
    return say(f"status.{status}", code)


def percent(share: float, code: str = "de") -> str:
    return f"{share:.0%}" if code == "en" else f"{share * 100:.0f} %"


def status_sentence(group: ClaimGroup, code: str = "de") -> str:
    """Why the group has its status, naming the sources and dates of the two figures."""
    basis: Basis | None = group.basis
    if basis is None:
        return group.reason
    kind = "compatible_vague" if basis.kind == "compatible" and basis.vague else basis.kind
    return say(f"basis.{kind}", code, high=claim_label(basis.high, code), low=claim_label(basis.low, code),
               gap=percent(basis.gap, code), tolerance=percent(basis.tolerance, code),
               vague=", ".join(claim_label(c, code) for c in basis.vague))
