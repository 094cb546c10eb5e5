"""The activity register: about 350 activities a year, with three deliberately broken rows.

Every column is drawn for all rows at once from one random stream (``rng_for(1)``), in a fixed
order: the helpers below are called in the order their draws must happen, so reordering two
calls changes every file downstream of the register. The ``you_said`` and ``we_did`` text comes
last, from a stream of its own (``you_said_we_did``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from pipeline.sample_data.activity_records import (
    decisions,
    influence_and_evaluated,
    results_and_feedback,
    size_and_cost,
    target_groups,
)
from pipeline.sample_data.activity_vocabulary import (
    ASSEMBLY,
    CONSULTATION_SHARE,
    DROPIN,
    F2F,
    FORUM,
    FORUM_GROUPS,
    METHOD_PHRASE,
    METHOD_WEIGHTS,
    MONTHLY_STARTS,
    ONLINE,
    OTHER,
    PANEL,
    PARTNER_AREA,
    PARTNER_TOPICS,
    PARTNERS,
    POSTAL,
    PUBLIC,
    TOPICS,
)
from pipeline.sample_data.common import (
    EXTRACT,
    NAT,
    PERIOD_START,
    days_in_months,
    iso,
    pick,
    rng_for,
    serial_text,
    uk,
    weekday,
    year_of,
)
from pipeline.sample_data.reference import (
    AREA_ASSEMBLIES,
    BOROUGH_WIDE,
    EDS,
    PA_WEIGHTS,
    PROGRAMME_AREAS,
)
from pipeline.sample_data.you_said_we_did import add_you_said_we_did
from pipeline.spec.contract import METHODS


@dataclass
class _Subject:
    """Who runs each activity, how, and about what."""

    programme: np.ndarray  # index into PROGRAMME_AREAS
    method: np.ndarray  # index into METHODS
    topic: np.ndarray  # topic text
    natural: np.ndarray  # index into COMMUNITIES the topic (or forum) is about, or -1
    organisation: np.ndarray  # partner name, or ""
    is_partner: np.ndarray  # logged by a partner rather than the council
    group_name: np.ndarray | None = None  # the standing group, for forums (set by _forums)


def _start_dates(rng: np.random.Generator, scale: int) -> np.ndarray:
    """Start dates, month by month, no Sundays."""
    start = days_in_months(rng, np.array(MONTHLY_STARTS) * scale)
    return start + (weekday(start) == 6)  # a Sunday moves to the Monday


def _within(
    rng: np.random.Generator, owner: np.ndarray, owners: int, chosen: np.ndarray
) -> np.ndarray:
    """For each row, one option uniformly among those whose ``owner`` is the row's ``chosen``."""
    order = np.argsort(owner, kind="stable")
    offsets = np.searchsorted(owner[order], np.arange(owners))
    sizes = np.bincount(owner, minlength=owners)
    return order[offsets[chosen] + np.floor(rng.random(len(chosen)) * sizes[chosen]).astype(int)]


def _subject(rng: np.random.Generator, start: np.ndarray) -> _Subject:
    """Partners log about one activity in twelve; topics come from the lead's own list."""
    n = len(start)
    partner = np.where(rng.random(n) < 0.085, pick(rng, [5, 4, 3], n), -1)
    method = pick(rng, METHOD_WEIGHTS, n)
    method = np.where((partner >= 0) & (method == ASSEMBLY), PUBLIC, method)

    topic_pa = np.array([t[0] for t in TOPICS])
    programme = pick(rng, PA_WEIGHTS, n)
    topic = _within(rng, topic_pa, len(PROGRAMME_AREAS), programme)
    safe_partner = np.maximum(partner, 0)
    partner_of = np.array([t[0] for t in PARTNER_TOPICS])
    p_topic = _within(rng, partner_of, len(PARTNERS), safe_partner)

    is_partner = partner >= 0
    return _Subject(
        programme=np.where(is_partner, np.array(PARTNER_AREA)[safe_partner], programme),
        method=method,
        topic=np.where(
            is_partner,
            np.array([t[1] for t in PARTNER_TOPICS], dtype=object)[p_topic],
            np.array([t[1] for t in TOPICS], dtype=object)[topic],
        ),
        natural=np.where(
            is_partner,
            np.array([t[2] for t in PARTNER_TOPICS])[p_topic],
            np.array([t[2] for t in TOPICS])[topic],
        ),
        organisation=np.where(is_partner, np.array(PARTNERS, dtype=object)[safe_partner], ""),
        is_partner=is_partner,
    )


def _forums(rng: np.random.Generator, start: np.ndarray, subject: _Subject) -> _Subject:
    """A forum is a standing group meeting about a topic; the group sets the community."""
    group = pick(rng, [6, 4, 6, 4, 4, 3, 2, 5, 3, 2], len(start))
    available = np.array([np.datetime64(g[3]) for g in FORUM_GROUPS])[group]
    group_name = np.array([g[0] for g in FORUM_GROUPS], dtype=object)[group]
    fallback = np.array([g[4] for g in FORUM_GROUPS], dtype=object)[group]
    is_forum = subject.method == FORUM
    return replace(
        subject,
        group_name=np.where(start < available, fallback, group_name),
        natural=np.where(is_forum, np.array([g[1] for g in FORUM_GROUPS])[group], subject.natural),
        programme=np.where(
            is_forum & ~subject.is_partner,
            np.array([g[2] for g in FORUM_GROUPS])[group],
            subject.programme,
        ),
    )


def _areas(rng: np.random.Generator, method: np.ndarray) -> np.ndarray:
    """Area Assemblies meet in their own area; about a third of the rest is borough-wide."""
    n = len(method)
    area = np.where(rng.random(n) < 0.36, -1, pick(rng, np.ones(7), n))
    area = np.where(method == ASSEMBLY, pick(rng, np.ones(7), n), area)
    return np.array([*AREA_ASSEMBLIES, BOROUGH_WIDE], dtype=object)[area]  # -1: Borough-wide


def _kind_and_title(
    rng: np.random.Generator, subject: _Subject, area: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Consultation or involvement, formal or not, and the title that names it."""
    method, topic = subject.method, subject.topic
    n = len(method)
    consultation = rng.random(n) < CONSULTATION_SHARE[method]
    formal = (
        consultation
        & np.isin(method, [POSTAL, ONLINE, PUBLIC, OTHER, DROPIN])
        & (rng.random(n) < 0.55)
    )
    title = topic + " " + np.array(METHOD_PHRASE, dtype=object)[method]
    formal_event = formal & np.isin(method, [PUBLIC, DROPIN, OTHER])
    title = np.where(formal_event, topic + " consultation", title)
    title = np.where((method == OTHER) & ~consultation, topic + " steering group", title)
    title = np.where(method == FORUM, subject.group_name + ": " + topic, title)
    title = np.where(method == PANEL, "Citizens' Panel survey: " + topic, title)
    title = np.where(method == ASSEMBLY, area + " Area Assembly: " + topic, title)
    return consultation, formal, title


def _durations(
    rng: np.random.Generator,
    method: np.ndarray,
    consultation: np.ndarray,
    formal: np.ndarray,
    current: np.ndarray,
) -> np.ndarray:
    """Days each activity runs: formal consultations aim at 12 weeks; events last a day."""
    n = len(method)
    u = rng.random(n)
    short_formal = u < np.where(current, 0.17, 0.30)
    formal_days = np.where(
        short_formal, 28 + np.floor(rng.random(n) * 50), 84 + np.floor(rng.random(n) ** 3 * 40)
    )
    survey_days = 14 + np.floor(rng.random(n) * 35)
    event_days = np.where(
        (method == DROPIN) & (rng.random(n) < 0.3), 2 + np.floor(rng.random(n) * 5), 1
    )
    long_days = 30 + np.floor(rng.random(n) ** 2 * 300)
    return np.select(
        [
            formal,
            np.isin(method, [POSTAL, ONLINE, F2F, PANEL]),
            (method == OTHER) & ~consultation,
        ],
        [formal_days, survey_days, long_days],
        event_days,
    ).astype(np.int64)


def _registered(rng: np.random.Generator, start: np.ndarray, current: np.ndarray) -> np.ndarray:
    """Registration dates: most four weeks or more ahead, some late, a few after the start."""
    n = len(start)
    late = rng.random(n) < np.where(current, 0.16, 0.29)
    after = late & (rng.random(n) < 0.2)
    lead = np.where(late, np.floor(rng.random(n) * 28), 28 + np.floor(rng.random(n) ** 2 * 120))
    lead = np.where(after, -1 - np.floor(rng.random(n) * 21), lead).astype(np.int64)
    return np.minimum(start - lead, EXTRACT - np.floor(rng.random(n) * 10).astype(np.int64))


def _status(rng: np.random.Generator, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Status as at the extract date; about 2% cancelled."""
    status = np.select([end < EXTRACT, start <= EXTRACT], ["closed", "live"], "planned")
    return np.where(rng.random(len(start)) < 0.02, "cancelled", status.astype(object))


def _ids(start: np.ndarray, registered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids numbered within the year each activity starts, in order of registration.

    Returns the ids (in the rows' drawn order) and that registration order.
    """
    year = year_of(start)
    order = np.lexsort((np.arange(len(start)), start, registered, year))
    frame = pd.DataFrame({"year": year[order]})
    sequence = frame.groupby("year").cumcount().to_numpy() + 1
    ids = np.empty(len(start), dtype=object)
    ids[order] = (
        "CCI-"
        + frame["year"].astype(str).to_numpy(dtype=object)
        + "-"
        + serial_text(sequence, 3).astype(object)
    )
    return ids, order


def build_activity_register(scale: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The activity register, and the rows' end dates (NaT for the broken rows)."""
    rng = rng_for(1)
    start = _start_dates(rng, scale)
    current = start >= PERIOD_START  # record keeping improved in 2006-07
    subject = _forums(rng, start, _subject(rng, start))
    method = subject.method
    area = _areas(rng, method)
    consultation, formal, title = _kind_and_title(rng, subject, area)
    end = start + _durations(rng, method, consultation, formal, current) - 1
    registered = _registered(rng, start, current)
    status = _status(rng, start, end)
    has_decision, decision = decisions(rng, start, consultation, current)
    groups = target_groups(rng, subject.natural)
    participants, cost = size_and_cost(rng, method, status)
    results, feedback = results_and_feedback(rng, end, status == "closed", current)
    influence, evaluated = influence_and_evaluated(rng, method, status, has_decision, current)
    ids, order = _ids(start, registered)
    in_uk_form = rng.random(len(start)) < 0.05  # pasted from a sheet kept in UK form

    def as_typed(days: np.ndarray) -> np.ndarray:
        return np.where(in_uk_form, uk(days), iso(days))

    register = pd.DataFrame(
        {
            "activity_id": ids,
            "title": title,
            "programme_area": np.array(PROGRAMME_AREAS, dtype=object)[subject.programme],
            "organisation": subject.organisation,
            "activity_type": np.where(consultation, "consultation", "involvement"),
            "method": np.array(METHODS, dtype=object)[method],
            "formal": np.where(formal, "yes", "no"),
            "registered_date": as_typed(registered),
            "start_date": as_typed(start),
            "end_date": as_typed(end),
            "status": status,
            "decision_ref": decision,
            "target_groups": groups,
            "area_assembly": area,
            "participants": participants,
            "cost_gbp": cost,
            "results_published_date": as_typed(results),
            "feedback_date": as_typed(feedback),
            "influence": influence,
            "evaluated": evaluated,
        }
    ).astype(object)
    register = register.iloc[order].reset_index(drop=True)
    register, end = _break_three_rows(register, start[order], end[order])
    return add_you_said_we_did(register), end


def _break_three_rows(
    register: pd.DataFrame, start: np.ndarray, end: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    """Three rows that break the contract, as real registers have (see data/README.md)."""
    in_period = (
        (start >= PERIOD_START)
        & (start <= np.datetime64("2007-01-31"))
        & (register["status"].to_numpy() == "closed")
    )
    eds = register["programme_area"].to_numpy() == PROGRAMME_AREAS[EDS]
    rows, eds_rows = np.flatnonzero(in_period & ~eds), np.flatnonzero(in_period & eds)
    picks = np.array([rows[len(rows) // 5], eds_rows[len(eds_rows) // 2], rows[4 * len(rows) // 5]])
    register = register.copy()
    end = end.copy()
    broken_end, unknown_area, impossible = picks
    # 1. end date typed a year early: before the start date
    wrong_end = end[broken_end] - np.timedelta64(365, "D")
    register.loc[broken_end, "end_date"] = str(wrong_end)
    # 2. a programme area spelt in a way the reference list does not know
    register.loc[unknown_area, "programme_area"] = "Economic & Development Services"
    # 3. an impossible date: the 31st of a 30-day month, typed in UK form
    month = str(start[impossible].astype("datetime64[M]"))
    register.loc[impossible, "start_date"] = f"31/{month[5:7]}/{month[:4]}"
    if month[5:7] not in ("04", "06", "09", "11"):
        register.loc[impossible, "start_date"] = f"31/06/{month[:4]}"
    end[picks] = NAT
    return register, end
