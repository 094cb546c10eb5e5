"""The CCI web pages' entries (website.md), worked by hand on small registers.

The period is April to September 2006: ps 2006-04-01, pe 2006-09-30.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from pipeline.measures.page_entries import forward_plan, you_said_we_did
from pipeline.measures.page_entries_view import PlanCounts
from tests.unit.factories import PERIOD, activities

OLD, YOUNG = "Older people", "Young people"
NO_ELECTIONS = pd.DataFrame(
    {"name": pd.Series(dtype="str"), "polling_day": pd.Series(dtype="datetime64[ns]")}
)


def elections(*rows: tuple[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["name", "polling_day"])
    return frame.astype({"name": "str", "polling_day": "datetime64[ns]"})


def _ids(entries) -> list[str]:
    return [e.activity_id for e in entries]


def _closed(**values) -> dict:
    return {"status": "closed", "start_date": "2006-05-01", "end_date": "2006-05-31", **values}


class TestYouSaidWeDid:
    def test_only_closed_in_the_period_with_results_published_by_its_end(self):
        acts = activities(
            _closed(results_published_date="2006-06-10"),  # an entry
            _closed(),  # closed in the period, no results: left out
            _closed(end_date="2006-07-31", results_published_date="2006-10-05"),  # after pe
            {"status": "live", "results_published_date": "2006-06-01"},  # not closed
            _closed(
                start_date="2006-03-01", end_date="2006-03-31", results_published_date="2006-04-10"
            ),  # closed before the period
        )
        results = you_said_we_did(acts, PERIOD)
        assert _ids(results.entries) == ["ACT-001"]
        assert results.closed == 3  # C: ACT-001, ACT-002 and ACT-003
        assert results.published == 1

    def test_latest_end_first_then_by_id(self):
        acts = activities(
            _closed(activity_id="B", end_date="2006-06-30", results_published_date="2006-07-10"),
            _closed(activity_id="C", end_date="2006-07-15", results_published_date="2006-08-01"),
            _closed(activity_id="A", end_date="2006-06-30", results_published_date="2006-07-01"),
        )
        assert _ids(you_said_we_did(acts, PERIOD).entries) == ["C", "A", "B"]

    def test_feedback_after_the_period_end_counts_as_not_told(self):
        acts = activities(
            _closed(results_published_date="2006-06-10", feedback_date="2006-08-01"),
            _closed(results_published_date="2006-06-10", feedback_date="2006-10-02"),
        )
        results = you_said_we_did(acts, PERIOD)
        assert [e.feedback for e in results.entries] == [date(2006, 8, 1), None]
        assert results.told == 1

    def test_an_entry_carries_what_the_page_shows(self):
        acts = activities(
            _closed(
                title="Library opening hours",
                area_assembly="Borough-wide",
                method="postal survey",
                participants=120,
                results_published_date="2006-06-10",
                influence="changed",
                decision_ref="CAB-06-12",
                you_said="Open on Sundays.",
                we_did="  ",
            )
        )
        (entry,) = you_said_we_did(acts, PERIOD).entries
        assert (entry.title, entry.area, entry.method, entry.participants) == (
            "Library opening hours",
            "Borough-wide",
            "postal survey",
            120,
        )
        assert (entry.start, entry.end) == (date(2006, 5, 1), date(2006, 5, 31))
        assert entry.results_published == date(2006, 6, 10)
        assert (entry.influence, entry.decision_ref) == ("changed", "CAB-06-12")
        assert (entry.you_said, entry.we_did) == ("Open on Sundays.", None)

    def test_nothing_closed_gives_no_entries(self):
        results = you_said_we_did(activities(), PERIOD)
        assert (results.closed, results.published, results.told) == (0, 0, 0)


def _later(**values) -> dict:
    """An activity registered in the period, starting and ending after it."""
    return {
        "status": "planned",
        "registered_date": "2006-08-01",
        "start_date": "2006-10-02",
        "end_date": "2006-10-31",
        **values,
    }


class TestForwardPlanEntries:
    def test_registered_by_the_period_end_and_ending_after_it_not_cancelled(self):
        acts = activities(
            _later(registered_date="2006-09-30", end_date="2006-10-01"),  # both boundaries in
            _later(start_date="2006-09-01", end_date="2006-09-30"),  # ends on pe: out
            _later(registered_date="2006-10-01"),  # registered after pe: out
            _later(status="cancelled"),  # out
            _later(status="closed", start_date="2006-05-01", end_date="2006-12-01"),  # in
        )
        plan = forward_plan(acts, NO_ELECTIONS, PERIOD)
        assert _ids(plan.entries) == ["ACT-005", "ACT-001"]  # by start date

    def test_ordered_by_start_then_id_under_way_and_starting_later(self):
        acts = activities(
            _later(activity_id="B", start_date="2006-11-01", end_date="2006-11-30"),
            _later(activity_id="C", start_date="2006-09-30", end_date="2006-10-31"),
            _later(activity_id="A", start_date="2006-11-01", end_date="2006-11-01"),
            _later(activity_id="D", start_date="2006-10-01", end_date="2006-10-01"),
        )
        plan = forward_plan(acts, NO_ELECTIONS, PERIOD)
        assert _ids(plan.entries) == ["C", "D", "A", "B"]
        assert _ids(plan.under_way) == ["C"]  # starts on pe
        assert _ids(plan.starting_later) == ["D", "A", "B"]

    def test_target_groups_split_and_trimmed_none_for_everyone(self):
        acts = activities(_later(target_groups=f"{OLD} ;  {YOUNG}"), _later())
        plan = forward_plan(acts, NO_ELECTIONS, PERIOD)
        assert [e.target_groups for e in plan.entries] == [(OLD, YOUNG), ()]


class TestForwardPlanFlags:
    def test_short_when_formal_and_under_84_days(self):
        # 2006-10-01 to 2006-12-22: 31 (October) + 30 (November) + 22 = 83 days; to 12-23: 84.
        acts = activities(
            _later(formal=True, start_date="2006-10-01", end_date="2006-12-22"),
            _later(formal=True, start_date="2006-10-01", end_date="2006-12-23"),
            _later(formal=False, start_date="2006-10-01", end_date="2006-10-30"),
        )
        entries = forward_plan(acts, NO_ELECTIONS, PERIOD).entries
        assert [e.short for e in entries] == [True, False, False]
        assert [e.days for e in entries] == [83, 84, 30]

    def test_late_when_registered_less_than_28_days_before_the_start(self):
        # Starting 2006-10-27: 28 days before is 2006-09-29 (on time), 27 days 2006-09-30.
        acts = activities(
            _later(activity_id="A", start_date="2006-10-27", registered_date="2006-09-29"),
            _later(activity_id="B", start_date="2006-10-27", registered_date="2006-09-30"),
            _later(
                activity_id="C",
                start_date="2006-09-20",
                end_date="2006-10-20",
                registered_date="2006-09-25",
            ),  # registered after it started
        )
        entries = forward_plan(acts, NO_ELECTIONS, PERIOD).entries
        assert [(e.activity_id, e.late_to_register) for e in entries] == [
            ("C", True),
            ("A", False),
            ("B", True),
        ]

    def test_pre_election_period_is_the_42_days_up_to_and_including_polling_day(self):
        # Polling day 2007-05-03: 41 days before is 2007-03-23 (30 days back to 3 April, 11
        # more to 23 March), the first day of the period; 2007-03-22 is the 42nd day before.
        acts = activities(
            _later(activity_id="A", start_date="2007-03-01", end_date="2007-03-22"),
            _later(activity_id="B", start_date="2007-03-01", end_date="2007-03-23"),
            _later(activity_id="C", start_date="2007-05-03", end_date="2007-05-31"),
            _later(activity_id="D", start_date="2007-05-04", end_date="2007-05-31"),
        )
        polls = elections(("Borough council elections 2007", "2007-05-03"))
        entries = forward_plan(acts, polls, PERIOD).entries
        assert [(e.activity_id, e.election) for e in entries] == [
            ("A", None),
            ("B", "Borough council elections 2007"),
            ("C", "Borough council elections 2007"),
            ("D", None),
        ]
        assert [e.polling_day for e in entries] == [None, date(2007, 5, 3), date(2007, 5, 3), None]

    def test_only_what_is_still_to_come_counts_for_an_entry_under_way(self):
        # pe 2006-09-30. Polling day 2006-10-05: its pre-election period is 2006-08-25 to
        # 2006-10-05. Polling day 2006-09-30 (= pe): 2006-08-20 to 2006-09-30, already past.
        polls = elections(("By-election", "2006-10-05"))
        acts = activities(
            # Under way since July: what is still to come starts 2006-10-01, inside: flagged.
            _later(activity_id="A", start_date="2006-07-01", end_date="2006-10-01"),
            # Under way, ends 2006-10-06: still to come 2006-10-01..06 overlaps: flagged.
            _later(activity_id="B", start_date="2006-09-01", end_date="2006-10-06"),
        )
        entries = forward_plan(acts, polls, PERIOD).entries
        assert [(e.activity_id, e.election) for e in entries] == [
            ("A", "By-election"),
            ("B", "By-election"),
        ]

    def test_an_election_past_at_the_period_end_flags_nothing(self):
        # Polling day on pe itself (2006-09-30) and one in May 2006: both past. An entry under
        # way through both pre-election periods, ending 2006-12-31, is not flagged.
        polls = elections(
            ("Borough council elections 2006", "2006-05-04"), ("By-election", "2006-09-30")
        )
        acts = activities(_later(start_date="2006-04-01", end_date="2006-12-31"))
        (entry,) = forward_plan(acts, polls, PERIOD).entries
        assert (entry.election, entry.polling_day) == (None, None)

    def test_an_election_the_day_after_the_period_end_flags_an_entry_under_way(self):
        polls = elections(("By-election", "2006-10-01"))
        acts = activities(_later(start_date="2006-04-01", end_date="2006-10-01"))
        (entry,) = forward_plan(acts, polls, PERIOD).entries
        assert entry.election == "By-election"

    def test_without_elections_nothing_is_pre_election(self):
        acts = activities(_later(start_date="2007-04-01", end_date="2007-05-31"))
        (entry,) = forward_plan(acts, NO_ELECTIONS, PERIOD).entries
        assert entry.election is None

    def test_the_latest_election_overlapped_is_named(self):
        polls = elections(
            ("Borough council elections 2007", "2007-05-03"),
            ("By-election", "2006-11-02"),
            ("Borough council elections 2008", "2008-05-01"),
        )
        acts = activities(_later(start_date="2006-10-02", end_date="2007-06-30"))
        (entry,) = forward_plan(acts, polls, PERIOD).entries
        assert entry.election == "Borough council elections 2007"

    def test_clashes_only_with_other_entries_named_in_the_plans_order(self):
        acts = activities(
            # Z and X overlap in October, X and Y from 1 November; Z and Y do not overlap.
            _later(activity_id="Z", target_groups=YOUNG, area_assembly="Wath"),
            _later(
                activity_id="X",
                target_groups=YOUNG,
                area_assembly="Borough-wide",
                start_date="2006-10-15",
                end_date="2006-11-15",
            ),
            _later(
                activity_id="Y",
                target_groups=f"{YOUNG};{OLD}",
                area_assembly="Wath",
                start_date="2006-11-01",
                end_date="2006-11-30",
            ),
            _later(activity_id="P", area_assembly="Wath"),  # the general public: no clash
            # Overlaps Z but is not in the plan (registered after pe): no clash.
            _later(activity_id="Q", target_groups=YOUNG, registered_date="2006-10-01"),
        )
        plan = forward_plan(acts, NO_ELECTIONS, PERIOD)
        partners = {e.activity_id: list(e.clashes_with) for e in plan.entries}
        assert partners == {"Z": ["X"], "P": [], "X": ["Z", "Y"], "Y": ["X"]}
        assert [plan.titles[i] for i in plan.entries[2].clashes_with] == ["A consultation"] * 2
        assert plan.clash_pairs == 2
        assert plan.with_clash == 3
        # The paper's count of the same plan.
        assert plan.counts() == PlanCounts(
            as_at=date(2006, 9, 30), entries=4, with_clash=3, clash_pairs=2
        )

    def test_counts_of_the_flags(self):
        acts = activities(
            _later(formal=True, start_date="2006-10-02", end_date="2006-10-31"),  # short
            _later(start_date="2007-04-01", end_date="2007-04-30"),  # pre-election
            _later(),
        )
        polls = elections(("Borough council elections 2007", "2007-05-03"))
        plan = forward_plan(acts, polls, PERIOD)
        assert (len(plan.entries), plan.short, plan.pre_election, plan.with_clash) == (3, 1, 1, 0)
