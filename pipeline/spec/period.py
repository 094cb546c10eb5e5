"""Reporting periods: ``YYYY-MM..YYYY-MM``, ``YYYY-MM`` and financial years ``YYYY/YY``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline.errors import ParameterError

if TYPE_CHECKING:
    import pandas as pd

ACCEPTED_FORMS = (
    "YYYY-MM..YYYY-MM (for example 2006-04..2007-01), "
    "YYYY-MM for one month (for example 2006-04), "
    "or a financial year YYYY/YY (for example 2006/07)"
)

_RANGE = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``YYYY-MM``; raise ValueError for anything else."""
        match = _MONTH.match(text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            msg = f"'{text}' is not a month in the form YYYY-MM"
            raise ValueError(msg)
        return cls(int(match.group(1)), int(match.group(2)))

    def shifted(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """As a committee reads it: ``April 2006``."""
        return f"{calendar.month_name[self.month]} {self.year}"


@dataclass(frozen=True)
class Period:
    """A run of whole months, both ends inclusive."""

    first: Month
    last: Month

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    @property
    def start(self) -> pd.Timestamp:
        """``ps``: the first day of the first month."""
        import pandas as pd  # not before the run's first kernel starts: see pipeline.run.report

        return pd.Timestamp(self.first.first_day)

    @property
    def end(self) -> pd.Timestamp:
        """``pe``: the last day of the last month."""
        import pandas as pd

        return pd.Timestamp(self.last.last_day)

    def previous(self) -> Period:
        """The period it is compared with: the same months a year earlier ("the same period
        last year"), for a period of up to 12 months; a longer one's previous period has as
        many months and ends the day before it starts."""
        if self.months <= 12:
            return Period(self.first.shifted(-12), self.last.shifted(-12))
        return Period(self.first.shifted(-self.months), self.first.shifted(-1))

    def month_starts(self) -> list[Month]:
        return [self.first.shifted(i) for i in range(self.months)]

    def __str__(self) -> str:
        """The long form, used for archive folders."""
        return f"{self.first}..{self.last}"

    @property
    def label(self) -> str:
        """``April 2006 - January 2007``, or ``April 2006`` for one month."""
        if self.first == self.last:
            return self.first.label
        return f"{self.first.label} - {self.last.label}"

    @property
    def label_to(self) -> str:
        """``April 2006 to January 2007``, for sentences."""
        if self.first == self.last:
            return self.first.label
        return f"{self.first.label} to {self.last.label}"


def parse_period(text: object) -> Period:
    """Parse any accepted form of ``PERIOD``; refuse anything else with the accepted forms."""
    raw = "" if text is None else str(text)
    value = raw.strip()
    period: Period | None = None
    if match := _RANGE.match(value):
        y1, m1, y2, m2 = (int(g) for g in match.groups())
        if 1 <= m1 <= 12 and 1 <= m2 <= 12:
            period = Period(Month(y1, m1), Month(y2, m2))
            if period.last < period.first:
                msg = (
                    f"The period '{raw}' ends before it starts. "
                    f"Give the earlier month first. Accepted forms: {ACCEPTED_FORMS}."
                )
                raise ParameterError(msg)
    elif match := _MONTH.match(value):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            period = Period(Month(year, month), Month(year, month))
    elif match := _FINANCIAL_YEAR.match(value):
        year, short = int(match.group(1)), int(match.group(2))
        if (year + 1) % 100 == short:
            period = Period(Month(year, 4), Month(year + 1, 3))
    if period is None and not value:
        msg = f"No period was given (PERIOD=...). Accepted forms: {ACCEPTED_FORMS}."
        raise ParameterError(msg)
    if period is None:
        msg = (
            f"The period '{raw}' is not a period the report understands. "
            f"Accepted forms: {ACCEPTED_FORMS}."
        )
        raise ParameterError(msg)
    return period


@dataclass(frozen=True)
class Coverage:
    """The months a data folder's records cover.

    ``last`` is ``data_to`` when report.toml gives it (``declared``), otherwise the month of the
    latest registration or training date in the records (None when there is none).
    """

    first: Month
    last: Month | None
    declared: bool


def check_coverage(period: Period, coverage: Coverage) -> str | None:
    """Refuse a period the records cannot cover; a warning when it runs past their end.

    Refused: a period that starts before ``data_from``, or ends after ``data_to``, or (without
    ``data_to``) starts after the records end. A period that ends after the records end (and
    no ``data_to`` says where they end) is allowed, and the warning says so.
    """
    first, last = coverage.first, coverage.last
    if period.first < first:
        msg = (
            f"The period {period} starts before {first}, the first month the data folder covers "
            f"(data_from in reference/report.toml). Choose a period from {first} on."
        )
        raise ParameterError(msg)
    if last is None or period.last <= last:
        return None
    if coverage.declared:
        msg = (
            f"The period {period} ends after {last}, the last month the data folder covers "
            f"(data_to in reference/report.toml). Choose a period that ends by {last}."
        )
        raise ParameterError(msg)
    if period.first > last:
        msg = (
            f"The period {period} starts after the data folder's records end: the latest "
            f"registration or training date is in {last.label}. Choose a period that starts by "
            f"{last}, or say where the records end with data_to in reference/report.toml."
        )
        raise ParameterError(msg)
    return (
        f"The data folder's records end in {last.label} (the latest registration or training "
        f"date), but the period runs to {period.last.label}; the paper's summary says so."
    )


def meeting_for(
    period: Period, given: date | None, configured: date | None
) -> tuple[date | None, str | None]:
    """The meeting date the paper is for, and why report.toml's was not used (or None).

    A meeting date given for the run must not be before the end of the period: ParameterError.
    report.toml's meeting_date before the end of the period is not used, so that one file
    serves several periods.
    """
    end = period.last.last_day
    if given is not None:
        if given < end:
            msg = (
                f"The meeting date {given.isoformat()} is before the end of the period "
                f"({end.isoformat()}): a paper cannot review months after its meeting."
            )
            raise ParameterError(msg)
        return given, None
    if configured is not None and configured < end:
        return None, (
            f"The meeting_date in reference/report.toml ({configured.isoformat()}) is before the "
            f'end of the period ({end.isoformat()}), so the paper\'s Date reads "To be confirmed".'
        )
    return configured, None
