"""An entity's confidence: stored (SQLite and PostgreSQL, with its migration), exported, and
greyed in the web UI when the type is a guess (own sentences)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, inspect, select, text

from lagebild.api import analyze
from lagebild.export import document_record
from lagebild.model import Document, Entity, Mention
from lagebild.store import Store, schema
from lagebild.web import create_app

UNSURE = "Zorvathek"  # a name no lexicon, gazetteer or cue types
ARTICLE = ("Die Ernte fiel in diesem Jahr schlecht aus. Am Ende half Zorvathek den Bauern in Moskau, "
           "sagte der Bürgermeister am Montag.")


def _document(confidence: float) -> Document:
    body = "Zorvathek kam nach Moskau."
    doc = Document(id="c1", source="/tmp/c1.txt", raw=body, raw_format="txt", raw_text=body, language="de",
                   text=body, meta={"content_hash": "c1"})
    doc.entities = [Entity("Zorvathek", "PER", [Mention("Zorvathek", 0, 9)], confidence=confidence),
                    Entity("Moscow", "LOC", [Mention("Moskau", 19, 25)])]
    return doc


@pytest.mark.parametrize("confidence", [0.3])
def test_entity_confidence_round_trips_through_the_store(db_url: str, confidence: float) -> None:
    store = Store(db_url)
    store.save(_document(confidence))
    loaded = store.load("c1")
    assert loaded is not None
    assert [round(e.confidence, 2) for e in loaded.entities] == [confidence, 1.0]
    store.close()


@pytest.mark.parametrize("migration", ["0012_entity_confidence"])
def test_entity_confidence_migration_fills_old_rows(db_url: str, migration: str) -> None:
    """A database made before the migration gets confidence 1.0 for the entities it holds."""
    store = Store(db_url)
    store.save(_document(0.3))
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE entities DROP COLUMN confidence"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.name == migration))
    store.close()
    store = Store(db_url)
    with store.engine.connect() as conn:
        assert "confidence" in {c["name"] for c in inspect(conn).get_columns("entities")}
        values = conn.execute(select(schema.entities.c.confidence).order_by(schema.entities.c.idx)).scalars().all()
    assert values == [1.0, 1.0]
    store.close()


def test_entity_confidence_is_exported() -> None:
    record = document_record(_document(0.3))
    assert [e["confidence"] for e in record["entities"]] == [0.3, 1.0]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("confidence")
    (folder / "ernte.txt").write_text(ARTICLE, encoding="utf-8")
    url = f"sqlite:///{folder / 'web.db'}"
    analyze([folder / "ernte.txt"], db=url, engine="local", published="2025-09-01").store.close()
    with TestClient(create_app(url), base_url="http://localhost") as c:
        yield c


@pytest.mark.parametrize("path", ["/entities", "/"])
def test_entity_confidence_greys_unsure_names_in_the_web_ui(client: TestClient, path: str) -> None:
    page = client.get(path).text
    unsure = next(line for line in page.splitlines() if f">{UNSURE}</a>" in line)
    sure = next(line for line in page.splitlines() if ">Moscow</a>" in line)
    assert 'class="chip PER low"' in unsure
    assert " low" not in sure


def test_entity_confidence_shown_on_the_entity_page(client: TestClient) -> None:
    assert "type uncertain" in client.get(f"/entities/{UNSURE}").text
    assert "type uncertain" not in client.get("/entities/Moscow").text
