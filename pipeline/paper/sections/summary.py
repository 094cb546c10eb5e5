"""1. Summary: what ran, the action plan, which priority areas are Red or Amber and why, and what
changed since the previous period, in words a councillor reads in a minute."""

from __future__ import annotations

from pipeline.measures.view import AreaFigure, DimensionFigures, IndicatorFigure, ReportView
from pipeline.paper.filters import (
    agree,
    compared_period,
    format_count,
    format_month,
    format_target,
    indicator_value,
    join_words,
    period_words,
    plural,
)
from pipeline.paper.findings import FINDINGS
from pipeline.spec.thresholds import (
    COMING_MONTHS,
    SHORT_PERIOD_MONTHS,
    SMALL_ACTIVITY_BASE,
    UNDER_REPRESENTED,
)
from pipeline.spec.vocabulary import Direction, Rating, Unit

ACTIVITY_WORD = "consultation and involvement activity"
ACTIVITIES_WORD = "consultation and involvement activities"
ON_TRACK_MEANS = "complete, in progress as planned, or not yet started and not yet due"


def _activity_sentence(view: ReportView) -> str:
    activity, period = view.activity, period_words(view.period)
    if activity.active == 0:
        return f"No consultation or community involvement activity was recorded {period}."
    return (
        f"{plural(activity.active, ACTIVITY_WORD, ACTIVITIES_WORD)} ran {period}: "
        f"{format_count(activity.started)} started and {format_count(activity.closed)} closed "
        "in that time."
    )


def _actions_sentence(view: ReportView) -> str | None:
    actions = view.actions
    if not actions.total:
        return None
    if actions.all_on_track:
        return (
            f"All {plural(actions.total, 'action')} in the action plan "
            f"{agree(actions.total, 'is', 'are')} on track ({ON_TRACK_MEANS})."
        )
    return (
        f"{format_count(actions.on_track)} of the {plural(actions.total, 'action')} in the action "
        f"plan {agree(actions.on_track, 'is', 'are')} on track ({ON_TRACK_MEANS})."
    )


def _group_words(dimension: DimensionFigures, category: str) -> str:
    """A group of residents as a councillor names it: ``16-24 year olds``, ``male residents``."""
    if dimension.key == "age_band":
        return f"{category} year olds"
    if dimension.key == "sex":
        return f"{category.lower()} residents"
    if dimension.key == "area_assembly":
        return f"residents of {category}"
    return f"residents in the {dimension.label.lower()} group \u201c{category}\u201d"


def least_represented(view: ReportView, ratio: float) -> str | None:
    """The groups whose ratio is the indicator's value (the least represented), named; None
    when disclosure control hides them."""
    names = [
        _group_words(d, g.category)
        for d in view.dimensions
        for g in d.groups
        if g.ratio == ratio and not g.suppressed
    ]
    return join_words(names) or None


def compared_with(figure: IndicatorFigure) -> str:
    """``against a target of 70%``; a count that should stay low has a limit."""
    word = "limit" if figure.limit else "target"
    return f"against a {word} of {format_target(figure.target, figure.unit)}"


def finding(view: ReportView, figure: IndicatorFigure) -> str:
    """What an indicator says, in the committee's words, with its target or limit:
    ``55% of the activities that closed told participants ... , against a target of 70%``."""
    value = indicator_value(figure)
    if figure.unit == Unit.RATIO and figure.value is not None:  # representativeness
        groups = least_represented(view, figure.value)
        if groups:
            verb = (
                "were under-represented"
                if figure.value < UNDER_REPRESENTED
                else "were the least represented"
            )
            return (
                f"{groups} {verb} among the residents who answered the survey, answering at "
                f"{value} times their share of the population ({compared_with(figure)})"
            )
    clause = FINDINGS.get(figure.id, f"{figure.name}: {{value}}").format(value=value)
    return f"{clause}, {compared_with(figure)}"


def area_reason(view: ReportView, area: AreaFigure) -> str:
    """What made an area Red or Amber: its indicators against their targets, its late actions."""
    reasons = [finding(view, i) for i in area.indicators]
    reasons += [f"action {e.id}, {e.action}, is {e.status}" for e in area.actions]
    if len(reasons) > 1:  # each reason has commas of its own
        return "; ".join(reasons[:-1]) + "; and " + reasons[-1]
    return join_words(reasons)


def _areas_sentences(view: ReportView) -> list[str]:
    sentences = [
        f"Priority area {a.number} ({a.name}) is {a.rating}: {area_reason(view, a)}."
        for rating in (Rating.RED, Rating.AMBER)
        for a in view.areas
        if a.rating == rating
    ]
    green = [str(a.number) for a in view.areas if a.rating == Rating.GREEN]
    if green and len(green) < len(view.areas):
        sentences.append(
            f"The other priority {agree(len(green), 'area', 'areas')} ({join_words(green)}) "
            f"{agree(len(green), 'is', 'are')} Green."
        )
    elif green:
        sentences.append("All five priority areas are Green.")
    return sentences


def _not_rated_sentence(view: ReportView) -> str | None:
    """Why some indicators carry no rating this time: a small base, or a short period."""
    targeted = [i for i in view.indicators if i.target is not None and i.value is not None]
    small = [i for i in targeted if i.small_base]
    short = [i for i in targeted if i.short_period and not i.small_base]
    parts = []
    if small:
        parts.append(
            f"{plural(len(small), 'indicator')} {agree(len(small), 'rests', 'rest')} on fewer "
            f"than {SMALL_ACTIVITY_BASE} activities, too few to rate fairly"
        )
    if short:
        parts.append(
            f"{plural(len(short), 'indicator')} of reach (training, communities and areas) "
            f"{agree(len(short), 'has', 'have')} a target for a whole year, so "
            f"{agree(len(short), 'is', 'are')} not rated for a period under "
            f"{SHORT_PERIOD_MONTHS} months"
        )
    if not parts:
        return None
    sentence = "; ".join(parts)
    return f"{sentence[0].upper()}{sentence[1:]}."


def _direction_sentence(view: ReportView) -> str:
    counts = view.direction_counts
    not_comparable = counts[Direction.NOT_COMPARABLE]
    previous = f"{compared_period(view.period)} ({view.previous.label_to})"
    if not_comparable == len(view.indicators):
        return f"No indicator can be compared with {previous}."
    return (
        f"Compared with {previous}, "
        f"{plural(counts[Direction.IMPROVING], 'indicator')} improved, "
        f"{format_count(counts[Direction.WORSENING])} worsened and "
        f"{format_count(counts[Direction.NO_CHANGE])} showed no real change; "
        f"{format_count(not_comparable)} could not be compared."
    )


def _coming_sentence(view: ReportView) -> str | None:
    """What the committee will hear about next: the actions falling due in the next months."""
    coming, until = view.actions.coming, view.actions.coming_until
    if not coming or until is None:
        return None
    return (
        f"{plural(len(coming), 'action')} of the plan {agree(len(coming), 'falls', 'fall')} due "
        f"in the {COMING_MONTHS} months to {format_month(until)}; section 3.2 lists "
        f"{agree(len(coming), 'it', 'them')} under \u201cWhat comes next\u201d."
    )


def summary_sentences(view: ReportView) -> list[str]:
    sentences = [_activity_sentence(view)]
    if actions := _actions_sentence(view):
        sentences.append(actions)
    sentences += _areas_sentences(view)
    if not_rated := _not_rated_sentence(view):
        sentences.append(not_rated)
    sentences.append(_direction_sentence(view))
    if coming := _coming_sentence(view):
        sentences.append(coming)
    if view.records_end:
        sentences.append(
            f"The records this report draws on end in {format_month(view.records_end)}, before "
            "the end of the period: the last months are not fully counted."
        )
    return sentences


def context(view: ReportView) -> dict:
    return {"sentences": summary_sentences(view)}
