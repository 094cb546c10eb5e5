"""Files as people really hand them over: spreadsheet dates and numbers, formats the pipeline
does not read, office leftovers, headers out of place and faults through a whole column."""

from __future__ import annotations

import logging

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from pipeline.errors import InputError
from pipeline.ingest.cells import parse_dates, parse_numbers
from pipeline.ingest.load import load_inputs, preflight
from tests.unit.ingest_data import ACTIVITY, RESIDENT, RESIDENT_2, csv_text, write_folder


def problems_of(error: pytest.ExceptionInfo) -> str:
    return "\n".join(error.value.problems)


class TestDatesAsSpreadsheetsShowThem:
    @pytest.mark.parametrize(
        "text",
        [
            "2006-04-12",
            "12/04/2006",
            "12/4/2006",
            "12/04/06",
            "12-Apr-2006",
            "12 Apr 2006",
            "12 april 2006",
            "12 April 2006",
            "2006-04-12 09:30:00",
            "12/04/2006 09:30",
        ],
    )
    def test_every_uk_form_is_the_12th_of_april_2006(self, text):
        parsed = parse_dates(pd.Series([text]))
        assert parsed.values.tolist() == [pd.Timestamp("2006-04-12")]
        assert not parsed.malformed.any()
        assert not parsed.impossible.any()

    def test_two_digit_years_pivot_at_70(self):
        values = parse_dates(pd.Series(["24/01/05", "24/01/69", "24/01/70", "24/01/99"])).values
        assert [v.year for v in values] == [2005, 2069, 1970, 1999]

    def test_us_month_first_is_never_a_date(self):
        parsed = parse_dates(pd.Series(["04/25/2006"]))
        assert parsed.values.isna().all()
        assert parsed.impossible.tolist() == [True]

    def test_words_that_are_not_dates(self):
        parsed = parse_dates(pd.Series(["soon", "April 2006", ""]))
        assert parsed.malformed.tolist() == [True, True, False]


class TestNumbersAsSpreadsheetsShowThem:
    def test_thousands_separators(self):
        values, bad = parse_numbers(pd.Series(["1,250", "1,250,000.5", "1250", "12,50"]))
        assert values.tolist()[:3] == [1250.0, 1250000.5, 1250.0]
        assert bad.tolist() == [False, False, False, True]  # 12,50 is not a thousands form

    def test_pounds_only_where_money_is_meant(self):
        values, bad = parse_numbers(pd.Series(["£1,250.00", "£75"]), pounds=True)
        assert values.tolist() == [1250.0, 75.0]
        assert not bad.any()
        assert parse_numbers(pd.Series(["£75"]))[1].tolist() == [True]

    def test_a_register_exported_as_shown_reads_like_the_original(self, tmp_path):
        shown = {**ACTIVITY, "start_date": "12-Apr-2006", "cost_gbp": "£1,250.00"}
        inputs = load_inputs(write_folder(tmp_path, activities=[shown]))
        assert inputs.set_aside.empty
        assert inputs.activities["cost_gbp"].tolist() == [1250.0]
        assert inputs.activities["start_date"].tolist() == [pd.Timestamp("2006-04-12")]


class TestFormats:
    def test_a_zsav_survey_is_read(self, tmp_path):
        data = write_folder(tmp_path, surveys={})
        frame = pd.read_csv(pd.io.common.StringIO(csv_text([RESIDENT, RESIDENT_2])), dtype=str)
        pyreadstat.write_sav(frame, str(data / "surveys" / "qol_2006.zsav"), compress=True)
        inputs = load_inputs(data)
        assert len(inputs.surveys) == 2
        assert "surveys/qol_2006.zsav" in {f.name for f in inputs.files}

    @pytest.mark.parametrize(
        ("name", "what"),
        [
            ("activity_register.xls", "an Excel 97-2003 workbook"),
            ("activity_register.ods", "an OpenDocument (LibreOffice) spreadsheet"),
        ],
    )
    def test_a_dataset_in_an_unread_format_is_named_with_what_to_save_it_as(
        self, tmp_path, name, what
    ):
        data = write_folder(tmp_path)
        (data / "activity_register.csv").unlink()
        (data / name).write_bytes(b"not really a spreadsheet")
        with pytest.raises(InputError) as caught:
            preflight(data)
        assert problems_of(caught) == (
            f"{name} is {what}, which the pipeline does not read: save it as .xlsx (Excel "
            "Workbook) or .csv (CSV UTF-8)"
        )

    def test_a_survey_in_an_unread_format_stops_the_run(self, tmp_path):
        data = write_folder(tmp_path)
        (data / "surveys" / "reach_in.por").write_bytes(b"SPSS PORT FILE")
        with pytest.raises(InputError, match=r"surveys/reach_in\.por is an SPSS portable file"):
            preflight(data)


class TestLeftovers:
    LEFTOVERS = ("~$activity_register.xlsx", ".~lock.action_plan.csv#", "Thumbs.db", ".DS_Store")

    def test_office_leftovers_are_ignored_without_a_word(self, tmp_path, caplog):
        data = write_folder(tmp_path)
        for name in (*self.LEFTOVERS, "desktop.ini", "._qol_2006.csv"):
            (data / name).write_bytes(b"\x00junk")
            (data / "surveys" / name).write_bytes(b"\x00junk")
        with caplog.at_level(logging.INFO, logger="pipeline"):
            preflight(data)
        assert "Note:" not in caplog.text

    def test_any_other_file_is_named_once(self, tmp_path, caplog):
        data = write_folder(tmp_path)
        (data / "notes.txt").write_text("call Sam", encoding="utf-8")
        (data / "surveys" / "codebook.pdf").write_bytes(b"%PDF")
        with caplog.at_level(logging.INFO, logger="pipeline"):
            preflight(data)
        assert caplog.text.count("notes.txt") == 1
        assert caplog.text.count("surveys/codebook.pdf") == 1


class TestHeadersOutOfPlace:
    def test_title_rows_above_the_header(self, tmp_path):
        data = write_folder(tmp_path)
        register = data / "activity_register.csv"
        register.write_text(
            "Consultation register\nExtracted 5 March 2007\n" + register.read_text()
        )
        with pytest.raises(InputError) as caught:
            preflight(data)
        assert problems_of(caught) == (
            "activity_register.csv: the column names are in row 3, not row 1: delete the 2 rows "
            "above them and save the file again"
        )

    def test_a_semicolon_separated_csv(self, tmp_path):
        data = write_folder(tmp_path)
        register = data / "activity_register.csv"
        register.write_text(register.read_text().replace(",", ";"), encoding="utf-8")
        with pytest.raises(InputError) as caught:
            preflight(data)
        assert problems_of(caught).startswith(
            "activity_register.csv is separated by semicolons, not commas"
        )

    def test_the_columns_on_another_sheet(self, tmp_path):
        data = write_folder(tmp_path)
        rows = pd.read_csv(data / "activity_register.csv", dtype=str, keep_default_na=False)
        (data / "activity_register.csv").unlink()
        book = openpyxl.Workbook()
        book.active.title = "Cover"
        book.active.append(["Consultation register, March 2007"])
        sheet = book.create_sheet("Register")
        sheet.append(list(rows.columns))
        for row in rows.itertuples(index=False):
            sheet.append(list(row))
        book.save(data / "activity_register.xlsx")
        with pytest.raises(InputError) as caught:
            preflight(data)
        assert problems_of(caught).startswith(
            "activity_register.xlsx: the columns are on the sheet 'Register', not on the first "
            "sheet 'Cover'"
        )


class TestWholeColumnFaults:
    def test_a_fault_through_a_column_stops_with_three_of_its_values(self, tmp_path):
        # 12 rows, 11 with a cost in a continental form no spreadsheet in England shows.
        rows = [
            {**ACTIVITY, "activity_id": f"CCI-2006-{i:03d}", "cost_gbp": f"1.{i:03d},00"}
            for i in range(11)
        ]
        rows.append({**ACTIVITY, "activity_id": "CCI-2006-999", "cost_gbp": "100"})
        with pytest.raises(InputError) as caught:
            load_inputs(write_folder(tmp_path, activities=rows))
        message = problems_of(caught)
        assert message.startswith(
            "activity_register.csv: 11 of its 12 rows have the same problem in the column cost_gbp"
        )
        assert "'1.000,00', '1.001,00', '1.002,00'" in message

    def test_fewer_than_ten_rows_are_set_aside_as_before(self, tmp_path):
        rows = [
            {**ACTIVITY, "activity_id": f"CCI-2006-{i:03d}", "cost_gbp": "n/a"} for i in range(9)
        ]
        inputs = load_inputs(write_folder(tmp_path, activities=rows))
        assert len(inputs.set_aside) == 9


class TestNotUtf8:
    def test_the_message_gives_the_row_and_advice_for_excel_and_libreoffice(self, tmp_path):
        data = write_folder(tmp_path)
        register = data / "activity_register.csv"
        text = register.read_text(encoding="utf-8").replace("Library", "Café Library")
        register.write_bytes(text.encode("cp1252"))
        with pytest.raises(InputError) as caught:
            preflight(data)
        message = problems_of(caught)
        assert "is in row 2" in message
        assert "CSV UTF-8 (Comma delimited)" in message
        assert "LibreOffice" in message
