"""Appendix B: the rows set aside, unknown profiles and the disclosure rules."""

from __future__ import annotations

import re

from pipeline.measures.view import ReportView
from pipeline.paper.sections.background import dataset_label

_SNAKE_CASE = re.compile(r"\b([a-z]+(?:_[a-z]+)+)\b(?![./])")


def plain_reason(reason: str) -> str:
    """A set-aside reason for the paper: ``end_date is before start_date`` reads
    ``end date is before start date``; file names are left as they are."""
    return _SNAKE_CASE.sub(lambda match: match.group(1).replace("_", " "), reason)


def context(view: ReportView) -> dict:
    return {
        "set_aside": [
            {"dataset": dataset_label(c.dataset), "reason": plain_reason(c.reason), "rows": c.rows}
            for c in view.set_aside
        ],
        "total": view.set_aside_total,
        "dimensions": view.dimensions,
        "decisions": view.decisions,
    }
