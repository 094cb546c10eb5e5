"""Reading a data folder as the data contract (``docs/data-contract.md``) says.

:func:`preflight` checks the folder's layout, that every file opens and decodes,
every header and every row of ``reference/``, and stops with one plain-English
message per problem. :func:`load_inputs` then reads every row once, types it per
:mod:`pipeline.spec.contract` and sets aside the rows that break the contract, with
the reason, so that nothing is dropped silently; ``strict=True`` turns any
set-aside row into a stop. This module glues the stages together:

- :mod:`pipeline.ingest.readers`: files (CSV, ``.xlsx``, ``.sav``) to text cells;
- :mod:`pipeline.ingest.cells`: text cells to typed values;
- :mod:`pipeline.ingest.folder`: the folder's layout, headers and ``report.toml``;
- :mod:`pipeline.ingest.reference`: the rows of ``reference/``;
- :mod:`pipeline.ingest.rows`: the datasets' rows, typed, and the set-aside ones.

A problem in ``reference/`` is a stop, never a set-aside: reference data must be
right. ``respondent_id`` is used for the uniqueness check only and is not in
:attr:`Inputs.surveys`. The folder constants other packages use
(``SURVEYS_FOLDER``, ``REFERENCE_FOLDER``, ``DATASET_SUFFIXES``,
``SURVEY_SUFFIXES``, ``REFERENCE_LIST_COLUMN``) are importable from here.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.errors import InputError, StrictModeError
from pipeline.ingest.cells import normalise_header
from pipeline.ingest.coverage import folder_coverage
from pipeline.ingest.folder import (
    DATASET_SUFFIXES,
    REFERENCE_FOLDER,
    REFERENCE_LIST_COLUMN,
    SURVEY_SUFFIXES,
    SURVEYS_FOLDER,
    check_folder,
)
from pipeline.ingest.inputs import InputFile, Inputs, ReportSettings
from pipeline.ingest.readers import Table, read_table
from pipeline.ingest.reference import load_reference
from pipeline.ingest.rows import read_dataset
from pipeline.spec import contract
from pipeline.spec.period import Coverage

__all__ = [
    "DATASET_SUFFIXES",
    "REFERENCE_FOLDER",
    "REFERENCE_LIST_COLUMN",
    "SURVEYS_FOLDER",
    "SURVEY_SUFFIXES",
    "CheckedFolder",
    "load_inputs",
    "preflight",
]

log = logging.getLogger(__name__)

STRICT_LISTED = 20  # set-aside rows a strict-mode stop lists
# Dataset -> the name of its typed frame in Inputs.
FRAME_OF = {
    "activity_register": "activities",
    "action_plan": "actions",
    "training_log": "training",
    "decisions": "decisions",
}


@dataclass(frozen=True)
class CheckedFolder:
    """What the pre-flight check found: the files it will read and the paper's settings."""

    files: tuple[str, ...]  # paths relative to the data folder, with forward slashes
    settings: ReportSettings
    coverage: Coverage


def preflight(data_dir: Path) -> CheckedFolder:
    """Check layout, that every file opens and decodes, every header, and reference/.

    Raises InputError listing every problem found (one plain-English message per
    problem, naming file and column, and row for reference/). Fast: no dataset row
    is typed; reference/ is a few dozen rows that must be right, so a bad one stops
    the run here, before any kernel starts.
    """
    layout = check_folder(Path(data_dir))
    paths = [*layout.datasets.values(), *layout.surveys, *layout.reference.values()]
    reference, _, _ = load_reference(layout, [])
    settings = reference.settings
    files = tuple(sorted(layout.name(p) for p in paths))
    return CheckedFolder(files, settings, folder_coverage(layout, settings))


def load_inputs(data_dir: Path, *, strict: bool = False) -> Inputs:
    """Preflight, then read every row once, type it and set aside rows that break the contract.

    ``strict=True``: any set-aside row raises StrictModeError.
    """
    data_dir = Path(data_dir)
    layout = check_folder(data_dir)
    reference_files: list[InputFile] = []
    reference, population, targets = load_reference(layout, reference_files)

    frames: dict[str, pd.DataFrame] = {}
    set_asides: list[pd.DataFrame] = []
    files: list[InputFile] = []
    for dataset, path in layout.datasets.items():
        table = read_table(path, layout.name(path))
        frame, set_aside = read_dataset(contract.DATASETS[dataset], [table], reference)
        frames[FRAME_OF[dataset]] = frame
        set_asides.append(set_aside)
        files.append(_input_file(dataset, table, set_aside))
    tables = [read_table(path, layout.name(path)) for path in layout.surveys]
    surveys, set_aside = read_dataset(contract.SURVEYS, tables, reference)
    set_asides.append(set_aside)
    files += [_input_file(contract.SURVEYS.name, t, set_aside) for t in tables]
    files += reference_files

    set_aside = pd.concat(set_asides, ignore_index=True)
    for file in files:
        log.debug("Read %s: %d rows, %d set aside", file.name, file.rows_read, file.rows_set_aside)
    if strict and len(set_aside):
        raise StrictModeError(strict_problems(set_aside))
    faults = column_faults(set_aside, {f.name: f.rows_read for f in files})
    if faults:
        raise InputError(faults)
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
        elections=reference.elections,
        decisions=frames.get("decisions"),
    )


# A fault through a whole column: at least this many rows, and more than half of the file's.
COLUMN_FAULT_ROWS = 10
_QUOTED = re.compile(r"'([^']*)'")


def _examples(rows: pd.DataFrame, column: str) -> list[str]:
    """Up to three of the values behind one fault, from the reasons or the rows' records."""
    quoted = rows["reason"].str.extract(_QUOTED.pattern, expand=False).dropna()
    if quoted.empty and rows["record"].ne("").any():
        cells = [json.loads(r) for r in rows["record"] if r]
        quoted = pd.Series(
            [v for cell in cells for k, v in cell.items() if normalise_header(k) == column]
        )
    return [v for v in dict.fromkeys(map(str, quoted)) if v.strip()][:3]


def column_faults(set_aside: pd.DataFrame, rows_read: dict[str, int]) -> list[str]:
    """One problem for each column whose rows are set aside for the same reason throughout.

    At least :data:`COLUMN_FAULT_ROWS` rows of a file, and more than half of them: a paper
    built on the rest would mislead, so the run stops and names file, column, reason and
    three of the values (none for survey files, whose rows never leave the inputs).
    """
    if set_aside.empty:
        return []
    kind = set_aside["reason"].str.replace(_QUOTED.pattern, "'…'", regex=True)
    problems = []
    for (file, column, reason), rows in set_aside.assign(kind=kind).groupby(
        ["file", "column", "kind"], sort=True
    ):
        if len(rows) < COLUMN_FAULT_ROWS or len(rows) * 2 <= rows_read.get(file, 0):
            continue
        examples = _examples(rows, column)
        shown = f", for example {', '.join(repr(v) for v in examples)}" if examples else ""
        problems.append(
            f"{file}: {len(rows)} of its {rows_read[file]} rows have the same problem in the "
            f"column {column} ({reason}){shown}. A fault through a whole column usually comes "
            "from how the file was exported: correct the column and run the report again"
        )
    return problems


def _input_file(dataset: str, table: Table, set_aside: pd.DataFrame) -> InputFile:
    set_aside_here = int(set_aside["file"].eq(table.name).sum())
    return InputFile(dataset, table.name, table.sha256, len(table), set_aside_here)


def strict_problems(set_aside: pd.DataFrame) -> list[str]:
    """What a strict-mode stop lists: the first rows set aside, by file, row and column (and
    partner, for a partnership's rows)."""
    total = len(set_aside)
    listed = set_aside.head(STRICT_LISTED)
    problems = [
        f"Strict mode (STRICT=1): {total} row{'s' if total != 1 else ''} break the data "
        "contract and would be set aside:"
    ]
    where = listed["partner"] + ", " + listed["file"] if "partner" in listed else listed["file"]
    problems += (
        where
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
