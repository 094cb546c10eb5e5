"""Build the paper's :class:`~pipeline.measures.view.ReportView` from the inputs and progress.

One small function per part of the view. Everything that counts, sums, sorts or chooses is
here; the paper only formats what these functions return.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pandas as pd

from pipeline.ingest.coverage import inputs_coverage
from pipeline.ingest.inputs import Inputs
from pipeline.measures.actions import (
    action_exceptions,
    actions_coming_due,
    all_actions_on_track,
)
from pipeline.measures.activity_sets import (
    activities_active_in,
    activities_closed_in,
    activities_started_in,
)
from pipeline.measures.decisions import decision_figures
from pipeline.measures.disclosure import suppressed_cells
from pipeline.measures.indicators import indicator_by_id
from pipeline.measures.measure import Measure
from pipeline.measures.page_entries import forward_plan
from pipeline.measures.page_entries_view import ForwardPlan
from pipeline.measures.progress import Progress, set_aside_counts
from pipeline.measures.scorecard import previous_period_available, short_period, small_base
from pipeline.measures.view import (
    Achievement,
    ActionException,
    ActionFigures,
    ActivityFigures,
    AreaFigure,
    Clash,
    CountRow,
    DimensionFigures,
    FinanceFigures,
    FinanceRow,
    GroupFigure,
    IndicatorFigure,
    MonthCount,
    Provenance,
    ReportView,
    SetAsideCount,
    SourceFile,
)
from pipeline.spec.contract import METHODS
from pipeline.spec.period import Period, meeting_for
from pipeline.spec.settings import ReportSettings
from pipeline.spec.thresholds import CLASHES_SHOWN, COMING_MONTHS
from pipeline.spec.vocabulary import (
    DIMENSION_LABELS,
    EFFECTIVE_STATUSES,
    ON_TRACK_FOR_COMMITTEE,
    PRIORITY_AREA_NAMES,
    ActionStatus,
    Direction,
    Rating,
)


def _number(value: object) -> float | None:
    """A float, or None for anything missing (None, NA, NaN)."""
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _text(value: object) -> str | None:
    """Text, or None for anything missing."""
    return None if value is None or pd.isna(value) else str(value)  # type: ignore[arg-type]


def _day(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()  # type: ignore[arg-type]


def details(inputs: Inputs, period: Period, meeting_date: date | None) -> ReportSettings:
    """The paper's details, with the meeting date it is for (see :func:`meeting_for`)."""
    settings = inputs.settings
    meeting, _ = meeting_for(period, meeting_date, settings.meeting_date)
    return dataclasses.replace(settings, meeting_date=meeting)


def records_end(inputs: Inputs, period: Period) -> date | None:
    """The month the records end, when the period runs past it and report.toml does not say."""
    covered = inputs_coverage(inputs)
    if covered.declared or covered.last is None or period.last <= covered.last:
        return None
    return covered.last.first_day


NO_SURVEY, NOTHING_TO_COUNT, NO_RECORDS = "no survey", "nothing to count", "no records"


def _why_missing(survey: bool, base: float | None) -> str:
    return NO_SURVEY if survey and not base else NOTHING_TO_COUNT


def _small_base(item, value: float | None, denominator: float | None) -> bool:
    """A value on a small base, shown as "3 of 7" (see :func:`.scorecard.small_base`)."""
    return value is not None and small_base(item, Measure(value, denominator=denominator))


def indicator_figures(
    progress: Progress, period: Period, with_previous: bool
) -> tuple[IndicatorFigure, ...]:
    """The scorecard: each indicator's figures with its registry entry, and why any is missing
    or not rated.

    ``with_previous``: whether the previous period is inside the records (after data_from).
    """
    figures = []
    for record in progress.indicators.to_dict("records"):
        item = indicator_by_id(record["indicator_id"])
        base, value, previous = (
            _number(record[key]) for key in ("base", "value", "previous_value")
        )
        denominator = _number(record["denominator"])
        previous_denominator = _number(record["previous_denominator"])
        figures.append(
            IndicatorFigure(
                id=item.id,
                priority_area=item.priority_area,
                name=item.name,
                definition=item.definition,
                unit=item.unit,
                better=item.better,
                survey=item.survey,
                value=value,
                target=_number(record["target"]),
                rating=Rating(record["rating"]),
                previous=previous,
                direction=Direction(record["direction"]),
                ci_low=_number(record["ci_low"]),
                ci_high=_number(record["ci_high"]),
                base=None if base is None else int(base),
                missing=(
                    None
                    if value is not None
                    else _text(record["missing"]) or _why_missing(item.survey, base)
                ),
                previous_missing=(
                    None
                    if previous is not None
                    else (
                        _text(record["previous_missing"]) or _why_missing(item.survey, None)
                        if with_previous
                        else NO_RECORDS
                    )
                ),
                numerator=_number(record["numerator"]),
                denominator=denominator,
                small_base=_small_base(item, value, denominator),
                previous_numerator=_number(record["previous_numerator"]),
                previous_denominator=previous_denominator,
                previous_small_base=_small_base(item, previous, previous_denominator),
                short_period=short_period(item, period),
            )
        )
    return tuple(figures)


def area_figures(
    progress: Progress, indicators: tuple[IndicatorFigure, ...], actions: ActionFigures
) -> tuple[AreaFigure, ...]:
    """Each priority area's rating, with the indicators and actions that made it Red or Amber."""
    because = {Rating.RED: ActionStatus.OVERDUE, Rating.AMBER: ActionStatus.AT_RISK}
    areas = []
    for row in progress.priority_areas.to_dict("records"):
        number, rating = int(row["priority_area"]), Rating(row["status"])
        cause = because.get(rating)
        areas.append(
            AreaFigure(
                number,
                row["name"],
                rating,
                indicators=tuple(
                    i
                    for i in indicators
                    if i.priority_area == number and cause and i.rating == rating
                ),
                actions=tuple(
                    e for e in actions.exceptions if e.priority_area == number and e.status == cause
                ),
            )
        )
    return tuple(areas)


def action_figures(inputs: Inputs, progress: Progress, period: Period) -> ActionFigures:
    """The action plan as at the period end: counts by area and status, and the exceptions."""
    table = progress.action_table
    statuses = [str(s) for s in EFFECTIVE_STATUSES]
    status = progress.actions["effective_status"]  # as at the period end, worked out once
    exceptions = action_exceptions(inputs.actions, period)
    coming = actions_coming_due(inputs.actions, period, COMING_MONTHS)
    return ActionFigures(
        as_at=period.end.date(),
        rows=tuple(
            CountRow(
                f"{r['priority_area']}. {PRIORITY_AREA_NAMES[int(r['priority_area'])]}",
                tuple(int(r[s]) for s in statuses),
                int(r["total"]),
            )
            for r in table.to_dict("records")
        ),
        totals=tuple(int(table[s].sum()) for s in statuses),
        total=len(status),
        on_track=int(status.isin(ON_TRACK_FOR_COMMITTEE).sum()),
        all_on_track=all_actions_on_track(inputs.actions, period),
        exceptions=tuple(_action(r) for r in exceptions.to_dict("records")),
        coming=tuple(_action(r) for r in coming.to_dict("records")),
        coming_until=period.last.shifted(COMING_MONTHS).last_day,
    )


def _action(r: dict) -> ActionException:
    return ActionException(
        id=r["action_id"],
        priority_area=int(r["priority_area"]),
        action=r["action"],
        lead=r["lead"],
        due=_day(r["due_date"]),
        status=ActionStatus(r["effective_status"]),
    )


def achievements(progress: Progress) -> tuple[Achievement, ...]:
    return tuple(
        Achievement(r["text"], pd.Timestamp(r["completed_date"]).date())
        for r in progress.achievements.to_dict("records")
    )


def months_under_way(active: pd.DataFrame, period: Period) -> tuple[MonthCount, ...]:
    """How many activities were under way at some time in each month of the period."""
    starts = active["start_date"].to_numpy()
    ends = active["end_date"].to_numpy()
    counts = []
    for month in period.month_starts():
        first = pd.Timestamp(month.first_day).to_datetime64()
        last = pd.Timestamp(month.last_day).to_datetime64()
        counts.append(MonthCount(month.first_day, int(((starts <= last) & (ends >= first)).sum())))
    return tuple(counts)


def _method_table(active: pd.DataFrame, programme_areas: tuple[str, ...]) -> tuple:
    by_area = (
        pd.crosstab(active["programme_area"], active["method"]) if len(active) else pd.DataFrame()
    )
    methods = tuple(m for m in METHODS if m in by_area.columns)
    rows = tuple(
        CountRow(
            area,
            tuple(int(by_area.loc[area, m]) for m in methods),
            int(by_area.loc[area].sum()),
        )
        for area in programme_areas
        if area in by_area.index
    )
    return methods, rows, tuple(int(by_area[m].sum()) for m in methods)


def _clashes(frame: pd.DataFrame) -> tuple[Clash, ...]:
    return tuple(
        Clash(
            activity_a=r["activity_id_a"],
            title_a=r["title_a"],
            activity_b=r["activity_id_b"],
            title_b=r["title_b"],
            shared_groups=r["shared_groups"],
            area=r["area"],
            overlap_days=int(r["overlap_days"]),
            overlap_start=pd.Timestamp(r["overlap_start"]).date(),
            overlap_end=pd.Timestamp(r["overlap_end"]).date(),
        )
        for r in frame.head(CLASHES_SHOWN).to_dict("records")
    )


def activity_figures(inputs: Inputs, progress: Progress, period: Period) -> ActivityFigures:
    activities = inputs.activities
    active = activities_active_in(activities, period)
    methods, rows, totals = _method_table(active, inputs.programme_areas)
    months = months_under_way(active, period)
    counts = [m.count for m in months]
    clash_count = progress.indicators.set_index("indicator_id").loc["PA1.4", "value"]
    return ActivityFigures(
        active=len(active),
        started=len(activities_started_in(activities, period)),
        closed=len(activities_closed_in(activities, period)),
        methods=methods,
        rows=rows,
        method_totals=totals,
        months=months,
        peak=months[int(np.argmax(counts))] if len(active) else None,
        clash_count=int(clash_count),
        clashes=_clashes(progress.clashes),
    )


def _groups(rows: pd.DataFrame) -> tuple[GroupFigure, ...]:
    suppressed = suppressed_cells(rows["respondents"]).to_numpy()
    return tuple(
        GroupFigure(
            category=str(r["category"]),
            population_share=_number(r["population_share"]),
            respondents=int(r["respondents"]),
            respondent_share=_number(r["respondent_share"]),
            ratio=_number(r["ratio"]),
            suppressed=bool(hidden),
            under_represented=bool(r["under_represented"]) and not hidden,
        )
        for r, hidden in zip(rows.to_dict("records"), suppressed, strict=True)
    )


def dimension_figures(progress: Progress) -> tuple[DimensionFigures, ...]:
    """Who took part, dimension by dimension, with the cells disclosure control hides."""
    table = progress.representation
    return tuple(
        DimensionFigures(
            key=str(key),
            label=DIMENSION_LABELS.get(str(key), str(key).replace("_", " ").capitalize()),
            known=int(rows["known"].iloc[0]),
            unknown=int(rows["unknown"].iloc[0]),
            groups=_groups(rows),
        )
        for key, rows in table.groupby("dimension", sort=False)
    )


def finance_figures(inputs: Inputs, period: Period) -> FinanceFigures:
    """The direct cost of the activities started in the period, by programme area."""
    started = activities_started_in(inputs.activities, period)
    by_area = started.groupby("programme_area", sort=False)
    totals, counted, numbers = (
        by_area["cost_gbp"].sum(min_count=1),
        by_area["cost_gbp"].count(),
        by_area.size(),
    )
    return FinanceFigures(
        rows=tuple(
            FinanceRow(area, int(numbers[area]), int(counted[area]), _number(totals[area]))
            for area in inputs.programme_areas
            if numbers.get(area, 0)
        ),
        activities=len(started),
        with_cost=int(started["cost_gbp"].notna().sum()),
        total=float(started["cost_gbp"].sum()),
    )


def build_view(
    inputs: Inputs,
    progress: Progress,
    period: Period,
    *,
    meeting_date: date | None,
    code: Provenance,
    plan: ForwardPlan | None = None,
) -> ReportView:
    """Everything the paper shows for ``period``, computed once. ``plan``: the web pages'
    forward plan, when it is worked out already (the paper counts it)."""
    if plan is None:
        plan = forward_plan(inputs.activities, inputs.elections, period)
    indicators = indicator_figures(progress, period, previous_period_available(inputs, period))
    actions = action_figures(inputs, progress, period)
    areas = area_figures(progress, indicators, actions)
    return ReportView(
        period=period,
        details=details(inputs, period, meeting_date),
        records_end=records_end(inputs, period),
        indicators=indicators,
        areas=areas,
        actions=actions,
        achievements=achievements(progress),
        activity=activity_figures(inputs, progress, period),
        dimensions=dimension_figures(progress),
        finance=finance_figures(inputs, period),
        set_aside=tuple(SetAsideCount(**c) for c in set_aside_counts(inputs.set_aside)),  # type: ignore[arg-type]
        files=tuple(
            SourceFile(f.name, f.dataset, f.rows_read, f.rows_set_aside, f.sha256)
            for f in inputs.files
        ),
        code=code,
        rating_counts={r: sum(a.rating == r for a in areas) for r in Rating},
        direction_counts={d: sum(i.direction == d for i in indicators) for d in Direction},
        upcoming=plan.counts(),
        decisions=decision_figures(
            progress.decided_early, progress.decisions_checked, progress.unlisted_references
        ),
    )
