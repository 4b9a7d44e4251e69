"""Claim groups and their status: agree, differ, conflict, near-duplicate copies."""
from __future__ import annotations

from typing import Any

import pytest

from lagebild.pipeline import analyze_text
from lagebild.reconcile.groups import concept, group_claims, split_by_moment, split_by_place, status, title


def clause_facts(text: str, context: str | None, language: str) -> dict[str, Any]:
    """What extraction stores about the claim `text` in its sentence `context` (or in `text`
    alone): the qualifiers, direction and bound side that reconciliation compares."""
    doc = analyze_text(context or text, language)
    found = next((c for c in doc.claims if c.text == text), None) \
        or next((c for c in doc.claims if c.text in text or text in c.text), None)
    if found is None:
        return {}
    return {"qualifiers": " ".join(found.qualifiers), "origin": found.origin, "destination": found.destination,
            "bound_side": found.bound_side, "place": found.place}


def claim(doc: str, value: float, *, value_max: float | None = None, approx: bool = False, vague: bool = False,
          unit: str = "person", measure: str = "nordkoreanische Soldaten", lemma: str = "Soldat",
          time: str | None = None, published: str | None = "2025-07", source: str = "", text: str | None = None,
          context: str | None = None, language: str = "de") -> dict[str, Any]:
    facts = clause_facts(text, context, language) if text else {}
    return {"id": f"{doc}:{value}", "doc_id": doc, "value": value, "value_max": value_max, "approx": approx,
            "vague": vague, "unit": unit, "measure": measure, "measure_lemma": lemma, "time": time,
            "published": published, "source": source, "hedged": False, "outlet": doc,
            "text": text or str(value), **facts}


@pytest.mark.parametrize("claims, expected", [
    ([claim("a", 12000), claim("b", 12000)], "agree"),
    ([claim("a", 14000, approx=True), claim("b", 15000)], "differ"),  # rund 14.000 still states 14.000: 7 % apart
    ([claim("a", 30000, measure="bis zu: weitere Soldaten"), claim("b", 25000, value_max=30000)], "agree"),
    ([claim("a", 200, value_max=999, vague=True, published="2024-06"), claim("b", 1500, published="2024-12")],
     "agree"),  # "mehrere hundert" is compatible with 1.500, as "mehrere tausend" with 14.000
    ([claim("a", 6000, text="mehr als 6.000"), claim("b", 4000, approx=True, text="rund 4.000")],
     "conflict"),  # a floor above the other figure, as of the same month
    ([claim("a", 3_000_000, unit="shell", text="mehr als drei Millionen", published="2024-06-01"),
      claim("b", 5_000_000, unit="shell", text="bis zu fünf Millionen", published="2024-06-20"),
      claim("c", 1_000_000, unit="shell", text="über eine Million", time="2023-11")],
     "differ"),  # a floor and a ceiling that can both be true; the lower figure is older
    ([claim("a", 6000, text="über 6.000", published="2025-04"), claim("b", 600, text="rund 600", published="2025-04"),
      claim("c", 4000, text="rund 4.000", published="2025-07")], "conflict"),
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
    assert reason == "15.000 (Schätzungen, 2025-07) vs 14.000 (Geheimdienst, 2025-07): 7% apart, within 15%"


@pytest.mark.parametrize("dates, expected", [
    (((None, None), (None, None)), "dates unknown"),  # neither figure nor article is dated
    ((("2024-03-02", None), (None, None)), "the date of one unknown"),
    (((None, "2024-03"), (None, "2024-03")), "as of the same date"),
    ((("2024-03-02", None), ("2024-03-20", None)), "as of the same month"),
])
def test_reconcile_conflict_reason_never_claims_a_time_it_does_not_know(
        dates: tuple[tuple[str | None, str | None], ...], expected: str) -> None:
    (time_a, pub_a), (time_b, pub_b) = dates
    state, reason = status([claim("police", 8000, unit="person", measure="Teilnehmer", lemma="Teilnehmer",
                                  time=time_a, published=pub_a, source="Polizei"),
                            claim("organisers", 20000, unit="person", measure="Teilnehmer", lemma="Teilnehmer",
                                  time=time_b, published=pub_b, source="Veranstalter")])
    assert state == "conflict"
    assert reason.endswith(expected), reason
    assert "Polizei" in reason and "Veranstalter" in reason  # who says what
    assert "same time" not in reason


@pytest.mark.parametrize("a, b, same", [
    (("nordkoreanische Soldaten", "Soldat", "de"), ("Truppen", "Truppe", "de"), True),
    (("Soldaten", "Soldat", "de"), ("troops", "troop", "en"), True),
    (("Soldaten", "Soldat", "de"), ("gefallenen Soldaten", "Soldat", "de"), False),
    (("zusätzliche Soldaten", "Soldat", "de"), ("Soldaten", "Soldat", "de"), False),
    (("Artilleriegranaten", "Artilleriegranate", "de"), ("Geschossen", "Geschoss", "de"), True),
    # a whole-word entry: "Mann" after a number counts a force, a compound ending in it does not
    (("Mann", "Mann", "de"), ("Soldaten", "Soldat", "de"), True),
    (("Feuerwehrmänner", "Feuerwehrmann", "de"), ("Soldaten", "Soldat", "de"), False),  # a fire
    (("Kaufmänner", "Kaufmann", "de"), ("Mann", "Mann", "de"), False),  # a trade fair
    (("fishermen", "fisherman", "en"), ("men", "man", "en"), False),  # a storm at sea
    (("Verluste", "Verlust", "de"), ("casualties", "casualty", "en"), True),  # a war
    (("Milliardenverluste", "Milliardenverlust", "de"), ("casualties", "casualty", "en"), False),  # a company
    (("Stärke", "Stärke", "de"), ("magnitude earthquake", "magnitude", "en"), True),  # a quake's magnitude
    (("eingestürzte Gebäude", "Gebäude", "de"), ("buildings", "building", "en"), True),  # a storm's damage
    (("Wohngebäude", "Wohngebäude", "de"), ("buildings", "building", "en"), True),
    (("Verstorbene", "Verstorbene", "de"), ("Tote", "Tote", "de"), True),  # an epidemic
])
def test_reconcile_concept_unifies_words_and_languages(a: tuple[str, str, str], b: tuple[str, str, str],
                                                      same: bool) -> None:
    ca = concept({"measure": a[0], "measure_lemma": a[1], "unit": "person"}, a[2])
    cb = concept({"measure": b[0], "measure_lemma": b[1], "unit": "person"}, b[2])
    assert (ca == cb) is same, (ca, cb)


def test_reconcile_a_dimension_takes_no_qualifier_of_its_clause_but_its_event() -> None:
    """"a magnitude of 7.5 after 912 people had been killed": the magnitude is no count of the
    dead, but it is the second quake's, not the first's."""
    quake = claim("a", 7.5, unit="other", measure="magnitude", lemma="magnitude", language="en",
                  text="7.5", context="A second quake hit with a magnitude of 7.5 after 912 people had been killed.")
    assert "killed" in quake["qualifiers"] and concept(quake, "en") == "second magnitude"
    first = claim("b", 7.8, unit="other", measure="magnitude", lemma="magnitude", language="en",
                  text="7.8", context="The quake had a magnitude of 7.8 and killed 900 people.")
    assert concept(first, "en") == "magnitude"


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


@pytest.mark.parametrize("measure, lemma, unit, values, expected", [
    # sport: the crowd in the stadium and the audience at home
    ("Zuschauer", "Zuschauer", "person", {"a": 80000, "b": 82000, "c": 4_000_000, "d": 4_200_000},
     [["a", "b"], ["c", "d"]]),
    # economy: a budget and one cut in it
    ("Euro", "Euro", "eur", {"a": 2e9, "b": 1.9e9, "c": 150e6, "d": 160e6}, [["a", "b"], ["c", "d"]]),
    # an election: the nation's voters and one state's
    ("Wähler", "Wähler", "person", {"a": 61_200_000, "b": 60_000_000, "c": 3_100_000, "d": 3_000_000},
     [["a", "b"], ["c", "d"]]),
    # a disaster: 8x apart is still one count in dispute (MAGNITUDE_GAP is 10)
    ("Evakuierte", "Evakuierte", "person", {"a": 5000, "b": 40000}, [["a", "b"]]),
])
def test_reconcile_magnitude_gap_across_topics(measure: str, lemma: str, unit: str, values: dict[str, float],
                                              expected: list[list[str]]) -> None:
    groups = group_claims([claim(d, v, unit=unit, measure=measure, lemma=lemma) for d, v in values.items()])
    assert sorted(sorted(c["doc_id"] for c in g.claims) for g in groups) == expected


def test_reconcile_a_first_phase_in_a_disaster() -> None:
    """PHASES: "zunächst" marks a first phase in any story, here rescuers sent to a flood."""
    first = claim("a", 200, measure="Helfer", lemma="Helfer", text="200 Helfer", time="2024-06-02",
                  context="Am 2. Juni wurden zunächst 200 Helfer geschickt.")
    then = claim("b", 210, measure="Helfer", lemma="Helfer", text="210 Helfer", time="2024-06-02",
                 context="Am 2. Juni waren 210 Helfer vor Ort.")
    later = claim("c", 900, measure="Helfer", lemma="Helfer", text="900 Helfer", time="2024-06-09",
                  context="Eine Woche später waren 900 Helfer im Einsatz.")
    later_too = claim("d", 950, measure="Helfer", lemma="Helfer", text="950 Helfer", time="2024-06-09",
                      context="Am 9. Juni arbeiteten 950 Helfer.")
    groups = group_claims([first, then, later, later_too])
    assert sorted(sorted(c["doc_id"] for c in g.claims) for g in groups) == [["a", "b"], ["c", "d"]]


def test_reconcile_splits_figures_of_different_magnitude() -> None:
    claims = [claim("a", 1_200_000), claim("b", 15000), claim("c", 14000, approx=True), claim("d", 1_100_000)]
    groups = group_claims(claims)
    assert sorted(sorted(c["doc_id"] for c in g.claims) for g in groups) == [["a", "d"], ["b", "c"]]
    outlier = group_claims([claim("a", 12000), claim("b", 100_000)])
    assert len(outlier) == 1 and outlier[0].status == "conflict"  # 8x apart is a conflict, not two things


@pytest.mark.parametrize("claims, expected", [
    # demonstrations: the same day, two cities
    ([claim("a", 35000, measure="Menschen", lemma="Mensch", text="35.000 Menschen",
            context="In München demonstrierten am Samstag 35.000 Menschen."),
      claim("b", 50000, measure="Menschen", lemma="Mensch", text="50.000 Menschen",
            context="In Hamburg gingen am Samstag 50.000 Menschen auf die Straße."),
      claim("c", 38000, measure="Menschen", lemma="Mensch", text="38.000 Menschen",
            context="In München zählte die Polizei 38.000 Menschen.")],
     [["a", "c"], ["b"]]),
    # disasters: one country, the other, both together; a figure of no known place joins the largest part
    ([claim("a", 3500, measure="Tote", lemma="Tote", text="3.500 Tote", context="In Chile gab es 3.500 Tote."),
      claim("b", 3600, measure="Tote", lemma="Tote", text="3.600 Tote", context="In Chile starben 3.600 Menschen."),
      claim("c", 1200, measure="Tote", lemma="Tote", text="1.200 Tote", context="In Peru gab es 1.200 Tote."),
      claim("d", 4800, measure="Tote", lemma="Tote", text="4.800 Tote",
            context="In beiden Ländern zählte man 4.800 Tote."),
      claim("e", 3550, measure="Tote", lemma="Tote", text="3.550 Tote", context="Es gab 3.550 Tote.")],
     [["a", "b", "e"], ["c"], ["d"]]),
    # elections: a state's turnout is not the nation's
    ([claim("a", 61, unit="percent", measure="", lemma="", text="61 percent", language="en",
            context="Turnout in Ohio reached 61 percent."),
      claim("b", 58, unit="percent", measure="", lemma="", text="58 percent", language="en",
            context="Turnout nationwide was 58 percent."),
      claim("c", 60, unit="percent", measure="", lemma="", text="60 percent", language="en",
            context="Turnout in Ohio was 60 percent.")],
     [["a", "c"], ["b"]]),
])
def test_reconcile_splits_figures_of_different_places(claims: list[dict[str, Any]], expected: list[list[str]]) -> None:
    parts = split_by_place(claims)
    assert sorted(sorted(c["doc_id"] for c in part) for part in parts) == expected


def test_reconcile_the_wounded_of_a_rising_toll_are_a_running_count_too() -> None:
    """A flood whose death toll the texts say rises: its counts of the injured, which no
    clause calls rising, are tallied with it and split into moments as well."""
    dead = [claim("a", 40, measure="Tote", lemma="Tote", text="40", context="Die Zahl der Toten stieg auf 40."),
            claim("b", 42, measure="Tote", lemma="Tote", text="42 Tote", context="Es gab 42 Tote.")]
    hurt = [claim(d, v, measure="Verletzte", lemma="Verletzte", text=f"{v} Verletzte",
                  context=f"Es wurden {v} Verletzte gezählt.") for d, v in (("a", 300), ("b", 310), ("c", 2900),
                                                                         ("d", 3000))]
    groups = group_claims(dead + hurt)
    assert sorted(sorted(c["doc_id"] for c in g.claims) for g in groups) == [["a", "b"], ["a", "b"], ["c", "d"]]
    assert len(group_claims(hurt)) == 1  # without a rising toll they are one count in dispute


@pytest.mark.parametrize("claims, expected", [
    # a disaster's toll as it rises: one group per moment, not a conflict
    ([claim("a", 120, measure="Tote", lemma="Tote", text="120", context="Die Zahl der Toten stieg auf 120."),
      claim("b", 130, measure="Tote", lemma="Tote", text="130 Tote", context="Es gab 130 Tote."),
      claim("c", 900, measure="Tote", lemma="Tote", text="900", context="Die Zahl der Toten ist auf 900 gestiegen."),
      claim("d", 950, measure="Tote", lemma="Tote", text="950 Tote", context="Bislang wurden 950 Tote geborgen.")],
     [["a", "b"], ["c", "d"]]),
    # arrests after riots, in English: two dated moments of similar size stay apart
    ([claim("a", 300, measure="arrests", lemma="arrest", text="300", language="en", time="2024-08-03",
            context="The number of arrests rose to 300."),
      claim("b", 310, measure="arrests", lemma="arrest", text="310", language="en", time="2024-08-05",
            context="The number of arrests rose to 310."),
      claim("c", 305, measure="arrests", lemma="arrest", text="305 arrests", language="en", time="2024-08-05",
            context="Police made 305 arrests.")],
     [["a"], ["b", "c"]]),
    # protesters counted by police and by organisers: no running count, so the dispute stays one group
    ([claim("a", 8000, measure="Teilnehmer", lemma="Teilnehmer", text="8000 Teilnehmer",
            context="Die Polizei zählte 8000 Teilnehmer."),
      claim("b", 25000, measure="Teilnehmer", lemma="Teilnehmer", text="25.000 Teilnehmer",
            context="Die Veranstalter sprachen von 25.000 Teilnehmern.")],
     [["a", "b"]]),
])
def test_reconcile_splits_a_running_count_into_its_moments(claims: list[dict[str, Any]],
                                                           expected: list[list[str]]) -> None:
    parts = split_by_moment(claims)
    assert sorted(sorted(c["doc_id"] for c in part) for part in parts) == expected


@pytest.mark.parametrize("de, en", [
    (("Streikende", "Streikende"), ("walkout participants", "participant")),  # a strike
    (("Helfer", "Helfer"), ("volunteers", "volunteer")),  # a flood
])
def test_reconcile_profile_count_nouns_join_kin_nouns(de: tuple[str, str], en: tuple[str, str]) -> None:
    from lagebild.profile import parse_profile

    claims = [claim("a", 4000, measure=de[0], lemma=de[1]),
              claim("b", 4200, measure=en[0], lemma=en[1], language="en")]
    assert group_claims(claims, languages={"b": "en"}) == []
    profile = parse_profile(f'[count_nouns]\n{de[0]} = ["{en[0]}"]\n')
    (group,) = group_claims(claims, languages={"b": "en"}, profile=profile)
    assert sorted(c["doc_id"] for c in group.claims) == ["a", "b"] and group.status == "differ"


@pytest.mark.parametrize("names, expected", [
    # short forms are resolved inside a document only (issue 12): across documents a lone
    # surname, given name or a name cut at a hyphen stays its own row
    ([("Vladimir Putin", "PER"), ("Putin", "PER")], ["Putin", "Vladimir Putin"]),
    ([("Boris Johnson", "PER"), ("Boris", "PER")], ["Boris", "Boris Johnson"]),
    ([("Kim Jong-un", "PER"), ("Kim", "PER")], ["Kim", "Kim Jong-un"]),
    ([("Kursk", "LOC"), ("Oblast Kursk", "LOC")], ["Kursk", "Oblast Kursk"]),
    ([("Park Ji-hoon", "PER"), ("Park Ji", "PER")], ["Park Ji", "Park Ji-hoon"]),
    ([("Federal Security Service", "ORG"), ("FSS", "ORG")], ["Federal Security Service"]),
    ([("Federal Security Service", "ORG"), ("Foreign Sales Section", "ORG"), ("FSS", "ORG")],
     ["FSS", "Federal Security Service", "Foreign Sales Section"]),  # two readings: leave it
    ([("FSS", "LOC"), ("Federal Security Service", "ORG")], ["FSS", "Federal Security Service"]),
])
def test_reconcile_entities_merge_short_names_across_documents(names: list[tuple[str, str]],
                                                               expected: list[str]) -> None:
    from lagebild.reconcile.entities import resolve

    rows = [{"canonical": n, "type": t, "documents": [f"d{i}"], "mentions": 1, "aliases": [n]}
            for i, (n, t) in enumerate(names)]
    merged = resolve(rows)
    assert sorted(r["canonical"] for r in merged) == sorted(expected)
    assert sum(r["mentions"] for r in merged) == len(names)


def test_reconcile_entities_a_transliteration_guess_joins_the_name_as_written() -> None:
    from lagebild.reconcile.entities import resolve

    rows = [{"canonical": "Tyumen", "type": "LOC", "documents": ["a"], "mentions": 2, "aliases": ["Tumen"]},
            {"canonical": "Tumen", "type": "LOC", "documents": ["b"], "mentions": 1, "aliases": ["Tumen"]},
            {"canonical": "Amur", "type": "LOC", "documents": ["c"], "mentions": 1, "aliases": ["Amur"]}]
    merged = {r["canonical"]: r for r in resolve(rows)}
    assert set(merged) == {"Tumen", "Amur"}
    assert merged["Tumen"]["documents"] == ["a", "b"] and merged["Tumen"]["mentions"] == 3


def _extracted(measure: str, lemma: str, text: str, context: str, language: str) -> dict[str, Any]:
    return {"measure": measure, "measure_lemma": lemma, "unit": "person", "text": text,
            **clause_facts(text, context, language)}


def test_reconcile_the_dead_are_one_count_whatever_noun_names_them() -> None:
    fallen = concept(_extracted("Ukrainer", "Ukrainer", "über 900 Ukrainer",
                                "Seit März sind über 900 Ukrainer gefallen.", "de"), "de")
    dead = concept(_extracted("soldiers", "soldier", "900 soldiers",
                              "Officials said 900 soldiers had been killed since March.", "en"), "en")
    toll = concept(_extracted("Toten", "Tote", "900 Toten", "Die Regierung spricht von 900 Toten.", "de"), "de")
    hurt = concept(_extracted("Kämpfer", "Kämpfer", "2.300 Kämpfer",
                              "Rund 2.300 Kämpfer wurden getötet oder verwundet.", "de"), "de")
    deployed = concept(_extracted("Soldaten", "Soldat", "900 Soldaten",
                                  "Im März kamen 900 Soldaten an, 40 wurden verwundet.", "de"), "de")
    assert fallen == dead == toll == "killed"
    assert hurt == "casualty"
    assert deployed == "soldier"  # "verwundet" belongs to the other clause


def test_reconcile_first_contingent_is_not_the_total() -> None:
    first = claim("a", 9500, text="9.500 Reservisten", measure="Reservisten", lemma="Soldat",
                  context="Im Herbst war von 9.500 Reservisten die Rede, die zunächst in Lagern blieben.")
    first_en = claim("b", 9000, text="9,000 soldiers", measure="soldiers", lemma="soldier",
                     context="The army first sent 9,000 soldiers in October.", language="en")
    total = claim("c", 21000, text="21.000 Soldaten", context="Inzwischen sind es insgesamt 21.000 Soldaten.")
    total_en = claim("d", 20000, text="20,000 soldiers", measure="soldiers", lemma="soldier",
                     context="By now some 20,000 soldiers have been deployed.", language="en")
    groups = group_claims([first, first_en, total, total_en], {"b": "en", "d": "en"})
    assert sorted(sorted(c["doc_id"] for c in g.claims) for g in groups) == [["a", "b"], ["c", "d"]]


@pytest.mark.parametrize("context, quote, code, expected", [
    # an increment is not the total, and one that may still come is not one that came
    ("Im Frühjahr sollen weitere 2.500 Mann gefolgt sein.", "2.500 Mann", "de", "additional soldier"),
    ("In spring another 2,500 troops arrived.", "2,500 troops", "en", "additional soldier"),
    ("Bald könnten weitere 20.000 Soldaten folgen.", "20.000 Soldaten", "de", "additional possible soldier"),
    ("Seoul warned Pyongyang could send another 20,000 troops.", "20,000 troops", "en",
     "additional possible soldier"),
    ("Im Frühjahr kamen 2.500 Soldaten und weitere Ausrüstung.", "2.500 Soldaten", "de", "soldier"),
])
def test_reconcile_increments_are_their_own_count(context: str, quote: str, code: str, expected: str) -> None:
    words = quote.split()[1]
    lemma = "Soldat" if code == "de" else "soldier"
    assert concept(claim("a", 1, text=quote, measure=words, lemma=lemma, context=context, language=code),
                   code) == expected


def test_reconcile_a_count_dated_in_the_first_phase_joins_the_first_contingent() -> None:
    first = claim("a", 9500, text="9.500 Soldaten", time="2023-FA",
                  context="Im Herbst 2023 waren es zunächst 9.500 Soldaten.")
    then = claim("b", 10000, text="10.000", time="2023-10", context="Das Ministerium bezifferte sie damals auf 10.000.")
    total = claim("c", 21000, text="21.000 Soldaten", time="2024-05", context="Inzwischen sind es 21.000 Soldaten.")
    total_too = claim("d", 20000, text="20.000 Soldaten", time="2024-05", context="Es sind 20.000 Soldaten.")
    year = claim("e", 19000, text="19.000 Soldaten", time="2023", context="Im Jahr 2023 kamen 19.000 Soldaten.")
    groups = group_claims([first, then, total, total_too, year])
    assert sorted(sorted(c["doc_id"] for c in g.claims) for g in groups) == [["a", "b"], ["c", "d", "e"]]
    assert [g.status for g in groups if g.concept == "initial soldier"] == ["differ"]


def test_reconcile_goods_going_opposite_ways_are_different_counts() -> None:
    def box(doc: str, value: float, context: str, text: str, language: str = "de") -> dict[str, Any]:
        return claim(doc, value, unit="container", measure="Container", lemma="Container", text=text, context=context,
                     language=language)
    claims = [
        box("a", 4200, "Laut Zoll wurden 4.200 Container nach Indien verschifft.", "4.200 Container"),
        box("b", 4500, "Customs said 4,500 containers went to India.", "4,500 containers", "en"),
        box("c", 800, "Im Gegenzug kamen 800 Container aus Indien.", "800 Container"),
        box("d", 800, "In return, 800 containers were shipped to Vietnam.", "800 containers", "en"),
    ]
    groups = group_claims(claims, {"b": "en", "d": "en"})
    assert sorted(sorted(c["doc_id"] for c in g.claims) for g in groups) == [["a", "b"], ["c", "d"]]


def test_reconcile_different_durations_are_different_things() -> None:
    def days(doc: str, value: float) -> dict[str, Any]:
        return claim(doc, value, unit="day", measure="Tage", lemma="Tag")
    groups = group_claims([days("a", 12), days("b", 12), days("a", 3), days("c", 3), days("d", 40)])
    found = sorted((g.claims[0]["value"], len(g.claims), g.status) for g in groups)
    assert found == [(3, 2, "agree"), (12, 2, "agree")]


@pytest.mark.parametrize("claims, languages, expected", [
    # a demonstration: German majority, one city, one day; the ceiling label is never shown
    ([claim("a", 35000, measure="bis zu: Teilnehmer", lemma="Teilnehmer", published="2024-01-21", text="35.000",
            context="In München kamen bis zu 35.000 Teilnehmer."),
      claim("b", 38000, measure="Teilnehmer", lemma="Teilnehmer", published="2024-01-21", text="38.000 Teilnehmer",
            context="In München zählte die Polizei 38.000 Teilnehmer."),
      claim("c", 36000, measure="protesters", lemma="protester", published="2024-01-21", language="en")],
     {"c": "en"}, "Teilnehmer in Munich, 21.01.2024"),
    # an election in English: several months, no place
    ([claim("a", 61, unit="percent", measure="turnout", lemma="turnout", published="2024-10", language="en"),
      claim("b", 58, unit="percent", measure="turnout", lemma="turnout", published="2024-11", language="en")],
     {"a": "en", "b": "en"}, "turnout"),
    # a flood in English: one month
    ([claim("a", 1200, measure="homes", lemma="home", published="2024-05", language="en"),
      claim("b", 1300, measure="homes", lemma="home", published="2024-05", language="en")],
     {"a": "en", "b": "en"}, "homes, May 2024"),
])
def test_reconcile_group_title_names_population_place_and_date(claims: list[dict[str, Any]],
                                                               languages: dict[str, str], expected: str) -> None:
    assert title(claims, languages, "concept") == expected
