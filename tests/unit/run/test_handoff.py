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

        monkeypatch.setattr("pipeline.publish.archive.code_version", refuse)
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
        handoff.save_view(view, tmp_path)
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
        handoff.save_view(view, tmp_path)
        assert handoff.view(str(tmp_path)).upcoming == view.upcoming


class TestTheWebPagesRegister:
    def test_the_register_s_columns_give_the_pages_the_whole_register_gives(self, tmp_path):
        from pipeline.ingest.inputs import Inputs
        from pipeline.measures.website import REGISTER_COLUMNS
        from pipeline.publish.website import Site

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
        inputs.save(tmp_path / "inputs")
        activities, elections, settings = Inputs.load_register(
            tmp_path / "inputs", REGISTER_COLUMNS
        )
        assert list(activities.columns) == list(REGISTER_COLUMNS)
        assert settings == inputs.settings
        site = Site.of_register(activities, elections, settings, f.PERIOD)
        assert site == Site.of(inputs, f.PERIOD)
        assert site.figures.plan.clash_pairs == 1
        assert site.figures.results.entries[0].we_did == "Moved."
