"""Claim groups and their status: agree, differ, conflict, near-duplicate copies."""
from __future__ import annotations

from typing import Any

import pytest

from lagebild.reconcile.groups import concept, group_claims, status


def claim(doc: str, value: float, *, value_max: float | None = None, approx: bool = False, vague: bool = False,
          unit: str = "person", measure: str = "nordkoreanische Soldaten", lemma: str = "Soldat",
          time: str | None = None, published: str = "2025-07", source: str = "") -> dict[str, Any]:
    return {"id": f"{doc}:{value}", "doc_id": doc, "value": value, "value_max": value_max, "approx": approx,
            "vague": vague, "unit": unit, "measure": measure, "measure_lemma": lemma, "time": time,
            "published": published, "source": source, "hedged": False, "outlet": doc, "text": str(value)}


@pytest.mark.parametrize("claims, expected", [
    ([claim("a", 12000), claim("b", 12000)], "agree"),
    ([claim("a", 14000, approx=True), claim("b", 15000)], "agree"),  # rund 14.000 covers 15.000
    ([claim("a", 2000, value_max=9999, vague=True), claim("b", 14000)], "agree"),  # mehrere tausend
    ([claim("a", 14000), claim("b", 15000)], "differ"),  # 7 % apart
    ([claim("a", 1_000_000, unit="shell", time="2023"), claim("b", 5_000_000, unit="shell", time="2024-06")],
     "differ"),  # cumulative figures at different dates
    ([claim("a", 12000), claim("b", 100_000)], "conflict"),
    ([claim("a", 4000), claim("b", 6000, approx=True)], "conflict"),
])
def test_reconcile_status(claims: list[dict[str, Any]], expected: str) -> None:
    state, reason = status(claims)
    assert state == expected, reason
    assert "vs" in reason


def test_reconcile_reason_names_values_sources_and_dates() -> None:
    state, reason = status([claim("a", 15000, source="Schätzungen"), claim("b", 14000, source="Geheimdienst")])
    assert state == "differ"
    assert reason == "15.000 (Schätzungen, 2025-07) vs 14.000 (Geheimdienst, 2025-07): 7% apart"


@pytest.mark.parametrize("a, b, same", [
    (("nordkoreanische Soldaten", "Soldat", "de"), ("Truppen", "Truppe", "de"), True),
    (("Soldaten", "Soldat", "de"), ("troops", "troop", "en"), True),
    (("Soldaten", "Soldat", "de"), ("gefallenen Soldaten", "Soldat", "de"), False),
    (("zusätzliche Soldaten", "Soldat", "de"), ("Soldaten", "Soldat", "de"), False),
    (("Artilleriegranaten", "Artilleriegranate", "de"), ("Geschossen", "Geschoss", "de"), True),
])
def test_reconcile_concept_unifies_words_and_languages(a: tuple[str, str, str], b: tuple[str, str, str],
                                                      same: bool) -> None:
    ca = concept({"measure": a[0], "measure_lemma": a[1], "unit": "person"}, a[2])
    cb = concept({"measure": b[0], "measure_lemma": b[1], "unit": "person"}, b[2])
    assert (ca == cb) is same, (ca, cb)


def test_reconcile_groups_need_two_documents() -> None:
    claims = [claim("a", 14000), claim("a", 12000), claim("b", 15, unit="day", measure="Tagen", lemma="Tag"),
              claim("c", 15, unit="days", measure="days", lemma="day"),
              claim("d", 7000, unit="container", measure="Container", lemma="Container"),
              claim("e", 3, unit="other", measure="", lemma="")]
    assert group_claims(claims) == []
    groups = group_claims([*claims, claim("f", 13000), claim("c", 15, unit="day", measure="days", lemma="day")])
    assert [(g.unit, g.concept, len(g.claims)) for g in groups] == [("person", "soldier", 3), ("day", "day", 2)]


def test_reconcile_person_and_item_counts_of_one_concept_group_together() -> None:
    groups = group_claims([claim("a", 1000, measure="Minenräumer", lemma="Minenraum"),
                           claim("b", 1000, unit="item", measure="deminers", lemma="deminer")],
                          languages={"b": "en"})
    assert [(g.concept, g.status) for g in groups] == [("deminer", "agree")]


def test_reconcile_near_duplicate_counts_once() -> None:
    claims = [claim("orig", 12000), claim("copy", 12000), claim("other", 30000)]
    (group,) = group_claims(claims, duplicates={"copy": "orig"})
    assert group.status == "conflict"
    assert {c["doc_id"] for c in group.claims} == {"orig", "copy", "other"}
    only_copies = group_claims([claim("orig", 12000), claim("copy", 99000)], duplicates={"copy": "orig"})
    assert only_copies == []
    record = group.record()
    assert record["claims"] == ["copy:12000", "orig:12000", "other:30000"] and record["status"] == "conflict"


def test_reconcile_splits_figures_of_different_magnitude() -> None:
    claims = [claim("a", 1_200_000), claim("b", 15000), claim("c", 14000, approx=True), claim("d", 1_100_000)]
    groups = group_claims(claims)
    assert sorted(sorted(c["doc_id"] for c in g.claims) for g in groups) == [["a", "d"], ["b", "c"]]
    outlier = group_claims([claim("a", 12000), claim("b", 100_000)])
    assert len(outlier) == 1 and outlier[0].status == "conflict"  # 8x apart is a conflict, not two things


@pytest.mark.parametrize("names, expected", [
    ([("Vladimir Putin", "PER"), ("Putin", "PER")], ["Vladimir Putin"]),
    ([("Kim Jong-un", "PER"), ("Kim", "PER")], ["Kim Jong-un"]),
    ([("Kim Jong-un", "PER"), ("Kim Yo-jong", "PER"), ("Kim", "PER")], ["Kim", "Kim Jong-un", "Kim Yo-jong"]),
    ([("Kursk", "LOC"), ("Oblast Kursk", "LOC")], ["Kursk", "Oblast Kursk"]),
])
def test_reconcile_entities_merge_short_names_across_documents(names: list[tuple[str, str]],
                                                               expected: list[str]) -> None:
    from lagebild.reconcile.entities import resolve

    rows = [{"canonical": n, "type": t, "documents": [f"d{i}"], "mentions": 1, "aliases": [n]}
            for i, (n, t) in enumerate(names)]
    merged = resolve(rows)
    assert sorted(r["canonical"] for r in merged) == expected
    assert sum(r["mentions"] for r in merged) == len(names)
