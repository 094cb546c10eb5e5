"""3.6 What residents and staff said: the survey measures with their intervals."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.filters import compared_heading, compared_period


def context(view: ReportView) -> dict:
    rows = [i for i in view.indicators if i.survey]
    return {
        "rows": rows,
        "period": view.period.label_to,
        "previous": view.previous.label_to,
        "compared": compared_period(view.period),
        "previous_heading": compared_heading(view.period),
        "any_value": any(r.value is not None for r in rows),
    }
