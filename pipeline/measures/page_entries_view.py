"""The CCI web pages' entries: "we asked, you said, we did" and the forward plan.

Computed by :func:`pipeline.measures.page_entries.website_figures` in the progress notebook, and
formatted by :mod:`pipeline.publish.web_pages` (the pages, their CSV files
and the calendar). The paper's section 3.4 only counts the forward plan and its clashes: the
view carries those counts (:class:`PlanCounts`), never the entries. Values are kept as the
register holds them (the CSV files publish them raw); the wording is the pages'.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ResultsEntry:
    """An activity closed in the period whose results were published by its end (an entry of
    "we asked, you said, we did")."""

    activity_id: str
    title: str
    programme_area: str
    area: str  # an area assembly, or Borough-wide
    method: str
    start: date
    end: date
    participants: int | None
    results_published: date
    feedback: date | None  # as at the period end
    influence: str | None
    decision_ref: str | None
    you_said: str | None
    we_did: str | None


@dataclass(frozen=True)
class YouSaidWeDid:
    """The entries, latest end first, and the activities closed in the period (C)."""

    as_at: date
    closed: int
    entries: tuple[ResultsEntry, ...]

    @property
    def published(self) -> int:
        return len(self.entries)

    @property
    def told(self) -> int:
        """Entries whose participants were told what happened (feedback as at the period end)."""
        return sum(e.feedback is not None for e in self.entries)


@dataclass(frozen=True)
class PlannedEntry:
    """An activity planned or still running at the period end, known by then (an entry of F)."""

    activity_id: str
    title: str
    programme_area: str
    area: str
    method: str
    start: date
    end: date
    registered: date
    target_groups: tuple[str, ...]  # empty: everyone (the general public)
    formal: bool
    clashes_with: tuple[str, ...]  # the other entries' ids, in the forward plan's order
    short: bool  # formal and shorter than the full consultation period
    late_to_register: bool  # registered less than the advance notice before it starts
    election: str | None  # the election whose pre-election period it overlaps
    polling_day: date | None

    @property
    def days(self) -> int:
        """How long it runs, first and last day included."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class ForwardPlan:
    """F in order of start date then id, and its clashing pairs."""

    as_at: date
    entries: tuple[PlannedEntry, ...]
    clash_pairs: int

    @functools.cached_property
    def titles(self) -> dict[str, str]:
        """Each entry's title by its id, to name the entries another one clashes with."""
        return {e.activity_id: e.title for e in self.entries}

    @property
    def with_clash(self) -> int:
        return sum(bool(e.clashes_with) for e in self.entries)

    @property
    def short(self) -> int:
        return sum(e.short for e in self.entries)

    @property
    def pre_election(self) -> int:
        return sum(e.election is not None for e in self.entries)

    def counts(self) -> PlanCounts:
        """The plan counted, as the paper's section 3.4 tells it."""
        return PlanCounts(self.as_at, len(self.entries), self.with_clash, self.clash_pairs)

    @property
    def under_way(self) -> tuple[PlannedEntry, ...]:
        return tuple(e for e in self.entries if e.start <= self.as_at)

    @property
    def starting_later(self) -> tuple[PlannedEntry, ...]:
        return tuple(e for e in self.entries if e.start > self.as_at)


@dataclass(frozen=True)
class PlanCounts:
    """The forward plan counted, as the paper's section 3.4 tells it: its entries, those that
    clash with another, and the clashing pairs."""

    as_at: date
    entries: int
    with_clash: int
    clash_pairs: int


@dataclass(frozen=True)
class WebsiteFigures:
    results: YouSaidWeDid
    plan: ForwardPlan
