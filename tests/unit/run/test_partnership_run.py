"""The partnership run's checks before any notebook runs, and its run ids."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError, ParameterError
from pipeline.paths import DEFAULT_DATA, NOTEBOOKS
from pipeline.run.partnership import NOTEBOOK_ORDER, check_request


class TestChecks:
    def test_a_bad_meeting_date_is_a_plain_stop(self, tmp_path):
        with pytest.raises(ParameterError, match="'12/02/2007' is not a date"):
            check_request("2006-04..2007-01", "12/02/2007", False, DEFAULT_DATA, tmp_path)

    def test_a_missing_data_folder_is_named(self, tmp_path):
        with pytest.raises(ParameterError, match="does not exist"):
            check_request("2006-04..2007-01", None, False, tmp_path / "nowhere", tmp_path)

    def test_a_council_folder_without_partners_is_refused_before_any_notebook(self, tmp_path):
        import shutil

        data = tmp_path / "data"
        shutil.copytree(DEFAULT_DATA, data)
        (data / "reference" / "partners.csv").unlink()
        with pytest.raises(InputError, match=r"reference/partners\.csv is missing"):
            check_request("2006-04..2007-01", None, False, data, tmp_path / "out")
        assert not (tmp_path / "out").exists()


class TestRunIds:
    def test_the_run_id_depends_on_the_kind_inputs_and_parameters(self, tmp_path):
        request = check_request("2006-04..2007-01", None, False, DEFAULT_DATA, tmp_path)
        run, folder = request.run_folder("weasyprint")
        assert folder == tmp_path.resolve() / "partnership" / "2006-04..2007-01" / run
        assert "partners/police.csv" in dict(request.hashes)
        other = check_request("2006-04..2007-01", "2007-03-01", False, DEFAULT_DATA, tmp_path)
        assert other.run_folder("weasyprint")[0] != run


def test_the_notebooks_exist_with_a_parameters_cell():
    import papermill

    for name in NOTEBOOK_ORDER:
        assert papermill.inspect_notebook(str(NOTEBOOKS / name))
