"""The partnership's files as data: ``reference/partners.csv``, ``reference/partnership.toml``
and the partners' own registers in ``partners/``.

A partnership folder is an ordinary data folder that also holds these. The council's own paper
never reads them; the partnership paper reads them with the council's files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PARTNERS_FILE = "partners.csv"
PARTNERSHIP_SETTINGS_FILE = "partnership.toml"
PARTNERS_FOLDER = "partners"
PARTNERS_COLUMNS = ("name", "short_name", "sector")
COUNCIL_SECTOR = "council"
SECTORS = ("council", "police", "health", "fire", "voluntary and community", "other")
# A short name is used in file names and ids: letters, digits and hyphens.
SHORT_NAME = re.compile(r"[A-Za-z0-9-]+")
PARTNERSHIP_SETTINGS_REQUIRED = ("name", "board", "author", "contact")
# The whole partnership's row of standards.csv, and its column in the paper.
PARTNERSHIP_ROW = "partnership"

# The activity-based indicators every partner is held to (the shared standards), in the paper's
# order. Those the registry does not hold are left out.
SHARED_STANDARDS = (
    "PA1.1",
    "PA1.2",
    "PA1.3",
    "PA1.4",
    "PA3.1",
    "PA3.2",
    "PA4.1",
    "PA4.2",
    "PA4.3",
    "PA4.4",
    "PA5.1",
)

# Possible duplicates: titles' word sets at least this alike (Jaccard similarity).
DUPLICATE_SIMILARITY = 0.5
# A word is a run of letters and digits; shorter words and these are left out of a title's set.
SHORTEST_WORD = 3
IGNORED_WORDS = ("the", "and", "for", "with", "of", "on", "in", "to")
# How many clashes across partners, and possible duplicates, the paper lists ("and N more").
LISTED_PAIRS = 10


@dataclass(frozen=True)
class Partner:
    """One organisation of the partnership (a row of ``partners.csv``)."""

    name: str
    short_name: str
    sector: str

    @property
    def is_council(self) -> bool:
        return self.sector == COUNCIL_SECTOR


@dataclass(frozen=True)
class PartnershipSettings:
    """``reference/partnership.toml``: what the partnership paper says about itself."""

    name: str
    board: str
    author: str
    contact: str
    background_papers: tuple[str, ...] = ()
    meeting_date: date | None = None
    load_limit: int | None = None
