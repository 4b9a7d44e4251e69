"""The story profile: an analyst's TOML file, read, checked, kept with the corpus and
handed to every document's stages (also across worker processes)."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.api import Corpus, analyze
from lagebild.cli import app
from lagebild.errors import UsageError
from lagebild.profile import Profile, load_profile, parse_profile

PROFILE = """\
[aliases]
"Harbour Authority" = ["HA", "Hafenbehörde"]

[count_nouns]
Streikende = ["Beschäftigte im Ausstand", "strikers"]

[parties]
"Valley League" = ["League militia", "League council"]
"Coast Union" = ["Union navy"]
"""

ARTICLE = ("Streik im Hafen geht weiter\n\n"
           "Nach Angaben der Hafenbehörde legten am Montag rund 3.000 Beschäftigte die Arbeit nieder. "
           "Die Gewerkschaft sprach von 4.500 Streikenden.\n")


def test_a_profile_reads_its_three_tables() -> None:
    profile = parse_profile(PROFILE)
    assert profile.canonical("hafenbehörde") == "Harbour Authority"
    assert profile.canonical("Harbour Authority") == "Harbour Authority"
    assert profile.canonical("Port Office") is None
    assert profile.kin_nouns("Strikers") == {"streikende", "beschäftigte im ausstand", "strikers"}
    assert profile.kin_nouns("Pendler") == {"pendler"}
    assert profile.party_of("union navy") == "Coast Union"
    assert profile.party_of("League council") == "Valley League"
    assert profile.party_of("Red Cross") is None
    assert profile and not Profile()


def test_a_single_string_is_a_list_of_one() -> None:
    assert parse_profile('[aliases]\n"World Food Programme" = "WFP"\n').aliases == {"World Food Programme": ("WFP",)}


@pytest.mark.parametrize(("text", "says"), [
    ("[aliases\n", "not valid TOML"),
    ("[teams]\nA = ['B']\n", "unknown table 'teams'"),
    ("[parties]\nA = [1, 2]\n", "[parties] 'A' must be a list of non-empty strings"),
    ("[count_nouns]\nVoters = ['']\n", "[count_nouns] 'Voters' must be a list"),
    ("aliases = 3\n", "[aliases] must be a table"),
])
def test_a_malformed_profile_is_refused_with_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(UsageError, match=r".*" + says.replace("[", r"\[").replace("]", r"\]")):
        parse_profile(text)


def test_a_missing_profile_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no profile file"):
        load_profile(tmp_path / "story.toml")


def test_a_profile_survives_the_trip_to_a_worker_process() -> None:
    profile = parse_profile(PROFILE)
    copy = pickle.loads(pickle.dumps(profile))
    assert copy == profile and copy.party_of("Union navy") == "Coast Union"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one article, and the profile beside it (tmp_path/story.toml)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "strike.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "story.toml").write_text(PROFILE, encoding="utf-8")
    return corpus


def test_the_profile_is_kept_with_the_corpus_and_used_by_later_runs(folder: Path, sqlite_url: str) -> None:
    story = folder.parent / "story.toml"

    corpus = analyze([folder], db=sqlite_url, workers=1, profile=story)
    assert corpus.profile.canonical("HA") == "Harbour Authority"

    (folder / "later.txt").write_text(ARTICLE.replace("3.000", "3.200"), encoding="utf-8")
    analyze([folder], db=sqlite_url, workers=1)  # no profile given: the kept one stays
    assert Corpus.open(sqlite_url).profile == parse_profile(PROFILE)

    analyze([folder], db=sqlite_url, workers=1, profile=Profile(), force=True)  # an empty one clears it
    assert not Corpus.open(sqlite_url).profile


def test_the_command_line_takes_a_profile_and_refuses_a_bad_one(folder: Path, sqlite_url: str) -> None:
    story = folder.parent / "story.toml"
    runner = CliRunner()

    result = runner.invoke(app, ["analyze", str(folder), "--db", sqlite_url, "-j", "1", "--profile", str(story)])
    assert result.exit_code == 0, result.output
    assert Corpus.open(sqlite_url).profile.party_of("League militia") == "Valley League"

    story.write_text("[sides]\nA = ['B']\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(folder), "--db", sqlite_url, "-j", "1", "--profile", str(story)])
    assert result.exit_code == 2
    assert "unknown table 'sides'" in result.output
