"""Tests for pipeline.ingest.readers: CSV, .xlsx and .sav files to text cells."""

from __future__ import annotations

import datetime as dt
import hashlib

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from pipeline.errors import InputError
from pipeline.ingest.readers import read_header, read_table


class TestReadTableCsv:
    def test_read_table_csv_with_bom_reads_first_header(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_bytes("\ufeffName,Value\nA,1\n".encode())
        table = read_table(path, "x.csv")
        assert table.headers == ("Name", "Value")
        assert table.cells.iloc[0].tolist() == ["A", "1"]

    def test_read_table_csv_keeps_spreadsheet_row_numbers_past_blank_rows(self, tmp_path):
        # Header is row 1; A is row 2; row 3 is blank (ignored); B is row 4.
        path = tmp_path / "x.csv"
        path.write_text("id,v\nA,1\n,\nB,2\n", encoding="utf-8")
        table = read_table(path, "x.csv")
        assert table.cells[0].tolist() == ["A", "B"]
        assert table.rows.tolist() == [2, 4]

    def test_only_rows_blank_in_every_cell_are_ignored(self, tmp_path):
        # Row 3 is spaces throughout (ignored); rows 4 and 5 are blank in their first cells only,
        # or in all but the last: both kept, as typed.
        path = tmp_path / "x.csv"
        path.write_text("id,v,w\nA,1,x\n ,  , \n,,y\n , 2,\nB,2,z\n", encoding="utf-8")
        table = read_table(path, "x.csv")
        assert table.cells[0].tolist() == ["A", "", " ", "B"]
        assert table.cells[2].tolist() == ["x", "y", "", "z"]
        assert table.rows.tolist() == [2, 4, 5, 6]

    def test_read_table_csv_quoted_newline_stays_in_cell(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_text('id,v\nA,"two\nlines"\nB,2\n', encoding="utf-8")
        table = read_table(path, "x.csv")
        assert table.cells[1].tolist() == ["two\nlines", "2"]
        assert table.rows.tolist() == [2, 3]

    def test_read_table_csv_short_row_is_padded_with_empty_cells(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_text("id,v,w\nA,1\n", encoding="utf-8")
        assert read_table(path, "x.csv").cells.iloc[0].tolist() == ["A", "1", ""]

    def test_read_table_csv_long_row_stops_naming_row(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_text("id,v\nA,1\nB,2,3\n", encoding="utf-8")
        with pytest.raises(InputError, match=r"x\.csv .*row 3 has 3 cells"):
            read_table(path, "x.csv")

    def test_read_table_csv_values_kept_as_text(self, tmp_path):
        # No type guessing: leading zeros, "NA" and "1.50" stay as typed.
        path = tmp_path / "x.csv"
        path.write_text("id,v,w\n007,NA,1.50\n", encoding="utf-8")
        assert read_table(path, "x.csv").cells.iloc[0].tolist() == ["007", "NA", "1.50"]

    def test_read_table_windows_1252_refused_asking_for_utf8(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_bytes("id,title\n1,Caf\u00e9\n".encode("cp1252"))
        with pytest.raises(InputError, match=r"x\.csv is not UTF-8.*save it again as UTF-8"):
            read_table(path, "x.csv")

    def test_read_header_empty_file_is_an_error(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_bytes(b"")
        with pytest.raises(InputError, match=r"x\.csv has no header row"):
            read_header(path, "x.csv")

    def test_read_table_header_only_has_zero_rows(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_text("id,v\n", encoding="utf-8")
        table = read_table(path, "x.csv")
        assert table.headers == ("id", "v")
        assert len(table) == 0

    def test_read_table_sha256_is_of_raw_bytes(self, tmp_path):
        # sha256 of b"a\n1\n", worked out with hashlib independently of the reader.
        path = tmp_path / "x.csv"
        path.write_bytes(b"a\n1\n")
        assert read_table(path, "x.csv").sha256 == hashlib.sha256(b"a\n1\n").hexdigest()


class TestReadTableExcel:
    def test_read_table_xlsx_date_cells_become_iso_text(self, tmp_path):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["id", "Start Date", "count", "flag"])
        sheet.append(["A", dt.datetime(2006, 4, 3), 12, True])
        sheet.append(["B", "03/04/2006", 1.5, None])
        book.save(tmp_path / "x.xlsx")
        table = read_table(tmp_path / "x.xlsx", "x.xlsx")
        assert table.headers == ("id", "Start Date", "count", "flag")
        assert table.cells.iloc[0].tolist() == ["A", "2006-04-03", "12", "True"]
        assert table.cells.iloc[1].tolist() == ["B", "03/04/2006", "1.5", ""]

    def test_read_table_xlsx_reads_first_sheet_only(self, tmp_path):
        book = openpyxl.Workbook()
        book.active.append(["id"])
        book.active.append(["first"])
        book.create_sheet("other").append(["something else"])
        book.save(tmp_path / "x.xlsx")
        assert read_table(tmp_path / "x.xlsx", "x.xlsx").cells[0].tolist() == ["first"]

    def test_read_table_xlsx_empty_first_sheet_is_an_error(self, tmp_path):
        book = openpyxl.Workbook()
        book.create_sheet("data").append(["id"])
        book.save(tmp_path / "x.xlsx")
        with pytest.raises(InputError, match=r"x\.xlsx: the first sheet is empty"):
            read_header(tmp_path / "x.xlsx", "x.xlsx")

    def test_read_header_corrupt_xlsx_is_a_plain_error(self, tmp_path):
        (tmp_path / "x.xlsx").write_bytes(b"not a zip file at all")
        with pytest.raises(InputError, match=r"x\.xlsx cannot be opened as an Excel workbook"):
            read_header(tmp_path / "x.xlsx", "x.xlsx")


class TestReadTableSpss:
    def test_read_table_sav_applies_value_labels_and_dates(self, tmp_path):
        frame = pd.DataFrame(
            {
                "survey_kind": [1.0, 2.0],
                "fieldwork_date": [dt.date(2006, 10, 1), dt.date(2006, 10, 2)],
                "weight": [1.0, 0.5],
            }
        )
        pyreadstat.write_sav(
            frame,
            str(tmp_path / "x.sav"),
            variable_value_labels={"survey_kind": {1.0: "resident", 2.0: "staff"}},
        )
        table = read_table(tmp_path / "x.sav", "x.sav")
        assert table.headers == ("survey_kind", "fieldwork_date", "weight")
        assert table.cells.iloc[0].tolist() == ["resident", "2006-10-01", "1"]
        assert table.cells.iloc[1].tolist() == ["staff", "2006-10-02", "0.5"]

    def test_read_header_corrupt_sav_is_a_plain_error(self, tmp_path):
        (tmp_path / "x.sav").write_bytes(b"garbage" * 10)
        with pytest.raises(InputError, match=r"x\.sav cannot be opened as an SPSS"):
            read_header(tmp_path / "x.sav", "x.sav")
