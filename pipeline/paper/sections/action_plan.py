"""3.2 The action plan: actions by priority area and status, and those not on track."""

from __future__ import annotations

from pipeline.measures.view import ReportView


def context(view: ReportView) -> dict:
    return {"actions": view.actions}
