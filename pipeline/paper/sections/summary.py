"""1. Summary: what ran, the action plan, the ratings and the direction of travel, in words."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.filters import agree, format_count, format_month, join_words, plural
from pipeline.spec.vocabulary import Direction, Rating

ACTIVITY_WORD = "consultation and involvement activity"
ACTIVITIES_WORD = "consultation and involvement activities"


def _activity_sentence(view: ReportView) -> str:
    activity, period = view.activity, view.period.label_to
    if activity.active == 0:
        return f"No consultation or community involvement activity was recorded for {period}."
    return (
        f"{plural(activity.active, ACTIVITY_WORD, ACTIVITIES_WORD)} ran during {period}: "
        f"{format_count(activity.started)} started and {format_count(activity.closed)} closed "
        "in the period."
    )


def _direction_sentence(view: ReportView) -> str:
    counts = view.direction_counts
    not_comparable = counts[Direction.NOT_COMPARABLE]
    previous = view.previous.label
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
    actions = view.actions
    if actions.total:
        sentences.append(
            f"{format_count(actions.on_track)} of the {plural(actions.total, 'action')} in the "
            f"action plan {agree(actions.on_track, 'is', 'are')} on track."
        )
    parts = [
        f"{format_count(n)} {rating}" for rating in Rating if (n := view.rating_counts[rating])
    ]
    sentences.append("The five priority areas are rated " + join_words(parts) + ".")
    sentences.append(_direction_sentence(view))
    if view.records_end:
        sentences.append(
            f"The records this report draws on end in {format_month(view.records_end)}, before "
            "the end of the period: the last months are not fully counted."
        )
    return sentences


def context(view: ReportView) -> dict:
    return {"sentences": summary_sentences(view)}
