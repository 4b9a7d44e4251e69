"""Property tests (bounded, so CI stays fast): readers, the decoder, the dateline reader,
numbers, times and the whole pipeline never crash on arbitrary text, bytes or JSONL
records; they yield a Document or a named InputError, and normalising twice changes nothing."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.errors import InputError
from lagebild.extract.numbers import parse_number
from lagebild.extract.times import find_times
from lagebild.ingest import read_paths
from lagebild.ingest.decode import decode
from lagebild.ingest.metadata import dateline, iso_from
from lagebild.ingest.normalise import normalise_text
from lagebild.ingest.readers import record_to_document
from lagebild.model import Document
from lagebild.run import process_safely

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# text the way articles break: any character, with the ones that broke things more often
_chars = st.one_of(st.characters(), st.sampled_from("¹²³\x00\ufeff\u200b\r\n\t-x.,:;0123456789 "),
                   st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))
texts = st.text(_chars, max_size=400)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
                           max_leaves=12)
_fields = st.sampled_from(["id", "text", "maintext", "html", "url", "outlet", "source_domain", "language",
                           "published", "date_publish", "title", "extra"])
records = st.dictionaries(_fields, json_values, max_size=8)


def _ok(item: Document | InputError) -> None:
    if isinstance(item, InputError):
        assert item.message and "\n" not in item.message and item.stage
    else:
        assert isinstance(item, Document) and item.raw_text.strip()


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_properties_readers_never_crash_on_any_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in read_paths([path]):
        _ok(item)


@FAST
@given(data=st.binary(max_size=3000))
def test_properties_decoder_gives_text_or_a_named_error(data: bytes) -> None:
    try:
        text, encoding = decode(data, "x.txt")
    except InputError as exc:
        assert exc.stage == "decode" and exc.source == "x.txt"
        return
    assert "\r" not in text and text.strip() and encoding


@FAST
@given(text=texts)
def test_properties_dateline_reader_never_crashes(text: str) -> None:
    for language in ("de", "en", None):
        found = dateline(text, language)
        assert found is None or ISO.fullmatch(found)


@FAST
@given(text=st.text(st.sampled_from("0123456789.,' -²½einszweidreitausendMillionenhundredthousand"), max_size=40))
def test_properties_numbers_never_crash_on_number_like_text(text: str) -> None:
    for language in ("de", "en"):
        value = parse_number(text, language)
        assert value is None or isinstance(value, float)


@FAST
@given(text=texts, published=st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31)))
def test_properties_times_never_crash(text: str, published: dt.date) -> None:
    text = normalise_text(text)[0]
    for language in ("de", "en"):
        for t in find_times(text, published.isoformat(), language):
            assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text


@FAST
@given(record=records)
def test_properties_jsonl_records_give_a_document_or_a_named_error(record: dict[str, object]) -> None:
    _ok(record_to_document(record, "corpus.jsonl:1"))


@FAST
@given(record=records)
def test_properties_jsonl_lines_never_crash_the_reader(tmp_path: Path, record: dict[str, object]) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({"id": "ok", "text": "Ein Text.\n"}) + "\n",
                    encoding="utf-8")
    items = list(read_paths([path]))
    assert len(items) == 2 and isinstance(items[-1], Document)
    for item in items:
        _ok(item)


@FAST
@given(text=texts)
def test_properties_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_text(text)[0]
    assert normalise_text(once) == (once, 0, 0)
    once.encode("utf-8")  # no lone surrogate left


@SLOW
@given(text=texts, language=st.sampled_from(["de", "en", None]),
       published=st.one_of(st.none(), st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31)).map(str)))
def test_properties_pipeline_never_crashes_on_any_text(text: str, language: str | None,
                                                       published: str | None) -> None:
    raw = normalise_text(text)[0]
    doc = Document(id="p", source="p.txt", raw=raw, raw_format="txt", raw_text=raw, language=language,
                   published=published)
    result = process_safely(doc)
    assert result.error is None, result.error
    for c in result.doc.claims:
        assert result.doc.text[c.start:c.end] == c.text


@pytest.mark.parametrize("value", ["9999-12-31", "0000-00-00", "²⁰²⁴-01-01", "2024-02-30"])
def test_properties_iso_from_refuses_impossible_dates(value: str) -> None:
    assert iso_from(value) is None


@pytest.mark.parametrize("text, expected", [("Mu\u0308nchen", "München"), ("\u0f5c", "\u0f5b\u0fb7")])
def test_properties_text_is_put_in_nfc_once(text: str, expected: str) -> None:
    assert normalise_text(text)[0] == expected
    doc = process_safely(Document(id="n", source="n.txt", raw=text + " liegt am Fluss.", raw_format="txt",
                                  raw_text=normalise_text(text + " liegt am Fluss.")[0], language="de"))
    assert doc.error is None
