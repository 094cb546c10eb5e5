"""3.1 Progress against the five priority areas: every indicator, grouped by priority area
under the area's own rating."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.filters import compared_heading, compared_period, format_date, period_words

DECIDED_AFTER_ID = "PA4.4"  # the indicator whose list of activities decided early follows


def context(view: ReportView) -> dict:
    groups = [
        {"area": area, "rows": [i for i in view.indicators if i.priority_area == area.number]}
        for area in view.areas
    ]
    return {
        "groups": groups,
        "period": view.period.label_to,
        "previous": view.previous.label_to,
        "compared": compared_period(view.period),
        "previous_heading": compared_heading(view.period),
        "decisions": view.decisions,
        "during": period_words(view.period),
        "as_at": format_date(view.period.end),
        "decided_after": next((i for i in view.indicators if i.id == DECIDED_AFTER_ID), None),
    }
