"""The store on SQLite and PostgreSQL: round trips, idempotent re-analysis, migrations."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.api import analyze
from lagebild.errors import StoreError
from lagebild.model import Claim, Document, Entity, Event, Line, Mention, Sentence, TimeExpr
from lagebild.store import Store
from lagebild.store.migrations import MIGRATIONS


def _document(doc_id: str = "d1", text: str = "Rund 14.000 Soldaten sollen in Kursk sein.") -> Document:
    doc = Document(id=doc_id, source=f"/tmp/{doc_id}.txt", raw=text + "\nFoto: Agentur", raw_format="txt",
                   raw_text=text + "\nFoto: Agentur", title="Titel", outlet="Morgenblatt", language="de",
                   published="2025-07", text=text, meta={"content_hash": "abc", "encoding": "utf-8"})
    doc.lines = [Line(1, text), Line(2, "Foto: Agentur", keep=False, reason="credit")]
    doc.sentences = [Sentence(index=0, start=0, end=len(text), text=text)]
    doc.entities = [Entity("Kursk", "LOC", [Mention("Kursk", 35, 40)])]
    doc.times = [TimeExpr("Juni 2024", "2024-06", 0, 5, "date"),
                 TimeExpr("zwei Tagen", "P2D", 6, 11, "duration", type="DURATION", anchor="2024-06")]
    doc.claims = [Claim(text="Rund 14.000 Soldaten", value=14000.0, start=0, end=20, approx=True, unit="person",
                        measure="Soldaten", measure_lemma="Soldat", source="Geheimdienst", hedged=True,
                        hedge="sollen", hedge_reason="reported", time="2025-07", sentence=0, id=f"{doc_id}:c0",
                        place="Kursk")]
    doc.events = [Event(kind="deployment", trigger="sein", start=0, end=5, sentence=0, participants=["Kursk"],
                        place="Kursk", time="2025-07")]
    return doc


def _comparable(doc: Document) -> Document:
    doc.meta = {k: v for k, v in doc.meta.items() if k not in ("status", "error")}
    for s in doc.sentences:
        s.tokens = []
    return doc


def test_store_round_trip(db_url: str) -> None:
    store = Store(db_url)
    doc = _document()
    store.save(doc)
    loaded = store.load("d1")
    assert loaded is not None
    assert _comparable(loaded) == _comparable(_document())
    assert loaded.removed_lines == [2]
    store.close()


def test_store_save_twice_replaces(db_url: str) -> None:
    store = Store(db_url)
    store.save(_document())
    store.save(_document())
    counts = store.counts()
    assert (counts["documents"], counts["claims"], counts["entities"]) == (1, 1, 1)
    store.close()


def test_store_migrations_are_recorded_once(db_url: str) -> None:
    Store(db_url).close()
    store = Store(db_url)  # opening again applies nothing
    from sqlalchemy import select

    from lagebild.store.schema import migrations

    with store.engine.connect() as conn:
        names = list(conn.execute(select(migrations.c.name)).scalars())
    assert names == [name for name, _ in MIGRATIONS]
    store.close()


def test_store_bad_url_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="--db URL"):
        Store(f"sqlite:///{tmp_path}/missing-dir/x.db")


_texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=200)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_texts, title=st.one_of(st.none(), _texts), value=st.floats(allow_nan=False, allow_infinity=False,
                                                                         width=32))
def test_store_any_document_reads_back_identical(tmp_path: Path, text: str, title: str | None,
                                                 value: float) -> None:
    store = Store(f"sqlite:///{tmp_path / 'prop.db'}")
    doc = _document("p", text)
    doc.title = title
    doc.claims[0].value = value
    store.save(doc)
    loaded = store.load("p")
    assert loaded is not None
    expected = _document("p", text)
    expected.title, expected.claims[0].value = title, value
    assert _comparable(loaded) == _comparable(expected)
    store.close()


def test_store_reanalyzing_changes_nothing_and_force_redoes(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Schlagzeile\n\nIn Moskau trafen sich am Montag die Minister.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Andere Meldung\n\nDie Regierung in Seoul nannte 12.000 Soldaten.\n",
                                  encoding="utf-8")
    first = analyze([folder], db=db_url, workers=1)
    assert sorted(first.report.analyzed) == ["a", "b"]
    before = first.store.counts()
    second = analyze([folder], db=db_url, workers=1)
    assert second.report.analyzed == [] and sorted(second.report.unchanged) == ["a", "b"]
    assert second.store.counts() == before
    third = analyze([folder], db=db_url, workers=1, force=True)
    assert sorted(third.report.analyzed) == ["a", "b"] and third.store.counts() == before
    for corpus in (first, second, third):
        corpus.store.close()


def test_store_keeps_failed_inputs_and_raw_bytes(sqlite_url: str, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Meldung\n\nEin Text über Moskau.\n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    corpus = analyze([tmp_path], db=sqlite_url, workers=1)
    assert corpus.report.analyzed == ["ok"] and len(corpus.report.failed) == 1
    (failure,) = corpus.store.failures()
    assert failure["source"].endswith("bin.txt") and "binary" in failure["error"]


def _claim_entity_links(store: Store) -> list[tuple[str, int, str]]:
    from sqlalchemy import select

    from lagebild.store.schema import claim_entities as ce

    with store.engine.connect() as conn:
        return sorted(conn.execute(select(ce.c.doc_id, ce.c.claim_idx, ce.c.canonical)).all())


@pytest.mark.parametrize("expected", [[("d1", 0, "Kursk")]])
def test_store_links_claims_to_the_entities_of_their_sentence(db_url: str,
                                                             expected: list[tuple[str, int, str]]) -> None:
    store = Store(db_url)
    doc = _document()
    doc.entities.append(Entity("Moscow", "LOC", [Mention("Moskau", 50, 56)]))  # outside the claim's sentence
    store.save(doc)
    assert _claim_entity_links(store) == expected
    store.save(_document())  # saving again replaces the links
    assert _claim_entity_links(store) == expected
    store.close()


@pytest.mark.parametrize("newer", [["0002_claim_entities", "0003_read_indexes"]])
def test_store_migrations_upgrade_an_old_database(db_url: str, newer: list[str]) -> None:
    """A database made before 0002/0003 gets the claim links (filled from its rows) and the indexes."""
    from sqlalchemy import delete, inspect, text

    from lagebild.store import schema

    store = Store(db_url)
    store.save(_document())
    with store.engine.begin() as conn:
        for index in schema.READ_INDEXES:
            conn.execute(text(f"DROP INDEX {index.name}"))
        conn.execute(text("DROP TABLE claim_entities"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.name.in_(newer)))
    store.close()
    store = Store(db_url)
    with store.engine.connect() as conn:
        names = {ix["name"] for table in ("documents", "claims", "entities", "times", "events", "claim_entities")
                 for ix in inspect(conn).get_indexes(table)}
    assert {ix.name for ix in schema.READ_INDEXES} <= names
    assert _claim_entity_links(store) == [("d1", 0, "Kursk")]
    store.close()


@pytest.mark.parametrize("expected", [[("DATE", None), ("DURATION", None)]])
def test_store_migrations_add_time_type_and_anchor(db_url: str, expected: list[tuple[str, str | None]]) -> None:
    """A database made before 0008 gets the TIMEX3 type (durations from their kind) and an empty anchor."""
    from sqlalchemy import delete, inspect, select, text

    from lagebild.store import schema

    store = Store(db_url)
    store.save(_document())
    with store.engine.begin() as conn:
        for column in ("type", "anchor"):
            conn.execute(text(f'ALTER TABLE times DROP COLUMN "{column}"'))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.name == "0008_time_type_anchor"))
    store.close()
    store = Store(db_url)
    with store.engine.connect() as conn:
        assert {"type", "anchor"} <= {c["name"] for c in inspect(conn).get_columns("times")}
        rows = conn.execute(select(schema.times.c.type, schema.times.c.anchor).order_by(schema.times.c.idx)).all()
    assert [tuple(r) for r in rows] == expected
    store.close()


@pytest.mark.parametrize(("column", "migration", "value"), [
    ("place", "0010_claim_place", "Kursk"),
    ("hedge_reason", "0013_claim_hedge_reason", "reported"),
])
def test_store_migration_adds_a_claim_column(db_url: str, column: str, migration: str, value: str) -> None:
    """A database made before the migration gets the column empty for its claims; new claims keep theirs."""
    from sqlalchemy import delete, text

    from lagebild.store import schema

    store = Store(db_url)
    store.save(_document())
    with store.engine.begin() as conn:
        conn.execute(text(f"ALTER TABLE claims DROP COLUMN {column}"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.name == migration))
    store.close()
    store = Store(db_url)
    assert [r[column] for r in store.claim_rows()] == [""]
    store.save(_document("d2"))
    loaded = store.load("d2")
    assert loaded is not None and getattr(loaded.claims[0], column) == value
    store.close()


def test_store_document_texts_streams_ids_and_texts(db_url: str) -> None:
    store = Store(db_url)
    for doc_id in ("b", "a"):
        store.save(_document(doc_id, f"Text {doc_id}: rund 14.000 Soldaten sollen in Kursk sein."))
    assert list(store.document_texts()) == [(d.id, d.text) for d in store.documents()]
    assert [doc_id for doc_id, _ in store.document_texts()] == ["a", "b"]
    store.close()


@pytest.mark.parametrize("id_chars", [250])
def test_store_migrations_widen_old_varchar_columns_and_add_the_failure_stage(db_url: str, id_chars: int) -> None:
    """A database made before 0004/0005 (VARCHAR(200) ids and outlets, failures without a
    stage) takes a 250-character file stem and outlet once upgraded."""
    from sqlalchemy import delete, inspect, text

    from lagebild.store import schema

    store = Store(db_url)
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE documents ALTER COLUMN id TYPE VARCHAR(200), "
                              "ALTER COLUMN outlet TYPE VARCHAR(200)"))
        conn.execute(text("ALTER TABLE failures DROP COLUMN stage"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.name.in_(
            ["0004_text_columns", "0005_failure_stage"])))
    store.close()
    store = Store(db_url)
    with store.engine.connect() as conn:
        assert "stage" in {c["name"] for c in inspect(conn).get_columns("failures")}
    doc = _document("s" * id_chars)
    doc.outlet = "o" * id_chars
    store.save(doc)
    assert store.document_ids() == [doc.id]
    store.save_failure("x.txt", "is empty", None, "decode")
    assert store.failures()[0]["stage"] == "decode"
    store.close()


def test_store_migrations_run_once_when_two_stores_open_a_new_database_at_once(db_url: str) -> None:
    import threading

    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store(db_url).close()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = Store(db_url)
    from sqlalchemy import select

    from lagebild.store.schema import migrations

    with store.engine.connect() as conn:
        assert sorted(conn.execute(select(migrations.c.name)).scalars()) == [name for name, _ in MIGRATIONS]
    store.close()
