"""The web UI over HTTP (FastAPI TestClient) on a real SQLite database built once from
examples/corpus plus one article full of XSS payloads."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from conftest import EXAMPLES
from lagebild.api import analyze
from lagebild.web import create_app

PAYLOADS = {
    "script": "<script>window.__xss=1;alert('x')</script>",
    "img": "<img src=x onerror=\"window.__xss=1;alert('x')\">",
    "svg": "<svg onload=\"window.__xss=1;alert('x')\">",
    "link": "<a href=\"javascript:window.__xss=1;alert('x')\">Mehr</a>",
    "attr": "\" onmouseover=\"window.__xss=1\" x=\"",
}
XSS_ID = "xss_probe"


def xss_article() -> dict[str, str]:
    """An article whose every field an attacker controls carries a payload."""
    p = PAYLOADS
    return {
        "id": XSS_ID, "language": "de", "published": "2025-06-18",
        "title": f"{p['script']} Truppen", "outlet": p["img"], "url": "javascript:window.__xss=1;alert('url')",
        "text": "\n".join([
            f"Truppen in Kursk {p['svg']}",
            f"Laut {p['script']} sollen 12.000 Soldaten in Kursk sein, sagte Kim Jong-un am 17. Juni 2025.",
            f"Nach Angaben von {p['img']} sind 3.000 Soldaten gefallen. {p['link']}",
            f"{p['attr']} Der Kreml nannte 11.000 Soldaten.",
        ]),
    }


def build_corpus(folder: Path, xss: bool = True) -> str:
    """examples/corpus (plus the XSS article), analyzed into a fresh SQLite database."""
    inputs = [EXAMPLES]
    if xss:
        inputs.append(folder / "xss.jsonl")
        inputs[-1].write_text(json.dumps(xss_article(), ensure_ascii=False) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'web.db'}"
    analyze(inputs, db=url).store.close()
    return url


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = build_corpus(tmp_path_factory.mktemp("web"))
    with TestClient(create_app(url), base_url="http://localhost", raise_server_exceptions=False) as c:
        yield c


class Audit(HTMLParser):
    """Collects what would run in a browser: scripts, event handlers, script URLs, injected elements."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str | None] = []
        self.handlers: list[tuple[str, str]] = []
        self.script_urls: list[str] = []
        self.injected: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values.get("src"))
        if tag in ("img", "iframe", "object", "embed") or (tag == "svg" and "onload" in values):
            self.injected.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                    ("javascript:", "data:text/html")):
                self.script_urls.append(value or "")


def audit(html: str) -> Audit:
    parser = Audit()
    parser.feed(html)
    return parser


PAGES = ["/", "/documents", f"/documents/{XSS_ID}", "/documents/02_abendpost_kursk", "/claims",
         "/claims?hedged=yes&sort=value&order=desc", "/conflicts", "/conflicts?status=conflict", "/timeline",
         "/entities", "/entities?type=LOC", "/entities/Kursk", "/search?q=Soldaten", "/search?q=alert+window",
         "/search?q=onerror", "/documents?outlet=Elbtal+Morgenbote", "/claims?entity=Kursk"]


@pytest.mark.parametrize("path", PAGES)
def test_web_pages_render(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert "<nav>" in r.text and "</html>" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


@pytest.mark.parametrize("path", PAGES)
def test_web_xss_payloads_stay_text(client: TestClient, path: str) -> None:
    html = client.get(path).text
    found = audit(html)
    assert found.scripts == ["/static/app.js"]
    assert found.handlers == [] and found.script_urls == [] and found.injected == []
    for payload in PAYLOADS.values():
        assert payload not in html


@pytest.mark.parametrize("path", [f"/documents/{XSS_ID}", "/search?q=alert", "/documents"])
def test_web_xss_payloads_shown_escaped(client: TestClient, path: str) -> None:
    assert "&lt;script&gt;window.__xss=1" in client.get(path).text


@pytest.mark.parametrize("path", [f"/documents/{XSS_ID}"])
def test_web_script_url_never_linked(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "javascript:window.__xss=1;alert(&#39;url&#39;)" in html  # shown as text
    assert 'href="javascript:' not in html.lower()


@pytest.mark.parametrize("doc_id", ["02_abendpost_kursk"])
def test_web_document_highlights(client: TestClient, doc_id: str) -> None:
    html = client.get(f"/documents/{doc_id}").text
    assert 'class="ann ent LOC" title="Kursk (LOC)"' in html
    assert 'class="ann time"' in html and 'class="ann claim' in html
    assert "Quelle: britischen Regierung" in html  # claim source on hover
    assert 'class="removed"' in html and ">navigation: " in html  # dropped boilerplate, greyed, with its reason


@pytest.mark.parametrize("field", ["outlet", "language", "date"])
def test_web_documents_filter(client: TestClient, field: str) -> None:
    everything = client.get("/api/documents?limit=500").json()["items"]
    column = "published" if field == "date" else field
    value = next(d[column] for d in everything if d[column])[: 7 if field == "date" else None]
    wanted = {d["id"] for d in everything if (d[column] or "").startswith(value) and
              (field == "date" or d[column] == value)}
    api = client.get("/api/documents", params={field: value, "limit": 500}).json()
    html = client.get("/documents", params={field: value}).text
    assert {d["id"] for d in api["items"]} == wanted and api["total"] == len(wanted) < len(everything)
    for d in everything:
        assert (f'href="/documents/{d["id"]}"' in html) == (d["id"] in wanted)


@pytest.mark.parametrize(("query", "check"), [
    ("unit=container", lambda c: c["unit"] == "container"),
    ("hedged=yes", lambda c: c["hedged"]),
    ("hedged=no", lambda c: not c["hedged"]),
    ("source=seoul", lambda c: "seoul" in c["source"].lower()),
])
def test_web_claims_filter(client: TestClient, query: str, check: Any) -> None:
    data = client.get(f"/api/claims?{query}&limit=500").json()
    everything = client.get("/api/claims?limit=500").json()["items"]
    assert data["items"] and all(check(c) for c in data["items"])
    assert data["total"] == sum(1 for c in everything if check(c))


@pytest.mark.parametrize("rank", [0, 1])
def test_web_claims_filter_by_outlet(client: TestClient, rank: int) -> None:
    outlet = client.get("/api/summary").json()["outlets"][rank]["outlet"]
    everything = client.get("/api/claims?limit=500").json()["items"]
    items = client.get("/api/claims", params={"outlet": outlet, "limit": 500}).json()["items"]
    assert [c["id"] for c in items] == [c["id"] for c in everything if c["outlet"] == outlet]


@pytest.mark.parametrize("name", ["Kursk", "Kim Jong-un"])
def test_web_claims_filter_by_entity(client: TestClient, name: str) -> None:
    aliases = [a["text"] for a in client.get(f"/api/entities/{name}").json()["aliases"]]
    items = client.get("/api/claims", params={"entity": name, "limit": 500}).json()["items"]
    assert items
    for c in items:
        doc = client.get(f"/api/documents/{c['doc_id']}").json()
        sentence = next(x["sentence"] for x in doc["claims"] if x["id"] == c["id"])
        assert any(a in sentence for a in aliases), (name, sentence)


@pytest.mark.parametrize(("sort", "order"), [("value", "asc"), ("value", "desc"), ("outlet", "asc")])
def test_web_claims_sorted(client: TestClient, sort: str, order: str) -> None:
    items = client.get(f"/api/claims?sort={sort}&order={order}&limit=500").json()["items"]
    keys = [c[sort] or "" for c in items] if sort == "outlet" else [c[sort] for c in items]
    keys = [k for k in keys if k != ""]
    assert keys == sorted(keys, reverse=order == "desc")


@pytest.mark.parametrize("query", ["unit=person&hedged=yes", "source=seoul", ""])
def test_web_claims_csv_matches_filter(client: TestClient, query: str) -> None:
    r = client.get(f"/claims.csv?{query}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    api = client.get(f"/api/claims?{query}&limit=500").json()
    assert [row["id"] for row in rows] == [c["id"] for c in api["items"]]
    assert len(rows) == api["total"] > 0


@pytest.mark.parametrize("page", ["/claims?unit=person"])
def test_web_claims_csv_link_keeps_filter(client: TestClient, page: str) -> None:
    assert 'href="/claims.csv?unit=person' in client.get(page).text


@pytest.mark.parametrize("path", ["/api/summary"])
def test_web_api_summary(client: TestClient, path: str) -> None:
    data = client.get(path).json()
    assert data["documents"] == 15 and data["claims"] > 50
    assert set(data["groups"]) == {"agree", "differ", "conflict"}
    assert sum(data["groups"].values()) == client.get("/api/groups").json()["total"] > 0
    assert data["time_span"][0] <= data["time_span"][1]


@pytest.mark.parametrize("status", ["conflict", "differ", "agree"])
def test_web_api_groups_by_status(client: TestClient, status: str) -> None:
    data = client.get(f"/api/groups?status={status}").json()
    assert data["total"] == client.get("/api/summary").json()["groups"][status]
    assert all(g["status"] == status for g in data["items"])
    assert all(len({v["doc"] for v in g["values"]}) >= 2 for g in data["items"])


@pytest.mark.parametrize("status", ["", "conflict", "differ", "agree"])
def test_web_conflicts_page_shows_groups(client: TestClient, status: str) -> None:
    html = client.get("/conflicts", params={"status": status}).text
    groups = client.get("/api/groups", params={"status": status, "limit": 20}).json()["items"]
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == len(groups)
    for g in groups:  # the reason in the UI's language (German), naming the two figures' sources
        assert 'id="{}"'.format(g["id"]) in html
        section = html.split('id="{}"'.format(g["id"]), 1)[1].split("</section>", 1)[0]
        reason = section.split('<p class="reason">', 1)[1].split("</p>", 1)[0]
        assert " vs " not in reason and " apart" not in reason
        compared = {v["claim"]: v for v in g["values"]}
        for side in ("high", "low"):
            value = compared[g["basis"][side]]
            assert str(escape(value["source"] or value["outlet"] or "ohne Quellenangabe")) in reason
    assert html.count('<ul class="legend"') == len(groups)


@pytest.mark.parametrize("name", ["Kursk", "Kim Jong-un"])
def test_web_entity_detail(client: TestClient, name: str) -> None:
    data = client.get(f"/api/entities/{name}").json()
    assert data["canonical"] == name and data["mentions"] and data["aliases"] and data["cooccurring"]
    html = client.get(f"/entities/{name}").text
    assert "<mark>" in html and data["aliases"][0]["text"] in html


@pytest.mark.parametrize("type_", ["PER", "ORG", "LOC"])
def test_web_entities_by_type(client: TestClient, type_: str) -> None:
    items = client.get(f"/api/entities?type={type_}&limit=500").json()["items"]
    assert items and all(e["type"] == type_ for e in items)


@pytest.mark.parametrize(("q", "doc_id"), [("Pochta Rossii", "04_alpenblick_post"), ("Wonsan", None)])
def test_web_search_finds_and_marks(client: TestClient, q: str, doc_id: str | None) -> None:
    data = client.get("/api/search", params={"q": q}).json()
    assert data["items"]
    assert all("<mark>" in h["snippet_html"] for h in data["items"])
    if doc_id:
        assert doc_id in {h["doc_id"] for h in data["items"]}
    assert "<mark>" in client.get("/search", params={"q": q}).text


@pytest.mark.parametrize("path", ["/api/timeline?limit=500"])
def test_web_timeline_ordered(client: TestClient, path: str) -> None:
    from lagebild.timeline import sort_key

    items = client.get(path).json()["items"]
    assert items and [sort_key(r["value"]) for r in items] == sorted(sort_key(r["value"]) for r in items)


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/documents/does-not-exist", 404, "does-not-exist"),
    ("/api/documents/does-not-exist", 404, "does-not-exist"),
    ("/entities/Nobody%20Here", 404, "Nobody Here"),
    ("/no/such/page", 404, "Not Found"),
    ("/api/claims?limit=0", 422, "limit"),
    ("/api/claims?limit=100000", 422, "limit"),
    ("/api/claims?offset=-1", 422, "offset"),
    ("/claims?page=abc", 422, "page"),
    ("/claims?sort=password", 422, "sort"),
    ("/claims?hedged=maybe", 422, "hedged"),
    ("/documents?date=yesterday", 422, "date"),
    ("/entities?type=XYZ", 422, "type"),
    ("/api/search", 422, "q"),
    ("/api/search?q=" + "x" * 400, 422, "q"),
    ("/conflicts?status=unknown", 422, "status"),
    ("/static/..%2Fapp.py", 404, ""),
    ("/static/app.py", 404, "app.py"),
    ("/docs", 404, ""),
])
def test_web_error_shape(client: TestClient, path: str, status: int, words: str) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.json() == {"error": {"status": status, "message": r.json()["error"]["message"]}}
    assert words in r.json()["error"]["message"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_web_read_only(client: TestClient, method: str) -> None:
    r = client.request(method.upper(), "/api/claims")
    assert r.status_code == 405 and r.json()["error"]["status"] == 405


@pytest.mark.parametrize("q", ['"unbalanced', "NEAR(a b", "*", "a AND OR", "' OR 1=1 --", "%_%"])
def test_web_search_odd_queries_never_fail(client: TestClient, q: str) -> None:
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200 and isinstance(r.json()["items"], list)
    assert client.get("/search", params={"q": q}).status_code == 200


@pytest.mark.parametrize("path", ["/openapi.json"])
def test_web_openapi_documents_api(client: TestClient, path: str) -> None:
    spec = client.get(path).json()
    for route in ("/api/summary", "/api/documents", "/api/documents/{doc_id}", "/api/claims", "/api/groups",
                  "/api/entities", "/api/search", "/api/timeline"):
        assert route in spec["paths"]
    assert not any(p.startswith(("/documents", "/claims.csv")) for p in spec["paths"])


@pytest.mark.parametrize("page", [1, 2])
def test_web_pagination(client: TestClient, page: int) -> None:
    data = client.get(f"/api/claims?limit=10&offset={(page - 1) * 10}").json()
    assert len(data["items"]) == 10 and data["offset"] == (page - 1) * 10
    html = client.get(f"/claims?page={page}").text
    assert f"Seite {page} von" in html


@pytest.mark.parametrize("values", [1, 2])
def test_web_api_groups_list_some_figures_and_count_all(client: TestClient, values: int) -> None:
    groups = client.get("/api/groups", params={"values": values}).json()["items"]
    assert groups and all(len(g["values"]) == len(g["claims"]) == min(values, g["claim_count"]) for g in groups)
    big = max(groups, key=lambda g: g["claim_count"])
    pages = [client.get(f"/api/groups/{big['id']}", params={"limit": 1, "offset": n}).json()
             for n in range(big["claim_count"])]
    assert [p["claims"][0] for p in pages] == client.get(f"/api/groups/{big['id']}").json()["claims"]
    assert client.get("/api/groups/g999:nothing").status_code == 404


@pytest.mark.parametrize("name", ["Kursk"])
def test_web_api_entity_counts_documents_and_claims(client: TestClient, name: str) -> None:
    data = client.get(f"/api/entities/{name}").json()
    assert data["document_count"] >= len(data["documents"]) > 0
    assert data["claim_count"] == client.get("/api/claims", params={"entity": name}).json()["total"] > 0
    assert f"in {data['document_count']} Artikeln" in client.get(f"/entities/{name}").text


@pytest.mark.parametrize("path", ["/api/status"])
def test_web_status_says_when_the_caches_are_ready(client: TestClient, path: str) -> None:
    assert client.get(path).json() == {"ready": False, "warm_up_seconds": None}
    client.app.state.lb.warm_up()  # type: ignore[attr-defined]
    status = client.get(path).json()
    assert status["ready"] is True and status["warm_up_seconds"] >= 0
    assert client.get("/").status_code == 200
