"""Where a data folder's records end: ``data_to`` in report.toml, else the latest dates in them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.ingest.cells import parse_dates
from pipeline.ingest.folder import Layout, header_map
from pipeline.ingest.inputs import Inputs
from pipeline.ingest.readers import read_table
from pipeline.spec.period import Coverage, Month
from pipeline.spec.settings import ReportSettings

# The dates that show when records were last kept: (dataset, column).
RECORD_DATES = (("activity_register", "registered_date"), ("training_log", "date"))


def latest_month(dates: list[pd.Series]) -> Month | None:
    """The month of the latest date among ``dates``; None when there is none."""
    latest = max((d.max() for d in dates if d.notna().any()), default=None)
    return None if latest is None else Month(latest.year, latest.month)


def coverage(settings: ReportSettings, dates: list[pd.Series]) -> Coverage:
    first = Month.parse(settings.data_from)
    if settings.data_to:
        return Coverage(first, Month.parse(settings.data_to), declared=True)
    return Coverage(first, latest_month(dates), declared=False)


def _column_dates(path: Path, name: str, column: str) -> pd.Series:
    table = read_table(path, name)
    positions, _ = header_map(table.headers, name, ())
    if column not in positions:
        return pd.Series(dtype="datetime64[ns]")
    return parse_dates(table.cells[positions[column]]).values


def folder_coverage(layout: Layout, settings: ReportSettings) -> Coverage:
    """The folder's coverage; without ``data_to`` the two date columns are read to find it."""
    if settings.data_to:
        return coverage(settings, [])
    dates = [
        _column_dates(layout.datasets[dataset], layout.name(layout.datasets[dataset]), column)
        for dataset, column in RECORD_DATES
        if dataset in layout.datasets
    ]
    return coverage(settings, dates)


def inputs_coverage(inputs: Inputs) -> Coverage:
    """The coverage of ingested inputs (the same rule as :func:`folder_coverage`)."""
    dates = [inputs.activities["registered_date"], inputs.training["date"]]
    return coverage(inputs.settings, dates)
