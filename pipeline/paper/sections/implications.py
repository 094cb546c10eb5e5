"""6. Policy and performance agenda implications."""

from __future__ import annotations

from pipeline.measures.view import ReportView


def context(view: ReportView) -> dict:
    return {"text": view.details.policy_implications, "areas": view.areas}
