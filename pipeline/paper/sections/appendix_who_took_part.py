"""Appendix D: who took part, the full tables: each group's share of the population and of the
respondents, and their ratio, with disclosure control applied. A dimension too few respondents
gave is not tabled: one sentence names every such dimension."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.filters import join_words


def context(view: ReportView) -> dict:
    withheld = [d for d in view.dimensions if d.withheld]
    return {
        "dimensions": [d for d in view.dimensions if not d.withheld],
        "withheld": join_words([d.label for d in withheld]),
        "withheld_count": len(withheld),
        "any_respondents": view.any_respondents,
    }
