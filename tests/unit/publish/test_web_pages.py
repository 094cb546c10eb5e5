"""The CCI web pages and their CSV files, written from views of small hand-made registers.

The period is April to September 2006 (pe 30 September 2006); expected text is worked by hand
from website.md.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from pipeline.publish.checks import publishing_problems
from pipeline.publish.web_pages import (
    Site,
    forward_plan_page,
    plan_table,
    results_table,
    write_website,
    you_said_page,
)
from tests.html_text import parse_paper, plain_text
from tests.unit import factories as f

YOUNG = "Young people"
WEBSITE = "https://www.example.gov.uk/consultation"


def elections(*rows: tuple[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["name", "polling_day"])
    return frame.astype({"name": "str", "polling_day": "datetime64[ns]"})


def view_of(*rows: dict, polls: pd.DataFrame | None = None, **settings) -> Site:
    inputs = f.make_inputs(
        activities=f.activities(*rows),
        settings=f.settings(**settings),
        **({"elections": polls} if polls is not None else {}),
    )
    return Site.of(inputs, f.PERIOD)


def closed(**values) -> dict:
    return {
        "status": "closed",
        "start_date": "2006-05-01",
        "end_date": "2006-05-31",
        "results_published_date": "2006-06-10",
        **values,
    }


def planned(**values) -> dict:
    return {
        "status": "planned",
        "registered_date": "2006-08-01",
        "start_date": "2006-10-02",
        "end_date": "2006-10-31",
        **values,
    }


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


class TestYouSaidWeDidPage:
    def test_you_said_and_we_did_fall_back_as_the_spec_says(self):
        view = view_of(
            closed(title="Told", you_said="Open later.", we_did="We open until 8pm."),
            closed(title="Changed", influence="changed", decision_ref="CAB-06-12"),
            closed(title="Informed", influence="informed"),
            closed(title="Kept", influence="no change"),
            closed(title="Waiting", influence="pending"),
            closed(title="Nothing"),
        )
        text = plain_text(you_said_page(view))
        assert "You said Open later. We did We open until 8pm." in text
        published = "You said The results were published on 10 June 2006."
        assert (
            f"{published} We did The decision was changed as a result. "
            "Decision reference: CAB-06-12." in text
        )
        assert f"{published} We did The results informed the decision." in text
        assert f"{published} We did The decision was not changed." in text
        assert f"{published} We did The decision has not yet been made." in text
        assert f"{published} We did Not yet recorded." in text

    def test_we_asked_names_area_method_dates_and_participants(self):
        view = view_of(
            closed(
                title="Library opening hours",
                programme_area="Housing",
                area_assembly="Borough-wide",
                method="postal survey",
                participants=1,
            ),
            closed(title="One day", start_date="2006-05-31", end_date="2006-05-31"),
        )
        text = plain_text(you_said_page(view))
        assert (
            "Library opening hours We asked Programme area: Housing Area: Borough-wide "
            "Method: Postal survey When: 1 May 2006 to 31 May 2006 Took part: 1 person "
            "Reference: ACT-001 You said" in text
        )
        # No participants recorded: nothing said about them.
        assert "When: 31 May 2006 Reference: ACT-002 You said" in text

    def test_counts_sentence_and_months_latest_first(self):
        view = view_of(
            closed(end_date="2006-07-15", feedback_date="2006-08-01"),
            closed(feedback_date="2006-06-20"),
            closed(results_published_date=None),  # closed, no results: counted in C only
        )
        html = you_said_page(view)
        assert (
            "3 activities closed between April 2006 and September 2006. 2 of them have published "
            "their results, shown on this page, and 2 of those have told the people who took "
            "part what happened." in plain_text(html)
        )
        assert parse_paper(html).headings == [
            ("h1", "We asked, you said, we did"),
            ("h2", "Closed in July 2006"),
            ("h3", "A consultation"),
            ("h2", "Closed in May 2006"),
            ("h3", "A consultation"),
        ]

    def test_counts_agree_with_one_and_none(self):
        text = plain_text(you_said_page(view_of(closed())))
        assert (
            "1 activity closed between April 2006 and September 2006. 1 of them has published "
            "its results, shown on this page, and none of those has yet told the people who took "
            "part what happened." in text
        )

    def test_nothing_closed_or_published_says_so(self):
        text = plain_text(you_said_page(view_of()))
        assert (
            "No consultation or involvement activity closed between April 2006 and September "
            "2006." in text
        )
        assert (
            "There is nothing to show yet: no activity that closed between April 2006 and "
            "September 2006 had published its results by 30 September 2006." in text
        )
        unpublished = plain_text(you_said_page(view_of(closed(results_published_date=None))))
        assert "1 activity closed between April 2006 and September 2006. None of them" in (
            unpublished
        )

    def test_hostile_text_is_shown_as_text_and_neutralised_in_the_csv(self):
        view = view_of(
            closed(
                title="<script>alert('x')</script>",
                you_said='<img src=x onerror=alert(1)> & "quoted"',
                we_did='=HYPERLINK("http://example.com","click")',
                decision_ref="@SUM(A1)",
            )
        )
        html = you_said_page(view)
        assert "<script" not in html
        assert "<img" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt; &amp; &#34;quoted&#34;" in html
        assert publishing_problems(html) == []
        (row,) = csv_rows(results_table(view.figures.results).pipe(_csv))
        assert row["title"] == "<script>alert('x')</script>"
        assert row["we_did"] == '\'=HYPERLINK("http://example.com","click")'
        assert row["decision_ref"] == "'@SUM(A1)"

    def test_csv_has_the_spec_columns_and_raw_values_in_the_pages_order(self):
        view = view_of(
            closed(participants=12, feedback_date="2006-10-01", influence="no change"),
            closed(activity_id="ACT-000", end_date="2006-06-01", you_said="Yes, please."),
        )
        text = results_table(view.figures.results).pipe(_csv)
        assert text.splitlines()[0] == (
            "activity_id,title,programme_area,area_assembly,method,start_date,end_date,"
            "participants,results_published_date,feedback_date,influence,decision_ref,you_said,"
            "we_did"
        )
        assert text.splitlines()[1:] == [
            "ACT-000,A consultation,Housing,Wath,postal survey,2006-05-01,2006-06-01,,"
            '2006-06-10,,,,"Yes, please.",',
            # The feedback came after the period end: empty, as at pe.
            "ACT-001,A consultation,Housing,Wath,postal survey,2006-05-01,2006-05-31,12,"
            "2006-06-10,,no change,,,",
        ]


def _csv(frame: pd.DataFrame) -> str:
    from pipeline.publish.csvout import to_csv_text

    return to_csv_text(frame, numeric=("participants",))


class TestForwardPlanPage:
    def test_each_flag_in_words(self):
        view = view_of(
            planned(title="Youth survey", target_groups=YOUNG),
            planned(
                activity_id="ACT-009",
                title="Play areas",
                target_groups=YOUNG,
                area_assembly="Borough-wide",
                formal=True,
                registered_date="2006-09-30",
                start_date="2006-10-02",
                end_date="2007-04-01",
            ),
            planned(formal=True, start_date="2006-10-27", end_date="2006-11-25"),
            planned(start_date="2006-09-20", registered_date="2006-09-25"),
            polls=elections(("Borough council elections 2007", "2007-05-03")),
        )
        text = plain_text(forward_plan_page(view))
        assert (
            "Clash: It overlaps in time, area and community of interest with Play areas "
            "(ACT-009)." in text
        )
        assert (
            "Clash: It overlaps in time, area and community of interest with Youth survey "
            "(ACT-001)." in text
        )
        assert (
            "Short consultation: A formal consultation of 30 days, shorter than the standard "
            "84 days (12 weeks)." in text
        )
        assert (
            "Late to the register: It was entered on the register on 30 September 2006, less "
            "than 28 days (4 weeks) before it starts." in text
        )
        assert (
            "Late to the register: It was entered on the register on 25 September 2006, after "
            "it started." in text
        )
        assert (
            "Pre-election period: It overlaps the 42 days (6 weeks) up to the Borough "
            "council elections 2007, polling day 3 May 2007." in text
        )
        assert (
            "4 activities are on the forward plan. 2 clash with another (1 clashing pair), "
            "1 is a short formal consultation and 1 overlaps a pre-election period." in text
        )

    def test_an_entry_shows_its_details(self):
        text = plain_text(
            forward_plan_page(view_of(planned(target_groups=f"{YOUNG};Older people", formal=True)))
        )
        assert (
            "A consultation Programme area: Housing Area: Wath Method: Postal survey When: "
            "2 October 2006 to 31 October 2006 For: Young people and Older people Formal "
            "consultation: Yes Reference: ACT-001" in text
        )
        assert "For: Everyone" in plain_text(forward_plan_page(view_of(planned())))

    def test_under_way_then_by_the_month_they_start(self):
        view = view_of(
            planned(title="Later", start_date="2006-11-01", end_date="2006-11-30"),
            planned(title="Now", start_date="2006-09-01"),
            planned(title="Soon"),
        )
        assert parse_paper(forward_plan_page(view)).headings == [
            ("h1", "Forward plan of consultation"),
            ("h2", "Under way"),
            ("h3", "Now"),
            ("h2", "Starting in October 2006"),
            ("h3", "Soon"),
            ("h2", "Starting in November 2006"),
            ("h3", "Later"),
        ]

    def test_empty_plan_says_so_in_every_part(self):
        text = plain_text(forward_plan_page(view_of()))
        assert (
            "Nothing is on the forward plan: no activity entered on the register by 30 September "
            "2006 is planned or still running after that day." in text
        )
        assert "Under way No activity on the forward plan had started by 30 September 2006." in (
            text
        )
        assert (
            "Starting later No activity starting after 30 September 2006 had been entered on "
            "the register by then." in text
        )

    def test_none_of_each_count(self):
        text = plain_text(forward_plan_page(view_of(planned())))
        assert (
            "1 activity is on the forward plan. None clashes with another, none is a short "
            "formal consultation and none overlaps a pre-election period." in text
        )

    def test_clashing_entries_named_with_their_text_escaped_once(self):
        view = view_of(
            planned(title="Parks & <b>paths</b>", target_groups=YOUNG),
            planned(title="Play areas", target_groups=YOUNG),
            planned(title='"Youth" survey', target_groups=YOUNG),
            planned(title="Skate park", target_groups=YOUNG),
        )
        html = forward_plan_page(view)
        # Each names the other three: "A, B and C", every title escaped once.
        assert (
            "It overlaps in time, area and community of interest with Play areas "
            '(<span class="id">ACT-002</span>), &#34;Youth&#34; survey '
            '(<span class="id">ACT-003</span>) and Skate park (<span class="id">ACT-004</span>).'
        ) in html
        assert (
            'with Parks &amp; &lt;b&gt;paths&lt;/b&gt; (<span class="id">ACT-001</span>), Play '
            'areas (<span class="id">ACT-002</span>) and &#34;Youth&#34; survey'
        ) in html
        assert "<b>" not in html
        assert publishing_problems(html) == []

    def test_csv_columns_flags_and_clashes_joined_in_the_plans_order(self):
        view = view_of(
            planned(activity_id="C", title="=cmd", target_groups=f"{YOUNG};Older people"),
            planned(activity_id="A", target_groups=YOUNG, start_date="2006-10-03", formal=True),
            planned(activity_id="B", target_groups=YOUNG, start_date="2006-10-04"),
            polls=elections(("County election", "2006-11-02")),
        )
        lines = plan_table(view.figures.plan).pipe(_csv).splitlines()
        assert lines == [
            "activity_id,title,programme_area,area_assembly,method,start_date,end_date,"
            "target_groups,formal,clashes_with,short,late_to_register,pre_election",
            "C,'=cmd,Housing,Wath,postal survey,2006-10-02,2006-10-31,Young people;Older people,"
            "false,A;B,false,false,County election",
            "A,A consultation,Housing,Wath,postal survey,2006-10-03,2006-10-31,Young people,"
            "true,C;B,true,false,County election",
            "B,A consultation,Housing,Wath,postal survey,2006-10-04,2006-10-31,Young people,"
            "false,C;A,false,false,County election",
        ]


class TestBothPages:
    @pytest.mark.parametrize("page", [you_said_page, forward_plan_page])
    def test_council_name_and_website_link(self, page):
        html = page(view_of(organisation="Barnsley MBC", website=WEBSITE))
        assert '<p class="org-name">Barnsley MBC</p>' in html
        assert f'<a href="{WEBSITE}">the council\'s consultation pages</a>' in html
        assert "- Barnsley MBC</title>" in html
        without = page(view_of())
        assert "consultation pages" not in without
        assert 'href="http' not in without

    @pytest.mark.parametrize("page", [you_said_page, forward_plan_page])
    def test_self_contained_one_h1_as_at_the_period_end(self, page):
        html = page(view_of(closed(), planned()))
        assert publishing_problems(html) == []
        assert '<html lang="en-GB">' in html
        assert [tag for tag, _ in parse_paper(html).headings].count("h1") == 1
        assert "As at 30 September 2006" in plain_text(html)

    def test_no_column_names_or_snake_case_on_the_pages(self):
        view = view_of(closed(influence="changed"), planned(formal=True))
        for html in (you_said_page(view), forward_plan_page(view)):
            text = plain_text(html)
            assert not [w for w in text.split() if "_" in w]

    def test_the_folder_holds_both_pages_their_csv_files_and_the_calendar(self, tmp_path):
        view = view_of(closed(), planned())
        folder = write_website(view, tmp_path)
        assert folder == tmp_path / "website"
        assert sorted(p.name for p in folder.iterdir()) == [
            "forward-plan.csv",
            "forward-plan.html",
            "forward-plan.ics",
            "you-said-we-did.csv",
            "you-said-we-did.html",
        ]
        again = write_website(view, tmp_path / "again")
        for path in folder.iterdir():
            assert (again / path.name).read_bytes() == path.read_bytes(), path.name
