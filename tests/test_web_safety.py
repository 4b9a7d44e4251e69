"""The web UI against hostile requests and awkward corpora (issue 14): Host headers (DNS
rebinding), ids with any characters in URLs, CSV cells a spreadsheet would evaluate, and
a read-only database."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hostile import record
from lagebild.api import analyze
from lagebild.web import create_app
from lagebild.web.pages import urlpart

ODD_IDS = ["a/b", "..", "x?y#z", "100%", "=cmd", "Ünïcode ✓", "sp ace"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("web-safety")
    lines = [record(i, id=doc_id, outlet="@Kurier" if i == 0 else "Rundschau") for i, doc_id in enumerate(ODD_IDS)]
    (folder / "odd.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'web.db'}"
    corpus = analyze([folder], db=url, workers=1)
    assert corpus.report.ok, corpus.report
    corpus.store.close()
    return url


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, ["lagebild.lan"]), base_url="http://localhost") as c:
        yield c


@pytest.mark.parametrize("host, status", [
    ("localhost", 200), ("localhost:8765", 200), ("127.0.0.1:8765", 200), ("[::1]:8765", 200),
    ("lagebild.lan", 200), ("attacker.example", 400), ("attacker.example:8765", 400), ("", 400),
    ("localhost.attacker.example", 400),
])
def test_web_safety_only_allowed_host_names_are_answered(client: TestClient, host: str, status: int) -> None:
    response = client.get("/api/summary", headers={"host": host})
    assert response.status_code == status
    if status == 400:
        error = response.json()["error"]
        assert error["status"] == 400 and "--allow-host" in error["message"]
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("doc_id", ODD_IDS)
def test_web_safety_ids_with_any_characters_work_in_urls(client: TestClient, doc_id: str) -> None:
    page = client.get(f"/documents/{urlpart(doc_id)}")
    assert page.status_code == 200, page.text
    api = client.get(f"/api/documents/{urlpart(doc_id)}")
    assert api.status_code == 200 and api.json()["id"] == doc_id
    listing = client.get("/documents?outlet=Rundschau").text + client.get("/documents?outlet=@Kurier").text
    assert f'href="/documents/{urlpart(doc_id)}"' in listing


def test_web_safety_claims_csv_escapes_formula_cells(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/claims.csv").text)))
    assert rows
    assert {r["doc_id"] for r in rows} >= {"'=cmd"}
    assert "'@Kurier" in {r["outlet"] for r in rows}
    for row in rows:
        for value in row.values():
            assert not re.match(r"[=+@\t\r]", value or "") and not re.match(r"-(?![\d.]+$)", value or "")


def test_web_safety_serves_a_read_only_database(db: str) -> None:
    path = db.removeprefix("sqlite:///")
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    with TestClient(create_app(read_only), base_url="http://localhost") as c:
        for url in ("/", "/documents", "/claims", "/search?q=Menschen", "/api/search?q=Menschen"):
            assert c.get(url).status_code == 200, url
        assert c.get("/api/search?q=Menschen").json()["total"] > 0


def test_web_safety_a_missing_search_index_says_what_to_run(tmp_path: Path, db: str) -> None:
    import shutil

    from sqlalchemy import create_engine, text

    copy = tmp_path / "copy.db"
    shutil.copy(db.removeprefix("sqlite:///"), copy)
    engine = create_engine(f"sqlite:///{copy}")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE search_fts"))
    engine.dispose()
    with TestClient(create_app(f"sqlite:///file:{copy}?mode=ro&uri=true"), base_url="http://localhost") as c:
        response = c.get("/api/search?q=Menschen")
    assert response.status_code == 503 and "lagebild analyze" in response.json()["error"]["message"]
