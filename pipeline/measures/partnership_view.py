"""The partnership paper's view: every figure it shows, computed once, saved as JSON.

:func:`compute_partnership` works out the frames the run writes as CSV (standards, clashes
across partners, possible duplicates, load); :func:`build_partnership_view` turns them into a
:class:`PartnershipView`, which the paper only formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from pipeline.ingest.partnership import PartnershipInputs
from pipeline.measures import serial
from pipeline.measures.activity_sets import (
    activities_active_in,
    activities_closed_in,
    activities_started_in,
)
from pipeline.measures.clashes import clashing_positions
from pipeline.measures.duplicates import find_duplicates
from pipeline.measures.figures import indicator_figures
from pipeline.measures.page_entries import forward_plan_activities
from pipeline.measures.page_entries_view import PlanCounts
from pipeline.measures.partnership import (
    clashes_across,
    compute_standards,
    consultation_load,
    pair_counts,
)
from pipeline.measures.progress import set_aside_counts
from pipeline.measures.scorecard import previous_period_available
from pipeline.measures.view import CountRow, IndicatorFigure, Provenance, SourceFile
from pipeline.spec.partnership import LISTED_PAIRS, PARTNERSHIP_ROW
from pipeline.spec.period import Period, meeting_for
from pipeline.spec.vocabulary import Rating

BUSIEST_NAMED = 3  # the busiest cells of the load table the summary names


@dataclass(frozen=True)
class PartnerFigure:
    """One organisation's activities and standards (or the whole partnership's)."""

    name: str
    short_name: str
    sector: str
    active: int
    started: int
    closed: int
    standards: tuple[IndicatorFigure, ...]

    @property
    def red(self) -> tuple[IndicatorFigure, ...]:
        return tuple(s for s in self.standards if s.rating == Rating.RED)


@dataclass(frozen=True)
class PairFigure:
    """A pair of two partners' activities: a clash or a possible duplicate."""

    activity_a: str
    organisation_a: str
    title_a: str
    activity_b: str
    organisation_b: str
    title_b: str
    area: str
    overlap_start: date
    overlap_end: date
    overlap_days: int
    shared: str  # the communities both target (a clash); empty for a duplicate
    similarity: float  # how alike the titles are (a duplicate); 0 for a clash


@dataclass(frozen=True)
class LoadCell:
    area: str
    month: date
    activities: int


@dataclass(frozen=True)
class LoadRow:
    area: str
    counts: tuple[int, ...]
    over: tuple[bool, ...]


@dataclass(frozen=True)
class LoadFigures:
    months: tuple[date, ...]
    rows: tuple[LoadRow, ...]
    limit: int | None
    over_cells: int
    busiest: tuple[LoadCell, ...]  # over the limit (or the busiest without one), busiest first


@dataclass(frozen=True)
class PartnershipDetails:
    name: str
    board: str
    meeting_date: date | None
    author: str
    contact: str
    background_papers: tuple[str, ...]
    contact_phone: str | None
    contact_email: str | None
    website: str | None


@dataclass(frozen=True)
class SetAsideByFile:
    partner: str
    file: str
    reason: str
    rows: int


@dataclass(frozen=True)
class PartnershipView:
    period: Period
    details: PartnershipDetails
    partners: tuple[PartnerFigure, ...]
    whole: PartnerFigure
    clash_count: int
    clash_table: tuple[CountRow, ...]  # one row per partner: its clashes with each partner
    clashes: tuple[PairFigure, ...]  # the longest overlaps, as many as the paper lists
    duplicate_count: int
    duplicates: tuple[PairFigure, ...]
    crowding: LoadFigures  # the consultation load by area and month
    upcoming: PlanCounts
    set_aside: tuple[SetAsideByFile, ...]
    files: tuple[SourceFile, ...]
    code: Provenance

    def save(self, path: Path) -> None:
        serial.save(self, path)

    @classmethod
    def load(cls, path: Path) -> PartnershipView:
        return serial.load(cls, path)  # type: ignore[return-value]


@dataclass
class PartnershipFrames:
    """What the run writes as CSV: standards.csv, clashes.csv, duplicates.csv, load.csv."""

    standards: pd.DataFrame
    clashes: pd.DataFrame
    duplicates: pd.DataFrame
    load: pd.DataFrame


def compute_partnership(partnership: PartnershipInputs, period: Period) -> PartnershipFrames:
    inputs = partnership.inputs
    return PartnershipFrames(
        standards=compute_standards(inputs, partnership.partners, period),
        clashes=clashes_across(inputs, period),
        duplicates=find_duplicates(inputs.activities, period),
        load=consultation_load(inputs, period, partnership.settings.load_limit),
    )


def _day(value: object) -> date:
    return pd.Timestamp(value).date()


def _pairs(frame: pd.DataFrame, clash: bool) -> tuple[PairFigure, ...]:
    listed = frame.head(LISTED_PAIRS).to_dict("records")
    return tuple(
        PairFigure(
            activity_a=str(r["activity_id_a"]),
            organisation_a=str(r["organisation_a"]),
            title_a=str(r["title_a"]),
            activity_b=str(r["activity_id_b"]),
            organisation_b=str(r["organisation_b"]),
            title_b=str(r["title_b"]),
            area=str(r["area"]),
            overlap_start=_day(r["overlap_start"]),
            overlap_end=_day(r["overlap_end"]),
            overlap_days=int(r["overlap_days"])
            if clash
            else ((_day(r["overlap_end"]) - _day(r["overlap_start"])).days + 1),
            shared=str(r["shared_groups"]) if clash else "",
            similarity=0.0 if clash else float(r["similarity"]),
        )
        for r in listed
    )


def _partner_figure(
    name: str,
    short_name: str,
    sector: str,
    activities: pd.DataFrame,
    standards: pd.DataFrame,
    period: Period,
    with_previous: bool,
) -> PartnerFigure:
    own = standards[standards["organisation"].eq(name).to_numpy()]
    return PartnerFigure(
        name=name,
        short_name=short_name,
        sector=sector,
        active=len(activities_active_in(activities, period)),
        started=len(activities_started_in(activities, period)),
        closed=len(activities_closed_in(activities, period)),
        standards=indicator_figures(SimpleNamespace(indicators=own), period, with_previous),  # type: ignore[arg-type]
    )


def _load_figures(load: pd.DataFrame, period: Period, limit: int | None) -> LoadFigures:
    months = tuple(m.first_day for m in period.month_starts())
    rows = tuple(
        LoadRow(
            str(area),
            tuple(int(v) for v in cells["activities"]),
            tuple(bool(v) for v in cells["over_limit"].fillna(False)),
        )
        for area, cells in load.groupby("area", sort=False)
    )
    over = load[load["over_limit"].fillna(False).astype(bool).to_numpy()]
    shown = over if limit is not None else load[load["activities"].eq(load["activities"].max())]
    shown = shown.sort_values("activities", ascending=False, kind="stable").head(BUSIEST_NAMED)
    busiest = tuple(
        LoadCell(str(r["area"]), date.fromisoformat(f"{r['month']}-01"), int(r["activities"]))
        for r in shown.to_dict("records")
        if int(r["activities"]) > 0
    )
    return LoadFigures(months, rows, limit, len(over), busiest)


def _details(partnership: PartnershipInputs, period: Period, meeting: date | None):
    settings, council = partnership.settings, partnership.inputs.settings
    when, _ = meeting_for(period, meeting, settings.meeting_date)
    return PartnershipDetails(
        name=settings.name,
        board=settings.board,
        meeting_date=when,
        author=settings.author,
        contact=settings.contact,
        background_papers=settings.background_papers,
        contact_phone=council.contact_phone,
        contact_email=council.contact_email,
        website=council.website,
    )


def plan_counts(activities: pd.DataFrame, period: Period) -> PlanCounts:
    """The joint forward plan counted: its entries, those that clash with another, the pairs."""
    plan = forward_plan_activities(activities, period)
    first, second = clashing_positions(plan)
    return PlanCounts(period.end.date(), len(plan), len(np.union1d(first, second)), len(first))


def _set_aside_by_file(set_aside: pd.DataFrame) -> tuple[SetAsideByFile, ...]:
    """Set-aside rows by partner, file and reason (none without a ``partner`` column)."""
    if "partner" not in set_aside:
        return ()
    counts = set_aside.groupby(["partner", "file", "reason"], sort=True).size()
    return tuple(
        SetAsideByFile(str(partner), str(file), str(reason), int(rows))
        for (partner, file, reason), rows in counts.items()
    )


def build_partnership_view(
    partnership: PartnershipInputs,
    frames: PartnershipFrames,
    period: Period,
    *,
    meeting_date: date | None,
    code: Provenance,
) -> PartnershipView:
    """Everything the partnership paper shows for ``period``."""
    inputs = partnership.inputs
    with_previous = previous_period_available(inputs, period)
    activities = inputs.activities
    partners = tuple(
        _partner_figure(
            p.name,
            p.short_name,
            p.sector,
            activities[activities["organisation"].eq(p.name).to_numpy()],
            frames.standards,
            period,
            with_previous,
        )
        for p in partnership.partners
    )
    whole = _partner_figure(
        PARTNERSHIP_ROW, PARTNERSHIP_ROW, "", activities, frames.standards, period, with_previous
    )
    names, matrix = pair_counts(frames.clashes, partnership.partners)
    clash_table = tuple(
        CountRow(name, tuple(int(c) for c in row), int(row.sum()))
        for name, row in zip(names, matrix, strict=True)
    )
    set_aside = _set_aside_by_file(inputs.set_aside)
    return PartnershipView(
        period=period,
        details=_details(partnership, period, meeting_date),
        partners=partners,
        whole=whole,
        clash_count=len(frames.clashes),
        clash_table=clash_table,
        clashes=_pairs(frames.clashes, clash=True),
        duplicate_count=len(frames.duplicates),
        duplicates=_pairs(frames.duplicates, clash=False),
        crowding=_load_figures(frames.load, period, partnership.settings.load_limit),
        upcoming=plan_counts(activities, period),
        set_aside=set_aside,
        files=tuple(
            SourceFile(f.name, f.dataset, f.rows_read, f.rows_set_aside, f.sha256)
            for f in inputs.files
        ),
        code=code,
    )


def set_aside_summary(partnership: PartnershipInputs) -> list[dict[str, object]]:
    """Set-aside rows by dataset and reason, for the console and the manifest."""
    return set_aside_counts(partnership.inputs.set_aside)
