"""3.4 Activity: what was under way, by programme area, method and month, and the clashes."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.charts import activity_chart


def context(view: ReportView) -> dict:
    activity = view.activity
    return {
        "activity": activity,
        "chart": activity_chart(activity, view.period) if activity.active else "",
    }
