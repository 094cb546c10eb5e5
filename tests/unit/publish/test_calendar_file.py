"""forward-plan.ics: RFC 5545 as written by hand, read back by the icalendar library and
imported by a real calendar program (calcurse)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from pipeline.measures.page_entries_view import ForwardPlan, PlannedEntry
from pipeline.publish.calendar_file import event_description, forward_plan_calendar, uid_domain
from tests.browser.checks import calcurse_day, calcurse_import, require_tools, tools_available

COUNCIL = "Rotherham Metropolitan Borough Council"
PE = date(2006, 9, 30)


def entry(**values) -> PlannedEntry:
    fields = {
        "activity_id": "ACT-001",
        "title": "Library opening hours",
        "programme_area": "Housing",
        "area": "Wath",
        "method": "postal survey",
        "start": date(2006, 10, 2),
        "end": date(2006, 10, 31),
        "registered": date(2006, 8, 1),
        "target_groups": (),
        "formal": False,
        "clashes_with": (),
        "short": False,
        "late_to_register": False,
        "election": None,
        "polling_day": None,
    }
    return PlannedEntry(**{**fields, **values})


def plan(*entries: PlannedEntry) -> ForwardPlan:
    return ForwardPlan(as_at=PE, entries=entries, clash_pairs=0)


def lines(ics: bytes) -> list[bytes]:
    assert ics.endswith(b"\r\n")
    return ics[:-2].split(b"\r\n")


class TestWrittenAsTheRfcSays:
    def test_one_entry_byte_for_byte(self):
        ics = forward_plan_calendar(plan(entry()), COUNCIL)
        assert ics == (
            b"BEGIN:VCALENDAR\r\n"
            b"VERSION:2.0\r\n"
            b"PRODID:-//Rotherham Metropolitan Borough Council//Forward plan of consulta\r\n"
            b" tion//EN\r\n"
            b"CALSCALE:GREGORIAN\r\n"
            b"METHOD:PUBLISH\r\n"
            b"X-WR-CALNAME:Forward plan of consultation: Rotherham Metropolitan Borough \r\n"
            b" Council\r\n"
            b"BEGIN:VEVENT\r\n"
            b"SUMMARY:Library opening hours\r\n"
            b"DTSTART;VALUE=DATE:20061002\r\n"
            b"DTEND;VALUE=DATE:20061101\r\n"
            b"DTSTAMP:20060930T000000Z\r\n"
            b"UID:ACT-001@rotherham-metropolitan-borough-council\r\n"
            b"CATEGORIES:Housing\r\n"
            b"DESCRIPTION:Area: Wath\\nMethod: Postal survey\\nFor: Everyone\\nFormal consu\r\n"
            b" ltation: no\r\n"
            b"TRANSP:TRANSPARENT\r\n"
            b"END:VEVENT\r\n"
            b"END:VCALENDAR\r\n"
        )

    def test_the_same_plan_gives_the_same_bytes(self):
        entries = (entry(), entry(activity_id="ACT-002", title="Parks"))
        assert forward_plan_calendar(plan(*entries), COUNCIL) == forward_plan_calendar(
            plan(*entries), COUNCIL
        )

    def test_text_escaped_commas_semicolons_backslashes_and_newlines(self):
        ics = forward_plan_calendar(plan(entry(title="Parks, paths; and \\ trails")), COUNCIL)
        assert b"SUMMARY:Parks\\, paths\\; and \\\\ trails\r\n" in ics
        assert b"CATEGORIES:Housing\r\n" in ics
        ics = forward_plan_calendar(plan(entry(programme_area="Chief Executive's, Policy")), "X")
        assert b"CATEGORIES:Chief Executive's\\, Policy\r\n" in ics

    def test_every_line_ends_in_crlf_and_is_folded_at_75_octets(self):
        title = "Consultation on the Ωmega café's ünderpass and its accessible route " * 3
        ics = forward_plan_calendar(plan(entry(title=title)), COUNCIL)
        assert b"\n" not in ics.replace(b"\r\n", b"")
        assert all(len(line) <= 75 for line in lines(ics))
        summary = [line for line in lines(ics) if line.startswith(b"SUMMARY:")]
        folded = ics.split(b"SUMMARY:", 1)[1].split(b"\r\nDTSTART", 1)[0]
        assert len(summary) == 1
        assert len(folded) > 75
        # Unfolding (CRLF and one space removed) gives the title whole, never a split character.
        assert folded.replace(b"\r\n ", b"").decode("utf-8") == title.replace(",", "\\,")

    def test_uid_domain_is_the_organisation_lower_case_non_letters_as_hyphens(self):
        assert uid_domain(COUNCIL) == "rotherham-metropolitan-borough-council"
        assert uid_domain("St. Helens & Knowsley 2") == "st--helens---knowsley--"

    def test_empty_plan_is_a_calendar_without_events(self):
        ics = forward_plan_calendar(plan(), COUNCIL)
        assert b"VEVENT" not in ics
        assert icalendar.Calendar.from_ical(ics).walk("VEVENT") == []


def built_by_the_library(plan: ForwardPlan, organisation: str) -> bytes:
    """The calendar with every event a component of the icalendar library, folded by it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{organisation}//Forward plan of consultation//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Forward plan of consultation: {organisation}")
    for e in plan.entries:
        event = icalendar.Event()
        event.add("uid", f"{e.activity_id}@{uid_domain(organisation)}")
        event.add("dtstamp", datetime(PE.year, PE.month, PE.day, tzinfo=UTC))
        event.add("dtstart", e.start)
        event.add("dtend", e.end + timedelta(days=1))
        event.add("summary", e.title)
        event.add("categories", [e.programme_area])
        event.add("description", event_description(e, plan.titles))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical(sorted=True)


class TestTheSameBytesAsTheLibrary:
    def test_a_plan_of_awkward_text_byte_for_byte(self):
        entries = (
            entry(title="Parks, paths; and \\ trails\nby the river", clashes_with=("Ä-2",)),
            entry(
                activity_id="Ä-2",
                title="Café Ωmega's ünderpass, " * 6,
                programme_area="Chief Executive's; Policy, Partnerships",
                area="Borough-wide",
                target_groups=("Young people", "Older people"),
                formal=True,
                short=True,
                late_to_register=True,
                clashes_with=("ACT-001",),
                election="Borough elections 2007",
                polling_day=date(2007, 5, 3),
            ),
            entry(activity_id="ACT-3", title="x" * 74 + "\\" + "y" * 200),
        )
        assert forward_plan_calendar(plan(*entries), "Newtown, Upon-Sea\u00e9 Council") == (
            built_by_the_library(plan(*entries), "Newtown, Upon-Sea\u00e9 Council")
        )

    def test_an_empty_plan_byte_for_byte(self):
        assert forward_plan_calendar(plan(), COUNCIL) == built_by_the_library(plan(), COUNCIL)


@pytest.fixture(scope="module")
def events():
    entries = (
        entry(
            title="Youth survey",
            target_groups=("Young people", "Older people"),
            formal=True,
            short=True,
            clashes_with=("ACT-002",),
        ),
        entry(
            activity_id="ACT-002",
            title="Play areas",
            area="Borough-wide",
            start=date(2006, 11, 1),
            end=date(2006, 11, 1),
            late_to_register=True,
            registered=date(2006, 10, 20),
            election="County election",
            polling_day=date(2006, 11, 2),
        ),
    )
    return icalendar.Calendar.from_ical(forward_plan_calendar(plan(*entries), COUNCIL)).walk(
        "VEVENT"
    )


class TestReadBackByTheIcalendarLibrary:
    def test_one_all_day_event_per_entry_in_order(self, events):
        assert [str(e["UID"]) for e in events] == [
            "ACT-001@rotherham-metropolitan-borough-council",
            "ACT-002@rotherham-metropolitan-borough-council",
        ]
        assert [str(e["SUMMARY"]) for e in events] == ["Youth survey", "Play areas"]

    def test_dtend_is_the_day_after_the_end_date_and_dtstamp_the_period_end(self, events):
        assert [e.decoded("DTSTART") for e in events] == [date(2006, 10, 2), date(2006, 11, 1)]
        assert [e.decoded("DTEND") for e in events] == [date(2006, 11, 1), date(2006, 11, 2)]
        assert {e.decoded("DTSTAMP") for e in events} == {datetime(2006, 9, 30, tzinfo=UTC)}

    def test_category_is_the_programme_area(self, events):
        assert [e["CATEGORIES"].cats for e in events] == [["Housing"], ["Housing"]]

    def test_description_names_area_method_groups_and_flags(self, events):
        assert str(events[0]["DESCRIPTION"]).splitlines() == [
            "Area: Wath",
            "Method: Postal survey",
            "For: Young people and Older people",
            "Formal consultation: yes",
            "Clash: It overlaps in time, area and community of interest with Play areas (ACT-002).",
            "Short consultation: A formal consultation of 30 days, shorter than the standard "
            "84 days (12 weeks).",
        ]
        assert str(events[1]["DESCRIPTION"]).splitlines()[2:] == [
            "For: Everyone",
            "Formal consultation: no",
            "Late to the register: It was entered on the register on 20 October 2006, less "
            "than 28 days (4 weeks) before it starts.",
            "Pre-election period: It overlaps the 42 days (6 weeks) up to the County "
            "election, polling day 2 November 2006.",
        ]


class TestImportedByACalendarProgram:
    def test_calcurse_imports_every_event_on_its_days(self, tmp_path):
        require_tools("calendar")
        entries = (
            entry(title="Parks, paths; and trails"),  # 2 to 31 October 2006
            entry(
                activity_id="ACT-002",
                title="Drop-in",
                start=date(2006, 11, 1),
                end=date(2006, 11, 1),
            ),
        )
        ics = tmp_path / "forward-plan.ics"
        ics.write_bytes(forward_plan_calendar(plan(*entries), COUNCIL))
        report = calcurse_import(ics, tmp_path / "calcurse")
        assert "2 events" in report
        assert "0 skipped" in report
        assert calcurse_day(tmp_path / "calcurse", "10/01/2006") == []
        assert calcurse_day(tmp_path / "calcurse", "10/02/2006") == ["Parks, paths; and trails"]
        assert calcurse_day(tmp_path / "calcurse", "10/31/2006") == ["Parks, paths; and trails"]
        # DTEND is exclusive: the day after the end date is free again.
        assert calcurse_day(tmp_path / "calcurse", "11/01/2006") == ["Drop-in"]
        assert calcurse_day(tmp_path / "calcurse", "11/02/2006") == []

    def test_without_calcurse_skipped_locally_failed_on_ci(self, monkeypatch):
        monkeypatch.setattr("tests.browser.checks.shutil.which", lambda name: None)
        available, reason = tools_available("calendar")
        assert not available
        assert "apt-get install -y calcurse" in reason
        monkeypatch.setenv("CI", "true")
        with pytest.raises(pytest.fail.Exception, match="CI=true"):
            require_tools("calendar")
        monkeypatch.setenv("CI", "")
        with pytest.raises(pytest.skip.Exception, match="calcurse"):
            require_tools("calendar")
