"""The rows of ``reference/``: the reference lists, population.csv and targets.csv.

:func:`load_reference` reads them (and ``report.toml``, via
:func:`pipeline.ingest.settings_file.read_settings`) into a :class:`Reference`, what the
datasets' rows are checked against, plus the typed population and targets
frames. Reference data must be right: any bad row is a stop (one InputError
listing every problem, naming file, spreadsheet row and column), never a
set-aside.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.errors import InputError
from pipeline.ingest.cells import (
    match_categories,
    normalise_text,
    parse_dates,
    parse_numbers,
    too_large,
)
from pipeline.ingest.folder import REFERENCE_LIST_COLUMN, Layout, header_map
from pipeline.ingest.inputs import InputFile, ReportSettings
from pipeline.ingest.readers import Table, read_table, sha256_of
from pipeline.ingest.settings_file import read_settings
from pipeline.spec import contract
from pipeline.spec.thresholds import LARGEST_NUMBER


@dataclass(frozen=True)
class Reference:
    """What the rows of the datasets are checked against."""

    lists: dict[str, tuple[str, ...]]
    population_categories: dict[str, tuple[str, ...]]
    settings: ReportSettings
    elections: pd.DataFrame  # name, polling_day (datetime64); no rows without elections.csv


def load_reference(
    layout: Layout, files: list[InputFile]
) -> tuple[Reference, pd.DataFrame, pd.DataFrame]:
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
    settings, settings_problems = read_settings(path, layout.name(path))
    problems += settings_problems
    files.append(
        InputFile("report_settings", layout.name(path), sha256_of(path.read_bytes()), 0, 0)
    )
    elections, election_problems = _elections(layout, files)
    problems += election_problems
    template = layout.reference.get(contract.PAPER_TEMPLATE_FILE)
    if template is not None:
        name = layout.name(template)
        files.append(InputFile("paper_template", name, sha256_of(template.read_bytes()), 0, 0))
    if problems or settings is None:
        raise InputError(problems)
    categories = {
        dim: tuple(population.loc[population["dimension"].eq(dim), "category"])
        for dim in contract.POPULATION_DIMENSIONS
    }
    return Reference(lists, categories, settings, elections), population, targets


def _reference_table(
    layout: Layout, file_name: str, columns: tuple[str, ...]
) -> tuple[Table, pd.DataFrame]:
    path = layout.reference[file_name]
    table = read_table(path, layout.name(path))
    positions, problems = header_map(table.headers, table.name, columns)
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
        | too_large(numbers)
        | (numbers.notna() & (numbers % 1 != 0))
    )
    problems += _row_problems(
        table,
        "population",
        bad_population,
        f"population must be a whole number from 0 to {LARGEST_NUMBER:,}",
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
        table,
        "target",
        text["target"].eq("") | bad_target | too_large(target),
        f"target must be a number from -{LARGEST_NUMBER:,} to {LARGEST_NUMBER:,}",
    )
    tolerance, bad_tolerance = parse_numbers(text["tolerance"])
    problems += _row_problems(
        table,
        "tolerance",
        bad_tolerance | (tolerance < 0) | too_large(tolerance),
        f"tolerance must be a number from 0 to {LARGEST_NUMBER:,}, or empty for 0",
    )
    frame = pd.DataFrame(
        {"indicator_id": ids.astype("str"), "target": target, "tolerance": tolerance.fillna(0.0)}
    )
    return frame, problems


ELECTION_COLUMNS = contract.REFERENCE_OPTIONAL_TABLES["elections.csv"]


def _elections(layout: Layout, files: list[InputFile]) -> tuple[pd.DataFrame, list[str]]:
    """``elections.csv`` (optional): each polling day a real date, each election named."""
    empty = pd.DataFrame(
        {"name": pd.Series(dtype="str"), "polling_day": pd.Series(dtype="datetime64[ns]")}
    )
    if "elections.csv" not in layout.reference:
        return empty, []
    table, text = _reference_table(layout, "elections.csv", ELECTION_COLUMNS)
    files.append(InputFile("elections", table.name, table.sha256, len(table), 0))
    names = text["name"]
    problems = _row_problems(table, "name", names.eq(""), "name is empty")
    dates = parse_dates(text["polling_day"])
    bad = text["polling_day"].eq("") | dates.malformed | dates.impossible
    problems += _row_problems(
        table,
        "polling_day",
        bad,
        "'" + text["polling_day"] + "' is not a date (for example 2007-05-03 or 03/05/2007)",
    )
    frame = pd.DataFrame({"name": names.astype("str"), "polling_day": dates.values})
    return frame, problems
