"""The activity sets S, C, A and the "as at the period end" rule."""

from __future__ import annotations

import pandas as pd

from pipeline.measures.activity_sets import (
    activities_active_in,
    activities_closed_in,
    activities_started_in,
    as_at,
    has_text,
)
from tests.unit.factories import PERIOD, activities


def _ids(frame: pd.DataFrame) -> list[str]:
    return frame["activity_id"].tolist()


class TestActivitiesStartedIn:
    def test_start_on_both_period_ends_included_cancelled_excluded(self):
        acts = activities(
            {"start_date": "2006-04-01", "end_date": "2006-04-30"},  # on ps
            {"start_date": "2006-09-30", "end_date": "2006-10-30"},  # on pe
            {"start_date": "2006-03-31", "end_date": "2006-04-30"},  # day before ps
            {"start_date": "2006-10-01", "end_date": "2006-10-30"},  # day after pe
            {"start_date": "2006-05-01", "status": "cancelled"},
        )
        assert _ids(activities_started_in(acts, PERIOD)) == ["ACT-001", "ACT-002"]


class TestActivitiesClosedIn:
    def test_only_closed_status_with_end_in_period(self):
        acts = activities(
            {"status": "closed", "end_date": "2006-09-30"},
            {"status": "live", "end_date": "2006-09-30"},
            {"status": "closed", "start_date": "2006-09-01", "end_date": "2006-10-01"},
        )
        assert _ids(activities_closed_in(acts, PERIOD)) == ["ACT-001"]


class TestActivitiesActiveIn:
    def test_touching_either_end_is_active(self):
        acts = activities(
            {"start_date": "2006-01-01", "end_date": "2006-04-01"},  # ends on ps
            {"start_date": "2006-09-30", "end_date": "2006-12-01"},  # starts on pe
            {"start_date": "2006-01-01", "end_date": "2006-03-31"},  # ends before ps
            {"start_date": "2006-01-01", "end_date": "2006-12-31", "status": "cancelled"},
        )
        assert _ids(activities_active_in(acts, PERIOD)) == ["ACT-001", "ACT-002"]


class TestAsAt:
    def test_dates_after_period_end_are_empty(self):
        dates = pd.Series(pd.to_datetime(["2006-09-30", "2006-10-01", None]))
        result = as_at(dates, PERIOD.end)
        assert result.iloc[0] == pd.Timestamp("2006-09-30")
        assert result.iloc[1:].isna().all()


class TestHasText:
    def test_blank_after_trimming_is_empty(self):
        values = pd.Series(["CAB-12", "   ", None, ""], dtype="str")
        assert has_text(values).tolist() == [True, False, False, False]


class TestWorkedOutOncePerRegister:
    def test_the_same_set_is_handed_out_again(self):
        acts = activities({"start_date": "2006-05-01"}, {"start_date": "2006-06-01"})
        assert activities_active_in(acts, PERIOD) is activities_active_in(acts, PERIOD)
        assert activities_started_in(acts, PERIOD) is activities_started_in(acts, PERIOD)

    def test_another_register_of_the_same_rows_gets_its_own_sets(self):
        first = activities({"start_date": "2006-05-01"})
        second = activities({"start_date": "2006-05-01"}, {"start_date": "2006-06-01"})
        assert _ids(activities_active_in(first, PERIOD)) == ["ACT-001"]
        assert _ids(activities_active_in(second, PERIOD)) == ["ACT-001", "ACT-002"]

    def test_another_period_is_its_own_set(self):
        acts = activities({"start_date": "2006-05-01", "end_date": "2006-05-31"})
        assert _ids(activities_active_in(acts, PERIOD)) == ["ACT-001"]
        assert _ids(activities_active_in(acts, PERIOD.previous())) == []

    def test_a_register_s_sets_go_when_it_goes(self):
        import gc

        from pipeline.measures import activity_sets

        acts = activities({"start_date": "2006-05-01"})
        key = id(acts)
        activities_closed_in(acts, PERIOD)
        assert any(k[1] == key for k in activity_sets._SETS)
        del acts
        gc.collect()
        assert not any(k[1] == key for k in activity_sets._SETS)

    def test_a_period_s_sets_let_go_are_worked_out_afresh(self):
        from pipeline.measures.activity_sets import forget

        acts = activities({"start_date": "2006-05-01"})
        before = activities_active_in(acts, PERIOD)
        earlier = activities_active_in(acts, PERIOD.previous())
        forget(acts, PERIOD)
        assert activities_active_in(acts, PERIOD) is not before
        assert _ids(activities_active_in(acts, PERIOD)) == ["ACT-001"]
        assert activities_active_in(acts, PERIOD.previous()) is earlier
