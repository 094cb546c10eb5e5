"""``forward-plan.ics``: the forward plan as an iCalendar file (RFC 5545) that staff subscribe to.

One all-day ``VEVENT`` per entry, in the plan's order, built and escaped by the ``icalendar``
library, its lines folded at 75 octets as icalendar folds them (:func:`_folded`) and ended
in CRLF. ``DTSTAMP`` is the period end at
midnight UTC, so the same view always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import icalendar

from pipeline.measures.website_view import ForwardPlan, PlannedEntry
from pipeline.publish.website_words import flags, groups


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


def forward_plan_calendar(plan: ForwardPlan, organisation: str) -> bytes:
    """The whole calendar, as the bytes of the file."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{organisation}//Forward plan of consultation//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Forward plan of consultation: {organisation}")
    stamp = datetime(plan.as_at.year, plan.as_at.month, plan.as_at.day, tzinfo=UTC)
    domain = uid_domain(organisation)
    for entry in plan.entries:
        event = icalendar.Event()
        event.add("uid", f"{entry.activity_id}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end + timedelta(days=1))
        event.add("summary", entry.title)
        event.add("categories", [entry.programme_area])
        event.add("description", event_description(entry, plan.titles))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    lines = calendar.content_lines(sorted=True)
    return b"\r\n".join(_folded(line) for line in lines if line) + b"\r\n"


FOLD_AT = 74  # octets of text on each physical line, as icalendar folds (75 with the space)


def _folded(line: icalendar.parser.Contentline) -> bytes:
    """One content line folded exactly as ``icalendar`` folds it, fast for plain ASCII.

    icalendar's folding looks at every character in Python, which takes seconds on the
    forward plan of a large council (an entry's description names every clash). An ASCII
    line is cut into slices of :data:`FOLD_AT` characters instead, never ending a slice on a
    backslash or caret (the start of an escape); any other line is folded by icalendar.
    """
    if not line.isascii():
        return line.to_ical()
    text = str(line)
    chunks, start = [], 0
    while len(text) - start > FOLD_AT:
        end = start + FOLD_AT
        if text[end - 1] in "\\^":
            end -= 1
        chunks.append(text[start:end])
        start = end
    chunks.append(text[start:])
    return "\r\n ".join(chunks).encode("ascii")
