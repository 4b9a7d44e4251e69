"""Engines and streaming: inputs are pulled as the engine has room, results written in
batches while reading goes on, every engine gives the same export, writes are idempotent,
and Ray runs for real (a local instance writing to the test PostgreSQL server)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import fresh_pg_database
from hostile import record, write_good
from lagebild.api import Corpus, analyze
from lagebild.errors import UsageError
from lagebild.export import write_jsonl
from lagebild.ingest import read_file
from lagebild.ingest.readers import content_hash
from lagebild.model import Document
from lagebild.run import Writer, make_engine, run
from lagebild.run.result import in_process
from lagebild.store import Store


def _export(db: str) -> list[str]:
    """The JSONL export, lines sorted, without the time of analysis."""
    corpus = Corpus.open(db)
    lines: list[str] = []

    class Lines:
        def write(self, text: str) -> None:
            lines.extend(x for x in text.splitlines() if x)

    write_jsonl(Lines(), corpus.store.documents(), (g.record() for g in corpus.groups()))  # type: ignore[arg-type]
    corpus.store.close()
    out = []
    for line in lines:
        row = json.loads(line)
        row.pop("analyzed_at", None)
        out.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return sorted(out)


def _jsonl(path: Path, n: int) -> Path:
    path.write_text("".join(record(i) + "\n" for i in range(n)), encoding="utf-8")
    return path


def _docs(path: Path) -> list[Document]:
    docs = [d for d in read_file(path) if isinstance(d, Document)]
    for d in docs:
        d.meta.setdefault("content_hash", content_hash(d.raw))
    return docs


@pytest.mark.parametrize("workers", [1, 2])
def test_engines_run_pulls_documents_only_as_workers_take_them(tmp_path: Path, workers: int) -> None:
    docs = _docs(_jsonl(tmp_path / "in.jsonl", 12))
    pulled: list[str] = []

    def stream() -> Iterator[Document]:
        for doc in docs:
            pulled.append(doc.id)
            yield doc

    results = run(stream(), workers=workers, time_limit=None)
    first = next(results)
    assert first.error is None
    assert len(pulled) <= 4 + workers  # the first four decide in or out of process, then one per free worker
    assert sorted([first.doc.id] + [r.doc.id for r in results]) == sorted(d.id for d in docs)


def test_engines_analyze_writes_batches_while_it_still_reads(tmp_path: Path, sqlite_url: str) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 70)
    stored_at_first_batch: list[int] = []

    def on_progress(done: int, total: int | None) -> None:
        if not stored_at_first_batch:
            stored_at_first_batch.append(Store(sqlite_url).counts()["documents"])
        assert total is None

    corpus = analyze([source], db=sqlite_url, engine="local", on_progress=on_progress)
    assert len(corpus.report.analyzed) == 70
    assert 0 < stored_at_first_batch[0] < 70  # written in a batch of its own, long before the last record
    corpus.store.close()


def test_engines_local_and_processes_give_the_same_export(tmp_path: Path) -> None:
    write_good(tmp_path / "in", 9)
    _jsonl(tmp_path / "in" / "more.jsonl", 5)
    exports = []
    for engine in ("local", "processes"):
        db = f"sqlite:///{tmp_path / engine}.db"
        corpus = analyze([tmp_path / "in"], db=db, engine=engine, workers=2)
        assert len(corpus.report.analyzed) == 14 and corpus.report.ok
        corpus.store.close()
        exports.append(_export(db))
    assert exports[0] == exports[1]


def test_engines_a_batch_written_twice_leaves_what_writing_it_once_does(tmp_path: Path, db_url: str) -> None:
    docs = _docs(_jsonl(tmp_path / "in.jsonl", 4))
    results = [in_process(d, None) for d in docs]
    writer = Writer(db_url, 1_000_000)
    assert writer.write(results).analyzed == [d.id for d in docs]
    once = _export(db_url)
    writer.write(results)  # a retried batch (its worker was lost after writing)
    assert _export(db_url) == once
    assert Store(db_url).counts()["documents"] == 4


@pytest.mark.parametrize("name, db, message", [
    ("ray", "sqlite:///x.db", "the ray engine needs a PostgreSQL store"),
    ("threads", "sqlite:///x.db", "unknown engine 'threads'; choose one of local, processes, ray"),
])
def test_engines_misuse_is_refused_with_the_fix(name: str, db: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        make_engine(name, db)


def test_engines_ray_address_without_ray_is_refused() -> None:
    with pytest.raises(UsageError, match="--ray-address goes with --engine ray"):
        make_engine("processes", "sqlite:///x.db", ray_address="auto")


@pytest.fixture
def local_ray() -> Iterator[object]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.mark.slow
def test_engines_ray_gives_the_processes_export_on_postgresql(tmp_path: Path, local_ray: object) -> None:
    write_good(tmp_path / "in", 4)
    _jsonl(tmp_path / "in" / "more.jsonl", 12)
    (tmp_path / "in" / "leer.txt").write_text("\n\n", encoding="utf-8")  # recorded as failed, as always
    exports = []
    for engine in ("processes", "ray"):
        for db in fresh_pg_database():
            corpus = analyze([tmp_path / "in"], db=db, engine=engine, workers=2)
            assert len(corpus.report.analyzed) == 16, corpus.report
            corpus.store.close()
            exports.append(_export(db))
            again = analyze([tmp_path / "in"], db=db, engine=engine, workers=2)
            assert len(again.report.unchanged) == 16 and not again.report.analyzed
            again.store.close()
    assert exports[0] == exports[1]
