"""Display formatting for the paper."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pipeline.paper.filters import (
    format_count,
    format_date,
    format_interval,
    format_money,
    format_value,
    row_groups,
)


class TestFormatValue:
    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            ((62.4, "%"), "62%"),
            ((62.5, "%"), "63%"),  # halves round up
            ((61.84, "%"), "62%"),
            ((0.834, "ratio"), "0.83"),
            ((1204.0, "count"), "1,204"),
        ],
    )
    def test_decimal_places_by_unit(self, args, expected):
        assert format_value(*args) == expected

    def test_survey_measures_one_decimal(self):
        assert format_value(61.84, "%", survey=True, base=120) == "61.8%"

    def test_rounds_onto_target_gets_one_more_place(self):
        assert format_value(79.6, "%", target=80.0) == "79.6%"
        assert format_value(80.0, "%", target=80.0) == "80%"
        assert format_value(78.6, "%", target=80.0) == "79%"
        assert format_value(0.796, "ratio", target=0.8) == "0.796"

    def test_rounds_onto_target_and_meets_it_keeps_its_places(self):
        # 80.07% meets an 80% target: shown as the paper rounds, 80%.
        assert format_value(80.07, "%", target=80.0) == "80%"

    def test_lower_is_better_misses_above_the_target(self):
        assert format_value(20.3, "%", target=20.0, better="lower") == "20.3%"
        assert format_value(19.7, "%", target=20.0, better="lower") == "20%"

    def test_no_value_and_low_base(self):
        assert format_value(None, "%") == "[x]"
        assert format_value(float("nan"), "ratio") == "[x]"
        assert format_value(70.0, "%", survey=True, base=49) == "[low]"
        assert format_value(70.0, "%", survey=True, base=50) == "70.0%"


class TestFormatOthers:
    def test_count(self):
        assert format_count(12400) == "12,400"
        assert format_count(None) == "[x]"

    def test_money_whole_pounds(self):
        assert format_money(12400) == "£12,400"
        assert format_money(12399.5) == "£12,400"

    def test_date_without_leading_zero(self):
        assert format_date(date(2007, 2, 12)) == "12 February 2007"
        assert format_date(pd.Timestamp("2006-04-01")) == "1 April 2006"
        assert format_date(pd.NaT) == "[x]"

    def test_interval(self):
        assert format_interval(58.12, 66.66) == "58.1% to 66.7%"


class TestFormatDateOfEveryKind:
    def test_dates_timestamps_and_datetimes_read_the_same(self):
        from datetime import datetime

        assert format_date(date(2006, 4, 1)) == "1 April 2006"
        assert format_date(datetime(2006, 4, 1, 15, 30)) == "1 April 2006"
        assert format_date(pd.Timestamp("2006-04-01 15:30")) == "1 April 2006"
        assert format_date("2006-12-31") == "31 December 2006"
        assert format_date(None) == "[x]"
        assert format_date(float("nan")) == "[x]"


class TestRowGroups:
    @pytest.mark.parametrize(
        ("rows", "sizes"),
        [(0, []), (2, [2]), (3, [3]), (5, [5]), (6, [3, 3]), (7, [3, 4]), (10, [3, 3, 4])],
    )
    def test_groups_of_three_the_last_taking_the_rest(self, rows, sizes):
        groups = row_groups(range(rows))
        assert [len(g) for g in groups] == sizes
        assert [r for g in groups for r in g] == list(range(rows))  # every row once, in order
