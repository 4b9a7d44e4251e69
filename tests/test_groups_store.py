"""Claim groups are computed by reconcile after analyze and stored (claim_groups,
group_members, duplicates); the web UI, exports and CSV downloads read them, and the
downloads hold what the database holds, with the current filters."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import EXAMPLES
from lagebild.api import Corpus, analyze, remove
from lagebild.cli import app as cli
from lagebild.export import CLAIM_COLUMNS, GROUP_COLUMNS
from lagebild.store.groups import claim_group_status, group_rows, member_rows
from lagebild.web import create_app


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('groups') / 'g.db'}"
    analyze([EXAMPLES], db=db, workers=1).store.close()
    return db


@pytest.fixture(scope="module")
def client(url: str) -> Iterator[TestClient]:
    with TestClient(create_app(url), base_url="http://localhost") as c:
        yield c


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_groups_store_analyze_stores_what_reconcile_computes(url: str) -> None:
    corpus = Corpus.open(url)
    computed = corpus.groups(duplicates=corpus.duplicates())  # given duplicates: computed, not read
    stored = group_rows(corpus.store)
    assert computed and [(r["id"], r["status"], r["members"]) for r in stored] == \
        [(g.id, g.status, len(g.claims)) for g in computed]
    members = member_rows(corpus.store)
    assert {(m["group_id"], m["claim_id"]) for m in members} == {(g.id, c["id"]) for g in computed for c in g.claims}
    read = corpus.groups()
    assert [(g.id, g.reason, g.basis.kind if g.basis else "") for g in read] == \
        [(g.id, g.reason, g.basis.kind if g.basis else "") for g in computed]


def test_groups_store_remove_reconciles_again(url: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(url.removeprefix("sqlite:///")).read_bytes())
    db = f"sqlite:///{copy}"
    store = Corpus.open(db).store
    gone = member_rows(store)[0]["doc_id"]
    assert remove([gone], db=db).removed == [gone]
    assert all(m["doc_id"] != gone for m in member_rows(Corpus.open(db).store))


def test_groups_store_claims_csv_holds_document_sentence_and_group(client: TestClient, url: str) -> None:
    corpus = Corpus.open(url)
    membership = claim_group_status(corpus.store)
    docs = {d["id"]: d for d in corpus.store.document_rows()}
    rows = _csv(client.get("/claims.csv").text)
    assert tuple(rows[0]) == CLAIM_COLUMNS and len(rows) == len(corpus.claims())
    for r in rows:
        assert (r["group_id"], r["status"]) == membership.get(r["id"], ("", ""))
        assert r["title"] == (docs[r["doc_id"]]["title"] or "") and r["url"] == (docs[r["doc_id"]]["url"] or "")
        assert r["text"] in r["sentence_text"]
    assert any(r["group_id"] for r in rows) and any(r["status"] == "conflict" for r in rows)


def test_groups_store_claims_csv_keeps_the_filters(client: TestClient) -> None:
    rows = _csv(client.get("/claims.csv", params={"unit": "person", "hedged": "yes"}).text)
    api = client.get("/api/claims", params={"unit": "person", "hedged": "yes", "limit": 500}).json()
    assert rows and len(rows) == api["total"] and {r["id"] for r in rows} == {c["id"] for c in api["items"]}


def test_groups_store_groups_csv_and_cli_export_agree(client: TestClient, url: str) -> None:
    web = _csv(client.get("/groups.csv").text)
    result = CliRunner().invoke(cli, ["export", "--db", url, "--format", "csv", "--what", "groups"])
    assert result.exit_code == 0, result.output
    assert tuple(web[0]) == GROUP_COLUMNS and web == _csv(result.stdout)
    assert [r["id"] for r in web] == [r["id"] for r in group_rows(Corpus.open(url).store)]
    conflicts = _csv(client.get("/groups.csv", params={"status": "conflict"}).text)
    assert conflicts and all(r["status"] == "conflict" for r in conflicts)


@pytest.mark.parametrize(("page", "params", "api"), [
    ("/documents.csv", {"language": "en"}, "/api/documents"),
    ("/entities.csv", {"type": "LOC"}, "/api/entities"),
])
def test_groups_store_list_downloads_match_the_api(client: TestClient, page: str, params: dict[str, str],
                                                   api: str) -> None:
    rows = _csv(client.get(page, params=params).text)
    expected = client.get(api, params={**params, "limit": 500}).json()
    assert rows and len(rows) == expected["total"]
    key = "id" if "documents" in page else "canonical"
    assert [r[key] for r in rows] == [item[key] for item in expected["items"]]


@pytest.mark.parametrize("page", ["/documents", "/claims?unit=person", "/entities?type=PER", "/conflicts"])
def test_groups_store_list_pages_link_downloads_with_their_filters(client: TestClient, page: str) -> None:
    html = client.get(page).text
    query = page.partition("?")[2]
    assert 'id="csv"' in html and 'id="json"' in html
    if query:
        assert query in html.split('id="csv"', 1)[1].split(">", 1)[0]
