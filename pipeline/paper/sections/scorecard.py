"""3.1 Progress against the five priority areas: the area ratings and every indicator."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.spec.vocabulary import PRIORITY_AREA_NAMES


def context(view: ReportView) -> dict:
    groups = [
        {
            "number": area,
            "name": name,
            "rows": [i for i in view.indicators if i.priority_area == area],
        }
        for area, name in PRIORITY_AREA_NAMES.items()
    ]
    return {
        "groups": groups,
        "areas": view.areas,
        "period": view.period.label,
        "previous": view.previous.label,
    }
