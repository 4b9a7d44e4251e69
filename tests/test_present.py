"""How figures, dates and group statuses are worded (lagebild/present.py), in German and
English: bounds keep their sign, seasons read as words, a missing date is said to be
unknown, and the status sentence names the sources and dates of the two figures."""
from __future__ import annotations

from typing import Any

import pytest

from lagebild.present import figure, readable_date, status_sentence
from lagebild.reconcile.groups import explain, group_claims


def row(doc: str, value: float, **fields: Any) -> dict[str, Any]:
    base = {"id": f"{doc}:{value}", "doc_id": doc, "value": value, "value_max": None, "approx": False,
            "vague": False, "unit": "person", "measure": "Helfer", "measure_lemma": "Helfer", "time": None,
            "published": None, "source": "", "hedged": False, "outlet": doc, "text": str(value), "bound_side": ""}
    return {**base, **fields}


@pytest.mark.parametrize(("fields", "code", "expected"), [
    ({"value": 6000, "approx": True, "bound_side": "min"}, "de", ">6.000"),
    ({"value": 6000, "approx": True, "bound_side": "min"}, "en", ">6,000"),
    ({"value": 250000, "bound_side": "max"}, "de", "≤ 250.000"),
    ({"value": 10000, "value_max": 12000}, "de", "10.000–12.000"),
    ({"value": 14000, "approx": True}, "de", "~14.000"),
    ({"value": 2.5}, "de", "2,5"),
    ({"value": 1250000}, "en", "1,250,000"),
])
def test_present_figure_keeps_bounds_and_ranges(fields: dict[str, Any], code: str, expected: str) -> None:
    assert figure(row("a", **fields), code) == expected


@pytest.mark.parametrize(("value", "code", "expected"), [
    ("2024-FA", "de", "Herbst 2024"), ("2024-FA", "en", "autumn 2024"), ("2023-SU", "de", "Sommer 2023"),
    ("2025-06", "de", "Juni 2025"), ("2025-06", "en", "June 2025"), ("2025-06-17", "de", "17. Juni 2025"),
    ("2025-W23", "de", "KW 23 2025"), ("2021", "en", "2021"), ("P3D", "de", "P3D"), (None, "de", ""),
])
def test_present_dates_read_as_words(value: str | None, code: str, expected: str) -> None:
    assert readable_date(value, code) == expected


def test_present_conflict_without_dates_says_so() -> None:
    """Two figures without any date are no 'same time': the sentence says the date is unknown."""
    flood = [row("a", 5000, source="Feuerwehr"), row("b", 1000, source="Landratsamt")]
    basis = explain(flood)
    assert (basis.status, basis.kind) == ("conflict", "dates_unknown")
    group = group_claims(flood)[0]
    german, english = status_sentence(group, "de"), status_sentence(group, "en")
    assert "Feuerwehr" in german and "Landratsamt" in german and "Datum unbekannt" in german
    assert "selben Zeitpunkt" not in german and "same time" not in english and "date unknown" in english


def test_present_conflict_at_one_time_names_sources_and_dates() -> None:
    vote = [row("a", 52000, source="Wahlleiterin", time="2024-09-22"),
            row("b", 31000, source="Opposition", published="2024-09-22")]
    sentence = status_sentence(group_claims(vote)[0], "de")
    assert sentence.startswith("52.000 (Wahlleiterin, 22. September 2024) und 31.000 (Opposition, 22. September 2024)")
    assert "zum selben Datum" in sentence and "40 %" in sentence


def test_present_bound_shown_in_the_status_sentence() -> None:
    fans = [row("a", 60000, bound_side="min", approx=True, source="Polizei", published="2025-05"),
            row("b", 20000, source="Veranstalter", published="2025-05")]
    assert ">60.000 (Polizei, Mai 2025)" in status_sentence(group_claims(fans)[0], "de")
