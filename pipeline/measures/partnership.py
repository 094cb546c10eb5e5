"""The partnership paper's figures: shared standards, clashes across partners and the load.

- :func:`compute_standards`: the shared standards (the activity-based indicators) of each
  partner, on its own activities, and of the partnership, on all of them; ``standards.csv``.
- :func:`clashes_across`: the clashing pairs (the PA1.4 rule, the same search) led by two
  different organisations; ``clashes.csv``.
- :func:`consultation_load`: activities running in each area assembly in each month, a
  Borough-wide activity counting in every area; ``load.csv``.

Possible duplicates are in :mod:`pipeline.measures.duplicates`.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from pipeline.ingest.inputs import Inputs
from pipeline.measures.activity_sets import not_cancelled
from pipeline.measures.clashes import CLASH_COLUMNS, _runs, find_clashes
from pipeline.measures.indicators import REGISTRY, Indicator
from pipeline.measures.scorecard import (
    INDICATOR_COLUMNS,
    PREVIOUS_COUNTS,
    WHY_MISSING,
    compute_indicators,
)
from pipeline.spec.contract import BOROUGH_WIDE
from pipeline.spec.partnership import PARTNERSHIP_ROW, SHARED_STANDARDS, Partner
from pipeline.spec.period import Month, Period

STANDARDS_COLUMNS = ("organisation", *INDICATOR_COLUMNS)
CROSS_CLASH_COLUMNS = (
    "activity_id_a",
    "organisation_a",
    "title_a",
    "activity_id_b",
    "organisation_b",
    "title_b",
    *CLASH_COLUMNS[4:],
)
LOAD_COLUMNS = ("area", "month", "activities", "over_limit")


def shared_standards() -> tuple[Indicator, ...]:
    """The registry's entries for the shared standards, in the order of ``SHARED_STANDARDS``."""
    by_id = {item.id: item for item in REGISTRY}
    return tuple(by_id[i] for i in SHARED_STANDARDS if i in by_id)


def partner_inputs(inputs: Inputs, organisation: str) -> Inputs:
    """``inputs`` with only the activities ``organisation`` leads."""
    activities = inputs.activities
    own = activities[activities["organisation"].eq(organisation).fillna(False).to_numpy()]
    return replace(inputs, activities=own.reset_index(drop=True))


def compute_standards(
    inputs: Inputs, partners: tuple[Partner, ...], period: Period
) -> pd.DataFrame:
    """One row per partner (in ``partners.csv`` order) and standard, then the partnership's.

    Each partner's standards are computed on its own activities only (so its PA1.4 counts the
    pairs among its own activities); the partnership's on every partner's activities. Targets,
    ratings and directions of travel as the council's scorecard.
    """
    items = shared_standards()
    frames = [
        compute_indicators(partner_inputs(inputs, p.name), period, items).assign(
            organisation=p.name
        )
        for p in partners
    ]
    frames.append(compute_indicators(inputs, period, items).assign(organisation=PARTNERSHIP_ROW))
    frame = pd.concat(frames, ignore_index=True)
    frame["organisation"] = frame["organisation"].astype("str")
    # The CSV's columns, then what the paper reads besides (the previous period's counts, why a
    # value is missing): standards.csv is written from STANDARDS_COLUMNS alone.
    return frame[[*STANDARDS_COLUMNS, *PREVIOUS_COUNTS, *WHY_MISSING]]


def clashes_across(inputs: Inputs, period: Period) -> pd.DataFrame:
    """Every clashing pair of A whose two activities are led by different organisations.

    The clash table of the council's paper (:func:`pipeline.measures.clashes.find_clashes`)
    with both organisations; longest overlap first, then by the two ids.
    """
    clashes = find_clashes(inputs.activities, period, inputs.communities)
    organisation = inputs.activities.set_index("activity_id")["organisation"]
    frame = clashes.astype({"activity_id_a": "str", "activity_id_b": "str"})
    frame["organisation_a"] = frame["activity_id_a"].map(organisation).astype("str")
    frame["organisation_b"] = frame["activity_id_b"].map(organisation).astype("str")
    across = frame[frame["organisation_a"].ne(frame["organisation_b"]).to_numpy()]
    return across[list(CROSS_CLASH_COLUMNS)].reset_index(drop=True)


def pair_counts(
    pairs: pd.DataFrame, partners: tuple[Partner, ...]
) -> tuple[tuple[str, ...], np.ndarray]:
    """Partner-by-partner counts of ``pairs`` (organisation_a, organisation_b): a symmetric
    matrix over the partners in ``partners.csv`` order (a pair counts once in each cell)."""
    names = tuple(p.name for p in partners)
    code = {name: i for i, name in enumerate(names)}
    a = pairs["organisation_a"].map(code).to_numpy(dtype=np.int64)
    b = pairs["organisation_b"].map(code).to_numpy(dtype=np.int64)
    n = len(names)
    matrix = np.bincount(a * n + b, minlength=n * n).reshape(n, n)
    return names, matrix + matrix.T


def _month_number(days: pd.Series, first: Month) -> np.ndarray:
    """Each date's month, counted from ``first`` (0 is ``first``)."""
    return ((days.dt.year - first.year) * 12 + days.dt.month - first.month).to_numpy(np.int64)


def consultation_load(
    inputs: Inputs, period: Period, load_limit: int | None = None
) -> pd.DataFrame:
    """Activities of every partner, not cancelled, running on at least one day of each month of
    the period in each area assembly (a Borough-wide activity counts in every area).

    One row per area (in ``area_assemblies.csv`` order) and month: ``area``, ``month``
    (``YYYY-MM``), ``activities`` and ``over_limit`` (more than ``load_limit``; empty without
    a limit).
    """
    areas = inputs.area_assemblies
    months = period.months
    live = not_cancelled(inputs.activities)
    running = live[(live["start_date"] <= period.end) & (live["end_date"] >= period.start)]
    first = np.maximum(_month_number(running["start_date"], period.first), 0)
    last = np.minimum(_month_number(running["end_date"], period.first), months - 1)
    owners, offsets = _runs(last - first + 1)
    month = first[owners] + offsets
    code = {name: i for i, name in enumerate(areas)}
    area = running["area_assembly"].map(code).fillna(-1).to_numpy(np.int64)[owners]
    wide = running["area_assembly"].eq(BOROUGH_WIDE).fillna(False).to_numpy(bool)[owners]
    in_area = area >= 0
    grid = np.bincount(area[in_area] * months + month[in_area], minlength=len(areas) * months)
    grid = grid.reshape(len(areas), months) + np.bincount(month[wide], minlength=months)
    frame = pd.DataFrame(
        {
            "area": pd.Series(np.repeat(areas, months), dtype="str"),
            "month": pd.Series([str(m) for m in period.month_starts()] * len(areas), dtype="str"),
            "activities": grid.reshape(-1).astype(np.int64),
        }
    )
    over = frame["activities"] > load_limit if load_limit is not None else pd.NA
    frame["over_limit"] = pd.Series(over, index=frame.index, dtype="boolean")
    return frame
