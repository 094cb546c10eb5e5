"""Indicator definitions PA1.1-PA5.4, the registry and indicators.csv."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.measures.indicators import REGISTRY, indicator_by_id
from pipeline.measures.scorecard import (
    INDICATOR_COLUMNS,
    PREVIOUS_COUNTS,
    WHY_MISSING,
    compute_indicators,
)
from pipeline.publish.outputs import write_indicators_csv
from pipeline.spec.period import parse_period
from pipeline.spec.vocabulary import PRIORITY_AREA_NAMES
from tests.unit.factories import (
    PERIOD,
    activities,
    make_inputs,
    population,
    respondents,
    surveys,
    targets,
    training,
)


def value(indicator_id: str, **frames) -> object:
    return indicator_by_id(indicator_id).compute(make_inputs(**frames), PERIOD)


class TestRegistry:
    def test_nineteen_indicators_in_spec_order(self):
        assert [i.id for i in REGISTRY] == [
            "PA1.1", "PA1.2", "PA1.3", "PA1.4",
            "PA2.1", "PA2.2", "PA2.3", "PA2.4",
            "PA3.1", "PA3.2", "PA3.3",
            "PA4.1", "PA4.2", "PA4.3", "PA4.4",
            "PA5.1", "PA5.2", "PA5.3", "PA5.4",
        ]  # fmt: skip

    def test_survey_flags_units_and_directions(self):
        assert {i.id for i in REGISTRY if i.survey} == {"PA2.4", "PA5.2", "PA5.3", "PA5.4"}
        assert {i.id for i in REGISTRY if i.unit == "count"} == {"PA1.4", "PA2.1", "PA2.2"}
        assert {i.id for i in REGISTRY if i.unit == "ratio"} == {"PA3.3"}
        assert {i.id for i in REGISTRY if i.better == "lower"} == {"PA1.4"}

    def test_every_indicator_has_a_definition_and_named_priority_area(self):
        assert all(i.definition and i.priority_area in PRIORITY_AREA_NAMES for i in REGISTRY)
        assert PRIORITY_AREA_NAMES[1] == "Quality, effectiveness and coordination"


class TestRegisteredInAdvance:
    def test_exactly_28_days_before_passes_27_fails(self):
        # start 2006-05-01: 28 days before is 2006-04-03 (passes), 2006-04-04 is 27 days (fails).
        acts = activities(
            {"registered_date": "2006-04-03", "start_date": "2006-05-01"},
            {"registered_date": "2006-04-04", "start_date": "2006-05-01"},
        )
        measure = value("PA1.1", activities=acts)
        assert (measure.numerator, measure.denominator, measure.value) == (1, 2, 50.0)

    def test_no_activities_started_has_no_value(self):
        measure = value("PA1.1", activities=activities({"start_date": "2006-03-01"}))
        assert measure.value is None
        assert measure.denominator == 0


class TestLinkedToDecision:
    def test_blank_reference_does_not_count(self):
        acts = activities({"decision_ref": "Cabinet 12/06"}, {"decision_ref": "  "}, {}, {})
        measure = value("PA1.2", activities=acts)
        # 1 of 4 started activities has a reference: 25%.
        assert measure.value == 25.0


class TestFullConsultationPeriod:
    def test_84_days_inclusive_passes_83_fails_informal_ignored(self):
        acts = activities(
            # 2006-05-01..2006-07-23: 31 + 30 + 23 = 84 days inclusive.
            {"formal": True, "start_date": "2006-05-01", "end_date": "2006-07-23"},
            # ...to 2006-07-22: 83 days.
            {"formal": True, "start_date": "2006-05-01", "end_date": "2006-07-22"},
            {"formal": False, "start_date": "2006-05-01", "end_date": "2006-05-02"},
        )
        measure = value("PA1.3", activities=acts)
        assert (measure.numerator, measure.denominator) == (1, 2)


class TestTrainingIndicators:
    def test_attendances_summed_by_audience_within_period(self):
        sessions = training(
            {"audience": "staff", "attendees": 12, "date": "2006-04-01"},
            {"audience": "staff", "attendees": 8, "date": "2006-09-30"},
            {"audience": "staff", "attendees": 50, "date": "2006-10-01"},  # after pe
            {"audience": "member", "attendees": 5, "programme_area": None},
        )
        assert value("PA2.1", training=sessions).value == 20  # 12 + 8
        assert value("PA2.2", training=sessions).value == 5

    def test_programme_areas_reached_needs_attended_staff_session(self):
        # 3 programme areas; Housing reached; Chief Executive's session had 0 attendees;
        # a member session doesn't count. 1 of 3 = 33.3%.
        sessions = training(
            {"programme_area": "Housing", "attendees": 3},
            {"programme_area": "Chief Executive's", "attendees": 0},
            {"audience": "member", "programme_area": "Children and Young People's Services"},
        )
        measure = value("PA2.3", training=sessions)
        assert (measure.numerator, measure.denominator) == (1, 3)
        assert measure.value == pytest.approx(100 / 3)


class TestReach:
    def test_communities_reached_by_active_activities(self):
        acts = activities(
            {"target_groups": "Older people;Young people"},
            {"target_groups": "Disabled people", "status": "cancelled"},
        )
        measure = value("PA3.1", activities=acts)
        assert (measure.numerator, measure.denominator) == (2, 3)

    def test_borough_wide_reaches_no_area_assembly(self):
        acts = activities({"area_assembly": "Borough-wide"}, {"area_assembly": "Wath"})
        measure = value("PA3.2", activities=acts)
        assert (measure.numerator, measure.denominator) == (1, 3)


class TestFeedbackWithinTwelveWeeks:
    def test_due_and_on_time_rules(self):
        closed = {"status": "closed", "start_date": "2006-04-01"}
        acts = activities(
            # end 2006-07-08: deadline 2006-09-30 = pe, so due; feedback on the deadline: on time.
            {**closed, "end_date": "2006-07-08", "feedback_date": "2006-09-30"},
            # end 2006-07-08, no feedback: due, late.
            {**closed, "end_date": "2006-07-08"},
            # end 2006-07-09: deadline 2006-10-01 after pe, no feedback: not due.
            {**closed, "end_date": "2006-07-09"},
            # end 2006-08-01 with feedback already: due and on time.
            {**closed, "end_date": "2006-08-01", "feedback_date": "2006-08-15"},
            # feedback dated after pe counts as empty: deadline after pe, so not due.
            {**closed, "end_date": "2006-09-01", "feedback_date": "2006-10-05"},
            # end 2006-04-30, feedback 2006-07-24 = end + 85 days: due, late.
            {**closed, "end_date": "2006-04-30", "feedback_date": "2006-07-24"},
        )
        measure = value("PA4.1", activities=acts)
        # Due: rows 1, 2, 4, 6 = 4; on time: rows 1 and 4 = 2; 50%.
        assert (measure.numerator, measure.denominator, measure.value) == (2, 4, 50.0)


class TestClosedActivityIndicators:
    def test_results_published_of_those_due_as_at_period_end(self):
        # pe 2006-09-30: results are due 84 days after closing, so an activity that ended on or
        # before 2006-07-08 is due; a later one only once its results are out (as at pe).
        closed = {"status": "closed", "start_date": "2006-04-01"}
        acts = activities(
            # 1. end 2006-07-08: due on pe itself; published on pe: counts.
            {**closed, "end_date": "2006-07-08", "results_published_date": "2006-09-30"},
            # 2. end 2006-07-08, nothing published: due, not published.
            {**closed, "end_date": "2006-07-08"},
            # 3. end 2006-07-09: due 2006-10-01, after pe; nothing published: not due.
            {**closed, "end_date": "2006-07-09"},
            # 4. end 2006-08-01, published already: due and published.
            {**closed, "end_date": "2006-08-01", "results_published_date": "2006-08-20"},
            # 5. end 2006-09-01, published after pe (counts as empty): not due.
            {**closed, "end_date": "2006-09-01", "results_published_date": "2006-10-01"},
            # 6. end 2006-04-30, published after pe: due 2006-07-23, not published as at pe.
            {**closed, "end_date": "2006-04-30", "results_published_date": "2006-10-01"},
            # 7. not closed: not in C.
            {"status": "live", "results_published_date": "2006-06-01"},
        )
        measure = value("PA4.2", activities=acts)
        # Due: 1, 2, 4, 6; published: 1 and 4. 2 of 4 = 50%.
        assert (measure.numerator, measure.denominator, measure.value) == (2, 4, 50.0)

    def test_results_published_none_due_has_no_value(self):
        acts = activities(
            {"status": "closed", "start_date": "2006-09-01", "end_date": "2006-09-20"}
        )
        measure = value("PA4.2", activities=acts)
        assert (measure.denominator, measure.value) == (0, None)

    def test_decisions_influenced_of_those_with_a_decision(self):
        closed = {"status": "closed", "end_date": "2006-06-30", "decision_ref": "CAB/1"}
        acts = activities(
            {**closed, "influence": "changed"},
            {**closed, "influence": "informed"},
            {**closed, "influence": "no change"},
            {**closed, "influence": None},
            {**closed, "decision_ref": " ", "influence": "changed"},  # no decision: left out
        )
        measure = value("PA4.3", activities=acts)
        assert (measure.numerator, measure.denominator) == (2, 4)

    def test_evaluated_empty_counts_as_false(self):
        closed = {"status": "closed", "end_date": "2006-06-30"}
        acts = activities({**closed, "evaluated": True}, {**closed, "evaluated": None})
        assert value("PA5.1", activities=acts).value == 50.0


class TestSurveyIndicators:
    def test_satisfaction_excludes_dont_know_influence_includes_it(self):
        rows = (
            respondents(3, q_consult_satisfaction="very satisfied", q_influence="tend to agree")
            + respondents(1, q_consult_satisfaction="neither", q_influence="don't know")
            + respondents(2, q_consult_satisfaction="don't know", q_influence="don't know")
            + respondents(2, q_consult_satisfaction=None, q_influence=None)
        )
        frames = {"surveys": surveys(*rows)}
        satisfied = value("PA5.2", **frames)
        # PA5.2: 3 of (3 + 1) = 75%; PA5.3: 3 of (3 + 1 + 2) = 50%.
        assert (satisfied.value, satisfied.base) == (75.0, 4)
        influence = value("PA5.3", **frames)
        assert (influence.value, influence.base) == (50.0, 6)

    def test_each_measure_uses_its_own_survey_kind(self):
        rows = (
            respondents(2, survey_kind="staff", q_aware_cci=True)
            + respondents(2, survey_kind="evaluation", q_consult_satisfaction="fairly satisfied")
            + respondents(1, survey_kind="staff", q_aware_cci=False)
        )
        frames = {"surveys": surveys(*rows)}
        assert value("PA2.4", **frames).value == pytest.approx(200 / 3)
        assert value("PA5.4", **frames).value == 100.0
        assert value("PA5.2", **frames).value is None


def _sample_inputs(**overrides):
    # Period 2006-04..2006-09: ten activities start in it (a base of 10, so PA1.1 is rated), five
    # registered at least 28 days ahead (2006-04-03 is 28 days before 2006-05-01) and five not
    # (2006-04-04 is 27 days before); two share a target group in the same area: one clash.
    acts = activities(
        *[{"registered_date": "2006-04-03", "start_date": "2006-05-01"}] * 5,
        *[{"registered_date": "2006-04-04", "start_date": "2006-05-01"}] * 5,
    )
    acts.loc[:1, "target_groups"] = "Older people"
    # Previous period 2005-04..2005-09: ten started activities, all registered in advance.
    before = activities(
        *[{"registered_date": "2005-03-01", "start_date": "2005-05-01", "end_date": "2005-05-31"}]
        * 10
    )
    before["activity_id"] = [f"OLD-{i:03d}" for i in range(1, 11)]
    return make_inputs(
        activities=pd.concat([acts, before], ignore_index=True),
        targets=targets(("PA1.1", 80, 10), ("PA1.4", 12, 6), ("PA2.1", 100, None)),
        training=training({"attendees": 30}),
        **overrides,
    )


class TestComputeIndicators:
    def test_columns_order_and_one_row_per_indicator(self):
        frame = compute_indicators(_sample_inputs(), PERIOD)
        assert tuple(frame.columns) == (*INDICATOR_COLUMNS, *PREVIOUS_COUNTS, *WHY_MISSING)
        assert frame["indicator_id"].tolist() == [i.id for i in REGISTRY]

    def test_rating_direction_and_pro_rated_targets(self):
        frame = compute_indicators(_sample_inputs(), PERIOD).set_index("indicator_id")
        # PA1.1: 5 of 10 = 50% against 80 (tolerance 10): Red; previous 10 of 10: Worsening.
        assert frame.loc["PA1.1", ["value", "rating", "previous_value", "direction"]].tolist() == [
            50.0, "Red", 100.0, "Worsening",
        ]  # fmt: skip
        # PA1.4: 6 months: target 12 * 6/12 = 6, tolerance 3; one clash (1 <= 6): Green.
        assert frame.loc["PA1.4", ["value", "target", "tolerance", "rating"]].tolist() == [
            1.0, 6.0, 3.0, "Green",
        ]  # fmt: skip
        # PA2.1: 30 against 100 * 6/12 = 50, empty tolerance 0: Red.
        assert frame.loc["PA2.1", ["target", "tolerance", "rating"]].tolist() == [50.0, 0.0, "Red"]
        # No target row: No rating.
        assert frame.loc["PA1.2", "rating"] == "No rating"
        assert pd.isna(frame.loc["PA1.2", "target"])

    def test_previous_period_before_data_from_is_not_comparable(self):
        inputs = _sample_inputs()
        # Previous period of 2006-04..2006-09 starts 2005-04; data from 2006-04.
        inputs.settings = type(inputs.settings)(**{**vars(inputs.settings), "data_from": "2006-04"})
        frame = compute_indicators(inputs, PERIOD)
        assert frame["previous_value"].isna().all()
        assert set(frame["direction"]) == {"Not comparable"}

    def test_previous_period_starting_on_data_from_is_compared(self):
        inputs = _sample_inputs()
        inputs.settings = type(inputs.settings)(**{**vars(inputs.settings), "data_from": "2005-04"})
        frame = compute_indicators(inputs, PERIOD).set_index("indicator_id")
        assert frame.loc["PA1.1", "previous_value"] == 100.0

    def test_low_base_survey_measure_keeps_value_but_no_rating(self):
        rows = respondents(49, survey_kind="staff", q_aware_cci=True)
        inputs = make_inputs(surveys=surveys(*rows), targets=targets(("PA2.4", 50, 0)))
        row = compute_indicators(inputs, PERIOD).set_index("indicator_id").loc["PA2.4"]
        assert (row["value"], row["base"], row["rating"]) == (100.0, 49, "No rating")

    def test_survey_base_of_50_is_rated(self):
        rows = respondents(50, survey_kind="staff", q_aware_cci=True)
        inputs = make_inputs(surveys=surveys(*rows), targets=targets(("PA2.4", 50, 0)))
        row = compute_indicators(inputs, PERIOD).set_index("indicator_id").loc["PA2.4"]
        assert row["rating"] == "Green"

    def test_representativeness_row_is_a_ratio_without_numerator(self):
        pop = population(("sex", "Female", 50), ("sex", "Male", 50))
        rows = respondents(30, sex="Female") + respondents(10, sex="Male")
        frame = compute_indicators(make_inputs(population=pop, surveys=surveys(*rows)), PERIOD)
        row = frame.set_index("indicator_id").loc["PA3.3"]
        # Male: (10/40) / (50/100) = 0.5.
        assert row["value"] == 0.5
        assert pd.isna(row["numerator"])
        assert pd.isna(row["denominator"])


def _rated(inputs, period=PERIOD) -> pd.DataFrame:
    return compute_indicators(inputs, period).set_index("indicator_id")


def _started(n: int, in_advance: int, start: str = "2006-05-01") -> list[dict]:
    """``n`` activities starting on ``start``, the first ``in_advance`` registered 60 days ahead,
    the rest on the day they start."""
    day = pd.Timestamp(start)
    early = (day - pd.Timedelta(days=60)).date().isoformat()
    return [
        {"registered_date": early if i < in_advance else start, "start_date": start,
         "end_date": (day + pd.Timedelta(days=10)).date().isoformat()}
        for i in range(n)
    ]  # fmt: skip


class TestSmallBase:
    """An activity-based % on fewer than 10 is not rated; its direction is Not comparable."""

    def test_base_of_nine_not_rated_but_value_kept(self):
        # 9 started, 8 in advance: 88.9% against 80 would be Green, but 9 < 10.
        row = _rated(make_inputs(activities=activities(*_started(9, 8)),
                                 targets=targets(("PA1.1", 80, 10))))  # fmt: skip
        assert row.loc["PA1.1", ["numerator", "denominator", "rating"]].tolist() == [
            8,
            9,
            "No rating",
        ]
        assert row.loc["PA1.1", "value"] == pytest.approx(800 / 9)

    def test_base_of_ten_is_rated(self):
        # 10 started, 7 in advance: 70% against 80 (tolerance 10): Amber.
        row = _rated(make_inputs(activities=activities(*_started(10, 7)),
                                 targets=targets(("PA1.1", 80, 10))))  # fmt: skip
        assert row.loc["PA1.1", ["value", "rating"]].tolist() == [70.0, "Amber"]

    def test_previous_base_under_ten_is_not_comparable(self):
        # This period 10 of 10 (Green); the previous (2005-04..2005-09) 0 of 9: Not comparable,
        # though the change (100 points) is far more than 2 points.
        acts = activities(*_started(10, 10), *_started(9, 0, start="2005-05-01"))
        acts["activity_id"] = [f"ACT-{i:03d}" for i in range(len(acts))]
        row = _rated(make_inputs(activities=acts, targets=targets(("PA1.1", 80, 10))))
        assert row.loc["PA1.1", ["value", "previous_value", "rating", "direction"]].tolist() == [
            100.0, 0.0, "Green", "Not comparable",
        ]  # fmt: skip
        assert row.loc["PA1.1", ["previous_numerator", "previous_denominator"]].tolist() == [0, 9]

    def test_both_bases_of_ten_are_compared(self):
        acts = activities(*_started(10, 10), *_started(10, 0, start="2005-05-01"))
        acts["activity_id"] = [f"ACT-{i:03d}" for i in range(len(acts))]
        row = _rated(make_inputs(activities=acts, targets=targets(("PA1.1", 80, 10))))
        assert row.loc["PA1.1", "direction"] == "Improving"

    def test_every_activity_based_percentage_and_only_those(self):
        assert {i.id for i in REGISTRY if i.activity_based} == {
            "PA1.1", "PA1.2", "PA1.3", "PA4.1", "PA4.2", "PA4.3", "PA4.4", "PA5.1",
        }  # fmt: skip

    def test_a_coverage_indicator_on_a_small_base_is_still_rated(self):
        # PA2.3 over 3 programme areas (a base of 3) is not activity-based: rated on 6 months.
        row = _rated(make_inputs(training=training({"attendees": 3}),
                                 targets=targets(("PA2.3", 30, 0))))  # fmt: skip
        assert row.loc["PA2.3", ["denominator", "rating"]].tolist() == [3, "Green"]


class TestShortPeriod:
    """Coverage indicators are not rated for a period of fewer than 6 months."""

    TARGETS = (("PA2.3", 30, 0), ("PA3.1", 30, 0), ("PA3.2", 30, 0))

    def _inputs(self):
        return make_inputs(
            activities=activities({"target_groups": "Older people"}),
            training=training({"attendees": 3}),
            targets=targets(*self.TARGETS),
        )

    def test_five_months_not_rated_value_and_direction_kept(self):
        row = _rated(self._inputs(), parse_period("2006-04..2006-08"))
        # 1 of 3 each (33.3%), at least 30%: Green if rated; 5 months: No rating.
        assert row.loc[["PA2.3", "PA3.1", "PA3.2"], "rating"].tolist() == ["No rating"] * 3
        assert row.loc["PA3.1", "value"] == pytest.approx(100 / 3)
        # The previous period (2005-04..2005-08) had none: a real change, Improving.
        assert row.loc["PA3.1", "direction"] == "Improving"

    def test_six_months_rated(self):
        row = _rated(self._inputs(), parse_period("2006-04..2006-09"))
        assert row.loc[["PA2.3", "PA3.1", "PA3.2"], "rating"].tolist() == ["Green"] * 3

    def test_one_month_rates_other_indicators(self):
        row = _rated(make_inputs(training=training({"attendees": 30}),
                                 targets=targets(("PA2.1", 120, 0), *self.TARGETS)),
                     parse_period("2006-05"))  # fmt: skip
        # PA2.1: 30 against 120 * 1/12 = 10: Green; PA2.3 unrated.
        assert row.loc[["PA2.1", "PA2.3"], "rating"].tolist() == ["Green", "No rating"]


class TestWriteIndicatorsCsv:
    def test_plain_numbers_and_empty_cells(self, tmp_path):
        rows = respondents(3, survey_kind="staff", q_aware_cci=True, weight=2.0) + respondents(
            1, survey_kind="staff", q_aware_cci=False, weight=1.0
        )
        inputs = _sample_inputs(surveys=surveys(*rows))
        path = tmp_path / "indicators.csv"
        text = write_indicators_csv(compute_indicators(inputs, PERIOD), path)
        assert path.read_text(encoding="utf-8") == text
        lines = text.splitlines()
        assert lines[0] == ",".join(INDICATOR_COLUMNS)
        assert (
            lines[1] == "PA1.1,1,Registered in advance,50,5,10,%,higher,80,10,Red,100,Worsening,,,"
        )
        assert lines[4] == "PA1.4,1,Coordination clashes,1,,,count,lower,6,3,Green,0,No change,,,"
        # PA2.4: weighted 6 of 7 = 85.714...%; n_eff = 7² / (3*4 + 1) = 49/13; base 4.
        pa24 = lines[8].split(",")
        assert pa24[:8] == [
            "PA2.4",
            "2",
            "Staff awareness",
            "85.71428571428571",
            "6",
            "7",
            "%",
            "higher",
        ]
        assert pa24[-1] == "4"
        assert pa24[-3]
        assert pa24[-2]

    def test_without_path_returns_text_only(self):
        text = write_indicators_csv(
            compute_indicators(make_inputs(), parse_period("2006-04")), None
        )
        assert text.count("\n") == 20
