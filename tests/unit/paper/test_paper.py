"""The paper's sections, written from hand-made figures (tests/unit/factories.py)."""

from __future__ import annotations

import pytest

from pipeline.measures.progress import compute_progress
from pipeline.paper.paper import Paper, paper_title, recommendations, risk_items, summary_sentences
from tests.html_text import parse_paper, plain_text
from tests.unit import factories as f

SECTIONS = (
    "header",
    "summary",
    "recommendations",
    "scorecard",
    "action_plan",
    "achievements",
    "activity",
    "who_took_part",
    "what_people_said",
    "finance",
    "risks",
    "implications",
    "background",
    "appendix_definitions",
    "appendix_data_quality",
    "appendix_provenance",
)


def make_paper(meeting_date: str | None = None, **frames) -> Paper:
    inputs = f.make_inputs(**frames)
    progress = compute_progress(inputs, f.PERIOD)
    return Paper.load(inputs, progress, str(f.PERIOD), meeting_date)


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
            "No consultation or community involvement activity was recorded for "
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
            "2 consultation and involvement activities ran during April 2006 to "
            "September 2006: 1 started and 2 closed in the period."
        )

    def test_actions_on_track_out_of_all(self):
        # At 30 September 2006: A1 due in 2007 is on track; A2 was due in June: overdue.
        paper = make_paper(actions=f.actions({}, {"due_date": "2006-06-01"}))
        assert "1 of the 2 actions in the action plan is on track." in summary_sentences(paper)


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
            "which is rated Red, be reported back to this meeting."
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
            "and no input row was set aside."
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
        from pipeline.paper.paper import plain_reason

        assert plain_reason("end_date is before start_date") == "end date is before start date"

    def test_file_names_left_alone(self):
        from pipeline.paper.paper import plain_reason

        reason = "'X' is not a programme area in reference/programme_areas.csv"
        assert plain_reason(reason) == reason
