"""3.4 Activity: what was under way, by programme area, method and month, the clashes, and the
upcoming clashes of the forward plan (the CCI web page published with the paper).

The table of programme areas by method is split into parts of at most
:data:`COLUMNS_PER_TABLE` methods, so that it fits an A4 page and a laptop's screen whatever
the number of methods.
"""

from __future__ import annotations

from pipeline.measures.view import ActivityFigures, ReportView
from pipeline.paper.charts import activity_chart

COLUMNS_PER_TABLE = 6
MONTHS_PER_ROW = 6


def method_parts(activity: ActivityFigures) -> list[dict]:
    """The area-by-method table in parts: each part's methods, and each row's counts for them."""
    methods = list(activity.methods)
    starts = range(0, len(methods), COLUMNS_PER_TABLE)
    parts = []
    for number, start in enumerate(starts, 1):
        columns = slice(start, start + COLUMNS_PER_TABLE)
        parts.append(
            {
                "number": number,
                "of": len(starts),
                "last": number == len(starts),
                "methods": methods[columns],
                "rows": [(row.label, row.counts[columns], row.total) for row in activity.rows],
                "totals": activity.method_totals[columns],
            }
        )
    return parts


def month_rows(activity: ActivityFigures) -> list[tuple]:
    """The monthly figures in rows of at most a year, months across (a short table)."""
    months = activity.months
    return [months[i : i + MONTHS_PER_ROW] for i in range(0, len(months), MONTHS_PER_ROW)]


def context(view: ReportView) -> dict:
    activity = view.activity
    return {
        "activity": activity,
        "parts": method_parts(activity),
        "month_rows": month_rows(activity),
        "chart": activity_chart(activity, view.period) if activity.active else "",
        "plan": view.upcoming,  # the upcoming clashes, on the forward plan
    }
