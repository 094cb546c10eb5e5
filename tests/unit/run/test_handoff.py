"""The notebooks' handoff: the view travels as JSON unchanged; the code version is given once."""

from __future__ import annotations

from datetime import date

from pipeline.measures.figures import build_view
from pipeline.measures.progress import compute_progress
from pipeline.measures.view import Provenance, ReportView
from pipeline.measures.website_view import PlanCounts
from pipeline.run import handoff
from tests.unit import factories as f


class TestProvenance:
    def test_the_orchestrators_code_version_is_used_as_given(self, monkeypatch):
        def refuse() -> None:
            raise AssertionError("the code version was worked out again")

        monkeypatch.setattr("pipeline.publish.provenance.code_version", refuse)
        given = {"commit": "c0ffee", "dirty": True, "content_sha256": "d1gest"}
        assert handoff.provenance(given) == Provenance("c0ffee", True, "d1gest")


class TestView:
    def test_saved_and_loaded_unchanged(self, tmp_path):
        inputs = f.make_inputs(
            activities=f.activities({"status": "closed"}, {"status": "live"}),
            actions=f.actions({}, {"due_date": "2006-06-01"}),
        )
        view = build_view(
            inputs,
            compute_progress(inputs, f.PERIOD),
            f.PERIOD,
            meeting_date=date(2006, 10, 9),
            code=Provenance("abc", False, "def"),
        )
        view.save(tmp_path / handoff.VIEW_FILE)
        again = handoff.view(str(tmp_path))
        assert again == view
        assert isinstance(again, ReportView)
        assert (tmp_path / handoff.VIEW_FILE).read_bytes() == (
            view.save(tmp_path / "copy.json") or (tmp_path / "copy.json").read_bytes()
        )

    def test_the_forward_plan_travels_counted(self, tmp_path):
        # Three planned after pe: the first two clash (same dates, group and area), the third
        # is for everyone; one closed activity is not on the plan.
        inputs = f.make_inputs(
            activities=f.activities(
                {"status": "closed", "results_published_date": "2006-06-10", "you_said": "Yes."},
                *(
                    {
                        "status": "planned",
                        "start_date": "2006-10-02",
                        "end_date": "2006-10-31",
                        "target_groups": "Young people",
                    }
                    for _ in range(2)
                ),
                {"status": "planned", "start_date": "2006-10-02", "end_date": "2006-10-31"},
            ),
        )
        view = build_view(
            inputs,
            compute_progress(inputs, f.PERIOD),
            f.PERIOD,
            meeting_date=None,
            code=Provenance("abc", False, "def"),
        )
        assert view.upcoming == PlanCounts(
            as_at=date(2006, 9, 30), entries=3, with_clash=2, clash_pairs=1
        )
        view.save(tmp_path / handoff.VIEW_FILE)
        assert handoff.view(str(tmp_path)).upcoming == view.upcoming


class TestFigures:
    def test_the_paper_counts_the_forward_plan_the_web_pages_list(self, tmp_path):
        from pipeline.publish.website import Site

        # Two planned after pe that clash (same dates, group and area, both formal and
        # registered 12 days before they start) and one closed activity with results.
        inputs = f.make_inputs(
            activities=f.activities(
                {"status": "closed", "results_published_date": "2006-06-10", "we_did": "Moved."},
                *(
                    {
                        "status": "planned",
                        "registered_date": "2006-09-20",
                        "start_date": "2006-10-02",
                        "end_date": "2006-10-31",
                        "target_groups": "Young people",
                        "formal": True,
                    }
                    for _ in range(2)
                ),
            ),
            settings=f.settings(website="https://www.example.gov.uk/have-your-say"),
        )
        progress = compute_progress(inputs, f.PERIOD)
        code = Provenance("abc", False, "def")
        view, site = handoff.figures(inputs, progress, f.PERIOD, None, code)
        assert view.upcoming == PlanCounts(
            as_at=date(2006, 9, 30), entries=2, with_clash=2, clash_pairs=1
        )
        assert site == Site.of(inputs, f.PERIOD)
        assert site.figures.results.entries[0].we_did == "Moved."
        handoff.save_figures(view, site, tmp_path)
        assert Site.load(tmp_path / handoff.SITE_FILE) == site
        assert handoff.view(str(tmp_path)) == view
