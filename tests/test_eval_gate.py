"""Extraction quality is a CI gate: every gold set the project has is analyzed with the
real command line, scored with the official scorer and compared with the floors in
eval_baseline.json. The gate's own logic is tested first, on small made-up scores."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SCORER

_spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "scripts" / "eval_gate.py")
assert _spec and _spec.loader
eval_gate = importlib.util.module_from_spec(_spec)
sys.modules["eval_gate"] = eval_gate  # dataclasses look their module up there
_spec.loader.exec_module(eval_gate)


def _gold_dir(path: Path, claims: int, statuses: list[str] | None = None) -> Path:
    """A tiny gold directory: two documents sharing `claims` claims, and groups with statuses."""
    path.mkdir(parents=True, exist_ok=True)
    docs = [{"doc": "a", "claims": [{"quote": f"{i} voters", "value": i} for i in range(claims // 2)]},
            {"doc": "b", "claims": [{"quote": f"{i} seats", "value": i} for i in range(claims - claims // 2)]}]
    (path / "gold.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    groups = [{"group": f"g{i}", "members": [["a", 1], ["b", 1]], "status": s} for i, s in enumerate(statuses or [])]
    (path / "groups.jsonl").write_text("".join(json.dumps(g) + "\n" for g in groups))
    return path


@pytest.mark.parametrize(("claims", "margin"), [(0, 0.03), (7, 0.03), (29, 0.03), (30, 0.02), (31, 0.02), (250, 0.02)])
def test_eval_gate_margin_follows_the_gold_claim_count(tmp_path: Path, claims: int, margin: float) -> None:
    gold = _gold_dir(tmp_path / "gold", claims)
    assert eval_gate.claim_count(gold) == claims
    assert eval_gate.margin_for(eval_gate.claim_count(gold)) == margin


@pytest.mark.parametrize(("metrics", "margin", "floors"), [
    ({"claims.f1": 0.912, "times.f1": 0.5}, 0.02, {"claims.f1": 0.892, "times.f1": 0.48}),
    ({"groups.f1": 0.2}, 0.03, {"groups.f1": 0.17}),
    ({"boilerplate.f1": 0.01}, 0.03, {"boilerplate.f1": 0.0}),
])
def test_eval_gate_proposes_value_minus_margin(metrics: dict, margin: float, floors: dict) -> None:
    assert eval_gate.propose_floors(metrics, margin) == floors


@pytest.mark.parametrize(("value", "fails"), [(0.7, True), (0.849, True), (0.85, False), (0.93, False)])
def test_eval_gate_fails_only_below_a_floor(value: float, fails: bool) -> None:
    problems = eval_gate.below_floors("tiny", {"claims.f1": value, "times.f1": 0.9}, {"claims.f1": 0.85})
    assert problems == ([f"tiny claims.f1: {value:.3f} is below its floor 0.850"] if fails else [])


@pytest.mark.parametrize("metric", ["groups.f1", "groups.status_acc"])
def test_eval_gate_a_floored_metric_that_is_not_measured_fails(metric: str) -> None:
    problems = eval_gate.below_floors("tiny", {"claims.f1": 1.0}, {metric: 0.4})
    assert problems == [f"tiny {metric}: not measured, floor 0.400"]


def _fake_measure(metrics: dict[str, float]):
    return lambda gold_set, workdir: eval_gate.Measured(dict(metrics))


@pytest.mark.parametrize("propose", [False, True])
def test_eval_gate_never_raises_a_floor(tmp_path: Path, capsys: pytest.CaptureFixture[str], propose: bool) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"examples": {"claims.f1": 0.5, "times.f1": 0.6}}))
    before = baseline.read_bytes()
    argv = ["examples", "--propose"] if propose else ["examples"]
    code = eval_gate.main(argv, _fake_measure({"claims.f1": 0.95, "times.f1": 0.99}), baseline)
    out = capsys.readouterr().out
    assert code == 0 and baseline.read_bytes() == before
    assert ('"claims.f1": 0.93' in out and "by hand" in out) is propose


def test_eval_gate_run_names_set_metric_floor_and_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tiny = eval_gate.GoldSet("tiny", tmp_path / "corpus", _gold_dir(tmp_path / "gold", 12))
    floors = {"tiny": {"claims.f1": 0.8, "claims.source_acc": 0.6}}
    code = eval_gate.run([tiny], _fake_measure({"claims.f1": 0.79, "claims.source_acc": 0.7}), floors, False)
    out = capsys.readouterr().out
    assert code == 1
    assert "BELOW FLOOR: tiny claims.f1: 0.790 is below its floor 0.800" in out
    assert "source_acc: 0.700" not in out and "tiny: 12 gold claims, margin 0.03" in out


def test_eval_gate_update_is_refused_with_the_way_to_change_floors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        eval_gate.parse_args(["--update"])
    assert "--propose" in capsys.readouterr().err


@pytest.mark.parametrize(("system_status", "misses"), [("conflict", []), ("agree", ["g0: agree, gold conflict"])])
def test_eval_gate_status_misses_compare_group_statuses(tmp_path: Path, system_status: str, misses: list) -> None:
    gold = _gold_dir(tmp_path / "gold", 2, statuses=["conflict"])
    rows = [{"kind": "document", "id": "a", "claims": [{"id": "a1", "value": 1}]},
            {"kind": "document", "id": "b", "claims": [{"id": "b1", "value": 1.0}]},
            {"kind": "group", "id": "x", "claims": ["a1", "b1"], "status": system_status}]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert eval_gate.status_misses(export, gold) == (1, misses)


def test_eval_gate_status_misses_when_members_are_split(tmp_path: Path) -> None:
    gold = _gold_dir(tmp_path / "gold", 2, statuses=["agree"])
    rows = [{"kind": "document", "id": "a", "claims": [{"id": "a1", "value": 1}]},
            {"kind": "document", "id": "b", "claims": [{"id": "b1", "value": 1}]},
            {"kind": "group", "id": "x", "claims": ["a1"], "status": "agree"}]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert eval_gate.status_misses(export, gold) == (1, ["g0: members not in one group"])


@pytest.mark.parametrize("name", [s.name for s in eval_gate.SETS])
def test_eval_gate_baseline_has_a_floor_for_every_metric(name: str) -> None:
    gold = eval_gate.BY_NAME[name].gold
    expected = set(eval_gate.METRICS)
    if any(g.get("status") for g in eval_gate.read_jsonl(gold / "groups.jsonl")):
        expected.add(eval_gate.STATUS)
    floors = eval_gate.load_floors()[name]
    assert set(floors) == expected
    assert all(0.0 <= f <= 1.0 for f in floors.values())


@pytest.mark.slow
@pytest.mark.parametrize("name", [s.name for s in eval_gate.SETS])
def test_eval_gate_set_stays_above_its_floors(name: str, tmp_path: Path) -> None:
    gold_set = eval_gate.BY_NAME[name]
    if not SCORER.exists() or not (gold_set.gold / "gold.jsonl").exists():
        pytest.fail(f"missing {SCORER} or {gold_set.gold}/gold.jsonl: the gate cannot run")
    measured = eval_gate.measure(gold_set, tmp_path)
    problems = eval_gate.below_floors(name, measured.metrics, eval_gate.load_floors()[name])
    assert problems == [], "\n".join(problems + [f"status miss: {m}" for m in measured.status_misses])
