"""The entry point's checks before any kernel starts."""

import pytest

from pipeline.errors import ParameterError
from pipeline.paths import DEFAULT_DATA
from pipeline.run import console, notebooks, report, reports


class TestRefusedBeforeAnyKernel:
    def test_period_before_data_from_names_it(self, tmp_path):
        with pytest.raises(ParameterError) as caught:
            report.run_report("2005-03", data_dir=DEFAULT_DATA, output_dir=tmp_path)
        assert "2005-04" in str(caught.value)
        assert "data_from" in str(caught.value)
        assert list(tmp_path.iterdir()) == []

    def test_meeting_date_must_be_a_date(self, tmp_path):
        with pytest.raises(ParameterError, match="YYYY-MM-DD"):
            report.run_report(
                "2006-04", data_dir=DEFAULT_DATA, output_dir=tmp_path, meeting_date="12/02/2007"
            )

    def test_missing_data_folder(self, tmp_path):
        with pytest.raises(ParameterError, match="does not exist"):
            report.run_report("2006-04", data_dir=tmp_path / "nowhere", output_dir=tmp_path)

    def test_output_folder_that_is_a_file(self, tmp_path):
        blocker = tmp_path / "file.txt"
        blocker.write_text("x", encoding="utf-8")
        with pytest.raises(ParameterError, match="output folder"):
            report.run_report("2006-04", data_dir=DEFAULT_DATA, output_dir=blocker)

    def test_unknown_notebook_parameter_is_an_error(self, tmp_path):
        with pytest.raises(ParameterError, match="no parameter named colour"):
            notebooks.execute_notebook("03_paper.ipynb", tmp_path, {"colour": "red"})


class TestReports:
    def test_every_period_checked_before_any_runs(self, tmp_path):
        with pytest.raises(ParameterError):
            reports.run_reports(["2006-04", "2006-13"], data_dir=DEFAULT_DATA, output_dir=tmp_path)
        assert list(tmp_path.iterdir()) == []

    def test_no_periods(self, tmp_path):
        with pytest.raises(ParameterError, match="No periods"):
            reports.run_reports([], data_dir=DEFAULT_DATA, output_dir=tmp_path)


class TestSetAsideSummary:
    def test_counts_by_dataset_and_reason(self):
        import pandas as pd

        from pipeline.measures.progress import set_aside_counts

        frame = pd.DataFrame(
            {
                "dataset": ["training_log", "activity_register", "activity_register"],
                "reason": [
                    "attendees must be 0 or more",
                    "end_date is before start_date",
                    "end_date is before start_date",
                ],
            }
        )
        counts = set_aside_counts(frame)
        assert counts == [
            {"dataset": "activity_register", "reason": "end_date is before start_date", "rows": 2},
            {"dataset": "training_log", "reason": "attendees must be 0 or more", "rows": 1},
        ]
        assert console.set_aside_lines(counts) == [
            "3 input rows set aside (listed in set_aside.csv):",
            "  activity_register: end_date is before start_date (2)",
            "  training_log: attendees must be 0 or more (1)",
        ]

    def test_nothing_set_aside_says_nothing(self):
        assert console.set_aside_lines([]) == []
