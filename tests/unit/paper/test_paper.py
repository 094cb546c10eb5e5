"""The paper's sections, written from hand-made figures (tests/unit/factories.py)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from pipeline.measures.figures import build_view
from pipeline.measures.progress import compute_progress
from pipeline.measures.view import Clash, FinanceFigures, FinanceRow, Provenance
from pipeline.paper.filters import (
    format_interval,
    format_share,
    format_target,
    indicator_interval,
)
from pipeline.paper.paper import SECTIONS, Paper, paper_title
from pipeline.paper.sections.appendix_data_quality import plain_reason
from pipeline.paper.sections.recommendations import recommendations as _recommendations
from pipeline.paper.sections.risks import risk_items as _risk_items
from pipeline.paper.sections.summary import summary_sentences as _summary_sentences
from tests.html_text import parse_paper, plain_text
from tests.unit import factories as f

CODE = Provenance(commit="abc", dirty=False, digest="def")


def summary_sentences(paper: Paper) -> list[str]:
    return _summary_sentences(paper.view)


def recommendations(paper: Paper) -> list[str]:
    return _recommendations(paper.view)


def risk_items(paper: Paper) -> list[str]:
    return _risk_items(paper.view)


def make_paper(meeting_date: str | None = None, **frames) -> Paper:
    inputs = f.make_inputs(**frames)
    progress = compute_progress(inputs, f.PERIOD)
    meeting = date.fromisoformat(meeting_date) if meeting_date else None
    return Paper(build_view(inputs, progress, f.PERIOD, meeting_date=meeting, code=CODE))


def header_rows(paper: Paper) -> dict[str, str]:
    return dict(parse_paper(paper.header().data).tables["Report details"])


def text_of(paper: Paper, section: str) -> str:
    return plain_text(getattr(paper, section)().data)


class TestEmptyFolder:
    """A data folder with headers only: the paper is produced and says so in words."""

    @pytest.fixture(scope="class")
    @classmethod
    def paper(cls):
        return make_paper()

    @pytest.mark.parametrize("section", SECTIONS)
    def test_every_section_renders(self, paper, section):
        assert getattr(paper, section)().data.strip()

    def test_summary_says_no_activity(self, paper):
        assert summary_sentences(paper)[0] == (
            "No consultation or community involvement activity was recorded from "
            "April 2006 to September 2006."
        )

    def test_no_actions_said_plainly(self, paper):
        assert "The action plan has no actions." in text_of(paper, "action_plan")

    def test_no_survey_said_plainly(self, paper):
        assert "No survey responses were received in the period" in text_of(
            paper, "what_people_said"
        )

    def test_no_cost_said_plainly(self, paper):
        assert "No activity started from April 2006 to September 2006" in text_of(paper, "finance")

    def test_missing_values_shown_as_x(self, paper):
        assert "[x]" in text_of(paper, "scorecard")

    def test_meeting_date_to_be_confirmed_without_one(self, paper):
        assert header_rows(paper)["Date"] == "To be confirmed"


class TestSummary:
    def test_counts_active_started_and_closed(self):
        paper = make_paper(
            activities=f.activities(
                # In S, C and A: starts and closes in the period.
                {"status": "closed"},
                # In C and A only: started before the period, closed in it.
                {"start_date": "2006-01-01", "end_date": "2006-04-15", "status": "closed"},
                # Cancelled: never counted.
                {"status": "cancelled"},
            )
        )
        assert summary_sentences(paper)[0] == (
            "2 consultation and involvement activities ran from April 2006 to "
            "September 2006: 1 started and 2 closed in that time."
        )

    def test_actions_on_track_out_of_all(self):
        # At 30 September 2006: A1 due in 2007 is on track; A2 was due in June: overdue.
        paper = make_paper(actions=f.actions({}, {"due_date": "2006-06-01"}))
        assert (
            "1 of the 2 actions in the action plan is on track (complete, in progress as "
            "planned, or not yet started and not yet due)." in summary_sentences(paper)
        )


class TestRecommendations:
    def test_always_notes_progress(self):
        assert recommendations(make_paper()) == [
            "That the progress made on the Corporate CCI Framework's Action Plan from "
            "April 2006 to September 2006 be noted."
        ]

    def test_red_priority_area_gets_a_remedial_plan(self):
        # An overdue action makes its priority area (2) Red.
        paper = make_paper(actions=f.actions({"priority_area": 2, "due_date": "2006-06-01"}))
        assert recommendations(paper)[1] == (
            "That a remedial plan for priority area 2 (Awareness, training and support), "
            "which is rated Red, be reported to a future meeting."
        )


class TestRisks:
    def test_overdue_action_listed(self):
        paper = make_paper(
            actions=f.actions({"action": "Publish the toolkit", "due_date": "2006-06-01"})
        )
        assert (
            "Action A1 (Publish the toolkit) is overdue; it was due on 1 June 2006."
            in risk_items(paper)
        )

    def test_nothing_to_report_said_plainly(self):
        assert risk_items(make_paper()) == [
            "No indicator is rated Red, no action is overdue or at risk, "
            "and every record was counted."
        ]


class TestHostileText:
    def test_markup_in_inputs_is_shown_as_text(self):
        hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> {{ 7*7 }} **bold**'
        paper = make_paper(
            actions=f.actions(
                {"status": "complete", "completed_date": "2006-05-01", "achievement": hostile}
            )
        )
        html = paper.achievements().data
        assert "<script>" not in html
        assert "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "{{ 7*7 }}" in html  # Jinja syntax in data is not evaluated
        assert hostile in plain_text(html)


def _planned(**values) -> dict:
    return {
        "status": "planned",
        "registered_date": "2006-08-01",
        "start_date": "2006-10-02",
        "end_date": "2006-10-31",
        **values,
    }


class TestUpcomingClashes:
    """3.4 counts the forward plan's entries with a clash and points to the web page."""

    POINTER = (
        "The council's forward plan of consultation, published on its website with this "
        "paper, lists them all and names each clash."
    )

    def test_entries_with_a_clash_counted_with_their_pairs(self):
        # Two activities for young people in Wath in October 2006 clash; the third is for
        # the general public. The period ends on 30 September 2006.
        paper = make_paper(
            activities=f.activities(
                _planned(target_groups="Young people"),
                _planned(target_groups="Young people", start_date="2006-10-16"),
                _planned(),
            )
        )
        assert (
            "Looking ahead, 3 activities are planned or still running after 30 September 2006: "
            f"2 of them clash with another (1 pair). {self.POINTER}" in text_of(paper, "activity")
        )

    def test_none_clashing_said_so(self):
        paper = make_paper(activities=f.activities(_planned()))
        assert (
            "Looking ahead, 1 activity is planned or still running after 30 September 2006, and "
            f"none of them clashes with another. {self.POINTER}" in text_of(paper, "activity")
        )

    def test_nothing_ahead_said_so(self):
        assert (
            "Looking ahead, no activity on the register is planned or still running after "
            "30 September 2006, so the council's forward plan of consultation, published on its "
            "website with this paper, is empty." in text_of(make_paper(), "activity")
        )


class TestHeader:
    def test_title_built_from_the_period(self):
        assert paper_title(f.PERIOD) == (
            "Corporate Consultation and Community Involvement (CCI) Framework Progress Report "
            "(April 2006 - September 2006)"
        )

    def test_meeting_date_parameter_wins(self):
        assert header_rows(make_paper("2007-02-12"))["Date"] == "12 February 2007"


class TestPlainReason:
    def test_column_names_read_as_words(self):
        assert plain_reason("end_date is before start_date") == "end date is before start date"

    def test_file_names_left_alone(self):
        reason = "'X' is not a programme area in reference/programme_areas.csv"
        assert plain_reason(reason) == reason


class TestStylesheetInStep:
    """Classes the sections put on text elements are styled (tables' classes are hooks)."""

    HOOK_ELEMENTS = frozenset({"table", "tr", "ul", "h2", "header"})

    def test_every_class_on_a_text_element_is_styled(self):
        from pipeline.paper.templating import SECTIONS_FOLDER
        from pipeline.paths import PACKAGE

        css = (PACKAGE / "paper" / "cci_paper" / "static" / "paper.css").read_text("utf-8")
        styled = set(re.findall(r"\.([a-z][a-z0-9-]*)", css))
        used = {
            (element, name)
            for path in SECTIONS_FOLDER.glob("*.j2")
            for element, names in re.findall(
                r'<(\w+)[^>]*class="([^"{]+)"', path.read_text("utf-8")
            )
            for name in names.split()
        }
        unstyled = {(e, n) for e, n in used if e not in self.HOOK_ELEMENTS and n not in styled}
        assert unstyled == set()
        assert ("caption", "visually-hidden") in used
        assert ("p", "org-name") in used


class TestNumbersAndPluralsInTheProse:
    """Counts read as a committee reads them: separators, and nouns that agree."""

    @pytest.fixture(scope="class")
    @classmethod
    def view(cls):
        return make_paper().view

    def _activity(self, view, clash_count: int) -> str:
        activity = dataclasses.replace(view.activity, clash_count=clash_count, clashes=())
        return text_of(Paper(dataclasses.replace(view, activity=activity)), "activity")

    def test_thousands_separated_in_the_clash_sentence(self, view):
        clash = Clash("A", "a", "B", "b", "Carers", "North", 3, date(2006, 5, 1), date(2006, 5, 3))
        activity = dataclasses.replace(view.activity, clash_count=123_456, clashes=(clash,) * 20)
        text = text_of(Paper(dataclasses.replace(view, activity=activity)), "activity")
        assert "123,456 pairs of activities overlapped" in text
        assert "and 123,436 more" in text
        assert "North3 days" in text  # the overlap, in days

    def test_one_pair_of_activities(self, view):
        assert "1 pair of activities overlapped" in self._activity(view, 1)

    def test_one_activity_in_the_finance_sentence(self, view):
        finance = FinanceFigures(rows=(FinanceRow("Housing", 1, 1, 250.0),), activities=1,
                                 with_cost=1, total=250.0)  # fmt: skip
        text = text_of(Paper(dataclasses.replace(view, finance=finance)), "finance")
        assert "The direct cost of the 1 activity started" in text
        assert "was £250" in text

    def test_one_action_on_track(self, view):
        actions = dataclasses.replace(view.actions, total=1, on_track=1, all_on_track=True)
        text = text_of(Paper(dataclasses.replace(view, actions=actions)), "action_plan")
        assert "on track (1 action as at 30 September 2006)" in text

    def test_interval_rounds_half_up_like_every_other_figure(self, view):
        survey = next(i for i in view.indicators if i.survey)
        figure = dataclasses.replace(survey, value=60.0, ci_low=58.25, ci_high=61.75, base=400)
        assert indicator_interval(figure) == "58.3% to 61.8%"
        assert format_interval(58.25, 61.75) == "58.3% to 61.8%"


class TestCommitteeLanguage:
    def test_summary_names_the_red_area_and_the_indicator_that_made_it_so(self):
        # PA2.1 staff attendances: 10 against a pro-rated target of 100 * 6 / 12 = 50 (Red).
        paper = make_paper(
            training=f.training({"audience": "staff", "attendees": 10}),
            targets=f.targets(("PA2.1", 100, 10)),
        )
        sentences = summary_sentences(paper)
        assert (
            "Priority area 2 (Awareness, training and support) is Red: staff training had 10 "
            "attendances, against a target of 50." in sentences
        )

    def test_one_remedial_recommendation_names_every_red_area(self):
        # Overdue actions in areas 2 and 4 make both Red.
        paper = make_paper(
            actions=f.actions(
                {"priority_area": 2, "due_date": "2006-06-01"},
                {"priority_area": 4, "due_date": "2006-06-01"},
            )
        )
        assert recommendations(paper)[1:] == [
            "That a remedial plan for priority areas 2 (Awareness, training and support) and 4 "
            "(Consultation shapes services and policies), which are rated Red, be reported to "
            "a future meeting."
        ]

    def test_no_survey_says_why_there_is_no_figure(self):
        text = text_of(make_paper(), "scorecard")
        assert "[x] no survey" in text
        assert "[x] nothing to count" in text

    def test_contact_details_with_telephone_and_email(self):
        inputs = f.make_inputs(
            settings=f.settings(contact_phone="01234 567890", contact_email="cci@example.org")
        )
        view = build_view(
            inputs, compute_progress(inputs, f.PERIOD), f.PERIOD, meeting_date=None, code=CODE
        )
        text = text_of(Paper(view), "background")
        assert "Telephone: 01234 567890" in text
        assert "E-mail: cci@example.org" in text


CODE_PATTERN = re.compile(r"\bPA\d\.\d\b")


class TestCouncillorsWords:
    """Sections 1-2 name indicators by what they measure; a count to keep low has a limit."""

    def _clashing(self, pairs: int) -> list[dict]:
        # pairs + 1 activities for Older people in Wath, all overlapping: (n choose 2) pairs.
        return [{"target_groups": "Older people"}] * pairs

    def test_a_count_to_keep_low_has_a_limit_not_a_target(self):
        # 4 activities overlapping: 6 clashes against a limit of 4 * 6/12 = 2 (tolerance 1): Red.
        paper = make_paper(
            activities=f.activities(*self._clashing(4)), targets=f.targets(("PA1.4", 4, 2))
        )
        sentences = summary_sentences(paper)
        assert (
            "Priority area 1 (Quality, effectiveness and coordination) is Red: 6 pairs of "
            "activities clashed (at the same time, in the same area, for the same community), "
            "against a limit of 2." in sentences
        )
        assert not any("target" in s for s in sentences)
        assert risk_items(paper)[0].endswith("against a limit of 2.")
        assert "2 (limit)" in text_of(paper, "scorecard")

    def test_no_indicator_code_in_the_summary_or_recommendations(self):
        paper = make_paper(
            activities=f.activities(*self._clashing(4)),
            training=f.training({"audience": "staff", "attendees": 10}),
            targets=f.targets(("PA1.4", 4, 2), ("PA2.1", 100, 10)),
        )
        words = " ".join(summary_sentences(paper) + recommendations(paper))
        assert "Red" in words
        assert not CODE_PATTERN.search(words)
        assert "2006-04" not in words

    def test_under_represented_group_named(self):
        # Age: 16-24 are half the population but 20 of 100 respondents: 0.2 / 0.5 = 0.4.
        pop = f.population(("age_band", "16-24", 50), ("age_band", "25+", 50))
        rows = f.respondents(20, age_band="16-24") + f.respondents(80, age_band="25+")
        paper = make_paper(population=pop, surveys=f.surveys(*rows),
                           targets=f.targets(("PA3.3", 0.8, 0.1)))  # fmt: skip
        assert (
            "Priority area 3 (All communities involved) is Red: 16-24 year olds were "
            "under-represented among the residents who answered the survey, answering at 0.40 "
            "times their share of the population (against a target of 0.80)."
            in summary_sentences(paper)
        )

    def test_the_same_period_last_year(self):
        sentences = summary_sentences(make_paper())
        assert any(
            "the same period last year (April 2005 to September 2005)" in s for s in sentences
        )
        assert "the same period last year, April 2005 to September 2005" in text_of(
            make_paper(), "scorecard"
        )


class TestTwoReasons:
    def test_each_reason_its_own_clause(self):
        # PA1.1 3 of 10 (30% against 80: Red) and 6 clashes against a limit of 2 (Red).
        acts = [{"registered_date": "2006-01-01" if i < 3 else "2006-05-01"} for i in range(10)]
        acts[:4] = [{**a, "target_groups": "Older people"} for a in acts[:4]]
        paper = make_paper(
            activities=f.activities(*acts), targets=f.targets(("PA1.1", 80, 5), ("PA1.4", 4, 2))
        )
        assert (
            "Priority area 1 (Quality, effectiveness and coordination) is Red: 30% of the "
            "activities started were entered on the register at least 4 weeks before they "
            "started, against a target of 80%; and 6 pairs of activities clashed (at the same "
            "time, in the same area, for the same community), against a limit of 2."
            in summary_sentences(paper)
        )

    def test_one_month_progress_noted_in_that_month(self):
        inputs = f.make_inputs()
        period = f.parse_period("2006-05")
        view = build_view(inputs, compute_progress(inputs, period), period, meeting_date=None,
                          code=CODE)  # fmt: skip
        assert _recommendations(view)[0] == (
            "That the progress made on the Corporate CCI Framework's Action Plan in May 2006 "
            "be noted."
        )


class TestSmallBaseInThePaper:
    def _paper(self, started: int, in_advance: int):
        acts = [
            {"registered_date": "2006-01-01" if i < in_advance else "2006-05-01"}
            for i in range(started)
        ]
        return make_paper(activities=f.activities(*acts), targets=f.targets(("PA1.1", 80, 5)))

    def test_nine_shown_as_counts_and_not_rated(self):
        paper = self._paper(9, 3)  # 3 of 9 = 33%: Red if rated
        row = next(i for i in paper.view.indicators if i.id == "PA1.1")
        assert (row.small_base, row.rating) == (True, "No rating")
        text = text_of(paper, "scorecard")
        assert "PA1.1 Registered in advance3 of 980%" in text
        assert "No rating (fewer than 10)" in text
        assert not any("Red" in s for s in summary_sentences(paper))
        assert "1 indicator rests on fewer than 10 activities" in " ".join(summary_sentences(paper))

    def test_ten_shown_as_a_percentage_and_rated(self):
        paper = self._paper(10, 3)  # 30%: Red
        text = text_of(paper, "scorecard")
        assert "PA1.1 Registered in advance30%80%" in text
        assert any("30% of the activities started" in s for s in summary_sentences(paper))


class TestWhatComesNext:
    def test_actions_not_complete_due_in_the_six_months_after_the_period(self):
        # pe 2006-09-30; six months after it run to 2007-03-31.
        paper = make_paper(
            actions=f.actions(
                {"action": "Due on pe", "due_date": "2006-09-30"},  # not after pe
                {"action": "Seminar", "due_date": "2007-03-31", "status": "not started"},
                {"action": "Too late", "due_date": "2007-04-01"},
                {
                    "action": "Done early",
                    "due_date": "2006-12-01",
                    "status": "complete",
                    "completed_date": "2006-09-01",
                },
                {
                    "action": "Done after pe",
                    "due_date": "2006-11-30",
                    "status": "complete",
                    "completed_date": "2006-10-15",
                },
                {"action": "First", "due_date": "2006-10-01"},
            )
        )
        coming = paper.view.actions.coming
        assert [(a.action, a.due) for a in coming] == [
            ("First", date(2006, 10, 1)),
            ("Done after pe", date(2006, 11, 30)),
            ("Seminar", date(2007, 3, 31)),
        ]
        assert paper.view.actions.coming_until == date(2007, 3, 31)
        text = text_of(paper, "action_plan")
        assert "What comes next" in text
        assert (
            "31 March 2007: A2 Seminar (Community Involvement Team; priority area 1; not started)"
            in text
        )
        assert (
            "3 actions of the plan fall due in the 6 months to March 2007; section 3.2 lists "
            "them under \u201cWhat comes next\u201d." in summary_sentences(paper)
        )

    def test_nothing_coming(self):
        paper = make_paper(actions=f.actions({"due_date": "2008-01-01"}))
        assert paper.view.actions.coming == ()
        assert "No action that is not yet complete falls due" in text_of(paper, "action_plan")


class TestNumbersAsRead:
    def test_pro_rated_count_target_is_a_whole_number(self):
        assert format_target(583.333, "count") == "583"
        assert format_target(7.5, "count") == "8"  # halves round up

    def test_small_shares_keep_one_decimal_so_the_ratio_can_be_recomputed(self):
        assert format_share(0.0084) == "0.8%"
        assert format_share(0.099) == "9.9%"
        assert format_share(0.10) == "10%"
        assert format_share(0.234) == "23%"


class TestFewRespondents:
    """A breakdown of fewer than 10 respondents in all is not shown, nor its total."""

    POPULATION = (
        ("sex", "Female", 52),
        ("sex", "Male", 48),
        ("age_band", "16-34", 30),
        ("age_band", "35-64", 50),
        ("age_band", "65+", 20),
    )

    def _paper(self, *survey_rows) -> Paper:
        return make_paper(
            surveys=f.surveys(*survey_rows), population=f.population(*self.POPULATION)
        )

    def test_one_respondent_is_described_nowhere(self):
        paper = self._paper({"sex": "Female", "age_band": "65+"})
        appendix = text_of(paper, "appendix_who_took_part")
        assert (
            "Not shown: Sex and Age, each given by fewer than 10 respondents, too few to show "
            "without identifying them."
        ) in appendix
        assert "1 respondent" not in appendix
        assert "[c]" not in appendix.split("Not shown:", 1)[1]
        assert not parse_paper(paper.appendix_who_took_part().data).tables
        section = text_of(paper, "who_took_part")
        assert "Too few respondents to show" in section
        assert "fewer than 10" in section
        assert not re.search(r"\b1\b", section.split("Respondents with a known value", 1)[1])

    def test_nine_withheld_ten_shown(self):
        nine = f.respondents(5, sex="Female", age_band="35-64") + f.respondents(
            4, sex="Male", age_band="16-34"
        )
        appendix = text_of(self._paper(*nine), "appendix_who_took_part")
        assert "Not shown: Sex and Age, each given by fewer than 10 respondents" in appendix
        ten = [*nine, {"sex": "Male", "age_band": "35-64"}]
        paper = self._paper(*ten)
        assert "Not shown" not in text_of(paper, "appendix_who_took_part")
        only_sex = self._paper(*nine, {"sex": "", "age_band": "65+"})
        assert "Not shown: Sex, given by fewer than 10 respondents, too few" in text_of(
            only_sex, "appendix_who_took_part"
        )
        tables = parse_paper(paper.appendix_who_took_part().data).tables
        sex = next(rows for caption, rows in tables.items() if caption.startswith("Sex"))
        assert [row[2] for row in sex[1:]] == ["5", "5"]  # Female, Male: nothing to hide
        assert "(10 respondents with a known value, 0 unknown)" in next(
            caption for caption in tables if caption.startswith("Sex")
        )


class TestDecidedEarly:
    """PA4.4's list in section 3.1, the risks and Appendix B."""

    def test_without_a_list_of_decisions_the_paper_says_so(self):
        paper = make_paper()
        text = text_of(paper, "scorecard")
        assert "PA4.4 Decided after the results[x] no list of decisions" in text
        assert "No list of the council's decisions was provided" in text
        assert "No list of the council's decisions was provided" in text_of(
            paper, "appendix_data_quality"
        )

    def test_the_list_the_risk_and_the_unlisted_references(self):
        from tests.unit.measures.test_decisions import DECISIONS, REGISTER

        paper = make_paper(activities=REGISTER, decisions=DECISIONS)
        text = text_of(paper, "scorecard")
        assert "3 of the 5 activities that closed from April 2006 to September 2006" in text
        assert "PA4.4 Decided after the results2 of 5" in text
        rows = parse_paper(paper.scorecard().data).tables[
            "Activities decided before they closed or before their results, most recent "
            "decision first"
        ]
        assert [r[1:] for r in rows[1:]] == [
            ["D5", "1 Aug 2006", "its results (none yet)"],
            ["D3", "14 Jul 2006", "its results (15 Jul 2006)"],
            ["D4", "29 Jun 2006", "it closed (30 Jun 2006)"],
        ]  # fmt: skip
        assert "and 0 more" not in text
        assert (
            "3 of the 5 activities closed in the period with a listed decision were decided too "
            "early for their results to inform it (section 3.1)." in risk_items(paper)
        )
        assert "1 decision reference in the activity register is not in the council's list" in (
            text_of(paper, "appendix_data_quality")
        )

    def test_both_of_two(self):
        closed = {"status": "closed", "start_date": "2006-05-01", "end_date": "2006-06-30"}
        acts = f.activities(*[{**closed, "decision_ref": f"D{i}"} for i in range(2)])
        decisions = f.decisions(("D0", "2006-06-01", None), ("D1", "2006-06-02", None))
        text = text_of(make_paper(activities=acts, decisions=decisions), "scorecard")
        assert "Both activities that closed from April 2006 to September 2006" in text

    def test_ten_listed_and_n_more(self):
        closed = {"status": "closed", "start_date": "2006-05-01", "end_date": "2006-06-30"}
        acts = f.activities(*[{**closed, "decision_ref": f"D{i:02d}"} for i in range(12)])
        decisions = f.decisions(*[(f"D{i:02d}", f"2006-06-{i + 1:02d}", None) for i in range(12)])
        paper = make_paper(activities=acts, decisions=decisions)
        view = paper.view.decisions
        assert (view.checked, view.early_count, len(view.early), view.more) == (12, 12, 10, 2)
        assert view.early[0].decision_ref == "D11"  # the most recent first
        assert "All 12 activities that closed from April 2006 to September 2006" in (
            text_of(paper, "scorecard")
        )
        assert "and 2 more." in text_of(paper, "scorecard")


def test_every_indicator_has_a_finding_in_committee_words():
    from pipeline.measures.indicators import REGISTRY
    from pipeline.paper.findings import FINDINGS

    assert set(FINDINGS) == {i.id for i in REGISTRY}
    assert all("{value}" in text and "PA" not in text for text in FINDINGS.values())
