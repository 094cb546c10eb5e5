"""Data folders written by the programs councils and survey agencies use: LibreOffice (headless,
with an English (UK) profile, as on a council PC) and GNU PSPP. Each must give the figures the
CSV folder gives, or be refused with what to save it as.

LibreOffice and PSPP are Debian packages (libreoffice-calc-nogui, pspp): CI installs them; on
a machine without them these tests are skipped with a reason (and fail under CI=true).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.errors import InputError
from pipeline.ingest.cells import parse_dates, parse_numbers
from pipeline.ingest.load import load_inputs, preflight
from pipeline.measures.scorecard import compute_indicators
from pipeline.paths import DEFAULT_DATA
from pipeline.spec.period import parse_period
from tests.libreoffice import converter, require_program

PERIOD = parse_period("2006-04..2007-01")
REGISTER = "activity_register.csv"
# LibreOffice's CSV filter: commas, double quotes, UTF-8 (76), and cells saved as shown.
CSV_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"


@pytest.fixture(scope="module")
def soffice(tmp_path_factory) -> callable:
    """Convert a file with LibreOffice headless, in a private English (UK) profile."""
    program = require_program("soffice", "libreoffice-calc-nogui")
    return converter(program, tmp_path_factory.mktemp("libreoffice-profile"))


def _copy_sample(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, data)
    return data


@pytest.fixture(scope="module")
def sample_indicators() -> pd.DataFrame:
    return compute_indicators(load_inputs(DEFAULT_DATA), PERIOD)


class TestLibreOffice:
    def test_a_register_saved_as_xlsx_gives_the_same_figures(self, tmp_path, soffice):
        data = _copy_sample(tmp_path)
        soffice(data / REGISTER, "xlsx", data)
        (data / REGISTER).unlink()
        inputs = load_inputs(data)
        original = load_inputs(DEFAULT_DATA)
        assert len(inputs.activities) == len(original.activities)
        pd.testing.assert_frame_equal(
            compute_indicators(inputs, PERIOD), compute_indicators(original, PERIOD)
        )

    @pytest.mark.parametrize(("fmt", "what"), [("xls", "Excel 97-2003"), ("ods", "OpenDocument")])
    def test_a_register_saved_as_xls_or_ods_is_refused_with_what_to_do(
        self, tmp_path, soffice, fmt, what
    ):
        data = _copy_sample(tmp_path)
        soffice(data / REGISTER, fmt, data)
        (data / REGISTER).unlink()
        with pytest.raises(InputError) as caught:
            preflight(data)
        message = "\n".join(caught.value.problems)
        assert f"activity_register.{fmt} is an {what}" in message
        assert "save it as .xlsx (Excel Workbook) or .csv (CSV UTF-8)" in message

    def test_dates_and_costs_exported_as_shown_read_as_their_values(self, tmp_path, soffice):
        # A workbook whose dates show as 12-Apr-2006 and costs as £1,250.00, saved as CSV by
        # LibreOffice, which writes cells as they are shown.
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["start", "cost"])
        sheet.append([datetime(2006, 4, 12), 1250])
        sheet.append([datetime(2007, 1, 3), 75.5])
        for row in sheet.iter_rows(min_row=2):
            row[0].number_format = "DD-MMM-YYYY"
            row[1].number_format = '"£"#,##0.00'
        book.save(tmp_path / "shown.xlsx")
        wanted = [pd.Timestamp("2006-04-12"), pd.Timestamp("2007-01-03")]
        for options, date_text in ((CSV_AS_SHOWN, "12-Apr-2006"), ("csv", "12/04/2006")):
            folder = tmp_path / date_text.replace("/", "")
            folder.mkdir()
            csv_path = soffice(tmp_path / "shown.xlsx", options, folder)
            text = csv_path.read_text(encoding="utf-8")
            assert date_text in text  # as shown, or the English (UK) default
            frame = pd.read_csv(csv_path, dtype=str)
            assert parse_dates(frame["start"]).values.tolist() == wanted
            assert parse_numbers(frame["cost"], pounds=True)[0].tolist() == [1250.0, 75.5]
        assert "£1,250.00" in (tmp_path / "12-Apr-2006" / "shown.csv").read_text("utf-8")


class TestPspp:
    @pytest.mark.parametrize(
        ("name", "compression"), [("qol.sav", "/COMPRESSED"), ("qol.zsav", "/ZCOMPRESSED")]
    )
    def test_a_survey_written_by_pspp_gives_the_same_figures(self, tmp_path, name, compression):
        program = require_program("pspp", "pspp")
        data = _copy_sample(tmp_path)
        source = data / "surveys" / "qol_2006.csv"
        columns = pd.read_csv(source, nrows=0).columns
        variables = " ".join(f"{c} A60" for c in columns)
        syntax = tmp_path / "save.sps"
        syntax.write_text(
            f"GET DATA /TYPE=TXT /FILE='{source}' /ENCODING='UTF-8' /DELIMITERS=','\n"
            f"  /QUALIFIER='\"' /FIRSTCASE=2 /VARIABLES={variables}.\n"
            f"SAVE OUTFILE='{data / 'surveys' / name}' {compression}.\n",
            encoding="utf-8",
        )
        subprocess.run([program, str(syntax)], check=True, capture_output=True, timeout=180)
        source.unlink()
        inputs = load_inputs(data)
        original = load_inputs(DEFAULT_DATA)
        assert len(inputs.surveys) == len(original.surveys)
        pd.testing.assert_frame_equal(
            compute_indicators(inputs, PERIOD), compute_indicators(original, PERIOD)
        )
