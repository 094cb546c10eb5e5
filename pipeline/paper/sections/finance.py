"""4. Finance: the direct cost of the activities started in the period."""

from __future__ import annotations

from pipeline.measures.view import ReportView


def context(view: ReportView) -> dict:
    return {"finance": view.finance, "period": view.period.label_to}
