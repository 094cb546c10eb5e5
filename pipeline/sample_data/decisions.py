"""The decisions the council took, as its committee system exports them (``decisions.csv``).

One row per ``decision_ref`` of the register, decided after the activities that inform it closed
and their results were published, as most are; some before closing, some before the results, and
some references not listed (decisions taken outside the committee system). Decisions not yet
taken by the extract date are not exported. Drawn from its own stream (``rng_for(7)``) after
the register is complete, so that no other file changes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.sample_data.common import EXTRACT, rng_for, uk
from pipeline.sample_data.reference import PROGRAMME_AREAS

# The Cabinet member for each programme area (in PROGRAMME_AREAS' order), who takes the key
# decisions of the forward plan that Cabinet itself does not.
MEMBERS = np.array(
    [
        "Cabinet Member for Community Cohesion",
        "Cabinet Member for Children and Young People's Services",
        "Cabinet Member for Economic and Development Services",
        "Cabinet Member for Neighbourhoods",
        "Cabinet Member for Adult Social Services",
        "Cabinet Member for Resources",
        "Cabinet Member for Resources",
    ],
    dtype=object,
)
# Shares of the references: decided before closing, before the results, not listed; the rest
# after both.
BEFORE_CLOSING, BEFORE_RESULTS, NOT_LISTED = 0.06, 0.08, 0.08


def _days(text: pd.Series) -> pd.Series:
    """The register's ISO or UK dates; NaT where empty or impossible."""
    iso = pd.to_datetime(text.where(text.str.contains("-")), format="%Y-%m-%d", errors="coerce")
    uk_form = pd.to_datetime(text.where(text.str.contains("/")), format="%d/%m/%Y", errors="coerce")
    return iso.fillna(uk_form)


def _by_reference(register: pd.DataFrame) -> pd.DataFrame:
    """Each decision reference of the register: the first activity's title and programme area,
    the first and last closing days and the last results of the activities that inform it."""
    linked = register[register["decision_ref"].ne("")]
    return (
        pd.DataFrame(
            {
                "ref": linked["decision_ref"],
                "title": linked["title"],
                "area": linked["programme_area"],
                "end": _days(linked["end_date"]),
                "results": _days(linked["results_published_date"]),
            }
        )
        .groupby("ref", sort=True)
        .agg(
            title=("title", "first"),
            area=("area", "first"),
            first_end=("end", "min"),
            end=("end", "max"),
            results=("results", "max"),
        )
        .dropna(subset=["end"])
    )


def _decided(rng: np.random.Generator, by_ref: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each reference's decision day, and whether the committee system lists it."""
    n = len(by_ref)
    end = by_ref["end"].to_numpy(dtype="datetime64[D]")
    results = by_ref["results"].to_numpy(dtype="datetime64[D]")
    published = ~np.isnat(results)
    # Without results, a decision waits for them beyond the twelve weeks they are due in.
    ready = np.where(published, np.maximum(results, end), end + 84 + 30)
    decided = ready + 7 + np.floor(rng.random(n) * 56).astype(np.int64)
    u = rng.random(n)
    early = by_ref["first_end"].to_numpy(dtype="datetime64[D]") - 1
    early = early - np.floor(rng.random(n) * 20).astype(np.int64)
    gap = np.maximum((results - end).astype(np.int64), 1)
    before_results = end + np.floor(rng.random(n) * gap).astype(np.int64)
    before_results = np.where(published & (results > end), before_results, end + 3)
    early_kind = u < BEFORE_CLOSING + BEFORE_RESULTS
    decided = np.where(early_kind, np.where(u < BEFORE_CLOSING, early, before_results), decided)
    listed = early_kind | (u >= BEFORE_CLOSING + BEFORE_RESULTS + NOT_LISTED)
    return decided, listed


def build_decisions(register: pd.DataFrame) -> pd.DataFrame:
    """The committee system's export of the decisions the register's activities inform."""
    rng = rng_for(7)
    by_ref = _by_reference(register)
    decided, listed = _decided(rng, by_ref)
    refs = by_ref.index.to_numpy(dtype=object)
    forward_plan = np.char.startswith(refs.astype(str), "FP/")
    area = pd.Categorical(by_ref["area"], categories=PROGRAMME_AREAS).codes
    member = MEMBERS[np.maximum(area, 0)]  # a misspelt area's decision: the first member's
    maker = np.where(forward_plan & (rng.random(len(refs)) < 0.6), member, "Cabinet")
    export = pd.DataFrame(
        {
            "Decision Ref": refs,
            "Decision Date": uk(decided),
            "Decision Maker": maker,
            "Title": "Decision following the " + by_ref["title"].to_numpy(dtype=object),
            "Key Decision": np.where(forward_plan, "Yes", "No"),
            "_date": decided,
        }
    )[listed & (decided <= EXTRACT)]
    export = export.sort_values(["_date", "Decision Ref"], kind="stable")
    return export.drop(columns="_date").reset_index(drop=True).astype(object)
