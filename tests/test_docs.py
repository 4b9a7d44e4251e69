"""Docs that are tested: every CLI command appears in the README with its options."""
from __future__ import annotations

import re

import pytest
import typer.main

from conftest import ROOT
from lagebild.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_readme_lists_every_command(name: str) -> None:
    assert re.search(rf"^lagebild {name}\b", README, re.MULTILINE), f"README lacks `lagebild {name}`"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_readme_names_every_option(name: str) -> None:
    line = next(ln for ln in README.splitlines() if ln.startswith(f"lagebild {name}"))
    for param in COMMANDS[name].params:
        long_opts = [o for o in param.opts if o.startswith("--")]
        if long_opts and param.name not in ("help",):
            assert any(o in line for o in long_opts), f"README's `lagebild {name}` line lacks {long_opts[0]}"


@pytest.mark.parametrize("target", ["demo", "test"])
def test_docs_readme_two_commands_exist_in_makefile(target: str) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{target}:", makefile, re.MULTILINE)
    assert f"make {target}" in README
