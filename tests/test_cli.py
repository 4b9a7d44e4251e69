"""The command line on a small real corpus: analyze, export, tables, report, exit codes."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app

ARTICLES = {
    "a.txt": ("Nordkorea schickt weitere Soldaten\n\n"
              "Laut südkoreanischem Geheimdienst sollen rund 12.000 nordkoreanische Soldaten im Juni 2025 "
              "in der Region Kursk gewesen sein. Das teilte die Regierung in Seoul am Dienstag mit.\n"),
    "b.txt": ("Neue Zahlen aus Kiew\n\n"
              "Nach Angaben der ukrainischen Armee kämpfen inzwischen 15.000 Soldaten aus Nordkorea in Kursk. "
              "Kim Jong Un hatte die Entsendung im Herbst 2024 angeordnet.\n"),
}
runner = CliRunner()


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def analyzed(corpus_dir: Path, sqlite_url: str) -> str:
    result = runner.invoke(app, ["analyze", str(corpus_dir), "--db", sqlite_url, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return sqlite_url


def test_cli_analyze_prints_a_summary(corpus_dir: Path, sqlite_url: str) -> None:
    result = runner.invoke(app, ["analyze", str(corpus_dir), "--db", sqlite_url, "--workers", "1"])
    assert result.exit_code == 0
    assert "analyzed 2, unchanged 0, failed 0" in result.output
    assert re.search(r"documents\s+│\s+2", result.output)


def test_cli_analyze_exit_code_says_some_inputs_failed(corpus_dir: Path, sqlite_url: str) -> None:
    (corpus_dir / "broken.txt").write_bytes(b"\x00\x00\x00")
    (corpus_dir / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(corpus_dir), "--db", sqlite_url, "--workers", "1"])
    assert result.exit_code == 1
    assert "broken.txt: looks like a binary file" in result.output
    assert "empty.txt: is empty" in result.output
    assert "analyzed 2, unchanged 0, failed 2" in result.output


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_cli_export_jsonl_follows_the_contract(analyzed: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "x.jsonl"
    result = runner.invoke(app, ["export", "--db", analyzed, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in lines if r["kind"] == "document"]
    groups = [r for r in lines if r["kind"] == "group"]
    assert [r["id"] for r in rows] == ["a", "b"]
    # 12.000 (a) and 15.000 (b) soldiers in Kursk count the same thing: one group, 20 % apart
    (group,) = groups
    assert group["unit"] == "person" and group["status"] == "conflict" and len(group["claims"]) == 2
    assert {"id", "measure", "unit", "claims", "status", "values", "reason"} <= set(group)
    required = {"kind", "id", "source", "outlet", "language", "title", "published", "text", "removed_lines",
                "entities", "times", "claims", "events"}
    for row in rows:
        assert required <= set(row)
        for item in row["claims"] + row["times"] + [m for e in row["entities"] for m in e["mentions"]]:
            assert row["text"][item["start"]:item["end"]] == item["text"]


@pytest.mark.parametrize("what, column", [("claims", "value"), ("entities", "canonical")])
def test_cli_export_csv(analyzed: str, what: str, column: str) -> None:
    result = runner.invoke(app, ["export", "--db", analyzed, "--format", "csv", "--what", what])
    assert result.exit_code == 0
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert column in (reader.fieldnames or [])


@pytest.mark.parametrize("args, message", [
    (["export", "--format", "xml"], "unknown format"),
    (["export", "--format", "csv", "--what", "events"], "unknown --what"),
])
def test_cli_usage_errors_are_clear(analyzed: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--db", analyzed])
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("command", ["claims", "entities", "timeline", "summary", "conflicts"])
def test_cli_tables_have_json_for_scripts(analyzed: str, command: str) -> None:
    result = runner.invoke(app, [command, "--db", analyzed, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list | dict)
    table = runner.invoke(app, [command, "--db", analyzed])
    assert table.exit_code == 0


def test_cli_report_is_self_contained(analyzed: str, tmp_path: Path) -> None:
    out = tmp_path / "r" / "report.html"
    result = runner.invoke(app, ["report", "--db", analyzed, "-o", str(out)])
    assert result.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Nordkorea schickt weitere Soldaten" in html
    # offline: nothing is loaded from elsewhere
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "<script src" not in html


def test_cli_help_explains_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("analyze", "export", "claims", "entities", "timeline", "report", "demo", "summary", "conflicts"):
        assert command in result.output
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and "Example:" in sub.output


def test_cli_runs_as_a_program(corpus_dir: Path, sqlite_url: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "lagebild.cli", "analyze", str(corpus_dir), "--db", sqlite_url,
                           "--quiet"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(("query", "doc_id"), [("Kiew Armee", "b"), ("Geheimdienst", "a")])
def test_cli_search_finds_documents_and_claims(analyzed: str, query: str, doc_id: str) -> None:
    result = runner.invoke(app, ["search", query, "--db", analyzed, "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits and {h["doc_id"] for h in hits} == {doc_id}
    assert all(f"<mark>{word}</mark>" in h["snippet_html"] for h in hits for word in query.split()[:1])
    table = runner.invoke(app, ["search", query, "--db", analyzed, "--limit", "1"])
    assert table.exit_code == 0 and "1 hits" in table.output and doc_id in table.output


@pytest.mark.parametrize("args", [["search", "--limit", "0", "Kursk"], ["search"]])
def test_cli_search_usage_errors(analyzed: str, args: list[str]) -> None:
    assert runner.invoke(app, [*args, "--db", analyzed]).exit_code == 2


@pytest.mark.parametrize("args", [
    ["analyze", "{dir}", "--max-size", "-1"],
    ["analyze", "{dir}", "--workers", "-3"],
    ["analyze", "{dir}", "--max-chars", "0"],
    ["analyze", "{dir}", "--time-limit", "0"],
    ["conflicts", "--tolerance", "-1"],
    ["serve", "--port", "0"],
])
def test_cli_numeric_options_are_validated(corpus_dir: Path, sqlite_url: str, args: list[str]) -> None:
    result = runner.invoke(app, [a.replace("{dir}", str(corpus_dir)) for a in args] + ["--db", sqlite_url])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if args[0] == "analyze":
        from lagebild.store import Store

        assert Store(sqlite_url).document_ids() == []


FORMULA = re.compile(r"^[=+\-@\t\r]")


@pytest.mark.parametrize("what", ["claims", "entities"])
def test_cli_csv_cells_a_spreadsheet_would_evaluate_are_escaped(tmp_path: Path, sqlite_url: str,
                                                                what: str) -> None:
    (tmp_path / "=HYPERLINK(1).txt").write_text(ARTICLES["a.txt"], encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": "+SUM(1)", "outlet": "@Kurier", "text": ARTICLES["b.txt"]})
                                         + "\n", encoding="utf-8")
    assert runner.invoke(app, ["analyze", str(tmp_path), "--db", sqlite_url, "--workers", "1"]).exit_code == 0
    result = runner.invoke(app, ["export", "--db", sqlite_url, "--format", "csv", "--what", what])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    cells = [c for row in rows[1:] for c in row]
    assert cells and not [c for c in cells if FORMULA.match(c) and not re.fullmatch(r"-[\d.]+", c)]
    if what == "claims":
        assert {"'=HYPERLINK(1)", "'+SUM(1)", "'@Kurier"} <= set(cells)
