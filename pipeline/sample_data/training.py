"""The training log: staff and member sessions, and the CCI Training Event of June 2006."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.sample_data.common import (
    days_in_months,
    iso,
    pick,
    rng_for,
    serial_text,
    weekday,
    year_of,
)
from pipeline.sample_data.reference import PA_WEIGHTS, PROGRAMME_AREAS

STAFF_COURSES = (
    "Introduction to consultation and community involvement",
    "Planning a consultation: the 12-week standard",
    "Running focus groups",
    "Questionnaire design",
    "Involving hard-to-reach groups",
    "Feeding back results: you said, we did",
    "Using the consultation register",
    "Analysing and reporting consultation results",
    "Using the CCI Toolkit",
)
MEMBER_COURSES = (
    "Members' briefing: the CCI Framework",
    "Community leadership and Area Assemblies",
    "Members' seminar: consultation and the Community Strategy",
    "Members' briefing: involving communities of interest",
)
TOOLKIT_READY = np.datetime64("2006-11-20")  # the toolkit course runs only from then
TRAINING_EVENT_DATE = "2006-06-21"
# attendance at the CCI Training Event, by programme area (in PROGRAMME_AREAS order)
TRAINING_EVENT_ATTENDEES = (24, 31, 29, 27, 22, 8, 13)
# staff sessions per month, 2005-04 .. 2007-03 (scale 1): few before the event, more after
STAFF_SESSIONS = (*(2, 2, 1, 2, 0, 2, 3, 2, 1, 2, 2, 3), *(4, 4, 3, 3, 1, 5, 5, 5, 2, 5, 5, 4))
MEMBER_SESSIONS = (*(0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0), *(0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1))
# (audience, sessions per month, courses, stream: the tie-break among sessions on one day)
AUDIENCES = (
    ("staff", STAFF_SESSIONS, STAFF_COURSES, 0),
    ("member", MEMBER_SESSIONS, MEMBER_COURSES, 1),
)
EVENT_STREAM = 2


def _sessions(
    rng: np.random.Generator,
    audience: str,
    per_month: tuple[int, ...],
    courses: tuple[str, ...],
    stream: int,
    scale: int,
) -> pd.DataFrame:
    """One audience's sessions, on weekdays; staff sessions are held in a programme area."""
    day = days_in_months(rng, np.array(per_month) * scale)
    day_of_week = weekday(day)
    day = day + np.where(day_of_week >= 5, 7 - day_of_week, 0)  # weekends move to the Monday
    n = len(day)
    course = np.floor(rng.random(n) * len(courses)).astype(int)
    if audience == "staff":
        toolkit = course == len(courses) - 1
        course = np.where(toolkit & (day < TOOLKIT_READY), 0, course)
        area = np.array(PROGRAMME_AREAS, dtype=object)[pick(rng, PA_WEIGHTS, n)]
        attendees = 6 + np.floor(rng.random(n) * 15)
    else:
        area = np.full(n, "", dtype=object)
        attendees = 4 + np.floor(rng.random(n) * 12)
    return pd.DataFrame(
        {
            "day": day,
            "stream": stream,
            "title": np.array(courses, dtype=object)[course],
            "audience": audience,
            "programme_area": area,
            "attendees": attendees.astype(np.int64),
        }
    )


def _training_event() -> pd.DataFrame:
    """The CCI Training Event: one row per programme area, so attendance counts by area."""
    return pd.DataFrame(
        {
            "day": np.datetime64(TRAINING_EVENT_DATE),
            "stream": EVENT_STREAM,
            "title": "CCI Training Event 2006",
            "audience": "staff",
            "programme_area": np.array(PROGRAMME_AREAS, dtype=object),
            "attendees": np.array(TRAINING_EVENT_ATTENDEES),
        }
    )


def build_training_log(scale: int) -> pd.DataFrame:
    """The CCI Training Event, staff sessions across programme areas and member sessions."""
    rng = rng_for(2)
    frames = [_sessions(rng, *audience, scale) for audience in AUDIENCES]
    sessions = pd.concat([*frames, _training_event()], ignore_index=True)
    sessions = sessions.sort_values(["day", "stream"], kind="stable").reset_index(drop=True)
    days = sessions["day"].to_numpy().astype("datetime64[D]")
    year = year_of(days)
    sequence = sessions.groupby(year).cumcount().to_numpy() + 1
    session_id = np.char.add(
        np.char.add(np.char.add("TRN-", year.astype(str)), "-"), serial_text(sequence, 3)
    )
    return pd.DataFrame(
        {
            "session_id": session_id.astype(object),
            "date": iso(days),
            "title": sessions["title"].to_numpy(dtype=object),
            "audience": sessions["audience"].to_numpy(dtype=object),
            "programme_area": sessions["programme_area"].to_numpy(dtype=object),
            "attendees": sessions["attendees"].astype(str).to_numpy(dtype=object),
        }
    )
