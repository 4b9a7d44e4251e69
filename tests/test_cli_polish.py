"""CLI polish: unknown choices exit 2 naming the allowed values, a busy port is a clear
error and --port 0 picks a free one, and analyze reports progress in plain lines when
its output is not a terminal."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild import cli
from lagebild.cli import app

runner = CliRunner()
ARTICLES = {
    "wahl.txt": "Wahlbeteiligung gestiegen\n\nNach Angaben der Wahlleiterin gaben 61.000 Menschen ihre Stimme ab.\n",
    "sturm.txt": "Sturm über der Küste\n\nDie Feuerwehr meldete am Montag mehr als 300 Einsätze in der Stadt.\n",
}


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("polish")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path_factory.mktemp('polish-db') / 'p.db'}"
    result = runner.invoke(app, ["analyze", str(folder), "--db", url, "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return url


@pytest.mark.parametrize(("args", "allowed"), [
    (["entities", "--type", "XYZ"], "PER, ORG, LOC"),
    (["claims", "--unit", "persons"], "person"),
    (["conflicts", "--status", "maybe"], "agree, differ or conflict"),
    (["serve", "--ui-language", "fr"], "de, en"),
    (["export", "--format", "csv", "--what", "people"], "claims, groups or entities"),
])
def test_cli_polish_unknown_choice_exits_2_with_allowed_values(analyzed: str, args: list[str], allowed: str) -> None:
    result = runner.invoke(app, [*args, "--db", analyzed])
    assert result.exit_code == 2
    assert allowed in result.output


def test_cli_polish_busy_port_is_a_clear_error(analyzed: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", analyzed, "--port", str(port)])
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.output and "--port 0" in result.output
    assert "Errno" not in result.output


def test_cli_polish_port_0_serves_on_a_free_port(analyzed: str) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "serve", "--db", analyzed, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "lagebild web UI on http://127.0.0.1:" in line
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        assert port > 0
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=5).status_code == 200
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_cli_polish_progress_lines_when_not_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(cli, "PROGRESS_EVERY", 0.0)  # a line for every document
    result = runner.invoke(app, ["analyze", str(folder), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("analyzing:")]
    assert lines[0].startswith("analyzing: reading the inputs")
    assert "analyzing: 2 documents done" in lines
