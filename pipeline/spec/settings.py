"""What ``reference/report.toml`` says: the paper's own details, read by ingest and shown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def is_web_address(text: str) -> bool:
    """Whether ``text`` is an http(s) address with a host: the only kind of link a public page
    carries (a ``javascript:`` or ``data:`` address would run or show whatever it holds)."""
    if _SPACE_OR_CONTROL.search(text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


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
