"""3.5 Who took part: which groups of residents were under-represented among the survey's
respondents; a chart for each dimension with such a group. The full tables are in Appendix D."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.charts import representation_chart


def context(view: ReportView) -> dict:
    return {
        "dimensions": [
            {
                "figures": d,
                "under": [g for g in d.groups if g.under_represented],
                "chart": representation_chart(d) if d.under_represented and d.plotted else "",
            }
            for d in view.dimensions
        ],
        "any_respondents": view.any_respondents,
    }
