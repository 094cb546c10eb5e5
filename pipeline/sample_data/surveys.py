"""The survey deliveries: the Quality of Life residents' survey, Reach In and evaluation forms."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.sample_data.common import (
    EXTRACT,
    iso,
    pick,
    respondent_ids,
    rng_for,
    serial_text,
    year_of,
)
from pipeline.sample_data.reference import PA_WEIGHTS, POPULATION, PROGRAMME_AREAS
from pipeline.spec import contract

# Answer options, with "" for a question left blank.
SATISFACTION = (*contract.SATISFACTION, "")
AGREEMENT = (*contract.AGREEMENT, "")
# Reach In waves: (survey_id, file, first fieldwork day, days, respondents, share aware)
REACH_IN = (
    ("REACHIN-0", "reach_in_2005_11.csv", "2005-11-14", 12, 176, 0.37),
    ("REACHIN-1", "reach_in_2006_06.csv", "2006-06-05", 12, 238, 0.51),
    ("REACHIN-2", "reach_in_2006_10.csv", "2006-10-09", 12, 207, 0.60),
    ("REACHIN-3", "reach_in_2007_01.csv", "2007-01-08", 12, 263, 0.67),
)
QOL_RESPONDENTS = 1152
QOL_FIRST_DAY = "2006-06-26"
QOL_DAYS = 42
# who replies to the residents' survey: older residents more, young people and minorities less
QOL_PROPENSITY = {
    "age_band": [0.75, 0.82, 0.96, 1.04, 1.16, 1.2, 0.95],
    "sex": [0.92, 1.07],
    "ethnic_group": [1.0, 0.85, 0.7, 0.72, 0.7, 0.7],
    "disability": [1.08, 0.98],
    "area_assembly": [0.88, 0.86, 1.04, 1.06, 1.02, 0.98, 1.06],
}
QOL_MISSING = {  # (share empty, share "prefer not to say")
    "age_band": (0.015, 0.01),
    "sex": (0.01, 0.0),
    "ethnic_group": (0.02, 0.02),
    "disability": (0.03, 0.025),
    "area_assembly": (0.012, 0.0),
}
QOL_RAKED_BY = ("age_band", "sex", "area_assembly")
EVENT_METHODS = ["focus group", "public meeting", "workshop", "drop-in", "forum"]


def _rake(frame: pd.DataFrame, dimensions: tuple[str, ...], iterations: int = 8) -> np.ndarray:
    """Weights that bring the known profile of each dimension towards the population's."""
    weight = np.ones(len(frame))
    for _ in range(iterations):
        for dimension in dimensions:
            target = POPULATION[dimension]
            codes = pd.Index(list(target)).get_indexer(frame[dimension].to_numpy(dtype=object))
            known = codes >= 0
            sums = np.bincount(codes[known], weights=weight[known], minlength=len(target))
            share = np.array(list(target.values()), float) / sum(target.values())
            factor = np.where(sums > 0, share / np.maximum(sums, 1e-12) * sums.sum(), 1.0)
            weight[known] *= factor[codes[known]]
    weight = np.clip(weight / weight.mean(), 0.5, 2.5)
    return weight / weight.mean()


def _profile(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Residents' profile answers: response leans by group; some blank or refused."""
    profile: dict[str, np.ndarray] = {}
    for dimension, categories in POPULATION.items():
        weights = np.array(list(categories.values()), float) * np.array(QOL_PROPENSITY[dimension])
        value = np.array(list(categories), dtype=object)[pick(rng, weights, n)]
        u = rng.random(n)
        empty, refused = QOL_MISSING[dimension]
        refusal = contract.PREFER_NOT_TO_SAY
        value = np.where(u < empty, "", np.where(u < empty + refused, refusal, value))
        profile[dimension] = value
    return pd.DataFrame(profile)


def _opinions(rng: np.random.Generator, age_band: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Satisfaction with consultation and feeling of influence; older residents a little happier."""
    n = len(age_band)
    age_index = (
        pd.Series(age_band)
        .map({c: i for i, c in enumerate(POPULATION["age_band"])})
        .fillna(3)
        .to_numpy(dtype=float)
    )
    lean = (age_index - 3) / 3  # -1 (16-24) .. +1 (75+)
    u = rng.random(n) + 0.05 * lean
    satisfaction_cuts = np.cumsum([0.08, 0.31, 0.26, 0.13, 0.08, 0.12])
    satisfaction = np.array(SATISFACTION, dtype=object)[
        np.searchsorted(satisfaction_cuts, 1 - np.clip(u, 0, 0.99999))
    ]
    influence_cuts = np.cumsum([0.06, 0.245, 0.30, 0.22, 0.155])
    influence = np.array(AGREEMENT, dtype=object)[np.searchsorted(influence_cuts, rng.random(n))]
    return satisfaction, influence


def build_quality_of_life(scale: int) -> pd.DataFrame:
    """The first Quality of Life residents' survey, summer 2006."""
    rng = rng_for(3)
    n = QOL_RESPONDENTS * scale
    frame = _profile(rng, n)
    weight = _rake(frame, QOL_RAKED_BY)
    satisfaction, influence = _opinions(rng, frame["age_band"])
    first = np.datetime64(QOL_FIRST_DAY)
    fieldwork = first + np.floor(rng.random(n) ** 1.8 * QOL_DAYS).astype(np.int64)  # early
    return pd.DataFrame(
        {
            "survey_id": "QOL-2006",
            "survey_kind": "resident",
            "fieldwork_date": iso(fieldwork),
            "respondent_id": respondent_ids(rng, n),
            "weight": np.char.mod("%.4f", weight),
            **{dimension: frame[dimension].to_numpy(dtype=object) for dimension in POPULATION},
            "q_consult_satisfaction": satisfaction,
            "q_influence": influence,
        }
    ).astype(object)


def build_reach_in(scale: int) -> dict[str, pd.DataFrame]:
    """Reach In staff surveys: a late-2005 baseline and three waves in 2006-07, by file name."""
    rng = rng_for(4)
    waves = {}
    for survey_id, file_name, first_day, days, respondents, aware_share in REACH_IN:
        n = respondents * scale
        fieldwork = np.datetime64(first_day) + np.floor(rng.random(n) * days).astype(np.int64)
        area = np.array(PROGRAMME_AREAS, dtype=object)[pick(rng, PA_WEIGHTS, n)]
        area = np.where(rng.random(n) < 0.04, "", area)
        u = rng.random(n)
        aware = np.where(u < 0.03, "", np.where(rng.random(n) < aware_share, "yes", "no"))
        waves[file_name] = pd.DataFrame(
            {
                "survey_id": survey_id,
                "survey_kind": "staff",
                "fieldwork_date": iso(fieldwork),
                "respondent_id": respondent_ids(rng, n),
                "programme_area": area,
                "q_aware_cci": aware,
            }
        ).astype(object)
    return waves


def build_evaluation_forms(register: pd.DataFrame, end: np.ndarray) -> pd.DataFrame:
    """Participants' evaluation forms from evaluated events on the register.

    ``end`` holds the register rows' end dates (NaT for the broken rows, which get no forms).
    """
    rng = rng_for(5)
    participants = pd.to_numeric(register["participants"].replace("", None)).to_numpy(float)
    eligible = (
        (register["evaluated"].to_numpy(dtype=object) == "yes")
        & np.isin(register["method"].to_numpy(dtype=object), EVENT_METHODS)
        & ~np.isnat(end)
        & (rng.random(len(register)) < 0.6)
    )
    rows = np.flatnonzero(eligible)
    forms = np.minimum(
        rng.poisson(9, len(rows)), np.nan_to_num(participants[rows], nan=12).astype(np.int64)
    )
    row = np.repeat(rows, forms)
    n = len(row)
    fieldwork = np.minimum(end[row] + (rng.random(n) < 0.1), EXTRACT - 1)
    survey_id = np.char.add("EVAL-", year_of(fieldwork).astype(str))
    cuts = np.cumsum([0.30, 0.44, 0.12, 0.05, 0.03, 0.04])
    satisfaction = np.array(SATISFACTION, dtype=object)[np.searchsorted(cuts, rng.random(n))]
    frame = pd.DataFrame(
        {
            "survey_id": survey_id.astype(object),
            "survey_kind": "evaluation",
            "fieldwork_date": iso(fieldwork),
            "activity_id": register["activity_id"].to_numpy(dtype=object)[row],
            "q_consult_satisfaction": satisfaction,
        }
    )
    # respondent ids: numbered within each survey, in order of fieldwork
    frame = frame.sort_values(["survey_id", "fieldwork_date"], kind="stable").reset_index(drop=True)
    serial = frame.groupby("survey_id").cumcount().to_numpy() + 1
    frame.insert(3, "respondent_id", np.char.add("R", serial_text(serial, 6)))
    return frame.astype(object)
