"""The house has one way through it: ingest → text → extract → store → reconcile →
report/web/cli. These tests read every module's imports with `ast` and fail on an import
from a later layer into an earlier one, on SQL outside `store/`, and on a CLI that goes
around the Python API."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "lagebild"

# Layer of each top-level part of the package; a module may import its own layer and earlier ones.
LAYERS: dict[str, int] = {
    "__init__": 0, "errors": 0, "limits": 0, "model": 0, "lang": 0, "timeline": 0, "profile": 0,
    "ingest": 1,
    "text": 2,
    "extract": 3, "pipeline": 3,  # the per-document pipeline: ingest, text and extract stages
    "store": 4,
    "run": 5,  # the engines: documents through the pipeline, each batch written to the store
    "reconcile": 6,
    "report": 7, "web": 7, "cli": 7, "api": 7, "export": 7, "watch": 7, "present": 7,
}
SQL = re.compile(r"\b(SELECT\s.+?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(UNIQUE\s+)?"
                 r"(TABLE|INDEX|VIRTUAL\s+TABLE)|ALTER\s+TABLE|DROP\s+(TABLE|INDEX))\b", re.S)


def _part(module: str) -> str:
    """'lagebild.store.queries' -> 'store'; 'lagebild' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, imported module) of every lagebild import in the file, at any depth (lazy
    imports inside functions and under TYPE_CHECKING count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = _module_name(path, root)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names] if base == root.name else [base]
            out += [(node.lineno, n) for n in names]
    return [(line, name) for line, name in out if name == root.name or name.startswith(root.name + ".")]


def layer_violations(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        own = _part(_module_name(path, root))
        for line, name in imports(path, root):
            target = _part(name)
            if not (root / target).is_dir() and not (root / f"{target}.py").is_file():
                target = "__init__"  # a name defined by the package itself (`from lagebild import __version__`)
            if target not in LAYERS or own not in LAYERS:
                problems.append(f"{path.relative_to(root)}:{line}: no layer for {own if own not in LAYERS else target}")
            elif LAYERS[target] > LAYERS[own]:
                problems.append(f"{path.relative_to(root)}:{line}: {own} (layer {LAYERS[own]}) imports {name} "
                                f"(layer {LAYERS[target]})")
    return problems


def sql_outside_store(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        if _part(_module_name(path, root)) == "store":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                problems.append(f"{path.relative_to(root)}:{node.lineno}: SQL {node.value[:60]!r}")
            elif isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(n == "sqlalchemy" or n.startswith("sqlalchemy.") for n in names):
                    problems.append(f"{path.relative_to(root)}:{node.lineno}: imports sqlalchemy")
    return problems


def cli_bypasses(root: Path) -> list[str]:
    cli = root / "cli.py"
    return [f"cli.py:{line}: imports {name}; the CLI calls {root.name}.api only"
            for line, name in imports(cli, root) if name != f"{root.name}.api"]


@pytest.mark.parametrize("check", [layer_violations, sql_outside_store, cli_bypasses])
def test_layers_house_keeps_its_direction(check: object) -> None:
    assert callable(check)
    assert check(PACKAGE) == []


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "lagebild"
    skeleton = {f"{part}/__init__.py": "" for part in ("ingest", "text", "extract", "store", "reconcile", "web")}
    for name, source in {**skeleton, "__init__.py": "", "api.py": "", "cli.py": "from lagebild.api import analyze\n",
                         **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(source, encoding="utf-8")
    return root


@pytest.mark.parametrize(("files", "check", "expected"), [
    ({"store/__init__.py": "def f():\n    from lagebild.reconcile import groups\n"}, layer_violations,
     "store (layer 4) imports lagebild.reconcile"),
    ({"extract/a.py": "from ..store import Store\n"}, layer_violations, "extract (layer 3) imports lagebild.store"),
    ({"ingest/a.py": "from lagebild import web\n"}, layer_violations, "imports lagebild.web"),
    ({"web/q.py": "Q = 'SELECT id FROM claims WHERE unit = :u'\n"}, sql_outside_store, "SQL 'SELECT id FROM"),
    ({"report/q.py": "from sqlalchemy import select\n"}, sql_outside_store, "imports sqlalchemy"),
    ({"cli.py": "from lagebild.store import DEFAULT_DB\n"}, cli_bypasses, "imports lagebild.store;"),
])
def test_layers_checks_find_a_wrong_import(tmp_path: Path, files: dict[str, str], check: object,
                                           expected: str) -> None:
    assert callable(check)
    found = check(_package(tmp_path, files))
    assert any(expected in p for p in found), found


@pytest.mark.parametrize("files", [
    {"web/q.py": "from lagebild.store.queries import list_claims\n",
     "reconcile/run.py": "from lagebild.store import Store\n"},
])
def test_layers_checks_accept_the_right_direction(tmp_path: Path, files: dict[str, str]) -> None:
    root = _package(tmp_path, files)
    assert layer_violations(root) == [] and sql_outside_store(root) == [] and cli_bypasses(root) == []
