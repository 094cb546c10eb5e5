"""The header block: organisation, title and the report's details."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.filters import format_date
from pipeline.paper.title import paper_title


def context(view: ReportView) -> dict:
    details = view.details
    meeting = details.meeting_date
    return {
        "organisation": details.organisation,
        "title": paper_title(view.period),
        "rows": [
            ("Meeting", details.committee),
            ("Date", format_date(meeting) if meeting else "To be confirmed"),
            ("Title", paper_title(view.period)),
            (details.programme_area_label, details.programme_area),
            ("Report author", details.author),
        ],
    }
