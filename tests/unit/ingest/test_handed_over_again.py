"""Files as people hand them over, and hostile ones: the second round.

Each file is made the way a council's officers, agencies and partners make it: by LibreOffice
(headless, in a private English (UK) profile, through its scripting bridge where a password is
needed), GNU PSPP, a real zip archive, a real named pipe (FIFO), real broken links. Each is
either read as it is meant (Accounting zeros are zeros, Mac line ends are line ends, a
workbook's every cell is read whatever range it declares) or refused with the real cause,
naming the file (and the row, where there is one), before anything costly is read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.errors import InputError
from pipeline.ingest.load import load_inputs, preflight
from pipeline.measures.scorecard import compute_indicators
from pipeline.paths import DEFAULT_DATA
from pipeline.spec.period import parse_period
from tests.libreoffice import converter, require_program, saver
from tests.unit.ingest_data import ACTIVITY, ACTIVITY_2, csv_text, write_folder

PERIOD = parse_period("2006-04..2007-01")
REGISTER = "activity_register.csv"
# LibreOffice's CSV filter: commas, double quotes, UTF-8 (76), and cells saved as shown.
CSV_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"
# Excel's own UK Accounting format (the "£" button), and its Comma Style (the "," button).
ACCOUNTING = '_-[$£-809]* #,##0.00_-;-[$£-809]* #,##0.00_-;_-[$£-809]* "-"??_-;_-@_-'
COMMA_STYLE = '_-* #,##0_-;-* #,##0_-;_-* "-"??_-;_-@_-'


def problems_of(error: pytest.ExceptionInfo) -> str:
    return "\n".join(error.value.problems)


@pytest.fixture(scope="module")
def soffice(tmp_path_factory) -> callable:
    program = require_program("soffice", "libreoffice-calc-nogui")
    return converter(program, tmp_path_factory.mktemp("libreoffice-profile"))


@pytest.fixture(scope="module")
def office_save(tmp_path_factory) -> callable:
    return saver(tmp_path_factory.mktemp("libreoffice-bridge-profile"))


@pytest.fixture(scope="module")
def sample_indicators() -> pd.DataFrame:
    return compute_indicators(load_inputs(DEFAULT_DATA), PERIOD)


def _copy_sample(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, data)
    return data


def _finishes(call: callable, seconds: float = 30) -> object:
    """``call()``'s result; the test fails (rather than hangs) if it takes longer."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed back to the test below
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: it waits for ever"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


class TestAccountingFormat:
    def test_zeros_shown_as_a_dash_are_zeros_and_brackets_negative(self, tmp_path, soffice):
        # A register kept in Excel with costs in the UK Accounting format and participants in
        # Comma Style, saved as CSV by LibreOffice as the cells are shown.
        costs = {"CCI-2006-001": 0, "CCI-2006-002": 1250, "CCI-2006-003": -12.5}
        rows = [
            ACTIVITY,
            ACTIVITY_2,
            ACTIVITY | {"activity_id": "CCI-2006-003", "title": "Refund"},
        ]
        header = list(ACTIVITY)
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            cells = [row[h] for h in header]
            cells[header.index("cost_gbp")] = costs[row["activity_id"]]
            cells[header.index("participants")] = 0
            sheet.append(cells)
        for cells in sheet.iter_rows(min_row=2):
            cells[header.index("cost_gbp")].number_format = ACCOUNTING
            cells[header.index("participants")].number_format = COMMA_STYLE
        book.save(tmp_path / "activity_register.xlsx")
        shown = soffice(tmp_path / "activity_register.xlsx", CSV_AS_SHOWN, tmp_path / "csv")
        text = shown.read_text(encoding="utf-8")
        assert "£" in text
        assert "(£12.50)" in text or "-£12.50" in text.replace(" ", "")
        data = write_folder(tmp_path / "data", activities=text)

        inputs = load_inputs(data)
        kept = inputs.activities.set_index("activity_id")
        assert kept["cost_gbp"].to_dict() == {"CCI-2006-001": 0.0, "CCI-2006-002": 1250.0}
        assert kept["participants"].tolist() == [0, 0]
        refund = inputs.set_aside.loc[inputs.set_aside["column"] == "cost_gbp"]
        assert refund["row"].tolist() == [4]
        assert refund["reason"].str.contains("0 or more").all()

    @pytest.mark.parametrize(
        ("cell", "value"),
        [("£-", 0.0), (" £ -   ", 0.0), ("-", 0.0), ("(£1,250.00)", -1250.0), ("£(3.50)", -3.5)],
    )
    def test_every_way_the_accounting_format_shows_a_cost(self, tmp_path, cell, value):
        data = write_folder(tmp_path, activities=[ACTIVITY | {"cost_gbp": cell}])
        inputs = load_inputs(data)
        if value >= 0:
            assert inputs.activities["cost_gbp"].tolist() == [value]
        else:  # read as the negative it is, then set aside as a negative cost
            assert inputs.set_aside["reason"].tolist() == ["cost_gbp must be a number of 0 or more"]


class TestLineEndsAndCutShortFiles:
    def test_classic_mac_line_ends_give_the_same_figures(self, tmp_path, sample_indicators):
        # Excel for Mac's "CSV (Macintosh)" ends each line with a carriage return alone.
        data = _copy_sample(tmp_path)
        for path in data.rglob("*.csv"):
            raw = path.read_bytes().replace(b"\r\n", b"\n")
            path.write_bytes(raw.replace(b"\n", b"\r"))
        assert b"\n" not in (data / REGISTER).read_bytes()
        inputs = load_inputs(data)
        assert len(inputs.activities) == len(load_inputs(DEFAULT_DATA).activities)
        pd.testing.assert_frame_equal(compute_indicators(inputs, PERIOD), sample_indicators)

    def test_a_file_whose_end_is_nul_bytes_is_refused_naming_the_row(self, tmp_path):
        # A copy or sync cut short: the file has its full length, the end of it never written.
        data = _copy_sample(tmp_path)
        raw = (data / REGISTER).read_bytes()
        kept = raw.index(b"\n", len(raw) // 2) + 1
        (data / REGISTER).write_bytes(raw[:kept] + b"\0" * (len(raw) - kept))
        row = raw[:kept].count(b"\n") + 1
        with pytest.raises(InputError) as error:
            preflight(data)
        message = problems_of(error)
        assert f"activity_register.csv ends in {len(raw) - kept:,} empty (NUL) bytes" in message
        assert f"from row {row} on" in message
        assert "cut short" in message

    def test_a_csv_saved_as_utf16_without_a_mark_is_refused(self, tmp_path):
        data = write_folder(tmp_path)
        path = data / "training_log.csv"
        path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
        with pytest.raises(InputError, match=r"training_log\.csv holds a NUL character in row 1"):
            preflight(data)


class TestArchives:
    def test_a_survey_sent_as_a_zip_of_its_sav_is_named_not_left_out(self, tmp_path):
        program = require_program("pspp", "pspp")
        data = _copy_sample(tmp_path)
        source = data / "surveys" / "qol_2006.csv"
        columns = pd.read_csv(source, nrows=0).columns
        syntax = tmp_path / "save.sps"
        sav = tmp_path / "qol_2006.sav"
        syntax.write_text(
            f"GET DATA /TYPE=TXT /FILE='{source}' /ENCODING='UTF-8' /DELIMITERS=','\n"
            f"  /QUALIFIER='\"' /FIRSTCASE=2 /VARIABLES={' '.join(f'{c} A60' for c in columns)}.\n"
            f"SAVE OUTFILE='{sav}' /COMPRESSED.\n",
            encoding="utf-8",
        )
        subprocess.run([program, str(syntax)], check=True, capture_output=True, timeout=180)
        with zipfile.ZipFile(data / "surveys" / "qol_2006.zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.write(sav, "delivery/qol_2006.sav")
        source.unlink()
        with pytest.raises(InputError) as error:
            preflight(data)
        assert (
            "surveys/qol_2006.zip is a zip archive holding qol_2006.sav, which the pipeline does "
            "not open: extract the file(s) into the surveys folder and remove the archive"
        ) in problems_of(error)

    def test_a_register_sent_as_a_zip_is_named_instead_of_missing(self, tmp_path):
        data = _copy_sample(tmp_path)
        with zipfile.ZipFile(data / "activity_register.zip", "w") as z:
            z.write(data / REGISTER, REGISTER)
        (data / REGISTER).unlink()
        with pytest.raises(InputError) as error:
            preflight(data)
        message = problems_of(error)
        assert "activity_register.zip is a zip archive holding activity_register.csv" in message
        assert "activity_register is missing" not in message


class TestNotOrdinaryFiles:
    def test_a_fifo_in_place_of_a_survey_is_named_not_waited_on(self, tmp_path):
        data = _copy_sample(tmp_path)
        os.mkfifo(data / "surveys" / "fifo_survey.csv")
        with pytest.raises(InputError) as error:
            _finishes(lambda: preflight(data))
        assert (
            "surveys/fifo_survey.csv is a named pipe (FIFO), not an ordinary file"
            in problems_of(error)
        )

    def test_a_fifo_in_place_of_the_register_or_a_reference_file(self, tmp_path):
        data = _copy_sample(tmp_path)
        (data / REGISTER).unlink()
        os.mkfifo(data / REGISTER)
        (data / "reference" / "report.toml").unlink()
        os.mkfifo(data / "reference" / "report.toml")
        with pytest.raises(InputError) as error:
            _finishes(lambda: preflight(data))
        message = problems_of(error)
        assert "activity_register.csv is a named pipe (FIFO)" in message
        assert "reference/report.toml is a named pipe (FIFO)" in message

    def test_a_link_to_a_share_not_connected(self, tmp_path):
        data = _copy_sample(tmp_path)
        (data / "training_log.csv").unlink()
        (data / "training_log.csv").symlink_to(tmp_path / "share" / "training_log.csv")
        (data / "surveys" / "qol_2007.csv").symlink_to(tmp_path / "share" / "qol_2007.csv")
        with pytest.raises(InputError) as error:
            preflight(data)
        message = problems_of(error)
        assert f"training_log.csv is a link (shortcut) to {tmp_path}/share" in message
        assert "surveys/qol_2007.csv is a link (shortcut) to" in message
        assert "which does not exist: connect the drive or share" in message

    def test_a_link_loop(self, tmp_path):
        data = _copy_sample(tmp_path)
        (data / "surveys" / "a.csv").symlink_to(data / "surveys" / "b.csv")
        (data / "surveys" / "b.csv").symlink_to(data / "surveys" / "a.csv")
        (data / "reference" / "targets.csv").unlink()
        (data / "reference" / "targets.csv").symlink_to(data / "reference" / "targets.csv")
        with pytest.raises(InputError) as error:
            _finishes(lambda: preflight(data))
        message = problems_of(error)
        assert "surveys/a.csv is a link (shortcut) that leads round in a loop" in message
        assert "reference/targets.csv is a link (shortcut) that leads round in a loop" in message

    def test_a_surveys_folder_that_is_a_broken_link_is_not_taken_as_none(self, tmp_path):
        data = _copy_sample(tmp_path)
        shutil.rmtree(data / "surveys")
        (data / "surveys").symlink_to(tmp_path / "agency-share")
        with pytest.raises(InputError, match=r"The surveys folder is a link \(shortcut\) to"):
            preflight(data)


class TestWorkbooks:
    @pytest.fixture
    def register_xlsx(self, tmp_path, soffice) -> Path:
        """The sample folder with its register saved as .xlsx by LibreOffice."""
        data = _copy_sample(tmp_path)
        soffice(data / REGISTER, "xlsx", data)
        (data / REGISTER).unlink()
        return data

    def test_encrypted_by_a_password_is_named_as_such(self, tmp_path, office_save):
        data = _copy_sample(tmp_path)
        office_save(data / REGISTER, data / "activity_register.xlsx", "Calc Office Open XML", "x")
        (data / REGISTER).unlink()
        assert (data / "activity_register.xlsx").read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
        with pytest.raises(InputError) as error:
            preflight(data)
        message = problems_of(error)
        assert "activity_register.xlsx is encrypted (protected by a password or a sensitivity" in (
            message
        )
        assert "damaged" not in message

    def test_a_wrongly_declared_used_range_hides_no_column_or_row(
        self, register_xlsx, sample_indicators
    ):
        # Some programs write a sheet's <dimension> as A1:A1 whatever it holds; Excel and
        # LibreOffice show every cell regardless, and so must the pipeline.
        path = register_xlsx / "activity_register.xlsx"
        _rewrite_part(
            path,
            "xl/worksheets/sheet1.xml",
            lambda xml: _replace_between(xml, b'<dimension ref="', b'"', b"A1:C2"),
        )
        inputs = load_inputs(register_xlsx)
        assert len(inputs.activities) == len(load_inputs(DEFAULT_DATA).activities)
        pd.testing.assert_frame_equal(compute_indicators(inputs, PERIOD), sample_indicators)

    def test_a_workbook_that_would_expand_to_gigabytes_is_refused_before_it_is_read(
        self, register_xlsx
    ):
        # A part that expands a thousand times, as a zip bomb does: refused from the zip's
        # directory alone, before any of it is read.
        path = register_xlsx / "activity_register.xlsx"
        _rewrite_part(
            path,
            "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (40 << 20), 1),
        )
        started = time.perf_counter()
        with pytest.raises(InputError) as error:
            preflight(register_xlsx)
        assert time.perf_counter() - started < 5
        message = problems_of(error)
        assert "activity_register.xlsx: its part xl/worksheets/sheet1.xml would expand" in message
        assert "times when opened (to 40" in message

    def test_a_workbook_with_a_document_type_declaration_is_refused(self, register_xlsx):
        laughs = (
            b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "lol">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        )
        path = register_xlsx / "activity_register.xlsx"
        _rewrite_part(
            path,
            "xl/sharedStrings.xml",
            lambda xml: laughs + xml[xml.index(b"?>") + 2 :],
        )
        with pytest.raises(InputError) as error:
            preflight(register_xlsx)
        assert (
            "activity_register.xlsx: its part xl/sharedStrings.xml has a document type "
            "declaration (DTD)"
        ) in problems_of(error)


class TestNumbersNoRecordHolds:
    def test_a_cost_of_1e308_and_a_count_beyond_64_bits_are_set_aside_by_name(self, tmp_path):
        rows = [
            ACTIVITY | {"cost_gbp": "1e308"},
            ACTIVITY_2 | {"participants": "99999999999999999999"},
        ]
        data = write_folder(tmp_path, activities=rows)
        inputs = load_inputs(data)
        set_aside = inputs.set_aside.set_index("row")
        assert set_aside.loc[2, "column"] == "cost_gbp"
        assert set_aside.loc[2, "reason"] == (
            "cost_gbp is too large to be real (more than 1,000,000,000,000)"
        )
        assert set_aside.loc[3, "column"] == "participants"
        compute_indicators(inputs, PERIOD)  # and the figures are computed from what is left

    def test_a_population_beyond_bound_stops_naming_the_row(self, tmp_path):
        text = csv_text([{"dimension": "sex", "category": "Female", "population": "1e20"}])
        with pytest.raises(InputError, match=r"population\.csv row 2, column population"):
            load_inputs(write_folder(tmp_path, reference={"population.csv": text}))


def _replace_between(xml: bytes, start: bytes, end: bytes, new: bytes) -> bytes:
    first = xml.index(start) + len(start)
    return xml[:first] + new + xml[xml.index(end, first) :]


def _rewrite_part(path: Path, part: str, change: callable) -> None:
    """Rewrite one part of a zip package, the rest as it was."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in entries:
            target.writestr(info.filename, change(content) if info.filename == part else content)


class TestReportSettings:
    def _settings(self, tmp_path: Path, replace: str, by: str) -> Path:
        data = write_folder(tmp_path)
        path = data / "reference" / "report.toml"
        text = path.read_text(encoding="utf-8")
        assert replace in text
        path.write_text(text.replace(replace, by), encoding="utf-8")
        return data

    @pytest.mark.parametrize(
        "address",
        [
            "javascript:alert(document.cookie)",
            "data:text/html,<p>x</p>",
            "www.example.gov.uk",
            "https://",
            "ftp://example.gov.uk/",
        ],
    )
    def test_a_website_that_is_not_an_http_address_stops_the_run(self, tmp_path, address):
        data = self._settings(
            tmp_path, "background_papers", f'website = "{address}"\nbackground_papers'
        )
        with pytest.raises(InputError) as error:
            preflight(data)
        assert (
            "reference/report.toml: website must be a web address starting https:// (or "
            f"http://), such as https://www.example.gov.uk/consultation, not '{address}'"
        ) in problems_of(error)

    def test_a_line_break_in_a_setting_is_a_space(self, tmp_path):
        data = self._settings(
            tmp_path,
            'organisation = "Rotherham Metropolitan Borough Council"',
            'organisation = """Rotherham Metropolitan\r\n   Borough Council"""',
        )
        assert load_inputs(data).settings.organisation == "Rotherham Metropolitan Borough Council"

    def test_a_control_character_stops_the_run(self, tmp_path):
        data = self._settings(tmp_path, 'committee = "', 'committee = "Cabinet\\u0007 ')
        with pytest.raises(InputError, match=r"committee holds a control character \('\\x07'\)"):
            preflight(data)

    def test_the_web_pages_link_only_an_http_address(self):
        from pipeline.spec.settings import is_web_address

        assert is_web_address("https://www.example.gov.uk/consultation")
        assert is_web_address("HTTP://example.gov.uk")
        assert not is_web_address("javascript:alert(1)")
        assert not is_web_address("https://exa mple.gov.uk")
        assert not is_web_address("//example.gov.uk")


class TestEncryptedSpss:
    def test_a_password_encrypted_sav_is_named_as_such(self, tmp_path):
        # SPSS 21 and later wrap an encrypted .sav in a header that says so (PSPP reads these
        # but cannot write them, so the header is written here as SPSS writes it).
        data = write_folder(tmp_path)
        header = b"\x1c\x00\x00\x00\x00\x00\x00\x00ENCRYPTEDSAV" + b"\x15" * 16
        (data / "surveys" / "qol_2007.sav").write_bytes(header + os.urandom(512))
        with pytest.raises(InputError, match=r"surveys/qol_2007\.sav is an SPSS file encrypted"):
            preflight(data)


class TestDeclarationsHidden:
    def test_a_declaration_hidden_past_what_is_looked_at_is_refused(self, tmp_path):
        # 64 KB of comment before the root element: the declaration after it is not sought,
        # the part is refused as no Office program writes it.
        book = openpyxl.Workbook()
        book.active.append(["activity_id"])
        path = tmp_path / "activity_register.xlsx"
        book.save(path)
        padding = b"<!--" + b" " * (70 << 10) + b"-->"
        _rewrite_part(
            path,
            "xl/workbook.xml",
            lambda xml: padding + b"<!DOCTYPE x []>" + xml,
        )
        from pipeline.ingest.packages import package_problem

        problem = package_problem(path, "activity_register.xlsx", "an Excel workbook", "save it")
        assert problem == (
            "activity_register.xlsx: its part xl/workbook.xml does not begin as Office writes "
            "XML (no element in its first 64 KB): save it"
        )
