"""The pre-flight check of a data folder: where its files are, their headers, report.toml.

:func:`check_folder` finds every file the data contract (``docs/data-contract.md``)
names, checks that each is an ordinary file that opens and decodes (see
:mod:`pipeline.ingest.files`) and has the required columns, and that
``reference/report.toml`` holds valid settings (:mod:`pipeline.ingest.settings_file`); it
raises one InputError listing every problem, in plain English, naming file and column. An
archive where a dataset or survey belongs is named, never opened. It types no row: the rows
of ``reference/`` are checked by :mod:`pipeline.ingest.reference`, those of the datasets by
:mod:`pipeline.ingest.rows`. :func:`header_map` (which column is where) is shared with them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest.cells import normalise_header
from pipeline.ingest.files import exists, file_problem, link_problem
from pipeline.ingest.hints import header_hint
from pipeline.ingest.readers import CSV_SUFFIX, EXCEL_SUFFIX, SPSS_SUFFIXES, read_header
from pipeline.ingest.settings_file import read_settings
from pipeline.ingest.template import (
    REFERENCE_FOLDER,
    misplaced_template_problems,
    template_problems,
)
from pipeline.spec import contract
from pipeline.spec.contract import Dataset

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
    ".dta": ("a Stata data file", "save it as .sav (SPSS) or .csv (CSV UTF-8)"),
    ".sas7bdat": ("a SAS data file", "save it as .sav (SPSS) or .csv (CSV UTF-8)"),
}
# Archives a file may be sent in: never opened (what is inside is unknown until it is), always
# named, so that a dataset or survey inside one is not silently left out.
ARCHIVES = {
    ".zip": "a zip archive",
    ".7z": "a 7-Zip archive",
    ".rar": "a RAR archive",
    ".gz": "a gzip-compressed file",
    ".tgz": "a compressed tar archive",
    ".tar": "a tar archive",
    ".bz2": "a bzip2-compressed file",
    ".xz": "an xz-compressed file",
}
_ARCHIVE_NAMES_SHOWN = 3
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


def _zip_members(path: Path) -> list[str]:
    """The files a zip archive holds, from its directory alone (nothing is extracted)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            return [n for n in package.namelist() if not n.endswith("/")]
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def archive_problem(path: Path, name: str, folder: str) -> str:
    """What to do with an archive found where a dataset or survey file belongs."""
    what = ARCHIVES[path.suffix.lower()]
    members = _zip_members(path) if path.suffix.lower() == ".zip" else []
    holding = ""
    if members:
        shown = ", ".join(Path(m).name for m in members[:_ARCHIVE_NAMES_SHOWN])
        more = len(members) - _ARCHIVE_NAMES_SHOWN
        holding = f" holding {shown}" + (f" and {more} more" if more > 0 else "")
    return (
        f"{name} is {what}{holding}, which the pipeline does not open: extract the file(s) "
        f"into the {folder} and remove the archive"
    )


def _archived_dataset(root: Path, dataset: str) -> Path | None:
    """An archive named for a dataset (``activity_register.zip``, ``.csv.zip``...), if any."""
    stems = (dataset, *(f"{dataset}{s}" for s in DATASET_SUFFIXES))
    return next(
        (root / f"{stem}{s}" for stem in stems for s in ARCHIVES if exists(root / f"{stem}{s}")),
        None,
    )


def _locate_dataset(root: Path, dataset: str) -> tuple[Path | None, list[str]]:
    """The file of one dataset, or the problem with it (missing, doubled, unreadable)."""
    readable = [root / f"{dataset}{s}" for s in DATASET_SUFFIXES]
    unreadable = [root / f"{dataset}{s}" for s in UNREADABLE]
    found = [p for p in (*readable, *unreadable) if exists(p)]
    if len(found) > 1:
        return None, [_both_problem(found[0].name, found[1].name)]
    if not found:
        archived = _archived_dataset(root, dataset)
        if archived is not None:
            return None, [archive_problem(archived, archived.name, "data folder")]
        return None, [
            f"{dataset} is missing: the data folder must hold {dataset}.csv or {dataset}.xlsx"
        ]
    path = found[0]
    if path.suffix in UNREADABLE:
        return None, [unreadable_problem(path.name, path.suffix)]
    problem = file_problem(path, path.name)
    if problem:
        return None, [problem]
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
    problem = link_problem(root, f"The data folder {root}")
    if problem:
        return Layout(root), [problem]
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
    problem = link_problem(folder, f"The {SURVEYS_FOLDER} folder")
    if problem:
        return (), [problem]
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
        problem = file_problem(path, name)
        if suffix in UNREADABLE:
            problems.append(unreadable_problem(name, suffix))
        elif suffix in ARCHIVES:
            problems.append(problem or archive_problem(path, name, f"{SURVEYS_FOLDER} folder"))
        elif problem:
            problems.append(problem)
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
    problem = link_problem(folder, f"The {REFERENCE_FOLDER} folder")
    if problem:
        return {}, [problem]
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "is missing"
        return {}, [
            f"The {REFERENCE_FOLDER} folder {what}: it must hold " + ", ".join(_reference_files())
        ]
    found: dict[str, Path] = {}
    problems: list[str] = []
    for file_name in _reference_files():
        path = folder / file_name
        problem = file_problem(path, f"{REFERENCE_FOLDER}/{file_name}")
        if problem:
            problems.append(problem)
        else:
            found[file_name] = path
    for file_name in contract.REFERENCE_OPTIONAL_FILES:
        path = folder / file_name
        if not exists(path):
            continue
        problem = file_problem(path, f"{REFERENCE_FOLDER}/{file_name}")
        if problem:
            problems.append(problem)
        else:
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
