"""The claims stage: assembly of quantity, source, hedge, measure and time; dates are not claims."""
from __future__ import annotations

import pytest

from claim_helpers import claims, only
from lagebild.pipeline import analyze_text


@pytest.mark.parametrize(("text", "values"), [
    ("Am 12. März 2024 kamen 80 Techniker.", [80]),
    ("Im Jahr 2023 gab es 14 Starts und 2022 nur 9 Starts.", [14, 9]),
    ("Innerhalb von 10 Kalendertagen kamen 300 Briefe an.", [10, 300]),
])
def test_claims_dates_are_not_claims(text: str, values: list[float]) -> None:
    assert [c.value for c in claims(text)] == values


@pytest.mark.parametrize(("text", "language", "time"), [
    ("Am 12. März 2024 kamen 80 Techniker.", "de", "2024-03-12"),
    # "damals" / "at the time" point back to the last date named in the paragraph
    ("Im Herbst 2023 schickte die Marine Taucher. Die Behörde bezifferte deren Zahl damals auf 400.", "de",
     "2023-FA"),
    ("In March 2022 the navy sent divers. The agency put their number at 400 at the time.", "en", "2022-03"),
    ("Im Herbst 2023 schickte die Marine Taucher. Die Behörde beziffert deren Zahl auf 400.", "de", None),
    ("Im Herbst 2023 schickte die Marine Taucher.\n\nDie Behörde bezifferte deren Zahl damals auf 400.", "de", None),
])
def test_claims_time_from_sentence(text: str, language: str, time: str | None) -> None:
    assert only(text, language).time == time


@pytest.mark.parametrize("text", ["Es kamen 80 Techniker. Dann kamen 40 Ärzte."])
def test_claims_ids_and_offsets(text: str) -> None:
    found = claims(text)
    assert [c.id for c in found] == ["t:c0", "t:c1"]
    assert all(text[c.start:c.end] == c.text for c in found)
    assert [c.sentence for c in found] == [0, 1]


@pytest.mark.parametrize(("text", "sources"), [
    # the source named by the next sentence is read forward, not written back into an earlier claim
    ("Im Hafen liegen 14 Tanker und 3 Frachter. Das teilte die Hafenbehörde mit.", ["Hafenbehörde", "Hafenbehörde"]),
])
def test_claims_take_a_source_named_after_them(text: str, sources: list[str]) -> None:
    doc = analyze_text(text, "de")
    assert [c.source for c in doc.claims] == sources
    assert doc.attributions[0].own == "" and doc.attributions[0].back == "Hafenbehörde"
