"""One bad article never stops a corpus (issue 14): every kind of hostile input, generated,
analyzed together with ordinary articles on SQLite and PostgreSQL. Each case asserts that
the rest of the corpus is analyzed, the bad input is named with its stage and reason,
and nothing is lost (every input is a document or a recorded failure)."""
from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import fresh_pg_database
from hostile import HOSTILE, article, write_good
from lagebild.api import AnalyzeReport, analyze
from lagebild.cli import app
from lagebild.errors import InputError
from lagebild.ingest import read_paths
from lagebild.ingest.readers import READERS, finish
from lagebild.model import Document
from lagebild.store import Store

# what each hostile input must give: ("ok", note or text expected) or ("failed", stage, reason pattern)
EXPECT: dict[str, tuple[str, ...]] = {
    "superscript_dateline": ("ok", ""),
    "lone_surrogate": ("ok", "note:unpaired surrogate"),
    "deep_json": ("failed", "decode|validate", "nested too deeply|must be a string"),
    "field_as_list": ("failed", "validate", r"field '\w+' must be"),
    "json_nul": ("ok", "note:NUL"),
    "nul_after_8k": ("ok", "note:NUL"),
    "utf32_bom": ("ok", "text:Stimme|Sturm|Verein|Preise|Polizei|Officials|league|central bank"),
    "utf16_bom": ("ok", "text:Stimme|Sturm|Verein|Preise|Polizei|Officials|league|central bank"),
    "bom_only": ("failed", "decode", "empty after decoding"),
    "zero_width_only": ("failed", "decode", "empty after decoding"),
    "long_stem": ("ok", ""),
    "long_outlet": ("ok", ""),
    "dash_run": ("ok", ""),
    "x_run": ("ok", ""),
    "base64_blob": ("ok", ""),
    "cp1251_html": ("ok|failed", "analyze", "language 'ru' is not supported"),  # decoded, then refused
    "greek_html": ("ok", "text:κυβέρνηση"),
    "shift_jis_html": ("ok", "text:政府"),
    "binary": ("failed", "decode", "binary"),
    "broken_json": ("failed", "decode", "not valid JSON"),
    "not_an_object": ("failed", "validate", "not a JSON object"),
    "garbage_html": ("failed", "decode|extract", "binary|no article text|empty"),
    "formula_name": ("ok", ""),
    "formula_fields": ("ok", ""),
    "bad_date": ("failed", "validate", "field 'published' is .*not a date"),
    "wrong_language": ("failed", "validate|analyze", "field 'language' is .*not a language code|not supported"),
    "cr_only": ("ok", ""),
    "random_text": ("ok|failed", "analyze", "is not supported"),
}
GOOD = 3


def _write_hostile(folder: Path) -> dict[str, Path]:
    """Each hostile input in a subfolder of its own (names may repeat across kinds)."""
    rnd = random.Random(14)
    made = {}
    for kind, make in HOSTILE.items():
        name, data = make(rnd)
        (folder / kind).mkdir(parents=True)
        path = folder / kind / name
        path.write_bytes(data)
        made[kind] = path
    return made


class Analyzed:
    def __init__(self, folder: Path, url: str) -> None:
        self.good = write_good(folder / "good", GOOD)
        self.inputs = _write_hostile(folder / "hostile")
        corpus = analyze([folder], db=url, workers=1)
        self.report: AnalyzeReport = corpus.report
        self.store: Store = corpus.store
        self.docs = {d.source: d for d in self.store.documents()}
        self.failures = {f["source"]: f for f in self.store.failures()}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def analyzed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Analyzed]:
    folder = tmp_path_factory.mktemp("corpus")
    if request.param == "sqlite":
        result = Analyzed(folder, f"sqlite:///{folder / 'boundary.db'}")
        yield result
        result.store.close()
        return
    for url in fresh_pg_database():
        result = Analyzed(folder, url)
        yield result
        result.store.close()


def _outcome(run: Analyzed, path: Path) -> tuple[str, Any]:
    """("ok", document) or ("failed", failure row) for the input at `path` (JSONL: its line 1)."""
    for source in (str(path), f"{path}:1"):
        if source in run.docs and run.docs[source].meta.get("status") == "ok":
            return "ok", run.docs[source]
        if source in run.failures:
            return "failed", run.failures[source]
        if source in run.docs:
            return "failed", {"stage": "analyze", "error": run.docs[source].meta.get("error")}
    return "lost", None


@pytest.mark.parametrize("kind", sorted(EXPECT))
def test_boundary_hostile_input_is_analyzed_or_named(analyzed: Analyzed, kind: str) -> None:
    expected = EXPECT[kind]
    outcome, found = _outcome(analyzed, analyzed.inputs[kind])
    assert re.fullmatch(expected[0], outcome), (kind, found)
    if outcome == "failed":
        assert re.fullmatch(expected[1], found["stage"]), found
        assert re.search(expected[2], found["error"]), found
        assert "Traceback" not in found["error"] and "\n" not in found["error"]
    elif expected[1].startswith("note:"):
        assert any(expected[1][5:] in n for n in found.meta.get("notes", [])), found.meta
    elif expected[1].startswith("text:"):
        assert re.search(expected[1][5:], found.raw_text), found.raw_text[:200]  # decoded right


def test_boundary_the_rest_of_the_corpus_is_analyzed(analyzed: Analyzed) -> None:
    good = {d.id for d in analyzed.docs.values() if d.meta.get("status") == "ok"}
    assert set(analyzed.good) <= good
    lost = [kind for kind, path in analyzed.inputs.items() if _outcome(analyzed, path)[0] == "lost"]
    assert lost == []
    assert not analyzed.report.ok  # some inputs failed: the CLI exits 1


@pytest.mark.parametrize("kind", ["field_as_list", "broken_json"])
def test_boundary_keeps_the_raw_bytes_of_a_refused_record(analyzed: Analyzed, kind: str) -> None:
    from sqlalchemy import select

    from lagebild.store.schema import failures

    source = f"{analyzed.inputs[kind]}:1"
    with analyzed.store.engine.connect() as conn:
        raw = conn.execute(select(failures.c.raw).where(failures.c.source == source)).scalar_one()
    assert raw == analyzed.inputs[kind].read_bytes()


def test_boundary_cli_names_each_bad_input_and_exits_1(tmp_path: Path) -> None:
    write_good(tmp_path / "good", 2)
    inputs = _write_hostile(tmp_path / "hostile")
    keep = {"bom_only", "field_as_list", "binary", "superscript_dateline"}
    for kind, path in inputs.items():
        if kind not in keep:
            path.unlink()
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}",
                                      "--workers", "1"])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    output = " ".join(result.output.split())
    assert "analyzed 3, unchanged 0, failed 3" in output, output
    assert re.search(r"failed \S*bom\.txt: is empty after decoding.*?\(stage decode\)", output)
    assert re.search(r"failed \S*fields\.jsonl:1: field '\w+' must be.*?\(stage validate\)", output)
    assert re.search(r"failed \S*image\.txt: looks like a binary file.*?\(stage decode\)", output)


@pytest.mark.parametrize("word", ["-" * 2000, "x" * 65, "QUJD" * 500])
def test_tag_overlong_words_never_reach_the_tagger(word: str) -> None:
    from lagebild.text.tag import MAX_WORD, tag_words, word_scores

    tagged = tag_words(("Die", "Zahl", word, "stieg", "."), "de")
    assert len(word) > MAX_WORD and tagged[2][:2] == (word, "XY")
    assert tagged[1][1] == "NN" and word_scores(word, "de") == {}


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "gestern"])
def test_pipeline_a_publication_date_out_of_range_is_a_usage_error(published: str) -> None:
    from lagebild.errors import UsageError
    from lagebild.pipeline import analyze_text

    with pytest.raises(UsageError, match="not a date lagebild reads"):
        analyze_text("Nächste Woche kommen 300 Gäste.", published=published)


def _refused_reader(path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    """A reader (the plug-in API) whose document the database refuses: no raw format."""
    text = path.read_text(encoding="utf-8")
    yield finish(Document(id=path.stem, source=str(path), raw=text, raw_format=None,  # type: ignore[arg-type]
                          raw_text=text))


def test_boundary_a_document_the_database_refuses_is_recorded_and_the_rest_saved(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(READERS, ".odd", _refused_reader)
    good = write_good(tmp_path / "in", 2)
    odd = tmp_path / "refused.odd"
    odd.write_text(article(5), encoding="utf-8")
    corpus = analyze([odd, tmp_path / "in"], db=db_url, workers=1)
    assert sorted(corpus.report.analyzed) == good
    (failure,) = corpus.report.failed
    assert failure.stage == "save" and failure.source == str(odd) and "raw_format" in failure.message
    (row,) = corpus.store.failures()
    assert row["stage"] == "save" and corpus.store.document_ids() == good
    corpus.store.close()


FIELDS = ["id", "title", "outlet", "url", "language", "published", "text", "html"]
WRONG = [[1, 2], {"a": 1}, 3.5, True]


def test_boundary_every_field_of_the_wrong_type_is_named_with_its_line(tmp_path: Path) -> None:
    from hostile import record

    lines = [record(0)] + [record(i, **{name: value}) for i, (name, value) in
                           enumerate(((n, v) for n in FIELDS for v in WRONG), start=1)]
    path = tmp_path / "types.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_paths([path]))
    docs = [r for r in results if isinstance(r, Document)]
    errors = {r.source: r for r in results if isinstance(r, InputError)}
    assert [d.id for d in docs] == ["rec0"]
    for i, (name, value) in enumerate(((n, v) for n in FIELDS for v in WRONG), start=2):
        error = errors[f"{path}:{i}"]
        assert error.stage == "validate" and f"field '{name}' must be" in error.message, (name, value, error)


@pytest.mark.parametrize("blob", ["QUJD+/" * 3000, "-" * 5000])
def test_segment_a_long_run_without_spaces_is_one_token(blob: str) -> None:
    from lagebild.text.segment import split_sentences

    text = f"Die Behörde nannte 300 Opfer. {blob} Danach kamen 20 weitere."
    tokens = [t for s in split_sentences(text) for t in s.tokens]
    (long,) = [t for t in tokens if len(t.text) > 64]
    assert long.text == blob and text[long.start:long.end] == blob
    assert len(tokens) < 20
