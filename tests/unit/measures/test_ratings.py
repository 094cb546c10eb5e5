"""Targets, ratings, direction of travel and the priority areas' status."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.measures.measure import Measure
from pipeline.measures.ratings import (
    applied_target,
    direction,
    priority_area_status,
    rate,
    rate_measure,
)
from tests.unit.factories import PERIOD, actions, targets


class TestAppliedTarget:
    def test_counts_pro_rated_percentages_not(self):
        table = targets(("PA2.1", 120, 12), ("PA1.1", 80, None))
        # 6 months: 120 * 6/12 = 60, 12 * 6/12 = 6.
        assert applied_target(table, "PA2.1", "count", 6) == (60.0, 6.0)
        assert applied_target(table, "PA1.1", "%", 6) == (80.0, 0.0)

    def test_no_row_no_target(self):
        assert applied_target(targets(), "PA1.1", "%", 12) == (None, None)


class TestRate:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [(80.0, "Green"), (79.99, "Amber"), (75.0, "Amber"), (74.99, "Red")],
    )
    def test_higher_is_better_boundaries(self, value, expected):
        assert rate(value, 80.0, 5.0, "higher") == expected

    @pytest.mark.parametrize(
        ("value", "expected"), [(6.0, "Green"), (6.5, "Amber"), (9.0, "Amber"), (9.01, "Red")]
    )
    def test_lower_is_better_boundaries(self, value, expected):
        assert rate(value, 6.0, 3.0, "lower") == expected

    def test_no_value_or_target_no_rating(self):
        assert rate(None, 80.0, 5.0, "higher") == "No rating"
        assert rate(50.0, None, None, "higher") == "No rating"

    def test_low_base_survey_measure_no_rating(self):
        assert rate_measure(Measure(value=90.0, base=49), 80.0, 0.0, "higher") == "No rating"


def _survey(value: float, n_eff: float, base: int = 100) -> Measure:
    return Measure(value=value, n_eff=n_eff, base=base)


class TestDirection:
    def test_percent_needs_more_than_two_points(self):
        assert direction(Measure(62.0), Measure(60.0), "%", "higher", False) == "No change"
        assert direction(Measure(62.01), Measure(60.0), "%", "higher", False) == "Improving"
        assert direction(Measure(57.9), Measure(60.0), "%", "higher", False) == "Worsening"

    def test_counts_threshold_is_max_of_one_and_five_percent(self):
        # previous 100: threshold 5; previous 10: threshold 1 (0.5 < 1).
        assert direction(Measure(105.0), Measure(100.0), "count", "lower", False) == "No change"
        assert direction(Measure(106.0), Measure(100.0), "count", "lower", False) == "Worsening"
        assert direction(Measure(11.0), Measure(10.0), "count", "higher", False) == "No change"
        assert direction(Measure(12.0), Measure(10.0), "count", "higher", False) == "Improving"

    def test_ratio_threshold(self):
        assert direction(Measure(0.85), Measure(0.80), "ratio", "higher", False) == "No change"
        assert direction(Measure(0.86), Measure(0.80), "ratio", "higher", False) == "Improving"

    def test_survey_threshold_from_both_standard_errors(self):
        # 56.8 vs 43.2 (n_eff 100 each): se = 100 * sqrt(.568 * .432 / 100) = 4.9535 both,
        # threshold 1.96 * sqrt(2) * 4.9535 = 13.73 > 13.6: No change.
        assert direction(_survey(56.8, 100), _survey(43.2, 100), "%", "higher", True) == (
            "No change"
        )
        # 57 vs 43: se = 4.9508 both, threshold 13.72 < 14: Improving.
        assert direction(_survey(57.0, 100), _survey(43.0, 100), "%", "higher", True) == (
            "Improving"
        )
        # With n_eff 1000 the threshold is sqrt(10) times smaller (4.34): 4.5 points is real.
        assert direction(_survey(45.5, 1000), _survey(50, 1000), "%", "higher", True) == (
            "Worsening"
        )

    def test_missing_or_low_base_is_not_comparable(self):
        assert direction(Measure(50.0), None, "%", "higher", False) == "Not comparable"
        assert direction(Measure(None), Measure(1.0), "%", "higher", False) == "Not comparable"
        assert (
            direction(_survey(90, 100), _survey(10, 100, base=49), "%", "higher", True)
            == "Not comparable"
        )


def _indicators(*rows: tuple[int, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["priority_area", "rating"])


class TestPriorityAreaStatus:
    def test_roll_up_rules(self):
        indicators = _indicators(
            (1, "Green"), (1, "Amber"),  # 1: Amber
            (2, "Green"),  # 2: overdue action -> Red
            (3, "No rating"),  # 3: at-risk action -> Amber
            (4, "No rating"),  # 4: no rated indicator, no actions -> No rating
            (5, "No rating"),  # 5: has an action on track -> Green
        )  # fmt: skip
        plan = actions(
            {"priority_area": 2, "due_date": "2006-01-01"},
            {"priority_area": 3, "status": "at risk"},
            {"priority_area": 5, "status": "on track"},
        )
        status = priority_area_status(indicators, plan, PERIOD)
        assert status["status"].tolist() == ["Amber", "Red", "Amber", "No rating", "Green"]
        assert status["name"].iloc[0] == "Quality, effectiveness and coordination"

    def test_red_indicator_wins(self):
        status = priority_area_status(_indicators((1, "Red"), (1, "Green")), actions(), PERIOD)
        assert status["status"].iloc[0] == "Red"
