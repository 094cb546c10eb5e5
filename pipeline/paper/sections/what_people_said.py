"""3.6 What residents and staff said: the survey measures with their intervals."""

from __future__ import annotations

from pipeline.measures.view import ReportView


def context(view: ReportView) -> dict:
    rows = [i for i in view.indicators if i.survey]
    return {
        "rows": rows,
        "period": view.period.label_to,
        "previous": view.previous.label_to,
        "any_value": any(r.value is not None for r in rows),
    }
