"""3.5 Who took part: residents' survey respondents against the population, with charts."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.charts import representation_chart


def context(view: ReportView) -> dict:
    return {
        "dimensions": [
            {"figures": d, "chart": representation_chart(d) if d.plotted else ""}
            for d in view.dimensions
        ],
        "any_respondents": view.any_respondents,
    }
