"""The command line with what analysts have: URLs and URL lists from a real local
server, metadata options, a corpus that changes (remove, --prune), failures per
run, databases that do not exist, and inputs that cannot be read at all."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from webserver import Route, Site, article

runner = CliRunner()
INJURED = {
    "a.txt": ("Quake hits the coast\n\nA strong earthquake struck the coastal province on Monday, 6 May 2024. "
              "At least 40 people were injured, the fire brigade said on Monday. Schools stay closed until Friday.\n"),
    "b.txt": ("Coast quake: dozens hurt\n\nThe earthquake on Monday, 6 May 2024, damaged the port. According to "
              "the governor, 52 people were injured in the port town. Engineers will check the bridges in June.\n"),
}
MARATHON = ["More than 9,000 runners started the city marathon on Sunday morning, the organisers said.",
            "The winner finished in two hours and eight minutes, a course record.",
            "Police closed 12 streets in the centre until the afternoon."]
STRIKE = ["Bus drivers in the capital walked out for 24 hours on Wednesday, the union said.",
          "According to the transport company, 300 buses stayed in their depots.",
          "Talks about wages are to resume next week."]


def _run(*args: str) -> object:
    return runner.invoke(app, [*args])


def _export(db: str) -> dict[str, dict]:
    out = _run("export", "--db", db, "--format", "jsonl")
    assert out.exit_code == 0, out.output
    return {d["id"]: d for d in map(json.loads, out.stdout.splitlines()) if d["kind"] == "document"}


@pytest.fixture
def quake_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "quake"
    folder.mkdir()
    for name, text in INJURED.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cli_analyze_urls_then_a_second_run_asks_only_what_changed(site: Site, tmp_path: Path,
                                                                   sqlite_url: str) -> None:
    site.routes["/marathon"] = Route(body=article("Record at the marathon", MARATHON, site_name="City Post",
                                                  date="2024-04-14"), etag='"m1"')
    site.routes["/strike"] = Route(body=article("Bus strike", STRIKE, site_name=None, date="2024-02-07"),
                                   last_modified="Wed, 07 Feb 2024 18:00:00 GMT")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# strike coverage\n{site.url('/strike')}\n\n", encoding="utf-8")
    args = ["analyze", site.url("/marathon"), "--urls", str(listing), "--db", sqlite_url, "--delay", "0.05", "-j", "1"]
    first = _run(*args)
    assert first.exit_code == 0, first.output
    assert "analyzed 2, unchanged 0" in first.stdout
    docs = _export(sqlite_url)
    by_url = {d["url"]: d for d in docs.values()}
    assert by_url[site.url("/marathon")]["outlet"] == "City Post"
    assert by_url[site.url("/strike")]["outlet"] == "127.0.0.1"  # no site name: the host
    assert by_url[site.url("/marathon")]["published"] == "2024-04-14"
    second = _run(*args)
    assert second.exit_code == 0 and "analyzed 0, unchanged 2" in second.stdout
    assert site.hits("/marathon")[1].headers["If-None-Match"] == '"m1"'
    assert site.hits("/strike")[1].headers["If-Modified-Since"] == "Wed, 07 Feb 2024 18:00:00 GMT"
    forced = _run(*args, "--force")
    assert "analyzed 2" in forced.stdout and "If-None-Match" not in site.hits("/marathon")[2].headers


def test_cli_analyze_a_url_that_fails_is_reported_and_exits_1(site: Site, sqlite_url: str) -> None:
    site.routes["/ok"] = Route(body=article("Strike", STRIKE))
    out = _run("analyze", site.url("/ok"), site.url("/missing"), "--db", sqlite_url, "--delay", "0", "-j", "1")
    assert out.exit_code == 1
    assert f"failed {site.url('/missing')}: {site.url('/missing')} answered 404" in out.output.replace("\n", " ")
    failures = _run("failures", "--db", sqlite_url, "--json")
    assert [f["source"] for f in json.loads(failures.stdout)] == [site.url("/missing")]


def test_cli_metadata_options_win_over_what_the_text_says(quake_dir: Path, sqlite_url: str) -> None:
    out = _run("analyze", str(quake_dir / "a.txt"), "--db", sqlite_url, "--published", "2024-05-08",
               "--outlet", "Coast Herald", "--language", "en", "--title", "Quake", "-j", "1")
    assert out.exit_code == 0, out.output
    doc = _export(sqlite_url)["a"]
    assert (doc["published"], doc["outlet"], doc["language"], doc["title"]) == ("2024-05-08", "Coast Herald", "en",
                                                                                "Quake")


@pytest.mark.parametrize("option, value, message", [
    ("--published", "soon", "is not a date"),
    ("--language", "xx", "not one lagebild has lexicons for"),
])
def test_cli_metadata_options_are_checked(quake_dir: Path, sqlite_url: str, option: str, value: str,
                                          message: str) -> None:
    out = _run("analyze", str(quake_dir), "--db", sqlite_url, option, value)
    assert out.exit_code == 2 and message in out.output


@pytest.mark.parametrize("command", [["summary"], ["claims"], ["entities"], ["conflicts"], ["timeline"],
                                     ["export"], ["report", "-o", "r.html"], ["search", "quake"], ["failures"],
                                     ["serve"], ["remove", "a"]])
def test_cli_read_commands_refuse_a_database_that_does_not_exist(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nothere.db"
    out = _run(*command, "--db", f"sqlite:///{missing}")
    assert out.exit_code == 2
    text = " ".join(out.output.split())
    assert str(missing) in text and "lagebild analyze" in text
    assert not missing.exists()


def test_cli_no_readable_input_says_so_and_exits_1(tmp_path: Path, sqlite_url: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "map.png").write_bytes(b"\x89PNG")
    (tmp_path / "in" / "scan.pdf").write_bytes(b"%PDF-1.4 nothing")
    out = _run("analyze", str(tmp_path / "in"), "--db", sqlite_url)
    assert out.exit_code == 1
    text = " ".join(out.output.split())
    assert "no readable input" in text and "1 failed, 1 skipped" in text
    assert "skipped" in text and "map.png" in text


def test_cli_remove_updates_groups_and_timeline(quake_dir: Path, sqlite_url: str) -> None:
    assert _run("analyze", str(quake_dir), "--db", sqlite_url, "--published", "2024-05-07", "-j", "1").exit_code == 0
    groups = json.loads(_run("conflicts", "--db", sqlite_url, "--json").stdout)
    assert [sorted(g["claims"]) for g in groups] == [["a:c0", "b:c1"]]
    out = _run("remove", str(quake_dir / "b.txt"), "--db", sqlite_url)
    assert out.exit_code == 0 and "removed b" in out.stdout
    assert json.loads(_run("conflicts", "--db", sqlite_url, "--json").stdout) == []
    timeline = json.loads(_run("timeline", "--db", sqlite_url, "--json").stdout)
    assert timeline and {r["doc_id"] for r in timeline} == {"a"}
    unknown = _run("remove", "no-such-doc", "--db", sqlite_url)
    assert unknown.exit_code == 1 and "not found" in unknown.output


def test_cli_prune_removes_documents_whose_file_is_gone(quake_dir: Path, sqlite_url: str) -> None:
    assert _run("analyze", str(quake_dir), "--db", sqlite_url, "-j", "1").exit_code == 0
    (quake_dir / "b.txt").unlink()
    kept = _run("analyze", str(quake_dir), "--db", sqlite_url, "-j", "1")
    assert set(_export(sqlite_url)) == {"a", "b"} and "removed" not in kept.stdout  # only with --prune
    out = _run("analyze", str(quake_dir), "--db", sqlite_url, "--prune")
    assert out.exit_code == 0 and "removed 1" in out.stdout
    assert set(_export(sqlite_url)) == {"a"}


def test_cli_failures_are_per_run_and_listed(quake_dir: Path, sqlite_url: str) -> None:
    bad = quake_dir / "c.txt"
    bad.write_bytes(b"")
    for _ in range(2):
        out = _run("analyze", str(quake_dir), "--db", sqlite_url, "-j", "1")
        assert out.exit_code == 1 and "failed 1" in out.stdout
        assert re.search(r"could not be read.*│ 1 ", out.stdout.replace("\n", " "))  # not 2 after two runs
    listed = json.loads(_run("failures", "--db", sqlite_url, "--json").stdout)
    assert [(f["source"], "empty" in f["error"]) for f in listed] == [(str(bad), True)]
    bad.write_text(INJURED["a.txt"].replace("40", "41"), encoding="utf-8")
    assert _run("analyze", str(quake_dir), "--db", sqlite_url, "-j", "1").exit_code == 0
    assert json.loads(_run("failures", "--db", sqlite_url, "--json").stdout) == []


def test_cli_analyze_help_explains_each_option_with_an_example() -> None:
    out = runner.invoke(app, ["analyze", "--help"], terminal_width=100)
    assert out.exit_code == 0
    assert "  lagebild analyze https://example.org/feed.xml --urls more-addresses.txt\n" in out.stdout
    entries = re.split(r"\n  (?=-)", out.stdout.split("Options:", 1)[1])
    described = {re.findall(r"--[a-z-]+", e)[0]: " ".join(e.split()) for e in entries if "--" in e}
    assert {"--urls", "--published", "--language", "--outlet", "--title", "--prune", "--delay", "--per-host",
            "--timeout", "--max-items", "--max-size"} <= set(described)
    for option, text in described.items():
        if option not in ("--db", "--quiet", "--help"):
            assert "Example: " in text, option


def test_cli_analyze_a_feed_file_fetches_its_items(site: Site, tmp_path: Path, sqlite_url: str) -> None:
    from webserver import rss

    site.routes["/marathon"] = Route(body=article("Record at the marathon", MARATHON))
    feed = tmp_path / "saved-feed.xml"
    feed.write_bytes(rss([(site.url("/marathon"), "Marathon", "Sun, 14 Apr 2024 12:00:00 GMT")]))
    out = _run("analyze", str(feed), "--db", sqlite_url, "--delay", "0", "-j", "1")
    assert out.exit_code == 0, out.output
    (doc,) = _export(sqlite_url).values()
    assert doc["url"] == site.url("/marathon") and doc["published"] == "2024-04-14"


def test_cli_analyze_a_folder_of_markdown_pdf_and_docx(tmp_path: Path, sqlite_url: str) -> None:
    import docx
    from fpdf import FPDF

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "marathon.md").write_text("# Marathon\n\n" + " ".join(MARATHON), encoding="utf-8")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, " ".join(STRIKE))
    pdf.output(str(folder / "strike.pdf"))
    document = docx.Document()
    for sentence in INJURED["a.txt"].split("\n\n"):
        document.add_paragraph(sentence)
    document.save(str(folder / "quake.docx"))
    out = _run("analyze", str(folder), "--db", sqlite_url, "-j", "1")
    assert out.exit_code == 0, out.output
    assert "analyzed 3, unchanged 0, failed 0, skipped 0" in out.stdout
    claims = json.loads(_run("claims", "--db", sqlite_url, "--json").stdout)
    assert {c["doc_id"] for c in claims} >= {"marathon", "strike", "quake"}


def test_cli_analyze_names_some_skipped_files_and_counts_the_rest(quake_dir: Path, sqlite_url: str) -> None:
    for i in range(25):
        (quake_dir / f"photo{i:02d}.jpg").write_bytes(b"\xff\xd8")
    out = _run("analyze", str(quake_dir), "--db", sqlite_url, "-j", "1")
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    assert text.count("skipped ") == 22 and "skipped 5 more files" in text and "skipped 25" in text
