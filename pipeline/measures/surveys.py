"""Survey measures: weighted proportions with Kish's effective base and a 95% interval.

Respondents count when ``ps <= fieldwork_date <= pe``; every survey and wave of
the stated kind is pooled.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from pipeline.measures.measure import Measure
from pipeline.spec.period import Period
from pipeline.spec.thresholds import Z_95


def respondents_in(
    surveys: pd.DataFrame, period: Period, kind: str, columns: list[str] | None = None
) -> pd.DataFrame:
    """Respondents of ``survey_kind = kind`` whose fieldwork date falls in the period (only their
    ``columns``, when given: an indicator that reads two columns copies only those)."""
    wanted = surveys["survey_kind"].eq(kind).fillna(False).to_numpy(dtype=bool) & surveys[
        "fieldwork_date"
    ].between(period.start, period.end).to_numpy(dtype=bool)
    if columns is not None:
        return surveys.loc[wanted, [c for c in columns if c in surveys.columns]]
    return surveys[wanted]  # one selection of the (wide) frame, not two


def weights_of(respondents: pd.DataFrame) -> pd.Series:
    """Survey weights, 1.0 where none is given."""
    if "weight" not in respondents.columns:
        return pd.Series(1.0, index=respondents.index)
    return respondents["weight"].astype("float64").fillna(1.0)


def kish_effective_base(weights: pd.Series | np.ndarray) -> float:
    """``(Σw)² / Σw²``; 0 for no respondents."""
    w = np.asarray(weights, dtype="float64")
    squares = float((w * w).sum())
    return float(w.sum()) ** 2 / squares if squares else 0.0


def confidence_interval(percent: float, n_eff: float) -> tuple[float, float]:
    """``p ± 1.96 * sqrt(p(1-p)/n_eff)`` in percentage points, clipped to 0-100."""
    p = percent / 100
    half = 100 * Z_95 * math.sqrt(p * (1 - p) / n_eff)
    return max(0.0, percent - half), min(100.0, percent + half)


def weighted_percentage(counts: pd.Series, weights: pd.Series) -> Measure:
    """The weighted % of the denominator's respondents for whom ``counts`` is true.

    ``counts`` and ``weights`` cover exactly the denominator's respondents.
    Numerator and denominator are weighted sums, ``base`` the unweighted count.
    """
    w = weights.astype("float64").to_numpy()
    yes = counts.astype(bool).to_numpy()
    base = len(w)
    denominator = float(w.sum())
    numerator = float(w[yes].sum())
    if base == 0 or denominator == 0:
        return Measure(numerator=numerator, denominator=denominator, base=base)
    value = 100 * numerator / denominator
    n_eff = kish_effective_base(w)
    ci_low, ci_high = confidence_interval(value, n_eff)
    return Measure(
        value=value,
        numerator=numerator,
        denominator=denominator,
        ci_low=ci_low,
        ci_high=ci_high,
        base=base,
        n_eff=n_eff,
    )


def answer_share(
    surveys: pd.DataFrame,
    period: Period,
    kind: str,
    question: str,
    agree: tuple[object, ...],
    exclude: tuple[object, ...] = (),
) -> Measure:
    """Weighted % of ``kind`` respondents whose answer to ``question`` is in ``agree``.

    The denominator is every respondent with a non-empty answer not in ``exclude``.
    """
    respondents = respondents_in(surveys, period, kind, [question, "weight"])
    if question not in respondents.columns:
        return weighted_percentage(pd.Series(dtype=bool), pd.Series(dtype="float64"))
    answers = respondents[question]
    counted = answers.notna().to_numpy(dtype=bool)
    if exclude:
        counted = counted & ~answers.isin(exclude).fillna(False).to_numpy(dtype=bool)
    answers = answers[counted]
    return weighted_percentage(answers.isin(agree).fillna(False), weights_of(respondents)[counted])
