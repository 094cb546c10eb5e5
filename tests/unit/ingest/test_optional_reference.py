"""Tests for the optional reference/ files: elections.csv and the council's Word template."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from pipeline.errors import InputError
from pipeline.ingest.load import load_inputs, preflight
from tests.unit.ingest_data import ACTIVITY, write_folder


def _problems(error: pytest.ExceptionInfo) -> str:
    return "\n".join(error.value.problems)


class TestElections:
    def test_without_the_file_there_are_no_polling_days(self, tmp_path):
        inputs = load_inputs(write_folder(tmp_path))
        assert inputs.elections.empty
        assert list(inputs.elections.columns) == ["name", "polling_day"]

    def test_polling_days_in_any_accepted_form_are_read(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "reference" / "elections.csv").write_text(
            "Name,Polling Day\nBorough council elections 2006,04/05/2006\n"
            "Borough council elections 2007,2007-05-03\n",
            encoding="utf-8",
        )
        elections = load_inputs(folder).elections
        assert elections["name"].tolist() == [
            "Borough council elections 2006",
            "Borough council elections 2007",
        ]
        assert elections["polling_day"].tolist() == [
            pd.Timestamp("2006-05-04"),
            pd.Timestamp("2007-05-03"),
        ]

    def test_the_file_is_an_input_of_the_run(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "reference" / "elections.csv").write_text(
            "name,polling_day\nX,2007-05-03\n", encoding="utf-8"
        )
        assert "reference/elections.csv" in preflight(folder).files
        files = {f.name: f for f in load_inputs(folder).files}
        assert files["reference/elections.csv"].rows_read == 1

    def test_a_bad_polling_day_or_an_empty_name_stops_the_run(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "reference" / "elections.csv").write_text(
            "name,polling_day\n,2007-05-03\nCounty elections,05/03/2007x\nOther,31/02/2007\n",
            encoding="utf-8",
        )
        with pytest.raises(InputError) as error:
            preflight(folder)
        text = _problems(error)
        assert "reference/elections.csv row 2, column name: name is empty" in text
        assert "row 3, column polling_day: '05/03/2007x' is not a date" in text
        assert "row 4, column polling_day: '31/02/2007' is not a date" in text

    def test_a_missing_column_names_it(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "reference" / "elections.csv").write_text("name,date\nX,2007-05-03\n")
        with pytest.raises(InputError, match=r"elections\.csv.*polling_day"):
            preflight(folder)


def _docx(path):
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return path


class TestPaperTemplate:
    def test_a_word_document_is_an_input_of_the_run(self, tmp_path):
        folder = write_folder(tmp_path)
        _docx(folder / "reference" / "paper_template.docx")
        assert "reference/paper_template.docx" in preflight(folder).files
        files = {f.name: f.dataset for f in load_inputs(folder).files}
        assert files["reference/paper_template.docx"] == "paper_template"

    def test_a_file_that_is_not_a_word_document_stops_the_run(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "reference" / "paper_template.docx").write_text("not a document")
        with pytest.raises(InputError) as error:
            preflight(folder)
        assert "reference/paper_template.docx is not a Word document (.docx)" in _problems(error)

    @pytest.mark.parametrize(
        ("suffix", "what"),
        [(".dotx", "a Word template"), (".doc", "a Word 97-2003 document")],
    )
    def test_a_template_in_another_format_says_what_to_save_it_as(self, tmp_path, suffix, what):
        folder = write_folder(tmp_path)
        (folder / "reference" / f"paper_template{suffix}").write_bytes(b"x")
        with pytest.raises(InputError) as error:
            preflight(folder)
        assert (
            f"reference/paper_template{suffix} is {what}, which the Word version cannot be "
            "built on: open it in Word and save it as reference/paper_template.docx"
        ) in _problems(error)


class TestYouSaidWeDid:
    def test_the_columns_are_optional_and_read_as_text(self, tmp_path):
        row = {**ACTIVITY, "You Said": "  Keep the library open late.  ", "we_did": ""}
        inputs = load_inputs(write_folder(tmp_path, activities=[row]))
        assert inputs.activities["you_said"].tolist() == ["Keep the library open late."]
        assert inputs.activities["we_did"].isna().all()

    def test_without_the_columns_they_are_empty(self, tmp_path):
        inputs = load_inputs(write_folder(tmp_path))
        assert inputs.activities["you_said"].isna().all()
