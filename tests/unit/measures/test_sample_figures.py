"""The sample folder's figures under the rules of fair figures, each checked against the rule
worked independently here from the register as ingested (not from the pipeline's functions).

The sample paper (April 2006 to January 2007) is compared with April 2005 to January 2006; its
results-published indicator counts only the activities whose results were due. The one-month
paper (January 2007) rates no coverage indicator and nothing on a base under 10.
"""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.ingest.load import load_inputs
from pipeline.measures.page_entries import forward_plan
from pipeline.measures.scorecard import compute_indicators
from pipeline.paths import DEFAULT_DATA
from pipeline.spec.period import parse_period

SAMPLE = parse_period("2006-04..2007-01")
JANUARY = parse_period("2007-01")
ACTIVITY_BASED = ("PA1.1", "PA1.2", "PA1.3", "PA4.1", "PA4.2", "PA4.3", "PA4.4", "PA5.1")
COVERAGE = ("PA2.3", "PA3.1", "PA3.2")


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(DEFAULT_DATA)


@pytest.fixture(scope="module")
def sample(inputs) -> pd.DataFrame:
    return compute_indicators(inputs, SAMPLE).set_index("indicator_id")


@pytest.fixture(scope="module")
def january(inputs) -> pd.DataFrame:
    return compute_indicators(inputs, JANUARY).set_index("indicator_id")


def _results_due(register: pd.DataFrame, first: str, last: str) -> tuple[int, int]:
    """PA4.2 by its words: of the activities closed from ``first`` to ``last`` (not cancelled),
    those ended 84 days or more before the end, or already published by it; how many of them
    have published."""
    end = pd.Timestamp(last)
    closed = register[
        register["status"].eq("closed") & register["end_date"].between(pd.Timestamp(first), end)
    ]
    published = closed["results_published_date"].le(end)
    due = closed["end_date"].add(pd.Timedelta(days=84)).le(end) | published
    return int((due & published).sum()), int(due.sum())


class TestSamplePaper:
    def test_compared_with_the_same_ten_months_a_year_earlier(self, inputs, sample):
        published, due = _results_due(inputs.activities, "2005-04-01", "2006-01-31")
        assert sample.loc["PA4.2", "previous_value"] == pytest.approx(100 * published / due)

    def test_results_published_counts_only_those_due(self, inputs, sample):
        published, due = _results_due(inputs.activities, "2006-04-01", "2007-01-31")
        row = sample.loc["PA4.2"]
        assert (row["numerator"], row["denominator"]) == (published, due)
        # January's closings are not yet due: fewer due than closed in the period.
        closed = inputs.activities["status"].eq("closed") & inputs.activities["end_date"].between(
            SAMPLE.start, SAMPLE.end
        )
        assert due < closed.sum()
        # Against 75% (tolerance 5): Green once the undue are left out.
        assert row["value"] >= 75
        assert row["rating"] == "Green"

    def test_every_base_is_ten_or_more_so_everything_with_a_target_is_rated(self, sample):
        assert (sample.loc[list(ACTIVITY_BASED), "denominator"] >= 10).all()
        assert "No rating" not in set(sample.loc[list(ACTIVITY_BASED + COVERAGE), "rating"])

    def test_the_forward_plan_flags_no_past_election(self, inputs):
        plan = forward_plan(inputs.activities, inputs.elections, SAMPLE)
        flagged = [e for e in plan.entries if e.polling_day is not None]
        assert flagged  # the May 2007 elections are still to come
        assert all(pd.Timestamp(e.polling_day) > SAMPLE.end for e in flagged)
        assert {e.election for e in flagged} == {"Borough council elections 2007"}


class TestJanuaryPaper:
    def test_no_coverage_indicator_is_rated(self, january):
        assert january.loc[list(COVERAGE), "rating"].tolist() == ["No rating"] * 3
        assert january.loc[list(COVERAGE), "value"].notna().all()

    def test_nothing_on_a_base_under_ten_is_rated_or_compared(self, january):
        small = january.loc[list(ACTIVITY_BASED)]
        small = small[small["denominator"] < 10]
        assert len(small)  # January 2007 has some: formal consultations, feedback and results due
        assert set(small["rating"]) == {"No rating"}
        assert set(small["direction"]) == {"Not comparable"}

    def test_results_published_on_a_base_under_ten(self, inputs, january):
        published, due = _results_due(inputs.activities, "2007-01-01", "2007-01-31")
        assert due < 10
        assert january.loc["PA4.2", ["numerator", "denominator"]].tolist() == [published, due]

    def test_compared_with_january_2006(self, inputs, january):
        started = inputs.activities[
            inputs.activities["start_date"].between("2006-01-01", "2006-01-31")
            & inputs.activities["status"].ne("cancelled")
        ]
        named = started["decision_ref"].astype("string").str.strip().fillna("").ne("")
        assert january.loc["PA1.2", "previous_value"] == pytest.approx(100 * named.mean())


class TestDecidedAfterTheResults:
    """PA4.4 and decided_early on the sample paper, by the definition's words."""

    def test_the_indicator_and_the_list_by_the_definition(self, inputs, sample):
        from pipeline.measures.progress import compute_progress

        acts = inputs.activities
        closed = acts[
            acts["status"].eq("closed") & acts["end_date"].between(SAMPLE.start, SAMPLE.end)
        ]
        taken = inputs.decisions[inputs.decisions["decision_date"] <= SAMPLE.end]
        checked = closed.merge(taken, on="decision_ref", suffixes=("", "_decision"))
        results = checked["results_published_date"].where(
            checked["results_published_date"] <= SAMPLE.end
        )
        after = (checked["decision_date"] >= checked["end_date"]) & (
            checked["decision_date"] >= results
        )
        row = sample.loc["PA4.4"]
        assert (row["numerator"], row["denominator"]) == (after.sum(), len(checked))
        assert row["rating"] == "Amber"  # 70% against 75% (tolerance 10)
        early = compute_progress(inputs, SAMPLE).decided_early
        assert set(early["activity_id"]) == set(checked.loc[~after, "activity_id"])
        before_closing = checked.loc[checked["decision_date"] < checked["end_date"], "activity_id"]
        assert set(early.loc[early["reason"].eq("before closing"), "activity_id"]) == set(
            before_closing
        )
        assert early["decision_date"].is_monotonic_decreasing
