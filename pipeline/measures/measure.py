"""What an indicator's computation returns: a value with the figures behind it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.spec.thresholds import LOW_BASE


@dataclass(frozen=True)
class Measure:
    """One indicator's value for one period.

    ``value`` is ``None`` when there is none (denominator 0, no categories left...).
    Percentage measures carry ``numerator`` and ``denominator`` (counts, or weighted
    sums for survey measures); survey measures also carry the 95% interval
    ``ci_low``/``ci_high`` (percentage points), the unweighted ``base`` and Kish's
    effective base ``n_eff``.
    """

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    base: int | None = None
    n_eff: float | None = None
    missing: str | None = None  # why there is no value, when it is not that nothing was counted

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def low_base(self) -> bool:
        """A survey measure whose unweighted base is below :data:`LOW_BASE` (50)."""
        return self.base is not None and self.base < LOW_BASE

    @property
    def standard_error(self) -> float | None:
        """For survey measures: ``100 * sqrt(p(1-p)/n_eff)``, in percentage points."""
        if self.value is None or not self.n_eff:
            return None
        p = self.value / 100
        return 100 * math.sqrt(p * (1 - p) / self.n_eff)


def percentage(numerator: float, denominator: float) -> Measure:
    """``100 * numerator / denominator``; no value when the denominator is 0."""
    numerator, denominator = float(numerator), float(denominator)
    value = 100 * numerator / denominator if denominator else None
    return Measure(value=value, numerator=numerator, denominator=denominator)


def count(value: float) -> Measure:
    return Measure(value=float(value))


def ratio(value: float | None) -> Measure:
    return Measure(value=None if value is None else float(value))
