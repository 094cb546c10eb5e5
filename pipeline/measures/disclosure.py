"""Disclosure control for published survey breakdowns (Government Statistical Service symbols).

Counts are unweighted respondents. A count from 1 to ``SMALLEST_SHOWN - 1`` (4) is
suppressed (shown as ``[c]``); when a breakdown has exactly one such cell, the smallest other
non-zero cell (ties: the first in category order) is suppressed too, so it cannot be recovered
from the total. Anything derived from a suppressed cell is suppressed. A breakdown whose
respondents number from 1 to ``SMALLEST_BREAKDOWN - 1`` (9) in all is withheld: every cell is
suppressed, and the paper shows neither the table nor its total (a lone respondent's row of
zeros and one ``[c]`` would describe that person, whatever the symbols). Which cells are
suppressed is decided here; the paper shows them (:mod:`pipeline.paper.filters`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.spec.thresholds import SMALLEST_SHOWN, breakdown_withheld


def suppressed_cells(counts: pd.Series) -> pd.Series:
    """Which cells of one breakdown (in category order) are shown as ``[c]``: all of them when
    the breakdown is withheld (:func:`~pipeline.spec.thresholds.breakdown_withheld`)."""
    values = counts.fillna(0).to_numpy(dtype="int64")
    if breakdown_withheld(int(values.sum())):
        return pd.Series(True, index=counts.index, name="suppressed")
    primary = (values >= 1) & (values < SMALLEST_SHOWN)
    suppressed = primary.copy()
    if primary.sum() == 1:
        candidates = np.where((values > 0) & ~primary, values, np.iinfo("int64").max)
        if (candidates < np.iinfo("int64").max).any():
            suppressed[int(np.argmin(candidates))] = True  # argmin: first of ties
    return pd.Series(suppressed, index=counts.index, name="suppressed")
