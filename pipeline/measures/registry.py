"""What an indicator is, and the decorator that registers one beside its computation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.ingest.inputs import Inputs
from pipeline.measures.measure import Measure
from pipeline.spec.period import Period
from pipeline.spec.vocabulary import Better, Unit

Compute = Callable[[Inputs, Period], Measure]


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One indicator: what it is called, how it is defined and how it is computed."""

    id: str
    priority_area: int
    name: str
    definition: str  # plain English, for the paper's appendix
    unit: Unit
    better: Better
    survey: bool
    compute: Compute
    activity_based: bool = False  # a % of activities (S or C): the small-base rule applies
    coverage: bool = False  # a share of a reference list reached: the short-period rule applies

    @property
    def kinds(self) -> set[str]:
        """Its unit, and the rules that apply to it (``activity_based``, ``coverage``)."""
        return {
            self.unit,
            *(rule for rule in ("activity_based", "coverage") if getattr(self, rule)),
        }


_REGISTERED: list[Indicator] = []


def indicator(
    indicator_id: str,
    *,
    area: int,
    name: str,
    unit: Unit,
    better: Better,
    definition: str,
    survey: bool = False,
    activity_based: bool = False,
    coverage: bool = False,
) -> Callable[[Compute], Compute]:
    """Register the decorated function as the computation of indicator ``indicator_id``."""

    def register(compute: Compute) -> Compute:
        _REGISTERED.append(
            Indicator(
                id=indicator_id,
                priority_area=area,
                name=name,
                definition=definition,
                unit=unit,
                better=better,
                survey=survey,
                compute=compute,
                activity_based=activity_based,
                coverage=coverage,
            )
        )
        return compute

    return register


def registered() -> tuple[Indicator, ...]:
    """Every indicator registered so far, in the order the decorators ran."""
    return tuple(_REGISTERED)
