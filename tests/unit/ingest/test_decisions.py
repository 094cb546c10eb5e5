"""decisions.csv | .xlsx: the council's decisions, read under the same contract as every dataset."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.errors import InputError
from pipeline.ingest.load import load_inputs, preflight
from tests.unit.ingest_data import write_folder

HEADER = "Decision Ref,Decision Date,Decision Maker,Title\n"


def _folder(tmp_path, text: str | None):
    folder = write_folder(tmp_path)
    if text is not None:
        (folder / "decisions.csv").write_text(text, encoding="utf-8")
    return folder


def _problems(error: pytest.ExceptionInfo) -> str:
    return "\n".join(error.value.problems)


class TestDecisions:
    def test_without_the_file_there_is_no_list(self, tmp_path):
        folder = _folder(tmp_path, None)
        assert load_inputs(folder).decisions is None
        assert "decisions.csv" not in preflight(folder).files

    def test_a_header_without_rows_means_no_decision_was_taken(self, tmp_path):
        decisions = load_inputs(_folder(tmp_path, HEADER)).decisions
        assert decisions is not None
        assert decisions.empty

    def test_read_as_a_committee_system_exports_it(self, tmp_path):
        text = HEADER + (
            "CAB-06-12,12/07/2006,Cabinet,Library opening hours\nFP/2006/014,3 August 2006,,\n"
        )
        folder = _folder(tmp_path, text)
        inputs = load_inputs(folder)
        assert inputs.decisions["decision_ref"].tolist() == ["CAB-06-12", "FP/2006/014"]
        assert inputs.decisions["decision_date"].tolist() == [
            pd.Timestamp("2006-07-12"),
            pd.Timestamp("2006-08-03"),
        ]
        assert inputs.decisions["decision_maker"].isna().tolist() == [False, True]
        files = {f.name: f for f in inputs.files}
        assert (files["decisions.csv"].dataset, files["decisions.csv"].rows_read) == (
            "decisions",
            2,
        )
        assert "decisions.csv" in preflight(folder).files

    def test_an_excel_file_is_read(self, tmp_path):
        folder = write_folder(tmp_path)
        pd.DataFrame(
            {"Decision Ref": ["CAB-06-12"], "Decision Date": [pd.Timestamp("2006-07-12")]}
        ).to_excel(folder / "decisions.xlsx", index=False)
        decisions = load_inputs(folder).decisions
        assert decisions["decision_date"].tolist() == [pd.Timestamp("2006-07-12")]

    def test_a_repeated_reference_is_set_aside_with_file_row_and_column(self, tmp_path):
        text = HEADER + "A,01/07/2006,,\nB,02/07/2006,,\nA,03/07/2006,,\n"
        inputs = load_inputs(_folder(tmp_path, text))
        assert inputs.decisions["decision_ref"].tolist() == ["B"]
        rows = inputs.set_aside[inputs.set_aside["dataset"].eq("decisions")]
        assert rows["file"].tolist() == ["decisions.csv", "decisions.csv"]
        assert rows["row"].tolist() == [2, 4]
        assert set(rows["column"]) == {"decision_ref"}
        assert rows["reason"].str.startswith("duplicate decision_ref").all()

    def test_a_bad_date_or_an_empty_reference_is_set_aside(self, tmp_path):
        text = HEADER + "A,31/02/2007,,\n,01/07/2006,,\nC,04/25/2006,,\nD,2006-07-01,,\n"
        inputs = load_inputs(_folder(tmp_path, text))
        assert inputs.decisions["decision_ref"].tolist() == ["D"]
        rows = inputs.set_aside.set_index("row")
        assert rows.loc[2, ["column", "reason"]].tolist() == [
            "decision_date",
            "date '31/02/2007' is not a real date",
        ]
        assert rows.loc[3, "column"] == "decision_ref"
        assert rows.loc[4, "column"] == "decision_date"  # US month-first: not a date

    def test_a_missing_column_stops_the_run_naming_file_and_column(self, tmp_path):
        folder = _folder(tmp_path, "Decision Ref,Title\nA,x\n")
        with pytest.raises(InputError) as error:
            preflight(folder)
        assert "decisions.csv" in _problems(error)
        assert "decision_date" in _problems(error)

    def test_both_csv_and_excel_stop_the_run(self, tmp_path):
        folder = _folder(tmp_path, HEADER)
        pd.DataFrame({"Decision Ref": ["A"], "Decision Date": ["2006-07-01"]}).to_excel(
            folder / "decisions.xlsx", index=False
        )
        with pytest.raises(InputError) as error:
            preflight(folder)
        assert "decisions.csv" in _problems(error)
        assert "decisions.xlsx" in _problems(error)

    def test_a_format_not_read_stops_the_run_saying_what_to_save_it_as(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "decisions.xls").write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(InputError) as error:
            preflight(folder)
        assert "decisions.xls is an Excel 97-2003 workbook" in _problems(error)

    def test_a_fault_through_the_whole_date_column_stops_the_run(self, tmp_path):
        rows = "".join(f"R{i},2006-13-{i + 1:02d},,\n" for i in range(12))
        with pytest.raises(InputError) as error:
            load_inputs(_folder(tmp_path, HEADER + rows))
        text = _problems(error)
        assert (
            "decisions.csv: 12 of its 12 rows have the same problem in the column decision_date"
            in text
        )
