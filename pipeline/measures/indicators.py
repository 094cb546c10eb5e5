"""The indicator registry: every figure of the framework defined once, beside its computation.

Each function is registered by the :func:`indicator` decorator above it, in the order the
paper lists them. The scorecard, ``indicators.csv``, the paper's definitions appendix and
``docs/indicators.md`` all read :data:`REGISTRY`, so the words the committee reads and the
code that computes them cannot drift apart. Numbers in the definitions come from
:mod:`pipeline.spec.thresholds`.
"""

from __future__ import annotations

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
from pipeline.measures.decisions import decisions_checked
from pipeline.measures.measure import Measure, count, percentage
from pipeline.measures.registry import Indicator, indicator, registered
from pipeline.measures.representation import representativeness
from pipeline.measures.surveys import answer_share
from pipeline.spec.contract import BOROUGH_WIDE
from pipeline.spec.period import Period
from pipeline.spec.thresholds import (
    ADVANCE_NOTICE_DAYS,
    FEEDBACK_DAYS,
    FULL_CONSULTATION_DAYS,
    MIN_EXPECTED,
    UNDER_REPRESENTED,
    weeks,
)
from pipeline.spec.vocabulary import Better, Unit

__all__ = ["REGISTRY", "Indicator", "indicator_by_id"]

SATISFIED = ("very satisfied", "fairly satisfied")
AGREE = ("definitely agree", "tend to agree")
DONT_KNOW = "don't know"
INFLUENCED = ("changed", "informed")

# Priority area 1 ---------------------------------------------------------------------------


@indicator(
    "PA1.1",
    area=1,
    activity_based=True,
    name="Registered in advance",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Percentage of activities started in the period that were entered on the "
    f"corporate register at least {ADVANCE_NOTICE_DAYS} days ({weeks(ADVANCE_NOTICE_DAYS)} "
    "weeks) before they started.",
)
def registered_in_advance(inputs: Inputs, period: Period) -> Measure:
    started = activities_started_in(inputs.activities, period)
    notice = pd.Timedelta(days=ADVANCE_NOTICE_DAYS)
    early = started["registered_date"] <= started["start_date"] - notice
    return percentage(early.fillna(False).sum(), len(started))


@indicator(
    "PA1.2",
    area=1,
    activity_based=True,
    name="Linked to a decision",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Percentage of activities started in the period that name the decision they "
    "inform (a forward-plan or minute reference).",
)
def linked_to_decision(inputs: Inputs, period: Period) -> Measure:
    started = activities_started_in(inputs.activities, period)
    return percentage(has_text(started["decision_ref"]).sum(), len(started))


@indicator(
    "PA1.3",
    area=1,
    activity_based=True,
    name="Full consultation period",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Of the formal written consultations started in the period, the percentage "
    f"that ran for at least {weeks(FULL_CONSULTATION_DAYS)} weeks ({FULL_CONSULTATION_DAYS} "
    "days, counting the first and last days).",
)
def full_consultation_period(inputs: Inputs, period: Period) -> Measure:
    started = activities_started_in(inputs.activities, period)
    formal = started[started["formal"].fillna(False).astype(bool)]
    length = (formal["end_date"] - formal["start_date"]).dt.days + 1
    return percentage(length.ge(FULL_CONSULTATION_DAYS).sum(), len(formal))


@indicator(
    "PA1.4",
    area=1,
    name="Coordination clashes",
    unit=Unit.COUNT,
    better=Better.LOWER,
    definition="Number of pairs of activities running during the period whose dates overlap, "
    "that target at least one of the same communities of interest, and that take place in the "
    "same area assembly (or where either is borough-wide). Activities for the general public "
    "are not counted.",
)
def coordination_clashes(inputs: Inputs, period: Period) -> Measure:
    return count(count_clashes(inputs.activities, period))


# Priority area 2 ---------------------------------------------------------------------------


def _sessions_in(inputs: Inputs, period: Period, audience: str) -> pd.DataFrame:
    training = inputs.training
    mask = training["audience"].eq(audience) & training["date"].between(period.start, period.end)
    return training[mask.fillna(False).astype(bool)]


@indicator(
    "PA2.1",
    area=2,
    name="Staff training attendances",
    unit=Unit.COUNT,
    better=Better.HIGHER,
    definition="Total attendances at consultation and community involvement training "
    "sessions for staff held in the period.",
)
def staff_attendances(inputs: Inputs, period: Period) -> Measure:
    return count(_sessions_in(inputs, period, "staff")["attendees"].fillna(0).sum())


@indicator(
    "PA2.2",
    area=2,
    name="Member training attendances",
    unit=Unit.COUNT,
    better=Better.HIGHER,
    definition="Total attendances at consultation and community involvement training "
    "sessions for elected members held in the period.",
)
def member_attendances(inputs: Inputs, period: Period) -> Measure:
    return count(_sessions_in(inputs, period, "member")["attendees"].fillna(0).sum())


@indicator(
    "PA2.3",
    area=2,
    coverage=True,
    name="Programme areas reached by training",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Percentage of the council's programme areas with at least one attended staff "
    "training session in the period.",
)
def programme_areas_reached(inputs: Inputs, period: Period) -> Measure:
    sessions = _sessions_in(inputs, period, "staff")
    attended = sessions[sessions["attendees"].gt(0).fillna(False).astype(bool)]
    reached = set(attended["programme_area"].dropna())
    return percentage(
        sum(name in reached for name in inputs.programme_areas), len(inputs.programme_areas)
    )


@indicator(
    "PA2.4",
    area=2,
    name="Staff awareness",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    survey=True,
    definition="Weighted percentage of staff survey respondents who are aware of the CCI "
    "framework and toolkit, of those who answered the question.",
)
def staff_awareness(inputs: Inputs, period: Period) -> Measure:
    return answer_share(inputs.surveys, period, "staff", "q_aware_cci", (True,))


# Priority area 3 ---------------------------------------------------------------------------


@indicator(
    "PA3.1",
    area=3,
    coverage=True,
    name="Communities of interest reached",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Percentage of the communities of interest targeted by at least one activity "
    "running during the period.",
)
def communities_reached(inputs: Inputs, period: Period) -> Measure:
    active = activities_active_in(inputs.activities, period)
    named = set(
        active["target_groups"].astype("string").str.split(";").explode().str.strip().dropna()
    )
    return percentage(sum(name in named for name in inputs.communities), len(inputs.communities))


@indicator(
    "PA3.2",
    area=3,
    coverage=True,
    name="Area assemblies reached",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Percentage of the area assemblies where at least one activity ran during the "
    "period (borough-wide activities count for none).",
)
def area_assemblies_reached(inputs: Inputs, period: Period) -> Measure:
    active = activities_active_in(inputs.activities, period)
    named = set(active["area_assembly"].dropna()) - {BOROUGH_WIDE}
    areas = inputs.area_assemblies
    return percentage(sum(name in named for name in areas), len(areas))


indicator(
    "PA3.3",
    area=3,
    name="Survey representativeness",
    unit=Unit.RATIO,
    better=Better.HIGHER,
    definition="How well residents' survey respondents reflect the population: for each group "
    "(age, sex, ethnic group, disability, area assembly) its share of respondents divided by "
    "its share of the population, unweighted; the indicator is the lowest of these ratios "
    f"(1 means fully represented; below {UNDER_REPRESENTED:g} the group is under-represented). "
    f"Groups with fewer than {MIN_EXPECTED} respondents expected are left out.",
)(representativeness)


# Priority area 4 ---------------------------------------------------------------------------


@indicator(
    "PA4.1",
    area=4,
    activity_based=True,
    name=f"Feedback within {weeks(FEEDBACK_DAYS)} weeks",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Of the activities closed in the period whose feedback was due "
    f"({weeks(FEEDBACK_DAYS)} weeks after they closed, or already sent), the percentage that "
    f"sent feedback to participants within {weeks(FEEDBACK_DAYS)} weeks of closing.",
)
def feedback_in_time(inputs: Inputs, period: Period) -> Measure:
    closed = activities_closed_in(inputs.activities, period)
    deadline = closed["end_date"] + pd.Timedelta(days=FEEDBACK_DAYS)
    feedback = as_at(closed["feedback_date"], period.end)
    due = (deadline <= period.end) | feedback.notna()
    on_time = due & (feedback <= deadline).fillna(False)
    return percentage(on_time.sum(), due.sum())


@indicator(
    "PA4.2",
    area=4,
    activity_based=True,
    name="Results published",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Of the activities closed in the period whose results were due "
    f"({weeks(FEEDBACK_DAYS)} weeks after they closed, or already published), the percentage "
    "whose results have been published to members, partners and on the council website.",
)
def results_published(inputs: Inputs, period: Period) -> Measure:
    closed = activities_closed_in(inputs.activities, period)
    deadline = closed["end_date"] + pd.Timedelta(days=FEEDBACK_DAYS)
    published = as_at(closed["results_published_date"], period.end).notna()
    due = (deadline <= period.end) | published
    return percentage((due & published).sum(), due.sum())


@indicator(
    "PA4.3",
    area=4,
    activity_based=True,
    name="Decisions influenced",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Of the activities closed in the period that inform a named decision, the "
    "percentage whose results changed or informed that decision.",
)
def decisions_influenced(inputs: Inputs, period: Period) -> Measure:
    closed = activities_closed_in(inputs.activities, period)
    linked = closed[has_text(closed["decision_ref"]).to_numpy()]
    influenced = linked["influence"].isin(INFLUENCED).fillna(False)
    return percentage(influenced.sum(), len(linked))


NO_DECISIONS = "no list of decisions"


@indicator(
    "PA4.4",
    area=4,
    activity_based=True,
    name="Decided after the results",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Of the activities closed in the period whose decision is in the council's list "
    "of decisions taken by the period end, the percentage decided on or after the day the "
    "activity closed and the day its results were published (one whose results were not yet "
    "published counts as decided before them): a decision taken earlier could not have been "
    "influenced by the results.",
)
def decided_after_results(inputs: Inputs, period: Period) -> Measure:
    if inputs.decisions is None:
        return Measure(missing=NO_DECISIONS)
    checked = decisions_checked(inputs.activities, inputs.decisions, period)
    return percentage(checked["reason"].isna().sum(), len(checked))


# Priority area 5 ---------------------------------------------------------------------------


@indicator(
    "PA5.1",
    area=5,
    activity_based=True,
    name="Activities evaluated",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    definition="Percentage of the activities closed in the period that were evaluated.",
)
def activities_evaluated(inputs: Inputs, period: Period) -> Measure:
    closed = activities_closed_in(inputs.activities, period)
    return percentage(closed["evaluated"].fillna(False).astype(bool).sum(), len(closed))


@indicator(
    "PA5.2",
    area=5,
    name="Residents satisfied with consultation",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    survey=True,
    definition="Weighted percentage of residents' survey respondents very or fairly satisfied "
    'with the way the council consults, of those giving a view ("don\'t know" left out).',
)
def residents_satisfied(inputs: Inputs, period: Period) -> Measure:
    return answer_share(
        inputs.surveys, period, "resident", "q_consult_satisfaction", SATISFIED, (DONT_KNOW,)
    )


@indicator(
    "PA5.3",
    area=5,
    name="Residents who feel they can influence decisions",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    survey=True,
    definition="Weighted percentage of residents' survey respondents who definitely or tend "
    "to agree they can influence decisions affecting their local area, of all who answered "
    '("don\'t know" included, as National Indicator NI 4 was published).',
)
def residents_influence(inputs: Inputs, period: Period) -> Measure:
    return answer_share(inputs.surveys, period, "resident", "q_influence", AGREE)


@indicator(
    "PA5.4",
    area=5,
    name="Participants satisfied with activities",
    unit=Unit.PERCENT,
    better=Better.HIGHER,
    survey=True,
    definition="Weighted percentage of participants' evaluation forms very or fairly "
    'satisfied with the activity, of those giving a view ("don\'t know" left out).',
)
def participants_satisfied(inputs: Inputs, period: Period) -> Measure:
    return answer_share(
        inputs.surveys, period, "evaluation", "q_consult_satisfaction", SATISFIED, (DONT_KNOW,)
    )


REGISTRY: tuple[Indicator, ...] = registered()
"""Every indicator, in the paper's order."""

_BY_ID = {item.id: item for item in REGISTRY}


def indicator_by_id(indicator_id: str) -> Indicator:
    """The registry entry for ``indicator_id``; KeyError names an unknown id."""
    return _BY_ID[indicator_id]
