"""A corpus of broken inputs: the sample data folder with ONE fault each.

Nothing is committed but this builder: :func:`sample_copy` copies ``data/`` into
a test's ``tmp_path`` and a case's ``fault`` changes it. Three kinds of case:

- :data:`STOPS`: the run must stop before any notebook executes, with a plain
  message naming the file (and column and spreadsheet row where there is one);
- :data:`PARAMETERS`: a bad command-line parameter, stopped the same way;
- :data:`SET_ASIDE`: a row that breaks the contract, set aside with its reason.

Row numbers are spreadsheet rows (header = row 1), as the messages give them.
"""

from __future__ import annotations

import csv
import io
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.paths import DEFAULT_DATA

ACTIVITIES = "activity_register.csv"
ACTIONS = "action_plan.csv"
TRAINING = "training_log.csv"
QOL = "surveys/qol_2006.csv"
REACH_IN = "surveys/reach_in_2006_10.csv"
EVALUATION = "surveys/evaluation_forms.csv"

Fault = Callable[[Path], None]


def sample_copy(tmp_path: Path, name: str = "data") -> Path:
    """A private copy of the sample data folder (about 400 kB, a few milliseconds)."""
    target = tmp_path / name
    shutil.copytree(DEFAULT_DATA, target, ignore=shutil.ignore_patterns("README.md"))
    return target


# --------------------------------------------------------------------------- file helpers


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def row_of(folder: Path, file: str, column: str, value: str) -> int:
    """The spreadsheet row (header = 1) of the first row whose ``column`` is ``value``."""
    rows = read_rows(folder / file)
    position = rows[0].index(column)
    for number, row in enumerate(rows[1:], start=2):
        if row[position] == value:
            return number
    msg = f"{value!r} is not in {file} column {column}"
    raise LookupError(msg)


def set_cell(folder: Path, file: str, row: int, column: str, value: str) -> None:
    """Write ``value`` into one cell, addressed by spreadsheet row and header name."""
    rows = read_rows(folder / file)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(folder / file, rows)


def set_cells(folder: Path, file: str, row: int, **values: str) -> None:
    for column, value in values.items():
        set_cell(folder, file, row, column, value)


def drop_column(folder: Path, file: str, column: str) -> None:
    rows = read_rows(folder / file)
    position = rows[0].index(column)
    write_rows(folder / file, [r[:position] + r[position + 1 :] for r in rows])


def csv_to_xlsx(source: Path, target: Path, *, empty_first_sheet: bool = False) -> None:
    """Write a CSV's cells into a workbook (optionally behind an empty first sheet)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if empty_first_sheet:
        sheet.title = "Notes"
        sheet = book.create_sheet("Data")
    for row in read_rows(source):
        sheet.append(row)
    book.save(target)


def _delete(relative: str) -> Fault:
    def fault(folder: Path) -> None:
        path = folder / relative
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()

    return fault


def _replace_with_folder(relative: str) -> Fault:
    def fault(folder: Path) -> None:
        (folder / relative).unlink()
        (folder / relative).mkdir()

    return fault


def _write_bytes(relative: str, content: bytes) -> Fault:
    def fault(folder: Path) -> None:
        (folder / relative).write_bytes(content)

    return fault


def _also_xlsx(relative: str) -> Fault:
    def fault(folder: Path) -> None:
        csv_to_xlsx(folder / relative, (folder / relative).with_suffix(".xlsx"))

    return fault


def _as_xlsx(relative: str, content: bytes | None = None, *, empty_first_sheet=False) -> Fault:
    """Replace a dataset's CSV by an .xlsx: a real one, or ``content`` if given (a damaged one)."""

    def fault(folder: Path) -> None:
        source = folder / relative
        target = source.with_suffix(".xlsx")
        if content is None:
            csv_to_xlsx(source, target, empty_first_sheet=empty_first_sheet)
        else:
            target.write_bytes(content)
        source.unlink()

    return fault


def _windows_1252(folder: Path) -> None:
    """The register saved by Excel as 'CSV (Comma delimited)': accented names in Windows-1252."""
    path = folder / ACTIVITIES
    rows = read_rows(path)
    rows[5][1] = "Café culture: Clifton Park fête and Ståle's naïve piñata workshop"
    write_rows(path, rows, encoding="cp1252")


def _truncated_sav(folder: Path) -> None:
    """A real SPSS file cut short, as an interrupted download leaves it."""
    import pandas as pd
    import pyreadstat

    frame = pd.read_csv(folder / REACH_IN, dtype=str, keep_default_na=False)
    whole = folder / "surveys" / "reach_in_extra.sav"
    pyreadstat.write_sav(frame, str(whole))
    whole.write_bytes(whole.read_bytes()[:300])


def _toml_without(key: str) -> Fault:
    def fault(folder: Path) -> None:
        path = folder / "reference" / "report.toml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if not x.startswith(f"{key} ")), "utf-8")

    return fault


def _duplicate_column(folder: Path) -> None:
    rows = read_rows(folder / ACTIVITIES)
    position = rows[0].index("start_date")
    rows = [[*r, r[position]] for r in rows]
    rows[0][-1] = "Start Date"
    write_rows(folder / ACTIVITIES, rows)


def _blank_header(folder: Path) -> None:
    rows = read_rows(folder / TRAINING)
    rows[0] = [""] * len(rows[0])
    write_rows(folder / TRAINING, rows)


def _reference_cell(file: str, column: str, value: str, row: int = 3) -> Fault:
    return lambda folder: set_cell(folder, f"reference/{file}", row, column, value)


def _header_only(relative: str) -> Fault:
    def fault(folder: Path) -> None:
        write_rows(folder / relative, read_rows(folder / relative)[:1])

    return fault


# --------------------------------------------------------------------------- stops


@dataclass(frozen=True)
class Stop:
    """A folder the pre-flight check refuses; ``expect``: what the message must name."""

    id: str
    fault: Fault
    expect: tuple[str, ...]


PK_GARBAGE = b"PK\x03\x04" + bytes(range(256)) * 4

STOPS: tuple[Stop, ...] = (
    # files
    Stop("dataset-missing", _delete(ACTIVITIES), ("activity_register", "missing")),
    Stop("survey-folder-is-a-file", lambda f: _surveys_as_file(f), ("surveys", "is a file")),
    Stop("reference-file-missing", _delete("reference/targets.csv"), ("reference/targets.csv",)),
    Stop("reference-folder-missing", _delete("reference"), ("reference", "missing")),
    Stop("csv-and-xlsx", _also_xlsx(ACTIONS), ("action_plan.csv", "action_plan.xlsx")),
    Stop(
        "survey-csv-and-xlsx",
        _also_xlsx(QOL),
        ("surveys/qol_2006.csv", "surveys/qol_2006.xlsx"),
    ),
    Stop("empty-file", _write_bytes(TRAINING, b""), ("training_log.csv", "no header row")),
    Stop(
        "empty-reference-file",
        _write_bytes("reference/programme_areas.csv", b""),
        ("reference/programme_areas.csv", "no header row"),
    ),
    Stop(
        "empty-survey-file",
        _write_bytes(EVALUATION, b"\xef\xbb\xbf\r\n"),
        ("surveys/evaluation_forms.csv", "no header row"),
    ),
    Stop("windows-1252", _windows_1252, ("activity_register.csv", "UTF-8")),
    Stop(
        "corrupt-xlsx",
        _as_xlsx(ACTIVITIES, PK_GARBAGE),
        ("activity_register.xlsx", "cannot be opened as an Excel workbook"),
    ),
    Stop(
        "csv-named-xlsx",
        _as_xlsx(TRAINING, b"session_id,date\nTRN-1,2006-04-01\n"),
        ("training_log.xlsx", "Excel"),
    ),
    Stop(
        "xlsx-first-sheet-empty",
        _as_xlsx(ACTIONS, empty_first_sheet=True),
        ("action_plan.xlsx", "first sheet is empty"),
    ),
    Stop(
        "corrupt-sav",
        _write_bytes("surveys/qol_extra.sav", b"$FL2@(#) " + bytes(range(256)) * 2),
        ("surveys/qol_extra.sav", "SPSS"),
    ),
    Stop("truncated-sav", _truncated_sav, ("surveys/reach_in_extra.sav", "SPSS")),
    Stop("folder-for-file", _replace_with_folder(TRAINING), ("training_log.csv", "folder")),
    Stop(
        "folder-for-reference-file",
        _replace_with_folder("reference/population.csv"),
        ("reference/population.csv", "folder"),
    ),
    Stop(
        "folder-in-surveys",
        lambda f: (f / "surveys" / "wave4.csv").mkdir(),
        ("surveys/wave4.csv", "folder"),
    ),
    Stop(
        "report-toml-invalid",
        _write_bytes("reference/report.toml", b'organisation = "RMBC\ncommittee = \n'),
        ("reference/report.toml", "TOML"),
    ),
    Stop(
        "report-toml-key-missing",
        _toml_without("committee"),
        ("reference/report.toml", "committee"),
    ),
    Stop(
        "report-toml-not-utf8",
        lambda f: (f / "reference/report.toml").write_bytes(
            (f / "reference/report.toml")
            .read_text("utf-8")
            .replace("Council", "Cöuncil")
            .encode("cp1252")
        ),
        ("reference/report.toml", "UTF-8"),
    ),
    # columns
    Stop(
        "required-column-missing",
        lambda f: drop_column(f, ACTIVITIES, "start_date"),
        ("activity_register.csv", "start_date"),
    ),
    Stop(
        "survey-column-missing",
        lambda f: drop_column(f, QOL, "survey_kind"),
        ("surveys/qol_2006.csv", "survey_kind"),
    ),
    Stop(
        "reference-column-missing",
        lambda f: drop_column(f, "reference/population.csv", "population"),
        ("reference/population.csv", "population"),
    ),
    Stop(
        "column-duplicated-after-normalising",
        _duplicate_column,
        ("activity_register.csv", "'start_date'", "'Start Date'"),
    ),
    Stop("header-row-blank", _blank_header, ("training_log.csv", "no header row")),
    # values in reference/: reference data must be right, so a bad row stops the run
    Stop(
        "population-negative",
        _reference_cell("population.csv", "population", "-26850", row=2),
        ("reference/population.csv", "row 2", "population"),
    ),
    Stop(
        "target-not-a-number",
        _reference_cell("targets.csv", "target", "eighty", row=2),
        ("reference/targets.csv", "row 2", "target"),
    ),
    Stop(
        "reference-name-repeated",
        _reference_cell("area_assemblies.csv", "name", "rotherham north", row=3),
        ("reference/area_assemblies.csv", "row 3", "name"),
    ),
)


def _surveys_as_file(folder: Path) -> None:
    shutil.rmtree(folder / "surveys")
    (folder / "surveys").write_text("survey_id\n", encoding="utf-8")


# --------------------------------------------------------------------------- parameters


@dataclass(frozen=True)
class Parameter:
    """Bad command-line arguments; ``{data}``, ``{output}`` and ``{tmp}`` are filled in."""

    id: str
    args: tuple[str, ...]
    expect: tuple[str, ...]


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("period-empty", ("--period", ""), ("No period was given",)),
    Parameter("period-blank", ("--period", "   "), ("No period was given",)),
    Parameter("period-reversed", ("--period", "2007-01..2006-04"), ("ends before it starts",)),
    Parameter("period-month-13", ("--period", "2006-13"), ("'2006-13'",)),
    Parameter("period-range-month-13", ("--period", "2006-04..2006-13"), ("2006-13",)),
    Parameter("period-not-financial-year", ("--period", "2006/08"), ("'2006/08'",)),
    Parameter(
        "period-shell-metacharacters",
        ("--period", "2006-04..2007-01; touch {tmp}/pwned"),
        ("touch",),
    ),
    Parameter("period-quotes", ("--period", "2006-04'..\"2007-01"), ("not a period",)),
    Parameter(
        "period-before-data",
        ("--period", "2004-04..2005-03"),
        ("data_from", "reference/report.toml"),
    ),
    Parameter("meeting-date-not-iso", ("--meeting-date", "12/02/2007"), ("meeting date",)),
    Parameter("data-folder-missing", ("--data", "{tmp}/no-such-folder"), ("no-such-folder",)),
    Parameter("data-folder-is-a-file", ("--data", "{tmp}/file.txt"), ("file.txt", "folder")),
    Parameter(
        "output-not-writable",
        ("--output", "{tmp}/file.txt/archive"),
        ("file.txt/archive", "cannot be created"),
    ),
    Parameter("output-is-a-file", ("--output", "{tmp}/file.txt"), ("file.txt", "is a file")),
)


# --------------------------------------------------------------------------- set aside


@dataclass(frozen=True)
class SetAside:
    """One row fault; ``where``: (file, id column, id) of the broken row.

    The row is expected in set_aside with ``column`` and a reason containing
    ``reason``; ``also`` names further rows set aside with it (duplicates).
    ``shared``: carried by the shared full run too (all of them at once).
    """

    id: str
    where: tuple[str, str, str]
    changes: dict[str, str]
    column: str
    reason: str
    also: tuple[tuple[str, str, str], ...] = ()
    shared: bool = True
    private: bool = field(default=False)  # a survey row: its reason must not quote its values

    @property
    def file(self) -> str:
        return self.where[0]

    def apply(self, folder: Path) -> tuple[int, ...]:
        """Break the row; the spreadsheet rows expected set aside (the broken one first)."""
        rows = tuple(row_of(folder, *where) for where in (self.where, *self.also))
        set_cells(folder, self.file, rows[0], **self.changes)
        return rows


def _activity(number: int) -> tuple[str, str, str]:
    return (ACTIVITIES, "activity_id", f"CCI-2006-{number:03d}")


def _action(action_id: str) -> tuple[str, str, str]:
    return (ACTIONS, "action_id", action_id)


def _session(session_id: str) -> tuple[str, str, str]:
    return (TRAINING, "session_id", session_id)


def _respondent(file: str, respondent: str) -> tuple[str, str, str]:
    return (file, "respondent_id", respondent)


SET_ASIDE: tuple[SetAside, ...] = (
    SetAside(
        "date-unparseable",
        _activity(11),
        {"start_date": "next Tuesday"},
        "start_date",
        "'next Tuesday' is not a date",
    ),
    SetAside(
        "date-impossible",
        _activity(12),
        {"start_date": "31/02/2006"},
        "start_date",
        "'31/02/2006' is not a real date",
    ),
    SetAside(
        "date-impossible-iso",
        _activity(13),
        {"registered_date": "2006-13-01"},
        "registered_date",
        "not a real date",
    ),
    SetAside(
        "end-before-start",
        _activity(14),
        {"start_date": "2006-06-01", "end_date": "2006-05-01"},
        "end_date",
        "end_date is before start_date",
    ),
    SetAside(
        "duplicate-activity-id",
        _activity(15),
        {"activity_id": "CCI-2006-016"},
        "activity_id",
        "duplicate activity_id",
        also=(_activity(16),),
    ),
    SetAside(
        "negative-participants",
        _activity(17),
        {"participants": "-12"},
        "participants",
        "participants must be a whole number of 0 or more",
    ),
    SetAside(
        "fractional-participants",
        _activity(18),
        {"participants": "12.5"},
        "participants",
        "whole number",
    ),
    SetAside(
        "negative-cost",
        _activity(19),
        {"cost_gbp": "-250"},
        "cost_gbp",
        "cost_gbp must be a number of 0 or more",
    ),
    SetAside(
        "cost-not-numeric",
        _activity(20),
        {"cost_gbp": "about £300"},
        "cost_gbp",
        "cost_gbp must be a number",
    ),
    SetAside(
        "unknown-programme-area",
        _activity(21),
        {"programme_area": "Ministry of Magic"},
        "programme_area",
        "'Ministry of Magic' is not a programme area in reference/programme_areas.csv",
    ),
    SetAside(
        "unknown-area-assembly",
        _activity(22),
        {"area_assembly": "Sheffield Central"},
        "area_assembly",
        "'Sheffield Central' is not an area assembly in reference/area_assemblies.csv",
    ),
    SetAside(
        "unknown-community",
        _activity(23),
        {"target_groups": "Older people; Martians"},
        "target_groups",
        "'Martians' is not a community of interest",
    ),
    SetAside(
        "unknown-method",
        _activity(24),
        {"method": "<script>alert('method')</script>"},
        "method",
        "is not a valid method",
    ),
    SetAside(
        "unknown-status",
        _activity(25),
        {"status": "finished"},
        "status",
        "'finished' is not a valid status",
    ),
    SetAside(
        "unknown-activity-type",
        _activity(26),
        {"activity_type": "referendum"},
        "activity_type",
        "'referendum' is not a valid activity_type",
    ),
    SetAside(
        "bool-not-bool",
        _activity(27),
        {"formal": "perhaps"},
        "formal",
        "formal must be true/false, yes/no, y/n or 1/0, not 'perhaps'",
    ),
    SetAside(
        "required-text-empty",
        _activity(28),
        {"title": "   "},
        "title",
        "title is required but empty",
    ),
    SetAside(
        "priority-area-6",
        _action("A2.1"),
        {"priority_area": "6"},
        "priority_area",
        "priority_area must be a whole number from 1 to 5",
    ),
    SetAside(
        "complete-without-completed-date",
        _action("A1.1"),
        {"status": "complete", "completed_date": ""},
        "completed_date",
        "status is complete but completed_date is empty",
    ),
    SetAside(
        "unknown-action-status",
        _action("A1.2"),
        {"status": "done-ish"},
        "status",
        "'done-ish' is not a valid status",
    ),
    SetAside(
        "negative-attendees",
        _session("TRN-2006-010"),
        {"attendees": "-3"},
        "attendees",
        "attendees must be a whole number of 0 or more",
    ),
    SetAside(
        "unknown-audience",
        _session("TRN-2006-011"),
        {"audience": "public"},
        "audience",
        "'public' is not a valid audience",
    ),
    SetAside(
        "weight-zero",
        _respondent(QOL, "R000007"),
        {"weight": "0"},
        "weight",
        "weight must be greater than 0",
        private=True,
    ),
    SetAside(
        "weight-negative",
        _respondent(QOL, "R000008"),
        {"weight": "-1.2"},
        "weight",
        "weight must be greater than 0",
        private=True,
    ),
    SetAside(
        "answer-off-scale",
        _respondent(QOL, "R000013"),
        {"q_consult_satisfaction": "ecstatic"},
        "q_consult_satisfaction",
        "q_consult_satisfaction answer is not on its scale",
        private=True,
    ),
    SetAside(
        "influence-off-scale",
        _respondent(QOL, "R000015"),
        {"q_influence": "7"},
        "q_influence",
        "q_influence answer is not on its scale",
        private=True,
    ),
    SetAside(
        "staff-answer-not-bool",
        _respondent(REACH_IN, "R000009"),
        {"q_aware_cci": "sort of"},
        "q_aware_cci",
        "q_aware_cci must be true/false",
        private=True,
    ),
    SetAside(
        "duplicate-respondent",
        _respondent(REACH_IN, "R000007"),
        {"respondent_id": "R000006"},
        "respondent_id",
        "duplicate respondent_id within survey_id",
        also=(_respondent(REACH_IN, "R000006"),),
        private=True,
    ),
    SetAside(
        "survey-date-impossible",
        _respondent(EVALUATION, "R000001"),
        {"fieldwork_date": "30/02/2005"},
        "fieldwork_date",
        "fieldwork_date is not a real date",
        private=True,
    ),
)


def every_required_empty(folder: Path) -> int:
    """Every required cell of the training log emptied (its optional columns kept); row count."""
    from pipeline.spec.contract import DATASETS

    rows = read_rows(folder / TRAINING)
    required = [c.name for c in DATASETS["training_log"].columns if c.required is True]
    positions = [rows[0].index(c) for c in required]
    for row in rows[1:]:
        for position in positions:
            row[position] = ""
        row[rows[0].index("programme_area")] = "Neighbourhoods"
    write_rows(folder / TRAINING, rows)
    return len(rows) - 1


def settings_of(folder: Path) -> dict:
    return tomllib.loads((folder / "reference" / "report.toml").read_text("utf-8"))
