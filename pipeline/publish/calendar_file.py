"""``forward-plan.ics``: the forward plan as an iCalendar file (RFC 5545) that staff subscribe to.

One all-day ``VEVENT`` per entry, in the plan's order, its lines folded at 75 octets as
``icalendar`` folds them (:func:`_folded`) and ended in CRLF. ``DTSTAMP`` is the period end at
midnight UTC, so the same view always gives the same bytes.

The calendar's own properties are built by the ``icalendar`` library. Each event's lines are
written from the library's own escaping and date formats, in the order the library writes an
event's properties (:data:`EVENT_PROPERTIES`): building a component per entry took 2.3 s of the
3.6 s the web pages took at a hundred times the sample. The tests check the bytes against a
calendar built wholly by the library.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

import icalendar

from pipeline.measures.page_entries_view import ForwardPlan, PlannedEntry
from pipeline.publish.web_page_words import flags, groups


def uid_domain(organisation: str) -> str:
    """The organisation as the right-hand side of a UID: lower case, non-letters as hyphens."""
    return "".join(c if c.isalpha() else "-" for c in organisation.lower())


def event_description(entry: PlannedEntry, titles: Mapping[str, str]) -> str:
    """The area, method, target groups and flags of an entry, one to a line (``titles``: the
    plan's titles by id, to name the entries it clashes with)."""
    lines = [
        f"Area: {entry.area}",
        f"Method: {entry.method.capitalize()}",
        f"For: {groups(entry)}",
        f"Formal consultation: {'yes' if entry.formal else 'no'}",
    ]
    lines += [f"{label}: {sentence}" for label, sentence in flags(entry, titles)]
    return "\n".join(lines)


def _text(value: str) -> str:
    """A TEXT value escaped as the library escapes it (RFC 5545, section 3.3.11)."""
    return icalendar.vText(value).to_ical().decode("utf-8")


def _day(day: date) -> str:
    return icalendar.vDate(day).to_ical().decode("ascii")


# An event's properties in the order icalendar writes them: its canonical ones first
# (``Event.canonical_order``), then the rest alphabetically.
EVENT_PROPERTIES = (
    "SUMMARY",
    "DTSTART;VALUE=DATE",
    "DTEND;VALUE=DATE",
    "DTSTAMP",
    "UID",
    "CATEGORIES",
    "DESCRIPTION",
    "TRANSP",
)


def _event(entry: PlannedEntry, stamp: str, domain: str, titles: Mapping[str, str]) -> list[str]:
    """The content lines of one entry's VEVENT, unfolded."""
    values = (
        _text(entry.title),
        _day(entry.start),
        _day(entry.end + timedelta(days=1)),
        stamp,
        _text(f"{entry.activity_id}@{domain}"),
        _text(entry.programme_area),
        _text(event_description(entry, titles)),
        "TRANSPARENT",
    )
    return [
        "BEGIN:VEVENT",
        *(f"{name}:{value}" for name, value in zip(EVENT_PROPERTIES, values, strict=True)),
        "END:VEVENT",
    ]


def forward_plan_calendar(plan: ForwardPlan, organisation: str) -> bytes:
    """The whole calendar, as the bytes of the file."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{organisation}//Forward plan of consultation//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Forward plan of consultation: {organisation}")
    opening = [str(line) for line in calendar.content_lines(sorted=True) if line]
    stamp = (
        icalendar.vDDDTypes(datetime(plan.as_at.year, plan.as_at.month, plan.as_at.day, tzinfo=UTC))
        .to_ical()
        .decode("ascii")
    )
    domain, titles = uid_domain(organisation), plan.titles
    events = [line for entry in plan.entries for line in _event(entry, stamp, domain, titles)]
    lines = [*opening[:-1], *events, opening[-1]]  # the events before END:VCALENDAR
    return b"\r\n".join(_folded(line) for line in lines) + b"\r\n"


FOLD_AT = 74  # octets of text on each physical line, as icalendar folds (75 with the space)


def _folded(line: str) -> bytes:
    """One content line folded exactly as ``icalendar`` folds it, fast for plain ASCII.

    icalendar's folding looks at every character in Python, which takes seconds on the
    forward plan of a large council (an entry's description names every clash). An ASCII
    line is cut into slices of :data:`FOLD_AT` characters instead, never ending a slice on a
    backslash or caret (the start of an escape); any other line is folded by icalendar.
    """
    if not line.isascii():
        return icalendar.parser.Contentline(line).to_ical()
    text = line
    chunks, start = [], 0
    while len(text) - start > FOLD_AT:
        end = start + FOLD_AT
        if text[end - 1] in "\\^":
            end -= 1
        chunks.append(text[start:end])
        start = end
    chunks.append(text[start:])
    return "\r\n ".join(chunks).encode("ascii")
