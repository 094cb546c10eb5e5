"""Where a folder's records end when report.toml has no data_to: the latest dates in them."""

from __future__ import annotations

import shutil

from pipeline.ingest.coverage import folder_coverage, inputs_coverage
from pipeline.ingest.folder import check_folder
from pipeline.ingest.load import load_inputs
from pipeline.paths import DEFAULT_DATA
from pipeline.spec.period import Month


def _without_data_to(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, data)
    toml = data / "reference" / "report.toml"
    lines = toml.read_text(encoding="utf-8").splitlines(keepends=True)
    toml.write_text("".join(x for x in lines if not x.startswith("data_to")), encoding="utf-8")
    return data


class TestCoverage:
    def test_data_to_says_where_the_records_end(self):
        checked = load_inputs(DEFAULT_DATA)
        covered = inputs_coverage(checked)
        assert (covered.first, covered.last, covered.declared) == (
            Month(2005, 4),
            Month(2007, 3),
            True,
        )

    def test_without_data_to_the_latest_registration_or_training_date(self, tmp_path):
        data = _without_data_to(tmp_path)
        inputs = load_inputs(data)
        latest = max(inputs.activities["registered_date"].max(), inputs.training["date"].max())
        expected = Month(latest.year, latest.month)
        covered = inputs_coverage(inputs)
        assert (covered.last, covered.declared) == (expected, False)
        # The pre-flight check, which reads only the two date columns, finds the same month.
        layout = check_folder(data)
        assert folder_coverage(layout, inputs.settings) == covered
