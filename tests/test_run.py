"""The runner and the processes around it: the per-document time limit (in this process and
in workers), workers that die with their parent, `kill -9` then rerun, and two `analyze`
processes on one new database."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import fresh_pg_database
from hostile import article, write_good
from lagebild.api import analyze
from lagebild.export import write_jsonl

CLI = [sys.executable, "-m", "lagebild.cli"]


def _long_article(chars: int) -> str:
    """An article far over what one document may take at a small time limit (~1 s per 10,000 characters)."""
    out, i = [], 0
    while sum(map(len, out)) < chars:
        out.append(article(i))
        i += 1
    return "Lange Chronik\n\n" + "\n".join(out)


@pytest.mark.parametrize("workers", [1, 2])
def test_run_a_document_over_the_time_limit_fails_and_the_rest_is_analyzed(tmp_path: Path, workers: int) -> None:
    good = write_good(tmp_path / "in", 4)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    analyze([tmp_path / "in"], db=db, workers=1).store.close()  # models loaded: the limit measures analysis only
    (tmp_path / "in" / "chronik.txt").write_text(_long_article(150_000), encoding="utf-8")
    started = time.monotonic()
    corpus = analyze([tmp_path / "in"], db=db, workers=workers, time_limit=3.0, force=True)
    assert time.monotonic() - started < 60
    assert sorted(corpus.report.analyzed) == good
    (error,) = corpus.report.stage_errors.values()
    assert "took longer than the time limit of 3 s per document (--time-limit)" in error
    assert corpus.document("chronik").meta["status"] == "failed"  # raw input kept
    corpus.store.close()


def _children(pid: int) -> set[int]:
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _export(db: str, path: Path) -> str:
    from lagebild.api import Corpus

    corpus = Corpus.open(db)
    with open(path, "w", encoding="utf-8") as out:
        write_jsonl(out, corpus.store.documents(), (g.record() for g in corpus.groups()))
    corpus.store.close()
    return path.read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to find the workers")
def test_run_kill_9_leaves_no_worker_and_a_rerun_gives_the_same_export(tmp_path: Path) -> None:
    write_good(tmp_path / "in", 16)
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    proc = subprocess.Popen([*CLI, "analyze", str(tmp_path / "in"), "--db", db, "--workers", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(workers := _children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(1.0)  # let them work on something
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "a worker outlived its killed parent"
    rerun = subprocess.run([*CLI, "analyze", str(tmp_path / "in"), "--db", db, "--workers", "2", "--quiet"],
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    analyze([tmp_path / "in"], db=clean, workers=1).store.close()
    assert _export(db, tmp_path / "a.jsonl") == _export(clean, tmp_path / "b.jsonl")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        yield from fresh_pg_database()


@pytest.mark.parametrize("trial", [1, 2])
def test_run_two_analyze_processes_on_a_new_database(tmp_path: Path, fresh_db: str, trial: int) -> None:
    folders = [tmp_path / "one", tmp_path / "two"]
    ids = [write_good(f, 2, prefix=f"{f.name}{trial}-") for f in folders]
    procs = [subprocess.Popen([*CLI, "analyze", str(f), "--db", fresh_db, "--workers", "1", "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in folders]
    outcomes = [p.communicate(timeout=600) + (p.returncode,) for p in procs]
    assert [code for _, _, code in outcomes] == [0, 0], outcomes
    from lagebild.store import Store

    store = Store(fresh_db)
    assert store.document_ids() == sorted(ids[0] + ids[1])
    store.close()
