"""3.3 Key achievements: the actions completed in the period."""

from __future__ import annotations

from pipeline.measures.view import ReportView


def context(view: ReportView) -> dict:
    return {"items": view.achievements, "period": view.period.label_to}
