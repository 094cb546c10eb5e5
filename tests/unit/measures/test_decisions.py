"""PA4.4 Decided after the results, and the activities decided early, worked by hand.

The period is April to September 2006: pe 2006-09-30.
"""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.measures.decisions import decided_early, decisions_checked, unlisted_references
from pipeline.measures.indicators import indicator_by_id
from pipeline.measures.scorecard import compute_indicators
from tests.unit.factories import PERIOD, activities, decisions, make_inputs, targets

CLOSED = {"status": "closed", "start_date": "2006-05-01", "end_date": "2006-06-30"}
REGISTER = activities(
    # 1. decided on the closing day, the day its results were published: after both.
    {**CLOSED, "decision_ref": "D1", "results_published_date": "2006-06-30"},
    # 2. decided the day the results were published: after both.
    {**CLOSED, "decision_ref": "D2", "results_published_date": "2006-07-15"},
    # 3. decided the day before the results: before the results.
    {**CLOSED, "decision_ref": "D3", "results_published_date": "2006-07-15"},
    # 4. decided the day before closing: before closing (and before the results).
    {**CLOSED, "decision_ref": "D4", "results_published_date": "2006-07-15"},
    # 5. results published after pe (empty as at pe): decided before them.
    {**CLOSED, "decision_ref": "D5", "results_published_date": "2006-10-05"},
    # 6. decided after pe: not checked.
    {**CLOSED, "decision_ref": "D6", "results_published_date": "2006-07-15"},
    # 7. a reference the committee system does not list: not checked.
    {**CLOSED, "decision_ref": "FP/2006/999", "results_published_date": "2006-07-15"},
    # 8. still live, sharing D1: not in C.
    {"status": "live", "decision_ref": "D1"},
    # 9. closed before the period, sharing D2: not in C.
    {**CLOSED, "start_date": "2006-01-01", "end_date": "2006-03-31", "decision_ref": "D2"},
)
DECISIONS = decisions(
    ("D1", "2006-06-30", "Cabinet"),
    ("D2", "2006-07-15", None),
    ("D3", "2006-07-14", "Cabinet Member for Neighbourhoods"),
    ("D4", "2006-06-29", "Cabinet"),
    ("D5", "2006-08-01", "Planning Board"),
    ("D6", "2006-10-01", "Cabinet"),
)


class TestDecidedAfterTheResults:
    def test_every_boundary(self):
        checked = decisions_checked(REGISTER, DECISIONS, PERIOD).set_index("activity_id")
        assert checked["reason"].fillna("").to_dict() == {
            "ACT-001": "",
            "ACT-002": "",
            "ACT-003": "before the results",
            "ACT-004": "before closing",
            "ACT-005": "before the results",
        }

    def test_the_indicator_is_the_share_decided_after_both(self):
        measure = indicator_by_id("PA4.4").compute(
            make_inputs(activities=REGISTER, decisions=DECISIONS), PERIOD
        )
        # Checked: activities 1-5; decided after both: 1 and 2. 2 of 5 = 40%.
        assert (measure.numerator, measure.denominator, measure.value) == (2, 5, 40.0)

    def test_the_decided_early_most_recent_decision_first(self):
        early = decided_early(decisions_checked(REGISTER, DECISIONS, PERIOD))
        assert early[["activity_id", "decision_date", "reason"]].values.tolist() == [
            ["ACT-005", pd.Timestamp("2006-08-01"), "before the results"],
            ["ACT-003", pd.Timestamp("2006-07-14"), "before the results"],
            ["ACT-004", pd.Timestamp("2006-06-29"), "before closing"],
        ]
        # The results as at pe: those published after it are empty.
        assert pd.isna(early.loc[0, "results_published_date"])
        assert early.loc[1, "decision_maker"] == "Cabinet Member for Neighbourhoods"

    def test_without_a_list_of_decisions_there_is_no_value(self):
        inputs = make_inputs(activities=REGISTER, targets=targets(("PA4.4", 80, 10)))
        row = compute_indicators(inputs, PERIOD).set_index("indicator_id").loc["PA4.4"]
        assert pd.isna(row["value"])
        assert row["rating"] == "No rating"
        assert row["missing"] == "no list of decisions"

    def test_an_empty_list_checks_nothing(self):
        measure = indicator_by_id("PA4.4").compute(
            make_inputs(activities=REGISTER, decisions=decisions()), PERIOD
        )
        assert (measure.denominator, measure.value) == (0, None)

    def test_on_a_base_of_five_not_rated(self):
        inputs = make_inputs(
            activities=REGISTER, decisions=DECISIONS, targets=targets(("PA4.4", 80, 10))
        )
        row = compute_indicators(inputs, PERIOD).set_index("indicator_id").loc["PA4.4"]
        assert (row["value"], row["rating"]) == (40.0, "No rating")

    def test_on_a_base_of_ten_rated_against_its_target(self):
        # Ten activities decided on: 7 on the day their results came out, 3 before closing.
        published = {**CLOSED, "results_published_date": "2006-07-15"}
        acts = activities(*[{**published, "decision_ref": f"D{i}"} for i in range(10)])
        dates = ["2006-07-15"] * 7 + ["2006-06-29"] * 3
        made = decisions(*[(f"D{i}", day, None) for i, day in enumerate(dates)])
        inputs = make_inputs(activities=acts, decisions=made, targets=targets(("PA4.4", 80, 5)))
        row = compute_indicators(inputs, PERIOD).set_index("indicator_id").loc["PA4.4"]
        # 70% against 80 with a tolerance of 5: below 75, Red.
        assert (row["numerator"], row["denominator"], row["rating"]) == (7, 10, "Red")

    def test_references_not_in_the_list_counted_once_each(self):
        register = pd.concat([REGISTER, activities({"decision_ref": "FP/2006/999"})])
        assert unlisted_references(register, DECISIONS) == 1
        assert unlisted_references(REGISTER, decisions()) == 7


@pytest.mark.parametrize(
    ("decided", "reason"),
    [("2006-06-29", "before closing"), ("2006-06-30", None), ("2006-07-14", None)],
)
def test_results_on_the_closing_day(decided, reason):
    # Closed and published on 2006-06-30: the closing day is the first day it can be decided.
    acts = activities({**CLOSED, "decision_ref": "D", "results_published_date": "2006-06-30"})
    checked = decisions_checked(acts, decisions(("D", decided, None)), PERIOD)
    assert checked["reason"].fillna("").tolist() == [reason or ""]
