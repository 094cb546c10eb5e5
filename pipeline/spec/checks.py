"""The checks that stop a paper before anything is computed, shared by every way of making it.

``make report`` runs them before any notebook starts (:mod:`pipeline.run.report`); a notebook
previewed in JupyterLab runs the same functions (:mod:`pipeline.run.handoff`), so a preview
refuses what a run refuses, with the same words.
"""

from __future__ import annotations

import logging
from datetime import date

from pipeline.errors import ParameterError
from pipeline.spec.period import Coverage, Period, check_coverage, meeting_for, parse_period

log = logging.getLogger(__name__)


def parse_meeting_date(text: str | None) -> date | None:
    """The committee date given for a paper (None when none is given)."""
    if text is None or not str(text).strip():
        return None
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        msg = (
            f"The meeting date '{text}' is not a date in the form YYYY-MM-DD "
            "(for example 2007-02-12)."
        )
        raise ParameterError(msg) from None


def check_parameters(period_text: str, meeting_date: str | None) -> tuple[Period, date | None]:
    """The period and meeting date as given, checked on their own (before any data is read)."""
    return parse_period(period_text), parse_meeting_date(meeting_date)


def check_against_data(
    period: Period,
    meeting: date | None,
    coverage: Coverage,
    configured: date | None,
    settings_file: str = "report.toml",
) -> None:
    """Refuse a period the records cannot cover, or a meeting before the period ends; say so
    (``Note:`` lines) when the period runs past the records or the settings' meeting date is
    not used. ``configured`` is the ``meeting_date`` of ``settings_file`` (report.toml, or the
    partnership's own)."""
    beyond = check_coverage(period, coverage)
    if beyond:
        log.warning("Note: %s", beyond)
    _, unused = meeting_for(period, meeting, configured)
    if unused:
        log.info("Note: %s", unused.replace("report.toml", settings_file))
