"""Appendix C: how the paper was produced: period, parameters, code, and the input files with
the rows read from each and their fingerprints."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.filters import format_date


def context(view: ReportView) -> dict:
    meeting = view.details.meeting_date
    return {
        "period": view.period,
        "previous": view.previous,
        "meeting": format_date(meeting) if meeting else "not set",
        "code": view.code,
        "files": view.files,
    }
