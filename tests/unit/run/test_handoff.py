"""The notebooks' handoff: the view travels as JSON unchanged; the code version is given once."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.errors import ParameterError
from pipeline.measures.figures import build_view
from pipeline.measures.page_entries_view import PlanCounts
from pipeline.measures.progress import compute_progress
from pipeline.measures.view import Provenance, ReportView
from pipeline.paths import DEFAULT_DATA, PROJECT_ROOT
from pipeline.publish.web_pages import Site
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


class TestPreviewChecks:
    """A notebook previewed by hand checks what ``make report`` checks, from the project root."""

    def test_a_relative_data_folder_is_read_from_the_project_root(self):
        assert handoff.data_folder("data/extract") == PROJECT_ROOT / "data" / "extract"
        assert handoff.data_folder("/srv/extract").as_posix() == "/srv/extract"
        assert handoff.data_folder(None) == DEFAULT_DATA

    def test_a_period_past_the_data_stops_the_preview_as_it_stops_a_run(self):
        inputs = f.make_inputs(settings=f.settings(data_to="2007-03"))
        with pytest.raises(ParameterError) as stopped:
            handoff.checked_period("2010-01", None, inputs, None)
        assert stopped.value.problems == [
            "The period 2010-01..2010-01 ends after 2007-03, the last month the data folder "
            "covers (data_to in reference/report.toml). Choose a period that ends by 2007-03."
        ]

    def test_a_meeting_before_the_period_ends_stops_the_preview(self):
        inputs = f.make_inputs(settings=f.settings(data_to="2007-03"))
        with pytest.raises(ParameterError, match="before the end of the period"):
            handoff.checked_period("2006-04..2007-01", "2007-01-15", inputs, None)
        with pytest.raises(ParameterError, match="not a date in the form YYYY-MM-DD"):
            handoff.checked_period("2006-04..2007-01", "12/02/2007", inputs, None)

    def test_in_a_run_the_period_was_checked_before_the_notebooks(self):
        inputs = f.make_inputs(settings=f.settings(data_to="2007-03"))
        # The run checked the data folder itself; the notebook only reads the period.
        assert str(handoff.checked_period("2010-01", None, inputs, "/work")) == "2010-01..2010-01"


class TestPackageDigest:
    def test_it_follows_the_package_not_the_notebooks(self, monkeypatch, tmp_path):
        package = tmp_path / "pipeline"
        package.mkdir()
        (package / "thresholds.py").write_text("FEEDBACK_DAYS = 84\n")
        notebook = tmp_path / "02.ipynb"
        notebook.write_text("{}")
        monkeypatch.setattr(handoff, "PACKAGE", package)
        monkeypatch.setattr(
            "pipeline.publish.provenance.code_files", lambda: [notebook, package / "thresholds.py"]
        )
        before = handoff.package_digest()
        notebook.write_text('{"period": "2007-01"}')
        assert handoff.package_digest() == before
        (package / "thresholds.py").write_text("FEEDBACK_DAYS = 56\n")
        assert handoff.package_digest() != before


class TestStalePreview:
    """Notebook 03 previewed after an edit to pipeline/ never shows the old code's figures."""

    def _saved(self, tmp_path, monkeypatch, digest: str) -> tuple[ReportView, object]:
        inputs = f.make_inputs(
            activities=f.activities({"status": "closed"}), settings=f.settings(data_to="2007-03")
        )
        view = build_view(
            inputs,
            compute_progress(inputs, f.PERIOD),
            f.PERIOD,
            meeting_date=date(2006, 10, 9),
            code=Provenance("abc", False, digest),
        )
        monkeypatch.setattr(handoff, "PREVIEW", tmp_path)
        (tmp_path / "handoff").mkdir()
        monkeypatch.setattr(handoff, "package_digest", lambda: digest)
        handoff.save_figures(view, Site.of(inputs, f.PERIOD), tmp_path / "handoff")
        monkeypatch.setattr(handoff, "package_digest", lambda: "now")
        monkeypatch.setattr(handoff, "ingested", lambda _work: inputs)
        monkeypatch.setattr(handoff, "provenance", lambda _code: Provenance("abc", False, "now"))
        return view, inputs

    def test_figures_saved_by_the_same_code_are_shown_as_saved(self, tmp_path, monkeypatch):
        view, _ = self._saved(tmp_path, monkeypatch, "now")
        assert handoff.view(None) == view

    def test_figures_saved_by_other_code_are_worked_out_again(self, tmp_path, monkeypatch, caplog):
        view, _ = self._saved(tmp_path, monkeypatch, "before the edit")
        again = handoff.view(None)
        assert again.code.digest == "now"
        assert again.period == view.period
        assert again.details.meeting_date == date(2006, 10, 9)
        assert "pipeline/ has changed since notebook 02 saved its figures" in caplog.text

    def test_a_run_uses_what_its_notebook_02_saved(self, tmp_path, monkeypatch):
        view, _ = self._saved(tmp_path, monkeypatch, "before the edit")
        assert handoff.view(str(tmp_path / "handoff")) == view


class TestStaleInputs:
    """Notebook 02 previewed after an edit of pipeline/ reads notebook 01's folder again."""

    def _saved(self, tmp_path, monkeypatch, digest: str):
        inputs = f.make_inputs(settings=f.settings(data_to="2007-03"))
        monkeypatch.setattr(handoff, "PREVIEW", tmp_path)
        monkeypatch.setattr(handoff, "package_digest", lambda: digest)
        handoff.save_inputs(inputs, tmp_path / "handoff", "extracts/2007", strict=True)
        monkeypatch.setattr(handoff, "package_digest", lambda: "now")
        read = []
        monkeypatch.setattr(
            handoff, "ingest", lambda folder, strict: read.append((folder, strict)) or inputs
        )
        return read

    def test_inputs_read_by_the_same_code_are_used_as_saved(self, tmp_path, monkeypatch):
        read = self._saved(tmp_path, monkeypatch, "now")
        handoff.ingested(None)
        assert read == []

    def test_after_an_edit_the_same_folder_is_read_again_and_saved(
        self, tmp_path, monkeypatch, caplog
    ):
        read = self._saved(tmp_path, monkeypatch, "before the edit")
        handoff.ingested(None)
        folder = str(PROJECT_ROOT / "extracts" / "2007")
        assert read == [(folder, True)]
        assert "pipeline/ has changed since notebook 01 read the data folder" in caplog.text
        handoff.ingested(None)  # saved again by this code: not read a third time
        assert read == [(folder, True)]

    def test_a_run_uses_what_its_notebook_01_saved(self, tmp_path, monkeypatch):
        read = self._saved(tmp_path, monkeypatch, "before the edit")
        handoff.ingested(str(tmp_path / "handoff"))
        assert read == []
