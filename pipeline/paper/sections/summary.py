"""1. Summary: what ran, the action plan, which priority areas are Red or Amber and why, and what
changed since the previous period, in words a councillor reads in a minute."""

from __future__ import annotations

from pipeline.measures.view import AreaFigure, ReportView
from pipeline.paper.filters import (
    agree,
    format_count,
    format_month,
    format_target,
    indicator_value,
    join_words,
    plural,
)
from pipeline.spec.vocabulary import Direction, Rating

ACTIVITY_WORD = "consultation and involvement activity"
ACTIVITIES_WORD = "consultation and involvement activities"
ON_TRACK_MEANS = "complete, in progress as planned, or not yet started and not yet due"


def _activity_sentence(view: ReportView) -> str:
    activity, period = view.activity, view.period.label_to
    if activity.active == 0:
        return f"No consultation or community involvement activity was recorded for {period}."
    return (
        f"{plural(activity.active, ACTIVITY_WORD, ACTIVITIES_WORD)} ran during {period}: "
        f"{format_count(activity.started)} started and {format_count(activity.closed)} closed "
        "in the period."
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


def area_reason(area: AreaFigure) -> str:
    """What made an area Red or Amber: its indicators against their targets, its late actions."""
    reasons = [
        f"{i.id} {i.name} ({indicator_value(i)} against a target of "
        f"{format_target(i.target, i.unit)})"
        for i in area.indicators
    ]
    reasons += [f"action {e.id}, {e.action}, which is {e.status}" for e in area.actions]
    return join_words(reasons)


def _areas_sentences(view: ReportView) -> list[str]:
    sentences = [
        f"Priority area {a.number} ({a.name}) is {a.rating} because of {area_reason(a)}."
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


def _direction_sentence(view: ReportView) -> str:
    counts = view.direction_counts
    not_comparable = counts[Direction.NOT_COMPARABLE]
    previous = view.previous.label_to
    if not_comparable == len(view.indicators):
        return f"No indicator can be compared with the previous period ({previous})."
    return (
        f"Compared with the previous period ({previous}), "
        f"{plural(counts[Direction.IMPROVING], 'indicator')} improved, "
        f"{format_count(counts[Direction.WORSENING])} worsened and "
        f"{format_count(counts[Direction.NO_CHANGE])} showed no real change; "
        f"{format_count(not_comparable)} could not be compared."
    )


def summary_sentences(view: ReportView) -> list[str]:
    sentences = [_activity_sentence(view)]
    if actions := _actions_sentence(view):
        sentences.append(actions)
    sentences += _areas_sentences(view)
    sentences.append(_direction_sentence(view))
    if view.records_end:
        sentences.append(
            f"The records this report draws on end in {format_month(view.records_end)}, before "
            "the end of the period: the last months are not fully counted."
        )
    return sentences


def context(view: ReportView) -> dict:
    return {"sentences": summary_sentences(view)}
