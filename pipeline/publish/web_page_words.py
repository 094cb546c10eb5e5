"""The CCI web pages' words: each entry's sentences and flags, and the pages' counts.

Shared by the pages (:mod:`pipeline.publish.web_pages`) and the forward plan's calendar
(:mod:`pipeline.publish.calendar_file`), so a flag reads the same in both. Numbers and dates go
through the paper's filters (:mod:`pipeline.paper.filters`); thresholds are quoted from
:mod:`pipeline.spec.thresholds`, never typed.
"""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.measures.page_entries_view import (
    ForwardPlan,
    PlannedEntry,
    ResultsEntry,
    YouSaidWeDid,
)
from pipeline.paper.filters import agree, format_count, format_date, join_words, plural
from pipeline.spec import thresholds
from pipeline.spec.period import Period

INFLUENCE_WORDS = {
    "changed": "The decision was changed as a result.",
    "informed": "The results informed the decision.",
    "no change": "The decision was not changed.",
    "pending": "The decision has not yet been made.",
}
NOT_RECORDED = "Not yet recorded."


def dates(entry: ResultsEntry | PlannedEntry) -> str:
    """``3 April 2006 to 30 June 2006``, or the one day."""
    if entry.start == entry.end:
        return format_date(entry.start)
    return f"{format_date(entry.start)} to {format_date(entry.end)}"


def you_said(entry: ResultsEntry) -> str:
    return (
        entry.you_said or f"The results were published on {format_date(entry.results_published)}."
    )


def we_did(entry: ResultsEntry) -> str:
    """``we_did``; where empty, what the results did to the decision; else not yet recorded."""
    return entry.we_did or INFLUENCE_WORDS.get(entry.influence or "", NOT_RECORDED)


def groups(entry: PlannedEntry) -> str:
    return join_words(list(entry.target_groups)) if entry.target_groups else "Everyone"


def _days_and_weeks(days: int) -> str:
    return f"{plural(days, 'day')} ({plural(thresholds.weeks(days), 'week')})"


CLASH_WORDS = "It overlaps in time, area and community of interest with"


def flags(
    entry: PlannedEntry, titles: Mapping[str, str], *, clash: bool = True
) -> list[tuple[str, str]]:
    """The entry's flags in words, each as (label, sentence), naming the entries it clashes with
    by their ``titles``; ``clash=False`` leaves out the clash, which the page writes itself (each
    id kept on one line)."""
    found = []
    if clash and entry.clashes_with:
        others = join_words([f"{titles[i]} ({i})" for i in entry.clashes_with])
        found.append(("Clash", f"{CLASH_WORDS} {others}."))
    if entry.short:
        standard = _days_and_weeks(thresholds.FULL_CONSULTATION_DAYS)
        found.append(
            (
                "Short consultation",
                f"A formal consultation of {plural(entry.days, 'day')}, shorter than the "
                f"standard {standard}.",
            )
        )
    if entry.late_to_register:
        when = (
            "after it started"
            if entry.registered > entry.start
            else f"less than {_days_and_weeks(thresholds.ADVANCE_NOTICE_DAYS)} before it starts"
        )
        found.append(
            (
                "Late to the register",
                f"It was entered on the register on {format_date(entry.registered)}, {when}.",
            )
        )
    if entry.election:
        found.append(
            (
                "Pre-election period",
                f"It overlaps the {_days_and_weeks(thresholds.PRE_ELECTION_DAYS)} up to the "
                f"{entry.election}, polling day {format_date(entry.polling_day)}.",
            )
        )
    return found


def period_words(period: Period) -> str:
    """``between April 2006 and January 2007``; ``in January 2007`` for one month."""
    if period.first == period.last:
        return f"in {period.first.label}"
    return f"between {period.first.label} and {period.last.label}"


def _some(count: int, singular: str, plural_form: str, none: str = "None") -> str:
    """``None is ...``, ``1 is ...``, ``3 are ...``: a count and the clause agreeing with it."""
    if count == 0:
        return f"{none} {singular}"
    return f"{format_count(count)} {agree(count, singular, plural_form)}"


def results_counts(results: YouSaidWeDid, period: Period) -> str:
    """The page's opening sentence of counts: closed (C), published (the entries), told."""
    when = period_words(period)
    if results.closed == 0:
        return f"No consultation or involvement activity closed {when}."
    closed = f"{plural(results.closed, 'activity', 'activities')} closed {when}."
    published, told = results.published, results.told
    if published == 0:
        return f"{closed} None of them has published its results yet."
    shown = agree(published, "has published its", "have published their")
    if told == 0:
        told_words = "none of those has yet told"
    else:
        told_words = f"{format_count(told)} of those {agree(told, 'has', 'have')} told"
    return (
        f"{closed} {format_count(published)} of them {shown} results, shown on this page, and "
        f"{told_words} the people who took part what happened."
    )


def plan_counts(plan: ForwardPlan) -> str:
    """The page's opening counts: entries, with a clash (and pairs), short, pre-election."""
    entries = len(plan.entries)
    if entries == 0:
        return (
            "Nothing is on the forward plan: no activity entered on the register by "
            f"{format_date(plan.as_at)} is planned or still running after that day."
        )
    clash = _some(plan.with_clash, "clashes", "clash") + " with another"
    if plan.with_clash:
        clash += f" ({plural(plan.clash_pairs, 'clashing pair')})"
    short = _some(
        plan.short, "is a short formal consultation", "are short formal consultations", "none"
    )
    election = _some(plan.pre_election, "overlaps", "overlap", "none") + " a pre-election period"
    return (
        f"{plural(entries, 'activity', 'activities')} {agree(entries, 'is', 'are')} on the "
        f"forward plan. {clash}, {short} and {election}."
    )
