"""Tests for pipeline.ingest.load with each file format: CSV with BOM, Excel .xlsx and SPSS .sav."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from pipeline.errors import InputError
from pipeline.ingest.load import load_inputs, preflight
from tests.unit.ingest_data import ACTIVITY, ACTIVITY_2, RESIDENT, csv_text, write_folder


def write_xlsx(path, rows: list[list]) -> None:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def activity_cells(activity: dict[str, str], **dates: dt.datetime) -> list:
    """An activity row for Excel: the given date columns as real date cells."""
    return [dates.get(k, v) for k, v in activity.items()]


class TestCsvWithBom:
    def test_load_inputs_csv_with_bom_matches_first_header(self, tmp_path):
        folder = write_folder(tmp_path)
        text = csv_text([ACTIVITY, ACTIVITY_2])
        (folder / "activity_register.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        activities = load_inputs(folder).activities
        assert activities["activity_id"].tolist() == ["CCI-2006-001", "CCI-2006-002"]


class TestExcel:
    def test_load_inputs_xlsx_real_date_cells(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "activity_register.csv").unlink()
        write_xlsx(
            folder / "activity_register.xlsx",
            [
                list(ACTIVITY),
                activity_cells(
                    ACTIVITY | {"participants": 120, "cost_gbp": 1500.5},
                    registered_date=dt.datetime(2006, 3, 1),
                    start_date=dt.datetime(2006, 4, 3),
                    end_date=dt.datetime(2006, 6, 30),
                ),
                activity_cells(ACTIVITY_2),  # dates typed as UK text in the sheet
            ],
        )
        inputs = load_inputs(folder)
        activities = inputs.activities
        assert activities["start_date"].tolist() == [
            pd.Timestamp("2006-04-03"),
            pd.Timestamp("2006-04-10"),
        ]
        assert activities["participants"].iloc[0] == 120
        assert activities["cost_gbp"].iloc[0] == 1500.5
        assert activities["file"].tolist() == ["activity_register.xlsx"] * 2
        assert inputs.set_aside.empty

    def test_load_inputs_xlsx_set_aside_keeps_spreadsheet_row(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "activity_register.csv").unlink()
        write_xlsx(
            folder / "activity_register.xlsx",
            [
                list(ACTIVITY),
                activity_cells(ACTIVITY_2),
                [],
                activity_cells(ACTIVITY | {"end_date": "31/02/2006"}),
            ],
        )
        set_aside = load_inputs(folder).set_aside
        # Row 3 is empty in the sheet; the bad row is row 4.
        assert set_aside[["file", "row", "reason"]].values.tolist() == [
            ["activity_register.xlsx", 4, "date '31/02/2006' is not a real date"]
        ]

    def test_preflight_xlsx_empty_first_sheet_is_an_error(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "action_plan.csv").unlink()
        book = openpyxl.Workbook()
        book.create_sheet("actions").append(["action_id"])
        book.save(folder / "action_plan.xlsx")
        with pytest.raises(InputError, match=r"action_plan\.xlsx: the first sheet is empty"):
            preflight(folder)

    def test_preflight_corrupt_xlsx_is_a_plain_error(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "training_log.csv").unlink()
        (folder / "training_log.xlsx").write_bytes(b"PK\x03\x04 truncated")
        with pytest.raises(InputError, match=r"training_log\.xlsx cannot be opened"):
            preflight(folder)

    def test_preflight_survey_csv_and_xlsx_both_present_names_both(self, tmp_path):
        folder = write_folder(tmp_path)
        write_xlsx(folder / "surveys" / "qol_2006.xlsx", [list(RESIDENT), list(RESIDENT.values())])
        with pytest.raises(InputError, match=r"surveys/qol_2006\.csv and surveys/qol_2006\.xlsx"):
            preflight(folder)


class TestSpss:
    def write_sav(self, path) -> None:
        frame = pd.DataFrame(
            {
                "survey_id": ["QOL-2006", "QOL-2006"],
                "survey_kind": [1.0, 1.0],
                "fieldwork_date": [dt.date(2006, 10, 1), dt.date(2006, 10, 3)],
                "respondent_id": ["S1", "S2"],
                "weight": [0.8, float("nan")],
                "sex": [2.0, 3.0],
                "q_consult_satisfaction": [1.0, 4.0],
                "q_aware_cci": [1.0, 0.0],
            }
        )
        pyreadstat.write_sav(
            frame,
            str(path),
            variable_value_labels={
                "survey_kind": {1.0: "Resident", 2.0: "Staff"},
                "sex": {1.0: "Male", 2.0: "Female", 3.0: "Prefer not to say"},
                "q_consult_satisfaction": {1.0: "Very satisfied", 4.0: "Fairly dissatisfied"},
            },
        )

    def test_load_inputs_sav_value_labels_and_dates(self, tmp_path):
        folder = write_folder(tmp_path, surveys={})
        self.write_sav(folder / "surveys" / "qol.sav")
        inputs = load_inputs(folder)
        surveys = inputs.surveys
        assert surveys["survey_kind"].tolist() == ["resident", "resident"]
        assert surveys["fieldwork_date"].tolist() == [
            pd.Timestamp("2006-10-01"),
            pd.Timestamp("2006-10-03"),
        ]
        assert surveys["q_consult_satisfaction"].tolist() == [
            "very satisfied",
            "fairly dissatisfied",
        ]
        # Unlabelled 1/0 codes read as booleans; an empty weight is 1.
        assert surveys["q_aware_cci"].tolist() == [True, False]
        assert surveys["weight"].tolist() == [0.8, 1.0]
        assert surveys["sex"].iloc[0] == "Female"
        assert pd.isna(surveys["sex"].iloc[1])
        assert "respondent_id" not in surveys.columns
        assert inputs.set_aside.empty

    def test_load_inputs_sav_csv_and_xlsx_surveys_stacked(self, tmp_path):
        folder = write_folder(tmp_path, surveys={"b.csv": [RESIDENT | {"survey_id": "B"}]})
        self.write_sav(folder / "surveys" / "a.sav")
        write_xlsx(
            folder / "surveys" / "c.xlsx",
            [list(RESIDENT), [*list((RESIDENT | {"survey_id": "C"}).values())]],
        )
        inputs = load_inputs(folder)
        assert inputs.surveys["survey_id"].tolist() == ["QOL-2006", "QOL-2006", "B", "C"]
        names = [f.name for f in inputs.files if f.dataset == "surveys"]
        assert names == ["surveys/a.sav", "surveys/b.csv", "surveys/c.xlsx"]

    def test_preflight_corrupt_sav_is_a_plain_error(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "surveys" / "bad.sav").write_bytes(b"$FL2 not really")
        with pytest.raises(InputError, match=r"surveys/bad\.sav cannot be opened as an SPSS"):
            preflight(folder)
