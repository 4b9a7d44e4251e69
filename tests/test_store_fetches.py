"""What the store keeps for fetched and binary inputs, and removing documents, on
SQLite and PostgreSQL; opening a database that does not exist."""
from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import StoreError
from lagebild.model import Document
from lagebild.pipeline import analyze_text
from lagebild.store import Store

TEXT = "Nach Angaben der Feuerwehr wurden am Montag 14 Häuser beschädigt. Die Straße bleibt bis Freitag gesperrt."


def _doc(doc_id: str, raw_bytes: bytes | None = None) -> Document:
    doc = analyze_text(TEXT, published="2024-05-06", doc_id=doc_id)
    doc.meta["content_hash"] = doc_id
    doc.raw_bytes = raw_bytes
    doc.raw_format = "pdf" if raw_bytes else "txt"
    return doc


def test_store_keeps_fetches_and_says_whether_their_document_is_stored(db_url: str) -> None:
    store = Store(db_url)
    row = {"url": "http://127.0.0.1:1/a", "final_url": "http://127.0.0.1:1/b", "status": 200, "kind": "page",
           "doc_id": "d1", "etag": '"e1"', "last_modified": None, "headers": {"etag": '"e1"'},
           "redirects": ["http://127.0.0.1:1/b"], "fetched_at": "2024-05-06T10:00:00+00:00", "body": None}
    store.remember_fetch(row)
    assert store.fetch_row(row["url"])["stored"] is False and not store.has_url(row["url"])
    store.save(_doc("d1"))
    kept = store.fetch_row(row["url"])
    assert kept["stored"] is True and kept["etag"] == '"e1"' and store.has_url(row["url"])
    store.remember_fetch({**row, "kind": "feed", "doc_id": None, "body": b"<rss/>"})  # replaces, never duplicates
    assert store.fetch_row(row["url"])["body"] == b"<rss/>"


def test_store_keeps_the_file_of_a_binary_input_and_removes_it_with_its_document(db_url: str) -> None:
    store = Store(db_url)
    store.save(_doc("pdf1", b"%PDF-1.7 \x00\xff binary"))
    store.save(_doc("txt1"))
    assert store.raw_file("pdf1") == b"%PDF-1.7 \x00\xff binary" and store.raw_file("txt1") is None
    store.remove(["pdf1"])
    assert store.document_ids() == ["txt1"] and store.raw_file("pdf1") is None
    assert store.counts()["claims"] == len(_doc("txt1").claims)


def test_store_refuses_to_create_when_asked_only_to_open(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="there is no database at"):
        Store(f"sqlite:///{missing}", create=False)
    assert not missing.exists()
    missing.write_bytes(b"")  # a file that is no lagebild database
    with pytest.raises(StoreError, match="holds no lagebild data"):
        Store(f"sqlite:///{missing}", create=False)
