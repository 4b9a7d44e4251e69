"""Extraction quality is a CI gate: the official scorer on the dev gold (and on the
example corpus gold) must not fall below the floors pinned in eval_baseline.json."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import ROOT, SCORER

_spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "scripts" / "eval_gate.py")
assert _spec and _spec.loader
eval_gate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_gate)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["seeds", "examples"])
def test_eval_gate_scores_stay_above_floors(corpus: str, tmp_path: Path) -> None:
    src, gold = eval_gate.CORPORA[corpus]
    if not SCORER.exists() or not (gold / "gold.jsonl").exists():
        pytest.fail(f"missing {SCORER} or {gold}/gold.jsonl: the gate cannot run")
    metrics = eval_gate.score(corpus, tmp_path)
    assert eval_gate.check(corpus, metrics) == []
    # every gold group with a status (the example corpus) lands in one group with that status
    total, misses = eval_gate.status_misses(corpus, tmp_path)
    assert misses == [], f"{len(misses)} of {total} group statuses wrong"
