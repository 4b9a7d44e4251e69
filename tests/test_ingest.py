"""Readers: formats, encodings, metadata, and bad input that must not stop a corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.errors import InputError
from lagebild.ingest import read_paths
from lagebild.ingest.metadata import dateline, detect_language, iso_from

ARTICLE = ("Russland und Nordkorea vertiefen ihre Zusammenarbeit\n\n"
           "Die beiden Staaten wollen den Handel über die Grenze ausbauen, sagte ein Sprecher in Moskau.\n")


def _read(*paths: Path) -> list:
    return list(read_paths(paths))


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "cp1252"])
def test_ingest_decodes_common_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Über die Grenze: Gespräche in Moskau – „Größere“ Pläne für 2025\n"
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("„", '"').replace("“", '"')
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = _read(path)
    assert doc.raw_text == text
    assert doc.meta["encoding"] in ("utf-8", "cp1252")


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10, "binary"),
])
def test_ingest_rejects_unreadable_files_with_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    results = _read(tmp_path)
    errors = [r for r in results if isinstance(r, InputError)]
    docs = [r for r in results if not isinstance(r, InputError)]
    assert [d.id for d in docs] == ["good"]
    assert len(errors) == 1 and message in errors[0].message and "bad.txt" in str(errors[0])


def test_ingest_rejects_a_20mb_file_but_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_text("Nordkorea liefert Granaten. " * 750_000, encoding="utf-8")
    (tmp_path / "small.txt").write_text(ARTICLE, encoding="utf-8")
    results = _read(tmp_path)
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert "larger than" in error.message and "--max-size" in error.message
    assert [r.id for r in results if not isinstance(r, InputError)] == ["small"]


def test_ingest_html_drops_scripts_and_keeps_metadata(tmp_path: Path) -> None:
    html = """<html><head><title>Gipfel in Pjöngjang | Morgenblatt</title>
    <meta property="og:site_name" content="Morgenblatt">
    <meta property="article:published_time" content="2024-06-19T08:00:00+02:00">
    <script>var tracking = "Nordkorea liefert 999 Raketen";</script></head>
    <body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
    <article><h1>Gipfel in Pjöngjang</h1>
    <p>Der russische Präsident ist zu einem Staatsbesuch in Nordkorea eingetroffen. Beide Seiten wollen
    einen Vertrag über eine umfassende strategische Partnerschaft unterzeichnen.</p>
    <p>Beobachter erwarten, dass es auch um Waffenlieferungen und um den Tourismus gehen wird. Der Besuch
    ist der erste seit vielen Jahren und wird im Westen mit Sorge verfolgt.</p>
    <script>alert("x")</script></article><footer>© Morgenblatt</footer></body></html>"""
    path = tmp_path / "gipfel.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = _read(path)
    assert doc.raw == html  # raw input kept untouched
    assert "Staatsbesuch" in doc.raw_text
    assert "999" not in doc.raw_text and "alert" not in doc.raw_text
    assert doc.outlet == "Morgenblatt"
    assert doc.published == "2024-06-19"
    assert doc.removed_lines == []


def test_ingest_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a=1;</script></head><body><div></div></body></html>", encoding="utf-8")
    (error,) = _read(path)
    assert isinstance(error, InputError) and "no article text" in error.message


def test_ingest_jsonl_reads_both_field_names_and_skips_a_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "outlet": "Morgenblatt", "published": "2025-07-14",
                    "language": "de", "title": "Handel"}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"maintext": ARTICLE, "date_publish": "2025-07-15 08:30:00", "source_domain": "abendpost.example",
                    "title": "Handel 2", "language": "de", "url": "https://abendpost.example/a"}),
        json.dumps(["not", "an", "object"]),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = _read(path)
    docs = [r for r in results if not isinstance(r, InputError)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [d.outlet for d in docs] == ["Morgenblatt", "abendpost.example"]
    assert [d.published for d in docs] == ["2025-07-14", "2025-07-15"]
    assert docs[0].id == "a1" and len(docs[1].id) == 16  # content hash when no id
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:4"]
    assert "not valid JSON" in errors[0].message


def test_ingest_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG")
    results = _read(tmp_path / "nope", other)
    assert all(isinstance(r, InputError) for r in results)
    assert "does not exist" in results[0].message and "unsupported type" in results[1].message


@pytest.mark.parametrize("text, expected", [
    ("Titel der Meldung\n17.06.2025, 15:03\nText folgt.", "2025-06-17"),
    (" date 2025-07 Ein langer erster Absatz beginnt hier ohne Zeilenumbruch.", "2025-07"),
    ("Überschrift\n3. März 2024\nDer Text.", "2024-03-03"),
    ("Eine Überschrift ohne Datum\nUnd ein Absatz mit dem 1. Mai, aber ohne Jahr.", None),
])
def test_ingest_dateline(text: str, expected: str | None) -> None:
    assert dateline(text, "de") == expected


@pytest.mark.parametrize("value, expected", [
    ("2025-06-18T09:12:00+02:00", "2025-06-18"), ("2025-07-14 08:30:00", "2025-07-14"), ("2025-07", "2025-07"),
    ("17.06.2025", "2025-06-17"), ("2024", "2024"), ("gestern", None), ("2025-13-40", None), (None, None),
])
def test_ingest_iso_from(value: str | None, expected: str | None) -> None:
    assert iso_from(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("Die Soldaten wurden nach Angaben des Geheimdienstes in die Region verlegt.", "de"),
    ("The soldiers were moved to the region, according to the intelligence service.", "en"),
])
def test_ingest_detects_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Die Feuerwehr hat am Abend mit dem Abpumpen begonnen, und die Straße ist nicht mehr gesperrt. " * 4, "de"),
    ("The fire brigade started pumping in the evening, and the road is open to traffic again. " * 4, "en"),
    ("Les pompiers ont commencé à pomper le soir, et la route est de nouveau ouverte. " * 4, None),
    ("Die Feuerwehr und the brigade.", None),  # too short to tell by function words
])
def test_ingest_function_word_vote(text: str, expected: str | None) -> None:
    from lagebild.ingest.metadata import function_word_vote

    assert function_word_vote(text) == expected
