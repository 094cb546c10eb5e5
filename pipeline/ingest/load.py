"""Reading a data folder as the data contract (``docs/data-contract.md``) says.

:func:`preflight` checks the folder's layout, that every file opens and decodes,
and every header, and stops with one plain-English message per problem.
:func:`load_inputs` then reads every row once, types it per
:mod:`pipeline.spec.contract` and sets aside the rows that break the contract, with
the reason, so that nothing is dropped silently.

A set-aside row is reported once, with the *first* problem found in it, checking
its columns in contract order, then the rules between columns (end before start,
``complete`` without a ``completed_date`` ...), then duplicated ids. A problem in
``reference/`` is a stop, never a set-aside: reference data must be right.
Survey rows are set aside with an empty ``record`` and reasons that never quote
a respondent's answer; ``respondent_id`` is used for the uniqueness check only
and is not in :attr:`Inputs.surveys`.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.errors import InputError, StrictModeError
from pipeline.ingest.inputs import SET_ASIDE_COLUMNS, InputFile, Inputs, ReportSettings
from pipeline.ingest.readers import (
    CSV_SUFFIX,
    EXCEL_SUFFIX,
    SPSS_SUFFIX,
    Table,
    match_categories,
    match_lists,
    normalise_header,
    normalise_scalar,
    normalise_text,
    parse_bools,
    parse_dates,
    parse_numbers,
    read_header,
    read_table,
    sha256_of,
)
from pipeline.spec import contract
from pipeline.spec.contract import Column, Dataset
from pipeline.spec.period import Month

log = logging.getLogger(__name__)

SURVEYS_FOLDER = "surveys"
REFERENCE_FOLDER = "reference"
DATASET_SUFFIXES = (CSV_SUFFIX, EXCEL_SUFFIX)
SURVEY_SUFFIXES = (CSV_SUFFIX, EXCEL_SUFFIX, SPSS_SUFFIX)
STRICT_LISTED = 20

# Dataset -> the name of its typed frame in Inputs.
FRAME_OF = {"activity_register": "activities", "action_plan": "actions", "training_log": "training"}
REFERENCE_LIST_COLUMN = "name"
PROFILE_COLUMNS = ("area_assembly", "age_band", "sex", "ethnic_group", "disability")
# How a reference list is named in a reason: "'X' is not <label> in reference/<file>".
REFERENCE_LABELS = {
    "area_assemblies": "an area assembly",
    "communities_of_interest": "a community of interest",
    "programme_areas": "a programme area",
}


@dataclass(frozen=True)
class _Layout:
    """Where each file of a data folder is."""

    root: Path
    datasets: dict[str, Path] = field(default_factory=dict)
    surveys: tuple[Path, ...] = ()
    reference: dict[str, Path] = field(default_factory=dict)

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


@dataclass(frozen=True)
class _Reference:
    """What the rows of the datasets are checked against."""

    lists: dict[str, tuple[str, ...]]
    population_categories: dict[str, tuple[str, ...]]
    settings: ReportSettings


# --------------------------------------------------------------------------- preflight


@dataclass(frozen=True)
class CheckedFolder:
    """What the pre-flight check found: the files it will read and the paper's settings."""

    files: tuple[str, ...]  # paths relative to the data folder, with forward slashes
    settings: ReportSettings


def preflight(data_dir: Path) -> CheckedFolder:
    """Check layout, that every file opens and decodes, every header, and reference/.

    Raises InputError listing every problem found (one plain-English message per
    problem, naming file and column, and row for reference/). Fast: no dataset row
    is typed; reference/ is a few dozen rows that must be right, so a bad one stops
    the run here, before any kernel starts.
    """
    layout = _preflight(Path(data_dir))
    paths = [*layout.datasets.values(), *layout.surveys, *layout.reference.values()]
    reference, _, _ = _load_reference(layout, [])
    return CheckedFolder(tuple(sorted(layout.name(p) for p in paths)), reference.settings)


def _preflight(data_dir: Path) -> _Layout:
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
            problems += _read_settings(path, name)[1]
        else:
            problems += _header_problems(path, name, _reference_headers(file_name))
    if problems:
        raise InputError(problems)
    return layout


def _reference_headers(file_name: str) -> tuple[str, ...]:
    if file_name in contract.REFERENCE_TABLES:
        return contract.REFERENCE_TABLES[file_name]
    return (REFERENCE_LIST_COLUMN,)


def _locate(root: Path) -> tuple[_Layout, list[str]]:
    """Find every file the contract names; problems for missing, doubled or misplaced ones."""
    if not root.exists():
        return _Layout(root), [f"The data folder {root} does not exist"]
    if not root.is_dir():
        return _Layout(root), [f"The data folder {root} is a file, not a folder"]
    problems: list[str] = []
    datasets: dict[str, Path] = {}
    for dataset in contract.DATASETS:
        if dataset == contract.SURVEYS.name:
            continue
        found = [
            root / f"{dataset}{s}" for s in DATASET_SUFFIXES if (root / f"{dataset}{s}").exists()
        ]
        if len(found) > 1:
            problems.append(_both_problem(found[0].name, found[1].name))
        elif not found:
            problems.append(
                f"{dataset} is missing: the data folder must hold {dataset}.csv or {dataset}.xlsx"
            )
        elif found[0].is_dir():
            problems.append(f"{found[0].name} is a folder, not a file")
        else:
            datasets[dataset] = found[0]
    surveys, survey_problems = _locate_surveys(root)
    problems += survey_problems
    reference, reference_problems = _locate_reference(root)
    problems += reference_problems
    return _Layout(root, datasets, surveys, reference), problems


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
    problems: list[str] = []
    paths: list[Path] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        # Hidden files and Excel's "~$name.xlsx" lock files are not survey files.
        if path.name.startswith((".", "~$")):
            continue
        if path.suffix.lower() not in SURVEY_SUFFIXES:
            log.warning("Ignoring %s/%s: not a .csv, .xlsx or .sav file", SURVEYS_FOLDER, path.name)
            continue
        if path.is_dir():
            problems.append(f"{SURVEYS_FOLDER}/{path.name} is a folder, not a file")
            continue
        paths.append(path)
    stems = {}
    for path in paths:
        if path.suffix.lower() in DATASET_SUFFIXES:
            stems.setdefault(path.stem, []).append(path)
    for doubled in stems.values():
        if len(doubled) > 1:
            first, second = (f"{SURVEYS_FOLDER}/{p.name}" for p in doubled[:2])
            problems.append(_both_problem(first, second, f"{SURVEYS_FOLDER} folder"))
    if not paths:
        log.info("The surveys folder is empty: survey measures will have no value")
    return tuple(paths), problems


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
    return found, problems


def _header_problems(path: Path, name: str, expected: Dataset | tuple[str, ...]) -> list[str]:
    try:
        headers = read_header(path, name)
    except InputError as exc:
        return exc.problems
    required = expected.required_headers if isinstance(expected, Dataset) else expected
    return _header_map(headers, name, required)[1]


def _header_map(
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


def _read_settings(path: Path, name: str) -> tuple[ReportSettings | None, list[str]]:
    raw = path.read_bytes()
    try:
        values = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, [f"{name} is not UTF-8 text: save it as UTF-8"]
    except tomllib.TOMLDecodeError as exc:
        return None, [f"{name} is not valid TOML: {exc}"]
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
    if isinstance(values.get("data_from"), str):
        try:
            Month.parse(values["data_from"])
        except ValueError:
            problems.append(
                f"{name}: data_from '{values['data_from']}' must be a month in the form YYYY-MM"
            )
    meeting = values.get("meeting_date")
    if meeting is not None and (not isinstance(meeting, date) or isinstance(meeting, datetime)):
        problems.append(
            f"{name}: meeting_date must be a date written without quotes, e.g. meeting_date = "
            "2007-02-12"
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
        meeting_date=meeting,
    )
    return settings, []


# --------------------------------------------------------------------------- load


def load_inputs(data_dir: Path, *, strict: bool = False) -> Inputs:
    """Preflight, then read every row once, type it and set aside rows that break the contract.

    ``strict=True``: any set-aside row raises StrictModeError.
    """
    data_dir = Path(data_dir)
    layout = _preflight(data_dir)
    reference_files: list[InputFile] = []
    reference, population, targets = _load_reference(layout, reference_files)

    frames: dict[str, pd.DataFrame] = {}
    set_asides: list[pd.DataFrame] = []
    files: list[InputFile] = []
    for dataset, path in layout.datasets.items():
        table = read_table(path, layout.name(path))
        frame, set_aside = _read_dataset(contract.DATASETS[dataset], [table], reference)
        frames[FRAME_OF[dataset]] = frame
        set_asides.append(set_aside)
        files.append(_input_file(dataset, table, set_aside))
    tables = [read_table(path, layout.name(path)) for path in layout.surveys]
    surveys, set_aside = _read_dataset(contract.SURVEYS, tables, reference)
    set_asides.append(set_aside)
    files += [_input_file(contract.SURVEYS.name, t, set_aside) for t in tables]
    files += reference_files

    set_aside = pd.concat(set_asides, ignore_index=True)
    for file in files:
        log.info("Read %s: %d rows, %d set aside", file.name, file.rows_read, file.rows_set_aside)
    if strict and len(set_aside):
        raise StrictModeError(_strict_problems(set_aside))
    return Inputs(
        activities=frames["activities"],
        actions=frames["actions"],
        training=frames["training"],
        surveys=surveys,
        area_assemblies=reference.lists["area_assemblies"],
        communities=reference.lists["communities_of_interest"],
        programme_areas=reference.lists["programme_areas"],
        population=population,
        targets=targets,
        settings=reference.settings,
        set_aside=set_aside,
        files=tuple(files),
    )


def _input_file(dataset: str, table: Table, set_aside: pd.DataFrame) -> InputFile:
    set_aside_here = int(set_aside["file"].eq(table.name).sum())
    return InputFile(dataset, table.name, table.sha256, len(table), set_aside_here)


def _strict_problems(set_aside: pd.DataFrame) -> list[str]:
    total = len(set_aside)
    listed = set_aside.head(STRICT_LISTED)
    problems = [
        f"Strict mode (STRICT=1): {total} row{'s' if total != 1 else ''} break the data "
        "contract and would be set aside:"
    ]
    problems += (
        listed["file"]
        + " row "
        + listed["row"].astype("str")
        + ", column "
        + listed["column"]
        + ": "
        + listed["reason"]
    ).tolist()
    if total > STRICT_LISTED:
        problems.append(f"and {total - STRICT_LISTED} more")
    return problems


# --------------------------------------------------------------------------- reference


def _load_reference(
    layout: _Layout, files: list[InputFile]
) -> tuple[_Reference, pd.DataFrame, pd.DataFrame]:
    """Read reference/; any problem stops the run (InputError listing them all)."""
    problems: list[str] = []
    lists: dict[str, tuple[str, ...]] = {}
    for key, file_name in contract.REFERENCE_LISTS.items():
        table, text = _reference_table(layout, file_name, (REFERENCE_LIST_COLUMN,))
        names = text[REFERENCE_LIST_COLUMN]
        problems += _row_problems(table, REFERENCE_LIST_COLUMN, names.eq(""), "name is empty")
        lowered = names.str.lower()
        problems += _row_problems(
            table,
            REFERENCE_LIST_COLUMN,
            names.ne("") & lowered.duplicated(),
            "'" + names + "' is listed more than once",
        )
        lists[key] = tuple(dict.fromkeys(names[names.ne("")]))
        files.append(InputFile(key, table.name, table.sha256, len(table), 0))

    table, text = _reference_table(
        layout, "population.csv", contract.REFERENCE_TABLES["population.csv"]
    )
    population, population_problems = _population(table, text)
    problems += population_problems
    files.append(InputFile("population", table.name, table.sha256, len(table), 0))

    table, text = _reference_table(layout, "targets.csv", contract.REFERENCE_TABLES["targets.csv"])
    targets, target_problems = _targets(table, text)
    problems += target_problems
    files.append(InputFile("targets", table.name, table.sha256, len(table), 0))

    path = layout.reference[contract.REPORT_SETTINGS_FILE]
    settings, settings_problems = _read_settings(path, layout.name(path))
    problems += settings_problems
    files.append(
        InputFile("report_settings", layout.name(path), sha256_of(path.read_bytes()), 0, 0)
    )
    if problems or settings is None:
        raise InputError(problems)
    categories = {
        dim: tuple(population.loc[population["dimension"].eq(dim), "category"])
        for dim in contract.POPULATION_DIMENSIONS
    }
    return _Reference(lists, categories, settings), population, targets


def _reference_table(
    layout: _Layout, file_name: str, columns: tuple[str, ...]
) -> tuple[Table, pd.DataFrame]:
    path = layout.reference[file_name]
    table = read_table(path, layout.name(path))
    positions, problems = _header_map(table.headers, table.name, columns)
    if problems:
        raise InputError(problems)
    text = pd.DataFrame({c: normalise_text(table.cells[positions[c]]) for c in columns})
    return table, text


def _row_problems(table: Table, column: str, mask: pd.Series, reason: str | pd.Series) -> list[str]:
    """Stop messages, one per row of ``table`` where ``mask`` holds."""
    mask = mask.to_numpy(dtype=bool)
    if not mask.any():
        return []
    reasons = (
        reason[mask]
        if isinstance(reason, pd.Series)
        else pd.Series(reason, index=range(mask.sum()))
    )
    rows = pd.Series(table.rows[mask]).astype("str")
    messages = (
        table.name + " row " + rows + ", column " + column + ": " + reasons.reset_index(drop=True)
    )
    return messages.tolist()


def _population(table: Table, text: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    dimension, bad_dimension = match_categories(text["dimension"], contract.POPULATION_DIMENSIONS)
    problems = _row_problems(
        table,
        "dimension",
        bad_dimension | text["dimension"].eq(""),
        "'" + text["dimension"] + "' is not one of " + ", ".join(contract.POPULATION_DIMENSIONS),
    )
    category = text["category"]
    problems += _row_problems(table, "category", category.eq(""), "category is empty")
    numbers, not_number = parse_numbers(text["population"])
    bad_population = (
        text["population"].eq("")
        | not_number
        | (numbers < 0)
        | (numbers.notna() & (numbers % 1 != 0))
    )
    problems += _row_problems(
        table, "population", bad_population, "population must be a whole number of 0 or more"
    )
    doubled = (
        category.ne("")
        & pd.DataFrame({"d": dimension, "c": category.str.lower()}).duplicated().to_numpy()
    )
    problems += _row_problems(
        table,
        "category",
        doubled,
        "'" + category + "' is listed more than once for its dimension",
    )
    frame = pd.DataFrame(
        {
            "dimension": dimension.astype("str"),
            "category": category.astype("str"),
            "population": numbers.fillna(0).astype("int64") if not problems else numbers,
        }
    )
    return frame, problems


def _targets(table: Table, text: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    ids = text["indicator_id"]
    problems = _row_problems(table, "indicator_id", ids.eq(""), "indicator_id is empty")
    problems += _row_problems(
        table,
        "indicator_id",
        ids.ne("") & ids.str.upper().duplicated(),
        "'" + ids + "' has more than one target",
    )
    target, bad_target = parse_numbers(text["target"])
    problems += _row_problems(
        table, "target", text["target"].eq("") | bad_target, "target must be a number"
    )
    tolerance, bad_tolerance = parse_numbers(text["tolerance"])
    problems += _row_problems(
        table,
        "tolerance",
        bad_tolerance | (tolerance < 0),
        "tolerance must be a number of 0 or more, or empty for 0",
    )
    frame = pd.DataFrame(
        {"indicator_id": ids.astype("str"), "target": target, "tolerance": tolerance.fillna(0.0)}
    )
    return frame, problems


# --------------------------------------------------------------------------- datasets


@dataclass
class _Checks:
    """The problems found in a dataset's rows, in the order they are looked for."""

    index: pd.Index
    show_values: bool
    found: list[tuple[str, pd.Series]] = field(default_factory=list)

    def add(self, column: str, mask: pd.Series, reason: str | pd.Series) -> None:
        mask = pd.Series(np.asarray(mask, dtype=bool), index=self.index)
        if mask.any():
            reasons = pd.Series(pd.NA, index=self.index, dtype="str")
            self.found.append((column, reasons.mask(mask, reason)))

    def quoted(self, text: pd.Series, then: str, otherwise: str) -> str | pd.Series:
        """``'<cell>' <then>`` naming the cell, or ``otherwise`` where values are kept private."""
        return "'" + text + "' " + then if self.show_values else otherwise

    def first(self) -> tuple[pd.Series, pd.Series]:
        """(column, reason) of each row's first problem; NA for rows without one."""
        column = pd.Series(pd.NA, index=self.index, dtype="str")
        reason = pd.Series(pd.NA, index=self.index, dtype="str")
        for name, reasons in self.found:
            new = reason.isna() & reasons.notna()
            column = column.mask(new, name)
            reason = reason.mask(new, reasons)
        return column, reason


def _read_dataset(
    dataset: Dataset, tables: list[Table], reference: _Reference
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(typed frame of the rows kept, set-aside rows) for one dataset from its file(s)."""
    texts = [_contract_text(dataset, t) for t in tables]
    text = pd.concat(texts, ignore_index=True) if texts else _empty_text(dataset)
    files = pd.Series(
        np.repeat([t.name for t in tables], [len(t) for t in tables]), dtype="str"
    ).reindex(text.index)
    rows = pd.Series(np.concatenate([t.rows for t in tables]) if tables else [], dtype="int64")
    is_surveys = dataset.name == contract.SURVEYS.name
    checks = _Checks(text.index, show_values=not is_surveys)

    typed = {c.name: _typed_column(c, text[c.name], reference, checks) for c in dataset.columns}
    _DATASET_RULES[dataset.name](typed, text, reference, checks)
    for column in dataset.columns:
        if column.unique:
            ids = text[column.name]
            checks.add(
                column.name,
                ids.ne("") & ids.duplicated(keep=False),
                f"duplicate {column.name}: every row with this id is set aside",
            )

    bad_column, reason = checks.first()
    bad = reason.notna().to_numpy(dtype=bool)
    frame = pd.DataFrame(typed, index=text.index)
    if is_surveys:
        frame = frame.drop(columns="respondent_id")
        records = pd.Series("", index=text.index, dtype="str")[bad]
    else:
        frame["file"] = files
        frame["row"] = rows
        records = _records(tables[0], bad)
    set_aside = pd.DataFrame(
        {
            "dataset": pd.Series(dataset.name, index=range(int(bad.sum())), dtype="str"),
            "file": files[bad].to_numpy(),
            "row": rows[bad].to_numpy(),
            "column": bad_column[bad].to_numpy(),
            "reason": reason[bad].to_numpy(),
            "record": records.to_numpy(),
        },
        columns=list(SET_ASIDE_COLUMNS),
    ).astype({"file": "str", "row": "int64", "column": "str", "reason": "str", "record": "str"})
    return frame.loc[~bad].reset_index(drop=True), set_aside


def _empty_text(dataset: Dataset) -> pd.DataFrame:
    return pd.DataFrame({c.name: pd.Series([], dtype="str") for c in dataset.columns})


def _contract_text(dataset: Dataset, table: Table) -> pd.DataFrame:
    """The contract's columns of a table as normalised text; absent optional columns empty."""
    positions, problems = _header_map(table.headers, table.name, dataset.required_headers)
    if problems:  # the file changed since preflight
        raise InputError(problems)
    empty = pd.Series("", index=table.cells.index, dtype="str")
    return pd.DataFrame(
        {
            c.name: normalise_text(table.cells[positions[c.name]]) if c.name in positions else empty
            for c in dataset.columns
        },
        index=table.cells.index,
    )


def _records(table: Table, bad: np.ndarray) -> pd.Series:
    """The set-aside rows' original cells as JSON objects keyed by the original headers."""
    if not bad.any():
        return pd.Series([], dtype="str")
    named = [i for i, header in enumerate(table.headers) if header.strip()]
    cells = table.cells.loc[bad, named]
    cells.columns = [table.headers[i] for i in named]
    lines = cells.to_json(orient="records", lines=True, force_ascii=False).splitlines()
    # pandas escapes "/" as "\/" (valid JSON, but hard to read in a spreadsheet).
    return pd.Series([line.replace("\\/", "/") for line in lines], dtype="str")


def _typed_column(
    column: Column, text: pd.Series, reference: _Reference, checks: _Checks
) -> pd.Series:
    """One column typed per its kind; its problems added to ``checks``."""
    name = column.name
    empty = text.eq("")
    if column.required is True:
        checks.add(name, empty, f"{name} is required but empty")
    kind = column.kind
    if kind == "text":
        return text.where(~empty).astype("str")
    if kind == "category":
        return _typed_category(column, text, reference, checks)
    if kind == "list":
        allowed = reference.lists[column.ref]
        values, bad, unknown = match_lists(text, allowed)
        checks.add(
            name,
            bad,
            checks.quoted(unknown, _not_in_reference(column), _not_in_reference(column, name)),
        )
        return values
    if kind == "date":
        parsed = parse_dates(text)
        checks.add(
            name,
            parsed.malformed,
            checks.quoted(
                text,
                "is not a date: use YYYY-MM-DD or DD/MM/YYYY",
                f"{name} is not a date: use YYYY-MM-DD or DD/MM/YYYY",
            ),
        )
        checks.add(
            name,
            parsed.impossible,
            "date '" + text + "' is not a real date"
            if checks.show_values
            else f"{name} is not a real date",
        )
        return parsed.values
    if kind == "bool":
        values, bad = parse_bools(text)
        words = "true/false, yes/no, y/n or 1/0"
        reason = f"{name} must be {words}"
        checks.add(name, bad, reason + ", not '" + text + "'" if checks.show_values else reason)
        return values
    if kind == "int":
        numbers, not_number = parse_numbers(text)
        bad = not_number | (numbers.notna() & (numbers % 1 != 0))
        if column.values:
            allowed = [int(v) for v in column.values]
            bad |= numbers.notna() & ~numbers.isin(allowed)
            reason = f"{name} must be a whole number from {min(allowed)} to {max(allowed)}"
        elif column.minimum is not None:
            bad |= numbers < column.minimum
            reason = f"{name} must be a whole number of {column.minimum:g} or more"
        else:
            reason = f"{name} must be a whole number"
        checks.add(name, bad, reason)
        return numbers.where(~bad).astype("Int64")
    if kind == "number":
        numbers, not_number = parse_numbers(text)
        if column.positive:
            checks.add(name, not_number, f"{name} must be a number greater than 0")
            checks.add(name, numbers <= 0, f"{name} must be greater than 0")
        elif column.minimum is not None:
            checks.add(
                name,
                not_number | (numbers < column.minimum),
                f"{name} must be a number of {column.minimum:g} or more",
            )
        else:
            checks.add(name, not_number, f"{name} must be a number")
        return numbers
    msg = f"contract column {name} has unknown kind {kind!r}"  # a programming error
    raise ValueError(msg)


def _not_in_reference(column: Column, name: str | None = None) -> str:
    """``is not an area assembly in reference/area_assemblies.csv (or Borough-wide)``."""
    where = f"{REFERENCE_FOLDER}/{contract.REFERENCE_LISTS[column.ref]}"
    text = f"is not {REFERENCE_LABELS[column.ref]} in {where}"
    if column.extra:
        text += " (or " + ", ".join(column.extra) + ")"
    return f"{name} {text}" if name else text


def _typed_category(
    column: Column, text: pd.Series, reference: _Reference, checks: _Checks
) -> pd.Series:
    name = column.name
    if column.ref:
        allowed = (*reference.lists[column.ref], *column.extra)
        values, bad = match_categories(text, allowed)
        checks.add(
            name,
            bad,
            checks.quoted(text, _not_in_reference(column), _not_in_reference(column, name)),
        )
        return values
    values, bad = match_categories(text, column.values)
    choices = ", ".join(column.values)
    if name.startswith("q_"):
        private = f"{name} answer is not on its scale: {choices}"
        shown = f"is not on the {name} scale: use one of {choices}"
    else:
        private = f"{name} must be one of: {choices}"
        shown = f"is not a valid {name}: use one of {choices}"
    checks.add(name, bad, checks.quoted(text, shown, private))
    return values


# Rules between columns and defaults, one function per dataset; each adds to ``checks``.


def _activity_rules(
    typed: dict, text: pd.DataFrame, reference: _Reference, checks: _Checks
) -> None:
    typed["organisation"] = typed["organisation"].fillna(reference.settings.organisation)
    typed["evaluated"] = typed["evaluated"].fillna(False)
    checks.add("end_date", typed["end_date"] < typed["start_date"], "end_date is before start_date")


def _action_rules(typed: dict, text: pd.DataFrame, reference: _Reference, checks: _Checks) -> None:
    checks.add(
        "completed_date",
        typed["status"].eq("complete") & text["completed_date"].eq(""),
        "status is complete but completed_date is empty",
    )


def _training_rules(
    typed: dict, text: pd.DataFrame, reference: _Reference, checks: _Checks
) -> None:
    checks.add(
        "programme_area",
        typed["audience"].eq("staff") & text["programme_area"].eq(""),
        "programme_area is required when audience is staff",
    )


def _survey_rules(typed: dict, text: pd.DataFrame, reference: _Reference, checks: _Checks) -> None:
    typed["weight"] = typed["weight"].where(text["weight"].ne(""), 1.0)
    checks.add(
        "activity_id",
        typed["survey_kind"].eq("evaluation") & text["activity_id"].eq(""),
        "activity_id is required for an evaluation survey",
    )
    for dimension in PROFILE_COLUMNS:
        # Not a category of population.csv (or "prefer not to say"): unknown, not an error.
        categories = tuple(
            c
            for c in reference.population_categories[dimension]
            if c.lower() != contract.PREFER_NOT_TO_SAY
        )
        typed[dimension] = match_categories(text[dimension], categories)[0]
    ids = text[["survey_id", "respondent_id"]]
    checks.add(
        "respondent_id",
        ids["respondent_id"].ne("") & ids["survey_id"].ne("") & ids.duplicated(keep=False),
        "duplicate respondent_id within survey_id: every row with this id is set aside",
    )


_DATASET_RULES = {
    "activity_register": _activity_rules,
    "action_plan": _action_rules,
    "training_log": _training_rules,
    "surveys": _survey_rules,
}
