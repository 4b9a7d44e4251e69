"""What the file system and the size of an input can do to a run (issue 14): folders that
cannot be entered, link loops, broken links, named pipes, unreadable files named on the
command line, a read-only database, huge files and records, syndicated HTML copies, and
log lines that name their file. Permission cases run the CLI as an unprivileged user
(root reads everything), in a folder that user may use."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile import article, html_page, record, write_good
from lagebild.api import analyze
from lagebild.errors import InputError
from lagebild.ingest import read_paths
from lagebild.ingest.outcome import Skipped
from lagebild.model import Document

CLI = [sys.executable, "-m", "lagebild.cli"]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can write to (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="lagebild-perm-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _as_user(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run the CLI as this user, or as nobody when we are root (where permissions do not apply)."""
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        args = NOBODY + args
    return subprocess.run(args, capture_output=True, text=True, timeout=600, cwd="/")


def _made_for_others(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o777 if path.is_dir() else 0o666)


@pytest.mark.parametrize("case, message", [
    ("listable_folder", "cannot be read: permission denied"),  # names seen, files not: each is named
    ("locked_folder", "folder cannot be read: permission denied"),
    ("unreadable_named_file", "cannot be read: permission denied"),
])
def test_inputs_permission_denied_is_named_and_the_rest_analyzed(shared_dir: Path, case: str,
                                                                  message: str) -> None:
    good = write_good(shared_dir / "in", 2)
    _made_for_others(shared_dir)
    if case.endswith("folder"):
        closed = shared_dir / "in" / "closed"
        closed.mkdir()
        (closed / "inside.txt").write_text(article(9), encoding="utf-8")
        closed.chmod(0o644 if case == "listable_folder" else 0o000)  # listed but not entered / neither
        targets, bad = [shared_dir / "in"], closed / "inside.txt" if case == "listable_folder" else closed
    else:
        secret = shared_dir / "secret.txt"
        secret.write_text(article(8), encoding="utf-8")
        secret.chmod(0o000)
        targets, bad = [secret, shared_dir / "in"], secret
    db = f"sqlite:///{shared_dir / 'x.db'}"
    result = _as_user([*CLI, "analyze", *map(str, targets), "--db", db, "--workers", "1"])
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{bad}: {message}" in " ".join(result.stderr.split())
    assert f"analyzed {len(good)}," in result.stdout


def test_inputs_read_only_database_is_a_clear_error(shared_dir: Path) -> None:
    write_good(shared_dir / "in", 1)
    db_file = shared_dir / "ro.db"
    analyze([shared_dir / "in"], db=f"sqlite:///{db_file}", workers=1).store.close()
    write_good(shared_dir / "in", 2, prefix="more")
    _made_for_others(shared_dir)
    db_file.chmod(0o444)
    result = _as_user([*CLI, "analyze", str(shared_dir / "in"), "--db", f"sqlite:///{db_file}"])
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    message = " ".join(result.stderr.split())
    assert "is read-only; analyzing (or upgrading an older database) needs write access" in message


@pytest.mark.parametrize("kind, message", [
    ("loop", "a symbolic link to a folder, not followed"),
    ("dangling", "broken symbolic link"),
    ("fifo", "is a named pipe, not a regular file"),
])
def test_inputs_odd_files_in_a_folder_are_named(tmp_path: Path, kind: str, message: str) -> None:
    good = write_good(tmp_path / "in", 2)
    if kind == "loop":
        (tmp_path / "in" / "again").symlink_to(tmp_path / "in", target_is_directory=True)
    elif kind == "dangling":
        (tmp_path / "in" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    else:
        os.mkfifo(tmp_path / "in" / "pipe.txt")
    results = list(read_paths([tmp_path / "in"]))
    named = [r for r in results if isinstance(r, InputError | Skipped)]
    assert sorted(r.id for r in results if isinstance(r, Document)) == good
    assert len(named) == 1 and message in str(named[0]), named


@pytest.mark.parametrize("kind", ["fifo_named", "missing_named"])
def test_inputs_a_bad_path_on_the_command_line_does_not_stop_the_others(tmp_path: Path, kind: str) -> None:
    good = write_good(tmp_path / "in", 2)
    bad = tmp_path / "bad.txt"
    if kind == "fifo_named":
        os.mkfifo(bad)
    corpus = analyze([bad, tmp_path / "in"], db=f"sqlite:///{tmp_path / 'x.db'}", workers=1)
    assert sorted(corpus.report.analyzed) == good
    (failure,) = corpus.report.failed
    assert failure.source == str(bad) and ("named pipe" in failure.message or "does not exist" in failure.message)
    corpus.store.close()


def test_inputs_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:  # a sparse 200 MB file: reading it would take the memory
        f.truncate(200_000_000)
    write_good(tmp_path, 1)
    results = list(read_paths([tmp_path], max_bytes=5_000_000))
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert "file is 200.0 MB, larger than the 5 MB limit" in error.message


@pytest.mark.parametrize("line_mb", [6])
def test_inputs_a_jsonl_record_over_the_size_limit_is_skipped_the_others_read(tmp_path: Path,
                                                                             line_mb: int) -> None:
    big = record(1, text="Wort " * (line_mb * 200_000))
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([record(0), big, record(2)]) + "\n", encoding="utf-8")
    results = list(read_paths([path], max_bytes=5_000_000))
    assert [r.id for r in results if not isinstance(r, InputError)] == ["rec0", "rec2"]
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert error.source == f"{path}:2" and "larger than the 5 MB limit" in error.message


def test_inputs_a_long_document_is_cut_to_the_character_limit_with_a_note(tmp_path: Path) -> None:
    text = "".join(article(i) for i in range(40))
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    corpus = analyze([tmp_path], db=f"sqlite:///{tmp_path / 'x.db'}", workers=1, max_chars=5_000)
    doc = corpus.document("long")
    assert doc is not None and doc.raw == text  # the raw input is kept whole
    assert len(doc.raw_text) <= 5_000 and text.startswith(doc.raw_text)
    (note,) = corpus.report.notes[str(tmp_path / "long.txt")]
    assert f"text cut to its first {len(doc.raw_text):,} of {len(text):,} characters" in note
    corpus.store.close()


def test_inputs_syndicated_html_copies_all_keep_their_text(tmp_path: Path) -> None:
    page = html_page(article(3) + "\n\n" + article(4), title="Sturm an der Küste")
    for i in range(10):
        (tmp_path / f"copy{i}.html").write_text(page, encoding="utf-8")
    docs = [r for r in read_paths([tmp_path]) if not isinstance(r, InputError)]
    assert len(docs) == 10
    assert len({d.raw_text for d in docs}) == 1


def test_inputs_trafilatura_log_lines_name_the_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    bad = tmp_path / "broken.html"
    bad.write_text("ÿþ<p>x", encoding="utf-8")  # not HTML trafilatura can parse
    with caplog.at_level(logging.DEBUG):
        list(read_paths([bad]))
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("trafilatura")]
    assert lines and all(line.startswith(f"{bad}: ") for line in lines), lines
