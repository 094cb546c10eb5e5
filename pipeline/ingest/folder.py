"""The pre-flight check of a data folder: where its files are, their headers, report.toml.

:func:`check_folder` finds every file the data contract (``docs/data-contract.md``)
names, checks that each opens and decodes and has the required columns, and that
``reference/report.toml`` holds valid settings; it raises one InputError listing
every problem, in plain English, naming file and column. It types no row: the
rows of ``reference/`` are checked by :mod:`pipeline.ingest.reference`, those of
the datasets by :mod:`pipeline.ingest.rows`. :func:`header_map` (which column
is where) and :func:`read_settings` (``report.toml``) are shared with them.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest.cells import normalise_header, normalise_scalar
from pipeline.ingest.hints import header_hint
from pipeline.ingest.inputs import ReportSettings
from pipeline.ingest.readers import CSV_SUFFIX, EXCEL_SUFFIX, SPSS_SUFFIXES, read_header
from pipeline.ingest.template import (
    REFERENCE_FOLDER,
    misplaced_template_problems,
    template_problems,
)
from pipeline.spec import contract
from pipeline.spec.contract import Dataset
from pipeline.spec.period import Month

log = logging.getLogger(__name__)

SURVEYS_FOLDER = "surveys"
DATASET_SUFFIXES = (CSV_SUFFIX, EXCEL_SUFFIX)
SURVEY_SUFFIXES = (CSV_SUFFIX, EXCEL_SUFFIX, *SPSS_SUFFIXES)
# Formats people save in that the pipeline does not read: what each is, and what to save as.
SAVE_AS_DATASET = "save it as .xlsx (Excel Workbook) or .csv (CSV UTF-8)"
UNREADABLE = {
    ".xls": ("an Excel 97-2003 workbook", SAVE_AS_DATASET),
    ".xlsb": ("an Excel binary workbook", SAVE_AS_DATASET),
    ".xlsm": ("an Excel macro-enabled workbook", SAVE_AS_DATASET),
    ".ods": ("an OpenDocument (LibreOffice) spreadsheet", SAVE_AS_DATASET),
    ".numbers": ("a Numbers spreadsheet", SAVE_AS_DATASET),
    ".por": ("an SPSS portable file", "save it from SPSS as .sav (or .zsav)"),
}
# What operating systems and office programs leave behind: never data, never mentioned.
_LEFTOVER_PREFIXES = ("~$", ".~lock.", "._")
_LEFTOVER_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
# The one column of a reference list (area_assemblies.csv ...).
REFERENCE_LIST_COLUMN = "name"


@dataclass(frozen=True)
class Layout:
    """Where each file of a data folder is."""

    root: Path
    datasets: dict[str, Path] = field(default_factory=dict)
    surveys: tuple[Path, ...] = ()
    reference: dict[str, Path] = field(default_factory=dict)

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


# --------------------------------------------------------------------------- layout and headers


def check_folder(data_dir: Path) -> Layout:
    layout, problems = _locate(data_dir)
    if problems and not data_dir.is_dir():
        raise InputError(problems)
    for dataset, path in layout.datasets.items():
        problems += _header_problems(path, layout.name(path), contract.DATASETS[dataset])
    for path in layout.surveys:
        problems += _header_problems(path, layout.name(path), contract.SURVEYS)
    for file_name, path in layout.reference.items():
        name = layout.name(path)
        if file_name == contract.REPORT_SETTINGS_FILE:
            problems += read_settings(path, name)[1]
        elif file_name == contract.PAPER_TEMPLATE_FILE:
            problems += template_problems(path, name)
        else:
            problems += _header_problems(path, name, _reference_headers(file_name))
    if problems:
        raise InputError(problems)
    return layout


def _reference_headers(file_name: str) -> tuple[str, ...]:
    if file_name in contract.REFERENCE_TABLES:
        return contract.REFERENCE_TABLES[file_name]
    if file_name in contract.REFERENCE_OPTIONAL_TABLES:
        return contract.REFERENCE_OPTIONAL_TABLES[file_name]
    return (REFERENCE_LIST_COLUMN,)


def is_leftover(path: Path) -> bool:
    """A file an operating system or office program leaves behind (a lock file, say)."""
    return path.name.startswith(_LEFTOVER_PREFIXES) or path.name.lower() in _LEFTOVER_NAMES


def unreadable_problem(name: str, suffix: str) -> str:
    what, advice = UNREADABLE[suffix.lower()]
    return f"{name} is {what}, which the pipeline does not read: {advice}"


def _locate_dataset(root: Path, dataset: str) -> tuple[Path | None, list[str]]:
    """The file of one dataset, or the problem with it (missing, doubled, unreadable)."""
    readable = [root / f"{dataset}{s}" for s in DATASET_SUFFIXES]
    unreadable = [root / f"{dataset}{s}" for s in UNREADABLE]
    found = [p for p in (*readable, *unreadable) if p.exists()]
    if len(found) > 1:
        return None, [_both_problem(found[0].name, found[1].name)]
    if not found:
        return None, [
            f"{dataset} is missing: the data folder must hold {dataset}.csv or {dataset}.xlsx"
        ]
    path = found[0]
    if path.is_dir():
        return None, [f"{path.name} is a folder, not a file"]
    if path.suffix in UNREADABLE:
        return None, [unreadable_problem(path.name, path.suffix)]
    return path, []


def _any_file(root: Path, dataset: str) -> bool:
    """Whether the folder holds a file of ``dataset`` in any form, readable or not."""
    return any((root / f"{dataset}{s}").exists() for s in (*DATASET_SUFFIXES, *UNREADABLE))


def _note_strangers(root: Path, known: set[str]) -> None:
    """Name once, on the console, each file in the folder that is not one of its files.

    Leftovers of office programs are not mentioned, nor the folder's own documentation
    (a README or a Markdown file).
    """
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        documentation = path.name.upper().startswith("README") or path.suffix.lower() == ".md"
        if path.is_file() and path.name not in known and not (is_leftover(path) or documentation):
            log.info("Note: %s is not one of the data folder's files, so it is left out", path.name)


def _locate(root: Path) -> tuple[Layout, list[str]]:
    """Find every file the contract names; problems for missing, doubled or misplaced ones."""
    if not root.exists():
        return Layout(root), [f"The data folder {root} does not exist"]
    if not root.is_dir():
        return Layout(root), [f"The data folder {root} is a file, not a folder"]
    problems: list[str] = []
    datasets: dict[str, Path] = {}
    for dataset in contract.DATASETS:
        if dataset == contract.SURVEYS.name:
            continue
        path, dataset_problems = _locate_dataset(root, dataset)
        if path is None and dataset in contract.OPTIONAL_DATASETS and not _any_file(root, dataset):
            continue
        problems += dataset_problems
        if path is not None:
            datasets[dataset] = path
    surveys, survey_problems = _locate_surveys(root)
    problems += survey_problems
    reference, reference_problems = _locate_reference(root)
    problems += reference_problems
    _note_strangers(root, {p.name for p in datasets.values()})
    return Layout(root, datasets, surveys, reference), problems


def _both_problem(first: str, second: str, folder: str = "data folder") -> str:
    return (
        f"Both {first} and {second} are in the {folder}: remove one, "
        "so that it is clear which to read"
    )


def _locate_surveys(root: Path) -> tuple[tuple[Path, ...], list[str]]:
    folder = root / SURVEYS_FOLDER
    if not folder.exists():
        log.info("No surveys folder in %s: survey measures will have no value", root)
        return (), []
    if not folder.is_dir():
        return (), [f"{SURVEYS_FOLDER} must be a folder of survey files, but it is a file"]
    paths, problems = _survey_files(folder)
    problems += _doubled_surveys(paths)
    if not paths:
        log.info("The surveys folder is empty: survey measures will have no value")
    return tuple(paths), problems


def _survey_files(folder: Path) -> tuple[list[Path], list[str]]:
    """The survey files in ``folder``, by name; problems for folders and unreadable formats."""
    problems: list[str] = []
    paths: list[Path] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = f"{SURVEYS_FOLDER}/{path.name}"
        suffix = path.suffix.lower()
        if is_leftover(path):
            continue
        if path.is_dir():
            problems.append(f"{name} is a folder, not a file")
        elif suffix in UNREADABLE:
            problems.append(unreadable_problem(name, suffix))
        elif suffix in SURVEY_SUFFIXES:
            paths.append(path)
        else:
            log.info("Note: %s is not a survey file (.csv, .xlsx, .sav or .zsav): left out", name)
    return paths, problems


def _doubled_surveys(paths: list[Path]) -> list[str]:
    """Problems for a survey held both as ``x.csv`` and ``x.xlsx``."""
    stems: dict[str, list[Path]] = {}
    for path in paths:
        if path.suffix.lower() in DATASET_SUFFIXES:
            stems.setdefault(path.stem, []).append(path)
    problems: list[str] = []
    for doubled in stems.values():
        if len(doubled) > 1:
            first, second = (f"{SURVEYS_FOLDER}/{p.name}" for p in doubled[:2])
            problems.append(_both_problem(first, second, f"{SURVEYS_FOLDER} folder"))
    return problems


def _reference_files() -> tuple[str, ...]:
    return (
        *contract.REFERENCE_LISTS.values(),
        *contract.REFERENCE_TABLES,
        contract.REPORT_SETTINGS_FILE,
    )


def _locate_reference(root: Path) -> tuple[dict[str, Path], list[str]]:
    folder = root / REFERENCE_FOLDER
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "is missing"
        return {}, [
            f"The {REFERENCE_FOLDER} folder {what}: it must hold " + ", ".join(_reference_files())
        ]
    found: dict[str, Path] = {}
    problems: list[str] = []
    for file_name in _reference_files():
        path = folder / file_name
        if not path.exists():
            problems.append(f"{REFERENCE_FOLDER}/{file_name} is missing")
        elif path.is_dir():
            problems.append(f"{REFERENCE_FOLDER}/{file_name} is a folder, not a file")
        else:
            found[file_name] = path
    for file_name in contract.REFERENCE_OPTIONAL_FILES:
        path = folder / file_name
        if path.is_dir():
            problems.append(f"{REFERENCE_FOLDER}/{file_name} is a folder, not a file")
        elif path.exists():
            found[file_name] = path
    return found, problems + misplaced_template_problems(folder)


def _header_problems(path: Path, name: str, expected: Dataset | tuple[str, ...]) -> list[str]:
    try:
        headers = read_header(path, name)
    except InputError as exc:
        return exc.problems
    required = expected.required_headers if isinstance(expected, Dataset) else expected
    positions, problems = header_map(headers, name, required)
    missing = [column for column in required if column not in positions]
    if missing:
        hint = header_hint(path, name, tuple(required))
        if hint:
            return [p for p in problems if "which is required" not in p] + [hint]
    return problems


def header_map(
    headers: tuple[str, ...], name: str, required: tuple[str, ...]
) -> tuple[dict[str, int], list[str]]:
    """Normalised column name -> position; problems for duplicates and missing required columns."""
    positions: dict[str, int] = {}
    problems: list[str] = []
    for position, header in enumerate(headers):
        normal = normalise_header(header)
        if not normal:
            continue
        if normal in positions:
            first = headers[positions[normal]]
            problems.append(
                f"{name}: the columns '{first}' and '{header}' both mean {normal}: "
                "remove or rename one of them"
            )
            continue
        positions[normal] = position
    for column in required:
        if column not in positions:
            problems.append(f"{name} has no '{column}' column, which is required")
    return positions, problems


# --------------------------------------------------------------------------- report.toml


def read_settings(path: Path, name: str) -> tuple[ReportSettings | None, list[str]]:
    """``report.toml`` as :class:`ReportSettings`, or None and every problem found in it."""
    raw = path.read_bytes()
    try:
        values = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, [f"{name} is not UTF-8 text: save it as UTF-8"]
    except tomllib.TOMLDecodeError as exc:
        return None, [f"{name} is not valid TOML: {exc}"]
    problems = (
        _required_settings_problems(values, name)
        + _optional_settings_problems(values, name)
        + _date_settings_problems(values, name)
    )
    if problems:
        return None, problems
    settings = ReportSettings(
        **{
            key: normalise_scalar(values[key])
            for key in contract.REPORT_SETTINGS_REQUIRED
            if key != "background_papers"
        },
        background_papers=tuple(normalise_scalar(v) for v in values["background_papers"]),
        meeting_date=values.get("meeting_date"),
        **{
            key: normalise_scalar(values[key])
            for key in contract.REPORT_SETTINGS_OPTIONAL
            if key in values
        },
    )
    return settings, []


def _required_settings_problems(values: dict, name: str) -> list[str]:
    """Problems for required settings that are missing or not text (titles for papers)."""
    problems: list[str] = []
    for key in contract.REPORT_SETTINGS_REQUIRED:
        value = values.get(key)
        if key not in values:
            problems.append(f"{name} has no '{key}', which is required")
        elif key == "background_papers":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f'{name}: background_papers must be a list of titles, ["..."]')
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"{name}: {key} must be a non-empty text in quotes")
    return problems


def _optional_settings_problems(values: dict, name: str) -> list[str]:
    """Problems for optional settings given but not as text."""
    return [
        f"{name}: {key} must be a non-empty text in quotes"
        for key in contract.REPORT_SETTINGS_OPTIONAL
        if key in values and (not isinstance(values[key], str) or not values[key].strip())
    ]


def _month_problems(values: dict, name: str) -> list[str]:
    """Problems for a ``data_from`` or ``data_to`` that is not a month, or in the wrong order."""
    problems: list[str] = []
    months = {}
    for key in ("data_from", "data_to"):
        if isinstance(values.get(key), str) and values[key].strip():
            try:
                months[key] = Month.parse(values[key])
            except ValueError:
                month = values[key]
                problems.append(f"{name}: {key} '{month}' must be a month in the form YYYY-MM")
    if len(months) == 2 and months["data_to"] < months["data_from"]:
        first, last = months["data_from"], months["data_to"]
        problems.append(f"{name}: data_to ({last}) is before data_from ({first})")
    return problems


def _date_settings_problems(values: dict, name: str) -> list[str]:
    """Problems for months that are not months and a ``meeting_date`` that is not a date."""
    problems = _month_problems(values, name)
    meeting = values.get("meeting_date")
    if meeting is not None and (not isinstance(meeting, date) or isinstance(meeting, datetime)):
        problems.append(
            f"{name}: meeting_date must be a date written without quotes, e.g. meeting_date = "
            "2007-02-12"
        )
    return problems
