"""Appendix A: every indicator's definition, from the registry."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.spec.vocabulary import PRIORITY_AREA_NAMES


def context(view: ReportView) -> dict:
    return {
        "groups": [
            {
                "number": area,
                "name": name,
                "indicators": [i for i in view.indicators if i.priority_area == area],
            }
            for area, name in PRIORITY_AREA_NAMES.items()
        ]
    }
