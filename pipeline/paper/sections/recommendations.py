"""2. Recommendations, written from the ratings."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.spec.vocabulary import Rating


def recommendations(view: ReportView) -> list[str]:
    items = [
        "That the progress made on the Corporate CCI Framework's Action Plan from "
        f"{view.period.label_to} be noted."
    ]
    items += [
        f"That a remedial plan for priority area {area.number} ({area.name}), "
        "which is rated Red, be reported back to this meeting."
        for area in view.areas
        if area.rating == Rating.RED
    ]
    return items


def context(view: ReportView) -> dict:
    return {"items": recommendations(view)}
