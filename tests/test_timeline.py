"""Ordering time values of mixed granularity, and the stage order check."""
from __future__ import annotations

import pytest

from lagebild.pipeline import STAGES, Stage, check_order
from lagebild.timeline import granularity, sort_key


@pytest.mark.parametrize("value, expected", [
    ("2024", "year"), ("2023-FA", "season"), ("2024-06", "month"), ("2024-W24-WE", "week"),
    ("2024-06-19", "day"), ("P15D", None), ("bogus", None),
])
def test_timeline_granularity(value: str, expected: str | None) -> None:
    assert granularity(value) == expected


@pytest.mark.parametrize("values", [
    ["2023", "2023-FA", "2024-02", "2024-06", "2024-W24-WE", "2024-06-19", "2024-06-20", "2025"],
    ["2011", "2017", "2023-09", "2023-10"],
])
def test_timeline_sort_key_orders_months_before_their_days(values: list[str]) -> None:
    assert sorted(reversed(values), key=sort_key) == values


def test_timeline_pipeline_stage_order_is_consistent() -> None:
    assert check_order() == []
    broken = (STAGES[3], *STAGES[:3])
    assert check_order(broken) and "needs" in check_order(broken)[0]
    assert isinstance(broken[0], Stage)
