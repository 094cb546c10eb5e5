"""The partnership paper's sections, on three partners' activities worked out by hand."""

from __future__ import annotations

import pytest

from pipeline.ingest.partnership import PartnershipInputs
from pipeline.measures.partnership_view import build_partnership_view, compute_partnership
from pipeline.measures.view import Provenance
from pipeline.paper.partnership import SECTIONS, PartnershipPaper, section_html
from pipeline.spec.partnership import Partner, PartnershipSettings
from tests.html_text import parse_paper, plain_text
from tests.unit.factories import PERIOD, activities, make_inputs, targets

PARTNERS = (
    Partner("Council X", "x", "council"),
    Partner("Police Y", "y", "police"),
    Partner("Trust Z", "z", "health"),
)


def _view(load_limit: int | None = 1):
    register = activities(
        {
            "organisation": "Council X",
            "title": "Library hours survey",
            "target_groups": "Older people",
            "decision_ref": "D1",
        },
        {
            "organisation": "Police Y",
            "title": "Library hours survey",
            "target_groups": "Older people",
            "start_date": "2006-05-20",
            "end_date": "2006-06-10",
        },
        {"organisation": "Trust Z", "title": "Road safety", "area_assembly": "Wentworth North"},
    )
    inputs = make_inputs(activities=register, targets=targets(("PA1.2", 75, 5)))
    settings = PartnershipSettings("P", "Board B", "Co-ordinator", "Team", load_limit=load_limit)
    partnership = PartnershipInputs(inputs, PARTNERS, settings)
    frames = compute_partnership(partnership, PERIOD)
    return build_partnership_view(
        partnership, frames, PERIOD, meeting_date=None, code=Provenance("abc", False, "def")
    )


def _rated_view():
    """Ten activities for each partner, enough to rate a share of activities: all of Council X's
    name a decision, none of Police Y's or Trust Z's."""
    rows = [
        {
            "organisation": partner.name,
            "title": f"{partner.short_name} consultation {n}",
            "decision_ref": f"D{n}" if partner.sector == "council" else "",
        }
        for partner in PARTNERS
        for n in range(10)
    ]
    inputs = make_inputs(activities=activities(*rows), targets=targets(("PA1.2", 75, 5)))
    settings = PartnershipSettings("P", "Board B", "Co-ordinator", "Team", load_limit=None)
    partnership = PartnershipInputs(inputs, PARTNERS, settings)
    return build_partnership_view(
        partnership,
        compute_partnership(partnership, PERIOD),
        PERIOD,
        meeting_date=None,
        code=Provenance("abc", False, "def"),
    )


class TestSections:
    def test_summary_names_counts_pairs_the_busiest_cell_and_red_standards(self):
        text = plain_text(section_html("summary", _view()))
        assert (
            "From April 2006 to September 2006 the 3 organisations of the P ran 3 consultation "
            "and involvement activities: Council X 1 activity, Police Y 1 activity and Trust Z "
            "1 activity."
        ) in text
        assert "1 pair of activities led by different partners clashed" in text
        assert "and 1 pair may duplicate each other" in text
        assert "the busiest were Wath in May 2006 (2 activities)" in text
        # One activity each: too few to rate a share of activities, so no partner is Red.
        assert "No partner is Red on any shared standard." in text

    def test_summary_names_the_red_standards_of_each_partner(self):
        text = plain_text(section_html("summary", _rated_view()))
        assert "Police Y is Red on 1 shared standard: linked to a decision." in text
        assert "Trust Z is Red on 1 shared standard: linked to a decision." in text
        assert "Council X is Red" not in text

    def test_recommendations_name_the_partners_concerned(self):
        items = parse_paper(section_html("recommendations", _view())).text_parts
        text = " ".join(items)
        assert "That the progress of the Partnership CCI Framework from April 2006 to " in text
        assert "That the partners concerned (Council X and Police Y) agree a joint approach" in text
        rated = " ".join(parse_paper(section_html("recommendations", _rated_view())).text_parts)
        assert "That Police Y and Trust Z each agree a plan to bring their Red standards" in rated
        assert "report back to a future meeting of the Board B" in rated

    def test_standards_table_has_partners_across_in_parts(self):
        tables = parse_paper(section_html("standards", _view())).tables
        first = tables["Shared standards by partner, April 2006 to September 2006 (part 1 of 2)"]
        assert first[0] == ["Standard", "Target or limit", "Council X", "Police Y", "Trust Z"]
        linked = next(row for row in first if row[0] == "Linked to a decision")
        assert linked[2:] == ["1 of 1 ○ No rating", "0 of 1 ○ No rating", "0 of 1 ○ No rating"]
        rated = parse_paper(section_html("standards", _rated_view())).tables
        linked = next(
            row
            for row in rated[
                "Shared standards by partner, April 2006 to September 2006 (part 1 of 2)"
            ]
            if row[0] == "Linked to a decision"
        )
        assert linked[2:] == ["100% ✔ Green", "0% ✖ Red", "0% ✖ Red"]
        second = tables["Shared standards by partner, April 2006 to September 2006 (part 2 of 2)"]
        assert second[0][2:] == ["The partnership"]

    def test_load_marks_cells_over_the_limit_in_words_and_symbol(self):
        tables = parse_paper(section_html("working_together", _view())).tables
        load = tables["Activities running in each area assembly, by month (part 1 of 2)"]
        assert load[0] == [
            "Area assembly",
            "Apr 2006",
            "May 2006",
            "Jun 2006",
            "Jul 2006",
            "Aug 2006",
        ]
        wath = next(row for row in load if row[0] == "Wath")
        assert wath[1:] == ["0", "2 ▲ over", "1", "0", "0"]
        rest = tables["Activities running in each area assembly, by month (part 2 of 2)"]
        assert rest[0] == ["Area assembly", "Sep 2006"]

    def test_without_a_limit_the_busiest_cell_is_named(self):
        text = plain_text(section_html("working_together", _view(load_limit=None)))
        assert "The busiest area assembly and month was Wath in May 2006 (2 activities)." in text
        assert "over" not in text.split("4.3")[1].split("Activities running")[0]

    @pytest.mark.parametrize("name", SECTIONS)
    def test_every_section_renders(self, name):
        assert PartnershipPaper(_view()).section(name).data.strip()
