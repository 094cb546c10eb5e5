"""What ``reference/report.toml`` says: the paper's own details, read by ingest and shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReportSettings:
    """``reference/report.toml``: what the paper says about itself."""

    organisation: str
    committee: str
    data_from: str
    programme_area_label: str
    programme_area: str
    author: str
    contact: str
    policy_implications: str
    background_papers: tuple[str, ...]
    meeting_date: date | None = None
    data_to: str | None = None  # the last month the folder covers, YYYY-MM
    contact_phone: str | None = None
    contact_email: str | None = None
    website: str | None = None
