"""The indicator registry: every figure of ``indicators.md`` defined once, and ``indicators.csv``.

The report's definitions appendix is generated from :data:`REGISTRY`, so the
words the committee reads and the code that computes them cannot drift apart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.ingest.inputs import Inputs
from pipeline.measures.activity_sets import (
    activities_active_in,
    activities_closed_in,
    activities_started_in,
    as_at,
    has_text,
)
from pipeline.measures.clashes import count_clashes
from pipeline.measures.measure import Measure, count, percentage
from pipeline.measures.ratings import NOT_COMPARABLE, applied_target, direction, rate_measure
from pipeline.measures.representation import representativeness
from pipeline.measures.surveys import answer_share
from pipeline.publish.csvout import to_csv_text
from pipeline.spec.contract import BOROUGH_WIDE
from pipeline.spec.period import Month, Period
from pipeline.spec.vocabulary import PRIORITY_AREA_NAMES

__all__ = [
    "INDICATOR_COLUMNS",
    "PRIORITY_AREA_NAMES",
    "REGISTRY",
    "Indicator",
    "compute_indicators",
    "indicator",
    "previous_period_available",
    "write_indicators_csv",
]

log = logging.getLogger(__name__)

INDICATOR_COLUMNS = (
    "indicator_id",
    "priority_area",
    "name",
    "value",
    "numerator",
    "denominator",
    "unit",
    "better",
    "target",
    "tolerance",
    "rating",
    "previous_value",
    "direction",
    "ci_low",
    "ci_high",
    "base",
)
NUMERIC_COLUMNS = (
    "priority_area",
    "value",
    "numerator",
    "denominator",
    "target",
    "tolerance",
    "previous_value",
    "ci_low",
    "ci_high",
    "base",
)

TWELVE_WEEKS = pd.Timedelta(days=84)
FOUR_WEEKS = pd.Timedelta(days=28)
SATISFIED = ("very satisfied", "fairly satisfied")
AGREE = ("definitely agree", "tend to agree")
DONT_KNOW = "don't know"


@dataclass(frozen=True)
class Indicator:
    """One indicator: what it is called, how it is defined and how it is computed."""

    id: str
    priority_area: int
    name: str
    definition: str  # plain English, for the paper's appendix
    unit: str  # '%', 'count', 'ratio'
    better: str  # 'higher' | 'lower'
    survey: bool
    compute: Callable[[Inputs, Period], Measure]


# Priority area 1 ---------------------------------------------------------------------------


def registered_in_advance(inputs: Inputs, period: Period) -> Measure:
    started = activities_started_in(inputs.activities, period)
    early = started["registered_date"] <= started["start_date"] - FOUR_WEEKS
    return percentage(early.fillna(False).sum(), len(started))


def linked_to_decision(inputs: Inputs, period: Period) -> Measure:
    started = activities_started_in(inputs.activities, period)
    return percentage(has_text(started["decision_ref"]).sum(), len(started))


def full_consultation_period(inputs: Inputs, period: Period) -> Measure:
    started = activities_started_in(inputs.activities, period)
    formal = started[started["formal"].fillna(False).astype(bool)]
    length = (formal["end_date"] - formal["start_date"]).dt.days + 1
    return percentage(length.ge(TWELVE_WEEKS.days).sum(), len(formal))


def coordination_clashes(inputs: Inputs, period: Period) -> Measure:
    return count(count_clashes(inputs.activities, period))


# Priority area 2 ---------------------------------------------------------------------------


def _sessions_in(inputs: Inputs, period: Period, audience: str) -> pd.DataFrame:
    training = inputs.training
    mask = training["audience"].eq(audience) & training["date"].between(period.start, period.end)
    return training[mask.fillna(False).astype(bool)]


def staff_attendances(inputs: Inputs, period: Period) -> Measure:
    return count(_sessions_in(inputs, period, "staff")["attendees"].fillna(0).sum())


def member_attendances(inputs: Inputs, period: Period) -> Measure:
    return count(_sessions_in(inputs, period, "member")["attendees"].fillna(0).sum())


def programme_areas_reached(inputs: Inputs, period: Period) -> Measure:
    sessions = _sessions_in(inputs, period, "staff")
    attended = sessions[sessions["attendees"].gt(0).fillna(False).astype(bool)]
    reached = set(attended["programme_area"].dropna())
    return percentage(
        sum(name in reached for name in inputs.programme_areas), len(inputs.programme_areas)
    )


def staff_awareness(inputs: Inputs, period: Period) -> Measure:
    return answer_share(inputs.surveys, period, "staff", "q_aware_cci", (True,))


# Priority area 3 ---------------------------------------------------------------------------


def communities_reached(inputs: Inputs, period: Period) -> Measure:
    active = activities_active_in(inputs.activities, period)
    named = set(
        active["target_groups"].astype("string").str.split(";").explode().str.strip().dropna()
    )
    return percentage(sum(name in named for name in inputs.communities), len(inputs.communities))


def area_assemblies_reached(inputs: Inputs, period: Period) -> Measure:
    active = activities_active_in(inputs.activities, period)
    named = set(active["area_assembly"].dropna()) - {BOROUGH_WIDE}
    areas = inputs.area_assemblies
    return percentage(sum(name in named for name in areas), len(areas))


# Priority area 4 ---------------------------------------------------------------------------


def feedback_within_twelve_weeks(inputs: Inputs, period: Period) -> Measure:
    closed = activities_closed_in(inputs.activities, period)
    deadline = closed["end_date"] + TWELVE_WEEKS
    feedback = as_at(closed["feedback_date"], period.end)
    due = (deadline <= period.end) | feedback.notna()
    on_time = due & (feedback <= deadline).fillna(False)
    return percentage(on_time.sum(), due.sum())


def results_published(inputs: Inputs, period: Period) -> Measure:
    closed = activities_closed_in(inputs.activities, period)
    published = as_at(closed["results_published_date"], period.end)
    return percentage(published.notna().sum(), len(closed))


def decisions_influenced(inputs: Inputs, period: Period) -> Measure:
    closed = activities_closed_in(inputs.activities, period)
    linked = closed[has_text(closed["decision_ref"]).to_numpy()]
    influenced = linked["influence"].isin(("changed", "informed")).fillna(False)
    return percentage(influenced.sum(), len(linked))


# Priority area 5 ---------------------------------------------------------------------------


def activities_evaluated(inputs: Inputs, period: Period) -> Measure:
    closed = activities_closed_in(inputs.activities, period)
    return percentage(closed["evaluated"].fillna(False).astype(bool).sum(), len(closed))


def residents_satisfied(inputs: Inputs, period: Period) -> Measure:
    return answer_share(
        inputs.surveys, period, "resident", "q_consult_satisfaction", SATISFIED, (DONT_KNOW,)
    )


def residents_influence(inputs: Inputs, period: Period) -> Measure:
    return answer_share(inputs.surveys, period, "resident", "q_influence", AGREE)


def participants_satisfied(inputs: Inputs, period: Period) -> Measure:
    return answer_share(
        inputs.surveys, period, "evaluation", "q_consult_satisfaction", SATISFIED, (DONT_KNOW,)
    )


# The registry, in the order of indicators.md -------------------------------------------------

REGISTRY: tuple[Indicator, ...] = (
    Indicator(
        "PA1.1",
        1,
        "Registered in advance",
        "Percentage of activities started in the period that were entered on the corporate "
        "register at least 28 days (4 weeks) before they started.",
        "%",
        "higher",
        False,
        registered_in_advance,
    ),
    Indicator(
        "PA1.2",
        1,
        "Linked to a decision",
        "Percentage of activities started in the period that name the decision they inform "
        "(a forward-plan or minute reference).",
        "%",
        "higher",
        False,
        linked_to_decision,
    ),
    Indicator(
        "PA1.3",
        1,
        "Full consultation period",
        "Of the formal written consultations started in the period, the percentage that ran "
        "for at least 12 weeks (84 days, counting the first and last days).",
        "%",
        "higher",
        False,
        full_consultation_period,
    ),
    Indicator(
        "PA1.4",
        1,
        "Coordination clashes",
        "Number of pairs of activities running during the period whose dates overlap, that "
        "target at least one of the same communities of interest, and that take place in the "
        "same area assembly (or where either is borough-wide). Activities for the general "
        "public are not counted.",
        "count",
        "lower",
        False,
        coordination_clashes,
    ),
    Indicator(
        "PA2.1",
        2,
        "Staff training attendances",
        "Total attendances at consultation and community involvement training sessions for "
        "staff held in the period.",
        "count",
        "higher",
        False,
        staff_attendances,
    ),
    Indicator(
        "PA2.2",
        2,
        "Member training attendances",
        "Total attendances at consultation and community involvement training sessions for "
        "elected members held in the period.",
        "count",
        "higher",
        False,
        member_attendances,
    ),
    Indicator(
        "PA2.3",
        2,
        "Programme areas reached by training",
        "Percentage of the council's programme areas with at least one attended staff "
        "training session in the period.",
        "%",
        "higher",
        False,
        programme_areas_reached,
    ),
    Indicator(
        "PA2.4",
        2,
        "Staff awareness",
        "Weighted percentage of staff survey respondents who are aware of the CCI framework "
        "and toolkit, of those who answered the question.",
        "%",
        "higher",
        True,
        staff_awareness,
    ),
    Indicator(
        "PA3.1",
        3,
        "Communities of interest reached",
        "Percentage of the communities of interest targeted by at least one activity running "
        "during the period.",
        "%",
        "higher",
        False,
        communities_reached,
    ),
    Indicator(
        "PA3.2",
        3,
        "Area assemblies reached",
        "Percentage of the area assemblies where at least one activity ran during the period "
        "(borough-wide activities count for none).",
        "%",
        "higher",
        False,
        area_assemblies_reached,
    ),
    Indicator(
        "PA3.3",
        3,
        "Survey representativeness",
        "How well residents' survey respondents reflect the population: for each group (age, "
        "sex, ethnic group, disability, area assembly) its share of respondents divided by its "
        "share of the population, unweighted; the indicator is the lowest of these ratios "
        "(1 means fully represented; below 0.8 the group is under-represented). Groups with "
        "fewer than 5 respondents expected are left out.",
        "ratio",
        "higher",
        False,
        representativeness,
    ),
    Indicator(
        "PA4.1",
        4,
        "Feedback within 12 weeks",
        "Of the activities closed in the period whose feedback was due (12 weeks after they "
        "closed, or already sent), the percentage that sent feedback to participants within "
        "12 weeks of closing.",
        "%",
        "higher",
        False,
        feedback_within_twelve_weeks,
    ),
    Indicator(
        "PA4.2",
        4,
        "Results published",
        "Percentage of the activities closed in the period whose results have been published "
        "to members, partners and on the council website.",
        "%",
        "higher",
        False,
        results_published,
    ),
    Indicator(
        "PA4.3",
        4,
        "Decisions influenced",
        "Of the activities closed in the period that inform a named decision, the percentage "
        "whose results changed or informed that decision.",
        "%",
        "higher",
        False,
        decisions_influenced,
    ),
    Indicator(
        "PA5.1",
        5,
        "Activities evaluated",
        "Percentage of the activities closed in the period that were evaluated.",
        "%",
        "higher",
        False,
        activities_evaluated,
    ),
    Indicator(
        "PA5.2",
        5,
        "Residents satisfied with consultation",
        "Weighted percentage of residents' survey respondents very or fairly satisfied with "
        'the way the council consults, of those giving a view ("don\'t know" left out).',
        "%",
        "higher",
        True,
        residents_satisfied,
    ),
    Indicator(
        "PA5.3",
        5,
        "Residents who feel they can influence decisions",
        "Weighted percentage of residents' survey respondents who definitely or tend to agree "
        "they can influence decisions affecting their local area, of all who answered "
        '("don\'t know" included, as National Indicator NI 4 was published).',
        "%",
        "higher",
        True,
        residents_influence,
    ),
    Indicator(
        "PA5.4",
        5,
        "Participants satisfied with activities",
        "Weighted percentage of participants' evaluation forms very or fairly satisfied with "
        'the activity, of those giving a view ("don\'t know" left out).',
        "%",
        "higher",
        True,
        participants_satisfied,
    ),
)


def indicator(indicator_id: str) -> Indicator:
    """The registry entry for ``indicator_id``."""
    return next(i for i in REGISTRY if i.id == indicator_id)


def previous_period_available(inputs: Inputs, period: Period) -> bool:
    """Whether the previous period starts on or after ``data_from``."""
    return period.previous().first >= Month.parse(inputs.settings.data_from)


def compute_indicators(inputs: Inputs, period: Period) -> pd.DataFrame:
    """Every indicator for ``period``, with targets, ratings and direction of travel.

    One row per indicator in the registry's order, columns :data:`INDICATOR_COLUMNS`.
    The previous period is computed by the same functions unless it starts before
    ``data_from``, when every direction is Not comparable.
    """
    previous_period = period.previous()
    with_previous = previous_period_available(inputs, period)
    if not with_previous:
        log.info("Previous period %s starts before data_from: no directions", previous_period)
    rows = []
    for item in REGISTRY:
        measure = item.compute(inputs, period)
        previous = item.compute(inputs, previous_period) if with_previous else None
        target, tolerance = applied_target(inputs.targets, item.id, item.unit, period.months)
        has_ratio = item.unit == "%"
        rows.append(
            {
                "indicator_id": item.id,
                "priority_area": item.priority_area,
                "name": item.name,
                "value": measure.value,
                "numerator": measure.numerator if has_ratio else None,
                "denominator": measure.denominator if has_ratio else None,
                "unit": item.unit,
                "better": item.better,
                "target": target,
                "tolerance": tolerance,
                "rating": rate_measure(measure, target, tolerance, item.better),
                "previous_value": previous.value if previous is not None else None,
                "direction": (
                    direction(measure, previous, item.unit, item.better, item.survey)
                    if previous is not None
                    else NOT_COMPARABLE
                ),
                "ci_low": measure.ci_low if item.survey else None,
                "ci_high": measure.ci_high if item.survey else None,
                "base": measure.base if item.survey else None,
            }
        )
    frame = pd.DataFrame(rows, columns=list(INDICATOR_COLUMNS))
    for column in NUMERIC_COLUMNS:
        frame[column] = frame[column].astype("float64")
    frame["priority_area"] = frame["priority_area"].astype("int64")
    frame["base"] = frame["base"].astype("Int64")
    for column in ("indicator_id", "name", "unit", "better", "rating", "direction"):
        frame[column] = frame[column].astype("str")
    return frame


def write_indicators_csv(frame: pd.DataFrame, path_or_none: Path | str | None) -> str:
    """Write ``indicators.csv`` (when a path is given) and return its text."""
    text = to_csv_text(frame[list(INDICATOR_COLUMNS)], numeric=NUMERIC_COLUMNS)
    if path_or_none is not None:
        Path(path_or_none).write_text(text, encoding="utf-8")
    return text
