"""Disclosure control for published survey breakdowns (Government Statistical Service symbols).

Counts are unweighted respondents. A count from 1 to 4 is ``[c]``; when a
breakdown has exactly one such cell, the smallest other non-zero cell (ties: the
first in category order) is ``[c]`` too, so it cannot be recovered from the
total. Anything derived from a suppressed cell is suppressed. A percentage on a
base under 50 is ``[low]``; no value is ``[x]``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from pipeline.measures.measure import LOW_BASE
from pipeline.paper.filters import LOW, NO_VALUE, SUPPRESSED, format_count, round_half_up

SMALLEST_SHOWN = 5


def suppressed_cells(counts: pd.Series) -> pd.Series:
    """Which cells of one breakdown (in category order) are shown as ``[c]``."""
    values = counts.fillna(0).to_numpy(dtype="int64")
    primary = (values >= 1) & (values < SMALLEST_SHOWN)
    suppressed = primary.copy()
    if primary.sum() == 1:
        candidates = np.where((values > 0) & ~primary, values, np.iinfo("int64").max)
        if (candidates < np.iinfo("int64").max).any():
            suppressed[int(np.argmin(candidates))] = True  # argmin: first of ties
    return pd.Series(suppressed, index=counts.index, name="suppressed")


def display_counts(counts: pd.Series, suppressed: pd.Series) -> pd.Series:
    """Counts as shown: ``[c]`` where suppressed, else ``1,204``."""
    shown = counts.map(format_count)
    return shown.where(~suppressed.to_numpy(), SUPPRESSED).astype("str")


def display_derived(
    values: pd.Series,
    suppressed: pd.Series,
    formatter: Callable[[float], str],
    low_base: pd.Series | None = None,
) -> pd.Series:
    """Values derived from a breakdown's cells (shares, ratios) as shown.

    ``[c]`` where the cell is suppressed, else ``[x]`` where there is no value,
    else ``[low]`` where ``low_base`` is true, else ``formatter(value)``.
    """
    shown = pd.Series(
        [NO_VALUE if pd.isna(v) else formatter(float(v)) for v in values.astype("float64")],
        index=values.index,
        dtype="str",
    )
    if low_base is not None:
        shown = shown.where(~(low_base.to_numpy() & values.notna().to_numpy()), LOW)
    return shown.where(~suppressed.to_numpy(), SUPPRESSED)


def _percent(share: float) -> str:
    return f"{round_half_up(100 * share, 0):,.0f}%"


def _ratio(value: float) -> str:
    return f"{round_half_up(value, 2):,.2f}"


def disclose_representation(table: pd.DataFrame) -> pd.DataFrame:
    """The "who took part" table (:func:`.representation.representation_table`) as shown.

    One row per dimension and category: ``dimension``, ``category``,
    ``population_share`` (%), ``respondents`` (``[c]`` rules applied per dimension),
    ``respondent_share`` (% of known respondents; ``[low]`` when fewer than 50 are
    known), ``ratio`` (``[x]`` when skipped) and ``under_represented`` (False when
    the ratio is suppressed).
    """
    parts = []
    for _, rows in table.groupby("dimension", sort=False):
        suppressed = suppressed_cells(rows["respondents"])
        low = rows["known"].lt(LOW_BASE)
        parts.append(
            pd.DataFrame(
                {
                    "dimension": rows["dimension"].astype("str"),
                    "category": rows["category"].astype("str"),
                    "population_share": display_derived(
                        rows["population_share"], pd.Series(False, index=rows.index), _percent
                    ),
                    "respondents": display_counts(rows["respondents"], suppressed),
                    "respondent_share": display_derived(
                        rows["respondent_share"], suppressed, _percent, low
                    ),
                    "ratio": display_derived(rows["ratio"], suppressed, _ratio),
                    "under_represented": rows["under_represented"].to_numpy() & ~suppressed,
                }
            )
        )
    if not parts:
        return pd.DataFrame(
            columns=[
                "dimension",
                "category",
                "population_share",
                "respondents",
                "respondent_share",
                "ratio",
                "under_represented",
            ]
        )
    return pd.concat(parts, ignore_index=True)
