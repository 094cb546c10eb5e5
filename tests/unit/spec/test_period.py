from datetime import date

import pandas as pd
import pytest

from pipeline.errors import ParameterError
from pipeline.spec.period import Coverage, Month, Period, check_coverage, meeting_for, parse_period


class TestParsePeriod:
    def test_range_both_months_inclusive(self):
        period = parse_period("2006-04..2007-01")
        assert period.start == pd.Timestamp("2006-04-01")
        assert period.end == pd.Timestamp("2007-01-31")
        assert period.months == 10  # April..December is 9, plus January

    def test_single_month_is_its_long_form(self):
        assert parse_period("2006-04") == parse_period("2006-04..2006-04")

    def test_financial_year_means_april_to_march(self):
        assert str(parse_period("2006/07")) == "2006-04..2007-03"

    def test_financial_year_across_the_century(self):
        assert str(parse_period("1999/00")) == "1999-04..2000-03"

    def test_surrounding_spaces_ignored(self):
        assert str(parse_period("  2006-04..2007-01 ")) == "2006-04..2007-01"

    def test_february_leap_year_end(self):
        assert parse_period("2008-02").end == pd.Timestamp("2008-02-29")

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "   ",
            "2007-01..2006-04",
            "2006-13",
            "2006-00",
            "2006-4",
            "2006/08",
            "2006/2007",
            "April 2006",
            "2006-04..2007-01; touch /tmp/x",
            "2006-04..",
            None,
        ],
    )
    def test_other_text_refused_with_the_accepted_forms(self, text):
        with pytest.raises(ParameterError) as caught:
            parse_period(text)
        assert "YYYY-MM..YYYY-MM" in str(caught.value)
        assert "YYYY/YY" in str(caught.value)


class TestPrevious:
    """The same months a year earlier for up to 12 months; a longer period's own length before."""

    def test_ten_months_compared_with_the_same_months_a_year_earlier(self):
        previous = parse_period("2006-04..2007-01").previous()
        assert str(previous) == "2005-04..2006-01"
        assert previous.start == pd.Timestamp("2005-04-01")
        assert previous.end == pd.Timestamp("2006-01-31")
        assert previous.label_to == "April 2005 to January 2006"

    def test_one_month_compared_with_the_same_month_last_year(self):
        assert str(parse_period("2007-01").previous()) == "2006-01..2006-01"

    def test_a_financial_year_compared_with_the_one_before(self):
        assert str(parse_period("2006/07").previous()) == "2005-04..2006-03"

    def test_a_quarter(self):
        assert str(parse_period("2006-10..2006-12").previous()) == "2005-10..2005-12"

    def test_a_leap_february(self):
        previous = parse_period("2005-02").previous()
        assert (str(previous), previous.end) == ("2004-02..2004-02", pd.Timestamp("2004-02-29"))

    def test_twelve_months_across_years_is_the_year_before(self):
        assert str(parse_period("2006-05..2007-04").previous()) == "2005-05..2006-04"

    def test_thirteen_months_is_as_long_and_ends_the_day_before(self):
        previous = parse_period("2006-03..2007-03").previous()
        assert str(previous) == "2005-02..2006-02"
        assert previous.end == pd.Timestamp("2006-02-28")


class TestLabels:
    def test_range_label(self):
        assert parse_period("2006-04..2007-01").label == "April 2006 - January 2007"

    def test_one_month_label(self):
        assert parse_period("2006-04").label == "April 2006"

    def test_month_shift_wraps_years(self):
        assert Month(2006, 11).shifted(3) == Month(2007, 2)

    def test_months_listed_in_order(self):
        months = Period(Month(2006, 11), Month(2007, 2)).month_starts()
        assert [str(m) for m in months] == ["2006-11", "2006-12", "2007-01", "2007-02"]


class TestCoverage:
    """data_from and data_to, or where the records end (data-contract: report.toml)."""

    DECLARED = Coverage(Month(2005, 4), Month(2007, 3), declared=True)
    FOUND = Coverage(Month(2005, 4), Month(2007, 3), declared=False)

    def test_inside_the_records_is_fine(self):
        assert check_coverage(parse_period("2006/07"), self.DECLARED) is None
        assert check_coverage(parse_period("2006/07"), self.FOUND) is None

    def test_before_data_from_is_refused(self):
        with pytest.raises(ParameterError, match="starts before 2005-04"):
            check_coverage(parse_period("2005-03..2005-06"), self.DECLARED)

    def test_after_data_to_is_refused(self):
        with pytest.raises(ParameterError, match=r"ends after 2007-03.*data_to"):
            check_coverage(parse_period("2007-01..2007-04"), self.DECLARED)

    def test_a_mistyped_year_is_refused_without_data_to(self):
        with pytest.raises(ParameterError, match="starts after the data folder's records end"):
            check_coverage(parse_period("2010-01"), self.FOUND)

    def test_running_past_the_records_is_a_warning(self):
        warning = check_coverage(parse_period("2007-01..2007-06"), self.FOUND)
        assert warning is not None
        assert "end in March 2007" in warning
        assert "runs to June 2007" in warning


class TestMeetingFor:
    PERIOD = parse_period("2006-04..2007-01")

    def test_a_given_date_on_or_after_the_end_is_used(self):
        assert meeting_for(self.PERIOD, date(2007, 1, 31), None) == (date(2007, 1, 31), None)

    def test_a_given_date_before_the_end_is_refused(self):
        with pytest.raises(ParameterError, match="before the end of the period"):
            meeting_for(self.PERIOD, date(2007, 1, 30), date(2007, 2, 12))

    def test_report_toml_date_before_the_end_is_not_used_and_says_why(self):
        meeting, why = meeting_for(parse_period("2006/07"), None, date(2007, 2, 12))
        assert meeting is None
        assert "To be confirmed" in why

    def test_report_toml_date_after_the_end_is_used(self):
        assert meeting_for(self.PERIOD, None, date(2007, 2, 12)) == (date(2007, 2, 12), None)
