"""Full-text search (store/search.py) on SQLite FTS5 and PostgreSQL tsvector: one interface."""
from __future__ import annotations

import pytest

from lagebild.model import Claim, Document, Line, Sentence
from lagebild.store import Store
from lagebild.store.search import ensure_search_index, mark, search, terms


def _doc(doc_id: str, title: str, text: str, claims: list[Claim] | None = None) -> Document:
    doc = Document(id=doc_id, source=f"/tmp/{doc_id}.txt", raw=text, raw_format="txt", raw_text=text, title=title,
                   outlet="Testblatt", language="de", published="2025-06-17", text=text,
                   meta={"content_hash": doc_id})
    doc.lines = [Line(1, text)]
    doc.sentences = [Sentence(index=0, start=0, end=len(text), text=text)]
    doc.claims = claims or []
    return doc


def _claim(doc_id: str, text: str, start: int, measure: str, source: str) -> Claim:
    return Claim(text=text, value=12000.0, start=start, end=start + len(text), unit="person", measure=measure,
                 measure_lemma=measure, source=source, id=f"{doc_id}:c0")


@pytest.fixture
def store(db_url: str) -> Store:
    st = Store(db_url)
    text = "Laut Geheimdienst sollen rund 11.000 Soldaten in Kursk stationiert sein. Die Lage bleibt unklar."
    st.save(_doc("a", "Truppen an der Front", text, [_claim("a", "rund 11.000 Soldaten", 25, "Soldaten",
                                                             "Geheimdienst Seoul")]))
    st.save(_doc("b", "Postverkehr nach Pjöngjang", "Pakete werden über Wladiwostok nach Pjöngjang geflogen."))
    st.save(_doc("x", "<script>alert(1)</script> Kursk",
                 'Bericht <img src=x onerror="alert(1)"> aus Kursk & Umgebung.'))
    return st


# Each test takes a table of cases: one database per test keeps the PostgreSQL runs fast.
@pytest.mark.parametrize("cases", [[
    ("Pjöngjang", "document", "b"),
    ("Wladiwostok Pakete", "document", "b"),
    ("Seoul", "claim", "a:c0"),
    ("Geheimdienst Seoul", "claim", "a:c0"),
    ("Front", "document", "a"),
]])
def test_search_finds_documents_and_claims(store: Store, cases: list[tuple[str, str, str]]) -> None:
    for query, kind, ref in cases:
        hits = search(store, query)
        assert (kind, ref) in {(h["kind"], h["id"]) for h in hits}, query
        assert all(set(h) == {"kind", "id", "doc_id", "title", "snippet", "snippet_html", "score"} for h in hits)


@pytest.mark.parametrize("cases", [[
    ("Kursk", {"a", "x"}),
    ("Kursk Soldaten", {"a"}),  # every word must occur
    ("Kursk Pjöngjang", set()),
    ("kursk", {"a", "x"}),  # case-insensitive
    ("11.000", {"a"}),  # digit groups match on both databases
]])
def test_search_all_words_required(store: Store, cases: list[tuple[str, set[str]]]) -> None:
    for query, expected in cases:
        assert {h["doc_id"] for h in search(store, query) if h["kind"] == "document"} == expected, query


@pytest.mark.parametrize("queries", [["Kursk", "alert", "onerror"]])
def test_search_snippet_escaped_then_marked(store: Store, queries: list[str]) -> None:
    hits = [(q, h) for q in queries for h in search(store, q) if h["doc_id"] == "x"]
    assert {q for q, _ in hits} == set(queries)
    for query, h in hits:
        assert "<img" not in h["snippet_html"] and "<script" not in h["snippet_html"]
        assert f"<mark>{query}</mark>".lower() in h["snippet_html"].lower()
        assert "\x02" not in h["snippet"] and "<mark>" not in h["snippet"]


@pytest.mark.parametrize("queries", [['"unbalanced', "NEAR(a b", "*", "a AND OR NOT", "' OR 1=1 --", "%_%", "", "  ",
                                      "Kursk)", "title:Kursk", "^Kursk", "Kursk*"]])
def test_search_odd_queries_never_fail(store: Store, queries: list[str]) -> None:
    for query in queries:
        hits = search(store, query)
        assert isinstance(hits, list)
        if terms(query) == ["Kursk"]:
            assert {h["doc_id"] for h in hits} >= {"a", "x"}, query


@pytest.mark.parametrize("limits", [(1, 2, 0)])
def test_search_limit(store: Store, limits: tuple[int, ...]) -> None:
    assert [len(search(store, "Kursk", n)) for n in limits] == list(limits)


@pytest.mark.parametrize("title", ["Neuer Artikel über Wonsan"])
def test_search_index_refreshes_after_analysis(store: Store, title: str) -> None:
    assert search(store, "Wonsan") == []
    assert ensure_search_index(store) is False  # up to date
    store.save(_doc("c", title, "Lawrow besuchte den Badeort Wonsan."))
    assert ensure_search_index(store) is True
    assert [h["id"] for h in search(store, "Wonsan", refresh=False)] == ["c"]
    assert ensure_search_index(store) is False


@pytest.mark.parametrize(("raw", "html"), [
    ("a \x02<b>\x03 c", "a <mark>&lt;b&gt;</mark> c"),
    ("\x02x\x03 & \x02y", "<mark>x</mark> &amp; <mark>y</mark>"),  # a cut-off hit is closed
    ("\x03stray\x02", "stray<mark></mark>"),
    ("<script>", "&lt;script&gt;"),
])
def test_search_mark_escapes_first(raw: str, html: str) -> None:
    assert mark(raw) == html


@pytest.mark.parametrize(("ranked", "expected"), [(1, ["b2"]), (2, ["b2", "b1"]), (10, ["b2", "b1", "b0"])])
def test_search_ranks_the_newest_matches_first(db_url: str, ranked: int, expected: list[str]) -> None:
    """A word in more rows than `ranked` ranks only the newest articles' rows."""
    st = Store(db_url)
    for n, published in enumerate(["2024-01-05", "2025-03-01", "2025-06-17"]):
        doc = _doc(f"b{n}", "Meldung", f"Pjöngjang meldet Neues, Ausgabe {n}.")
        doc.published = published
        st.save(doc)
    hits = search(st, "Pjöngjang", ranked=ranked)
    assert sorted(h["id"] for h in hits) == sorted(expected)
    st.close()
