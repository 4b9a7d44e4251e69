"""Languages as folders: the manifest, a third language from a temporary folder, refusing
a language lagebild has no folder for, and the pipeline's order check."""
from __future__ import annotations

from pathlib import Path

import pytest

from lagebild import lang
from lagebild.api import analyze
from lagebild.errors import LanguageError, UnsupportedLanguage
from lagebild.pipeline import STAGES, Pipeline, PipelineError, Stage, analyze_text

# A tiny Dutch: numbers, months and a few unit nouns, no tagger. Enough for figures and dates.
DUTCH = {
    "language.toml": 'name = "Dutch (numbers and dates)"\ntokenizer = "en_PTB"\ntagger = ""\n'
                     '[numbers]\ndecimal = ","\nthousands = "."\n',
    "numbers.tsv": "een\t1\ntwee\t2\ndrie\t3\ntien\t10\n",
    "multipliers.tsv": "duizend\t1000\nmiljoen\t1000000\n",
    "months.tsv": "januari\t1\nfebruari\t2\nmaart\t3\napril\t4\nmei\t5\njuni\t6\n",
    "time_formats.txt": "day_month\n",
    "time_cues.txt": "op\nin\nsinds\n",
    "units.tsv": "mensen\tperson\nhuizen\titem\nprocent\tpercent\n",
}


def make_language(root: Path, code: str, files: dict[str, str]) -> Path:
    folder = root / code
    folder.mkdir(parents=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    make_language(tmp_path, "nl", DUTCH)
    monkeypatch.setenv(lang.PATH_VARIABLE, str(tmp_path))
    return "nl"


@pytest.mark.parametrize("code", ["de", "en"])
def test_lang_supported_comes_from_the_folders(code: str) -> None:
    assert code in lang.SUPPORTED
    assert lang.supported() == tuple(sorted(lang.folders()))


def test_lang_a_third_language_from_a_folder_is_picked_up(dutch: str) -> None:
    assert dutch in lang.SUPPORTED
    doc = analyze_text("Op 12 maart 2024 verloren 1.200 mensen hun huis.\nSinds januari zijn 300 huizen gebouwd.",
                       dutch, published="2024-06-01")
    assert [(c.value, c.unit) for c in doc.claims] == [(1200, "person"), (300, "item")]
    assert [(t.text, t.value) for t in doc.times] == [("12 maart 2024", "2024-03-12"), ("januari", "2024-01")]


@pytest.mark.parametrize("missing", ["numbers.tsv", "months.tsv"])
def test_lang_a_missing_required_lexicon_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  missing: str) -> None:
    make_language(tmp_path, "nl", {k: v for k, v in DUTCH.items() if k != missing})
    monkeypatch.setenv(lang.PATH_VARIABLE, str(tmp_path))
    with pytest.raises(LanguageError, match=f"lang/nl/{missing}"):
        lang.settings("nl")


@pytest.mark.parametrize("name", ["hedgez", "event_trigers"])
def test_lang_a_lexicon_not_in_the_manifest_is_refused(name: str) -> None:
    with pytest.raises(LanguageError, match="manifest"):
        lang.words("de", name)


@pytest.mark.parametrize("code", ["de", "en"])
def test_lang_shipped_languages_provide_every_required_lexicon(code: str) -> None:
    required, optional = lang.manifest()
    folder = lang.folders()[code]
    assert all((folder / name).is_file() for name in required)
    listed = required | optional | {"language.toml"}
    assert sorted(f.name for f in folder.iterdir() if f.name not in listed) == []


@pytest.mark.parametrize("language", ["fr", "pl"])
def test_lang_unsupported_language_is_not_read_with_german_rules(language: str) -> None:
    with pytest.raises(UnsupportedLanguage, match=f"language '{language}' is not supported: lagebild reads de, en"):
        analyze_text("Selon le ministère, 300 personnes sont arrivées.", language)


def test_lang_unsupported_article_is_stored_with_its_raw_text(tmp_path: Path) -> None:
    src = tmp_path / "corpus.jsonl"
    text = "Selon le ministère de l'Intérieur, 300 personnes ont été évacuées mardi à Lyon."
    src.write_text('{"id": "fr1", "language": "fr", "text": "' + text + '"}\n', encoding="utf-8")
    corpus = analyze([src], db=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1)
    assert corpus.report.stage_errors == {"fr1": "language 'fr' is not supported: lagebild reads de, en"}
    doc = corpus.document("fr1")
    assert doc is not None and doc.raw_text == text and doc.claims == [] and doc.entities == []


def test_lang_pipeline_order_is_checked_when_built() -> None:
    claims = next(s for s in STAGES if s.name == "claims")
    with pytest.raises(PipelineError, match="'claims' needs quantities, attributions"):
        Pipeline([*STAGES[:4], claims])
    Pipeline(STAGES)  # the shipped order is sound


@pytest.mark.parametrize("stage", [Stage("late", lambda d: d, ("events",), ())])
def test_lang_pipeline_refuses_a_stage_needing_what_nothing_assigns(stage: Stage) -> None:
    with pytest.raises(PipelineError, match="'late' needs events"):
        Pipeline([stage, *STAGES])


@pytest.mark.parametrize("name", sorted(lang.manifest()[0]) + ["manifest.toml", "language.toml", "LAGEBILD_LANG_PATH"])
def test_lang_readme_explains_how_to_add_a_language(name: str) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Add a language"):]
    assert name in section
