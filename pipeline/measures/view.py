"""The computed view of one paper: every figure the paper shows, and nothing it must work out.

:func:`pipeline.measures.figures.build_view` makes a :class:`ReportView` from the inputs and the
progress; the paper, and any other rendering of the same report, only formats it. Numbers are
kept as numbers (rounding and wording are the paper's), and the view saves to JSON and loads
back unchanged (:mod:`pipeline.measures.serial`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.measures import serial
from pipeline.measures.page_entries_view import PlanCounts
from pipeline.spec.period import Period
from pipeline.spec.settings import ReportSettings
from pipeline.spec.thresholds import LOW_BASE, breakdown_withheld
from pipeline.spec.vocabulary import (
    EFFECTIVE_STATUSES,
    ActionStatus,
    Better,
    Direction,
    Rating,
    Unit,
)


@dataclass(frozen=True)
class IndicatorFigure:
    """One indicator's row of the scorecard, with its registry entry."""

    id: str
    priority_area: int
    name: str
    definition: str
    unit: Unit
    better: Better
    survey: bool
    value: float | None
    target: float | None
    rating: Rating
    previous: float | None
    direction: Direction
    ci_low: float | None
    ci_high: float | None
    base: int | None
    missing: str | None = None  # why there is no value: "no survey", "nothing to count"
    previous_missing: str | None = None  # why there is no previous value
    numerator: float | None = None  # percentages: the counts behind the value
    denominator: float | None = None
    small_base: bool = False  # an activity-based % on fewer than 10: shown as "3 of 7", unrated
    previous_numerator: float | None = None
    previous_denominator: float | None = None
    previous_small_base: bool = False
    short_period: bool = False  # a coverage indicator not rated in a period under 6 months

    @property
    def limit(self) -> bool:
        """A count that should stay low: its target is a limit."""
        return self.better == Better.LOWER

    @property
    def low_base(self) -> bool:
        """A survey measure on too few responses to show or rate."""
        return self.survey and self.base is not None and self.base < LOW_BASE


@dataclass(frozen=True)
class CountRow:
    """One row of a table of counts: its label, a count per column and the row's total."""

    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class ActionException:
    id: str
    priority_area: int
    action: str
    lead: str
    due: date | None
    status: ActionStatus


@dataclass(frozen=True)
class ActionFigures:
    as_at: date
    rows: tuple[CountRow, ...]  # one per priority area, a count per status
    totals: tuple[int, ...]
    total: int
    on_track: int  # complete, on track or not started (not yet due)
    all_on_track: bool
    exceptions: tuple[ActionException, ...]
    statuses: tuple[ActionStatus, ...] = EFFECTIVE_STATUSES
    coming: tuple[ActionException, ...] = ()  # not complete, due in the months after the period
    coming_until: date | None = None  # the last day of those months


@dataclass(frozen=True)
class AreaFigure:
    """A priority area's rating, and what made it Red or Amber."""

    number: int
    name: str
    rating: Rating
    indicators: tuple[IndicatorFigure, ...] = ()  # rated as the area is (Red or Amber)
    actions: tuple[ActionException, ...] = ()  # overdue (Red) or at risk (Amber)


@dataclass(frozen=True)
class Achievement:
    text: str
    completed: date


@dataclass(frozen=True)
class MonthCount:
    month: date  # the first day of the month
    count: int


@dataclass(frozen=True)
class Clash:
    activity_a: str
    title_a: str
    activity_b: str
    title_b: str
    shared_groups: str
    area: str
    overlap_days: int
    overlap_start: date
    overlap_end: date


@dataclass(frozen=True)
class ActivityFigures:
    active: int
    started: int
    closed: int
    methods: tuple[str, ...]
    rows: tuple[CountRow, ...]  # one per programme area, a count per method
    method_totals: tuple[int, ...]
    months: tuple[MonthCount, ...]
    peak: MonthCount | None  # the first month with the most activities under way
    clash_count: int
    clashes: tuple[Clash, ...]  # the longest, as many as the paper lists

    @property
    def clashes_more(self) -> int:
        return max(0, self.clash_count - len(self.clashes))


@dataclass(frozen=True)
class EarlyDecision:
    """An activity closed in the period whose decision came before it closed or its results."""

    activity_id: str
    title: str
    closed: date
    results: date | None  # as at the period end
    decision_ref: str
    decided: date
    maker: str | None
    reason: str  # "before closing" or "before the results"


@dataclass(frozen=True)
class DecisionFigures:
    """PA4.4's list: the activities decided early, the most recent as many as the paper shows."""

    provided: bool  # whether the data folder holds a list of decisions
    checked: int  # activities of C whose decision is in the list, taken by the period end
    early_count: int
    early: tuple[EarlyDecision, ...]
    unlisted: int  # different register references not in the list

    @property
    def more(self) -> int:
        return max(0, self.early_count - len(self.early))


@dataclass(frozen=True)
class GroupFigure:
    """One group of a population dimension: residents' survey respondents against the population."""

    category: str
    population_share: float | None  # proportion, 0-1
    respondents: int
    respondent_share: float | None  # proportion of the dimension's known respondents
    ratio: float | None  # None when the group is left out
    suppressed: bool  # shown as [c]: too few respondents to publish
    under_represented: bool  # False when suppressed


@dataclass(frozen=True)
class DimensionFigures:
    key: str
    label: str
    known: int
    unknown: int
    groups: tuple[GroupFigure, ...]

    @property
    def withheld(self) -> bool:
        """Too few respondents with a known value to show the breakdown at all, or its total."""
        return breakdown_withheld(self.known)

    @property
    def low_base(self) -> bool:
        """Too few respondents with a known value to show their shares."""
        return self.known < LOW_BASE

    @property
    def under_represented(self) -> tuple[str, ...]:
        return tuple(g.category for g in self.groups if g.under_represented)

    @property
    def plotted(self) -> tuple[GroupFigure, ...]:
        """The groups a chart can show: a ratio, not suppressed."""
        return tuple(g for g in self.groups if g.ratio is not None and not g.suppressed)


@dataclass(frozen=True)
class FinanceRow:
    area: str
    activities: int
    with_cost: int
    total: float | None  # None when no activity recorded a cost


@dataclass(frozen=True)
class FinanceFigures:
    rows: tuple[FinanceRow, ...]
    activities: int
    with_cost: int
    total: float


@dataclass(frozen=True)
class SetAsideCount:
    dataset: str
    reason: str
    rows: int


@dataclass(frozen=True)
class SourceFile:
    name: str
    dataset: str
    rows_read: int
    rows_set_aside: int
    sha256: str


@dataclass(frozen=True)
class Provenance:
    """The code that made the paper: the commit, whether it had uncommitted edits, its digest."""

    commit: str
    dirty: bool
    digest: str


@dataclass(frozen=True)
class ReportView:
    """Everything one paper shows, computed."""

    period: Period
    details: ReportSettings  # with the meeting date the paper is for
    indicators: tuple[IndicatorFigure, ...]
    areas: tuple[AreaFigure, ...]
    actions: ActionFigures
    achievements: tuple[Achievement, ...]
    activity: ActivityFigures
    dimensions: tuple[DimensionFigures, ...]
    finance: FinanceFigures
    set_aside: tuple[SetAsideCount, ...]
    files: tuple[SourceFile, ...]
    code: Provenance
    records_end: date | None  # the month the records end, when the period runs past it
    rating_counts: dict[Rating, int]  # priority areas by rating
    direction_counts: dict[Direction, int]  # indicators by direction of travel
    upcoming: PlanCounts  # the forward plan of the web pages, counted
    decisions: DecisionFigures  # PA4.4's activities decided early

    @property
    def previous(self) -> Period:
        return self.period.previous()

    @property
    def set_aside_total(self) -> int:
        return sum(c.rows for c in self.set_aside)

    @property
    def any_respondents(self) -> bool:
        return any(d.known for d in self.dimensions)

    def save(self, path: Path) -> None:
        serial.save(self, path)

    @classmethod
    def load(cls, path: Path) -> ReportView:
        return serial.load(cls, path)  # type: ignore[return-value]
