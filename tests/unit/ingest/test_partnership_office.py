"""Partners' registers as their own office software writes them: LibreOffice (headless, in an
English (UK) profile) saving the police's CSV with UK dates as a workbook, and the PCT's
workbook as OpenDocument. Skipped with a reason where LibreOffice is missing (fails under CI)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pipeline.errors import InputError
from pipeline.ingest.partners import preflight_partnership
from pipeline.ingest.partnership import load_partnership
from pipeline.paths import DEFAULT_DATA
from tests.libreoffice import converter, require_program


@pytest.fixture(scope="module")
def soffice(tmp_path_factory):
    program = require_program("soffice", "libreoffice-calc-nogui")
    return converter(program, tmp_path_factory.mktemp("libreoffice-profile"))


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, data)
    return data


def _police(partnership) -> pd.DataFrame:
    activities = partnership.inputs.activities
    police = activities[activities["file"].str.startswith("partners/police")]
    return police[["activity_id", "start_date", "end_date", "organisation"]].reset_index(drop=True)


class TestLibreOffice:
    def test_a_csv_register_saved_as_a_workbook_gives_the_same_activities(self, folder, soffice):
        original = load_partnership(DEFAULT_DATA)
        soffice(folder / "partners" / "police.csv", "xlsx", folder / "partners")
        (folder / "partners" / "police.csv").unlink()
        again = load_partnership(folder)
        pd.testing.assert_frame_equal(_police(again), _police(original))
        aside = again.inputs.set_aside
        police = aside[aside["file"].eq("partners/police.xlsx")]
        assert police[["partner", "row", "column"]].values.tolist() == [
            ["South Yorkshire Police", 41, "start_date"]
        ]

    def test_a_register_saved_as_opendocument_is_refused_with_what_to_do(self, folder, soffice):
        soffice(folder / "partners" / "pct.xlsx", "ods", folder / "partners")
        (folder / "partners" / "pct.xlsx").unlink()
        with pytest.raises(InputError) as caught:
            preflight_partnership(folder)
        assert (
            "partners/pct.ods is an OpenDocument (LibreOffice) spreadsheet, which the pipeline "
            "does not read: save it as .xlsx (Excel Workbook) or .csv (CSV UTF-8)"
        ) in caught.value.problems
