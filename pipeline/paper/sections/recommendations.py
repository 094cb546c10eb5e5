"""2. Recommendations, written from the ratings: the progress noted, and one remedial
recommendation that names every Red priority area."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.filters import agree, join_words, period_words
from pipeline.spec.vocabulary import Rating


def recommendations(view: ReportView) -> list[str]:
    items = [
        "That the progress made on the Corporate CCI Framework's Action Plan "
        f"{period_words(view.period)} be noted."
    ]
    red = [a for a in view.areas if a.rating == Rating.RED]
    if red:
        areas = join_words([f"{a.number} ({a.name})" for a in red])
        items.append(
            f"That a remedial plan for priority {agree(len(red), 'area', 'areas')} {areas}, "
            f"which {agree(len(red), 'is', 'are')} rated Red, be reported to a future meeting."
        )
    return items


def context(view: ReportView) -> dict:
    return {"items": recommendations(view)}
