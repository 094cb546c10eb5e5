"""The paper's title, which the header, the HTML page and the PDF's running header share."""

from __future__ import annotations

from pipeline.spec.period import Period


def paper_title(period: Period) -> str:
    return (
        "Corporate Consultation and Community Involvement (CCI) Framework Progress Report "
        f"({period.label})"
    )
