"""``forward-plan.ics``: the forward plan as an iCalendar file (RFC 5545) that staff subscribe to.

One all-day ``VEVENT`` per entry, in the plan's order, written by the ``icalendar`` library
(CRLF line ends, lines folded at 75 octets, text escaped). ``DTSTAMP`` is the period end at
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
    return calendar.to_ical()
