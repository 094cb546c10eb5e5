"""Who took part: resident respondents against the population (PA3.3).

For each dimension of ``population.csv`` and each category ``c`` of it,
``r_c = (n_c / n_known) / (pop_c / pop_dim)`` counts respondents unweighted. A
category is skipped when ``pop_c = 0`` or its expected count
``n_known * pop_c / pop_dim`` is below 5; a dimension with no known respondents
is skipped. PA3.3 is the smallest ``r_c`` left.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.ingest.inputs import Inputs
from pipeline.measures.measure import Measure, ratio
from pipeline.measures.surveys import respondents_in
from pipeline.spec.period import Period
from pipeline.spec.thresholds import MIN_EXPECTED, UNDER_REPRESENTED

SKIP_NO_RESPONDENTS = "no respondents with a known value"
SKIP_NO_POPULATION = "no population in this category"
SKIP_FEW_EXPECTED = f"fewer than {MIN_EXPECTED} respondents expected"

REPRESENTATION_COLUMNS = (
    "dimension",
    "category",
    "population",
    "population_share",
    "respondents",
    "respondent_share",
    "expected",
    "ratio",
    "skipped",
    "skip_reason",
    "under_represented",
    "known",
    "unknown",
)


def _category_counts(values: pd.Series, categories: list[str]) -> list[int]:
    """How many of ``values`` are each category (matched ignoring case and spaces around it).

    Each distinct value is matched once and counted by its code: the respondents' own values
    are never copied.
    """
    lookup = {str(c).casefold(): c for c in categories}
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    if not len(distinct):
        return [0] * len(categories)
    matched = pd.Series(distinct, dtype="string").str.strip().str.casefold().map(lookup)
    each = pd.Series(np.bincount(codes[codes >= 0], minlength=len(distinct)))
    counts = each[matched.notna().to_numpy()].groupby(matched.dropna().to_numpy()).sum()
    return [int(counts.get(c, 0)) for c in categories]


def representation_table(inputs: Inputs, period: Period) -> pd.DataFrame:
    """One row per dimension and category of ``population.csv`` (in its order).

    ``population_share`` and ``respondent_share`` are proportions (0-1) of the
    dimension's population and of its known respondents; ``ratio`` is ``r_c``
    (NA when skipped); ``known``/``unknown`` count the dimension's respondents
    with a known / unknown value (repeated on each of its rows).
    """
    population = inputs.population
    dimensions = pd.unique(population["dimension"])
    residents = respondents_in(inputs.surveys, period, "resident", [str(d) for d in dimensions])
    parts = []
    for dimension in dimensions:
        rows = population[population["dimension"].eq(dimension)]
        categories = rows["category"].astype(str).tolist()
        pop = rows["population"].astype("float64").to_numpy()
        if dimension in residents.columns:
            n = _category_counts(residents[dimension], categories)
        else:
            n = [0] * len(categories)
        known = int(sum(n))
        pop_dim = float(pop.sum())
        part = pd.DataFrame(
            {
                "dimension": dimension,
                "category": categories,
                "population": rows["population"].to_numpy(),
                "respondents": n,
            }
        )
        part["population_share"] = pop / pop_dim if pop_dim else float("nan")
        part["respondent_share"] = part["respondents"] / known if known else float("nan")
        part["expected"] = known * part["population_share"]
        reason = pd.Series(pd.NA, index=part.index, dtype="string")
        if known == 0:
            reason[:] = SKIP_NO_RESPONDENTS
        else:
            reason = reason.mask(part["expected"].lt(MIN_EXPECTED), SKIP_FEW_EXPECTED)
            reason = reason.mask(pd.Series(pop == 0, index=part.index), SKIP_NO_POPULATION)
        part["skip_reason"] = reason
        part["skipped"] = reason.notna().to_numpy(dtype=bool)
        part["ratio"] = (part["respondent_share"] / part["population_share"]).where(
            ~part["skipped"]
        )
        part["under_represented"] = part["ratio"].lt(UNDER_REPRESENTED).fillna(False).astype(bool)
        part["known"] = known
        part["unknown"] = len(residents) - known
        parts.append(part)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in REPRESENTATION_COLUMNS})
    table = pd.concat(parts, ignore_index=True)
    table["population_share"] = table["population_share"].astype("float64")
    table["respondent_share"] = table["respondent_share"].astype("float64")
    table["ratio"] = table["ratio"].astype("float64")
    return table[list(REPRESENTATION_COLUMNS)]


def representativeness(inputs: Inputs, period: Period) -> Measure:
    """PA3.3: the smallest ``r_c`` not skipped; no value when none is left."""
    ratios = representation_table(inputs, period)["ratio"].dropna()
    return ratio(float(ratios.min()) if len(ratios) else None)
