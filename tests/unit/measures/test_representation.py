"""PA3.3 survey representativeness and the "who took part" table."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.measures.representation import (
    SKIP_FEW_EXPECTED,
    SKIP_NO_POPULATION,
    SKIP_NO_RESPONDENTS,
    representation_table,
    representativeness,
)
from tests.unit.factories import PERIOD, make_inputs, population, respondents, surveys

POP = population(
    ("sex", "Female", 60),
    ("sex", "Male", 40),
    ("age_band", "16-34", 30),
    ("age_band", "35-64", 50),
    ("age_band", "65+", 20),
    ("age_band", "Under 16", 0),
)


def _inputs(rows):
    return make_inputs(population=POP, surveys=surveys(*rows))


class TestRepresentationTable:
    def test_ratios_and_unknowns(self):
        # 20 residents: sex 12 Female, 4 Male, 4 unknown ("prefer not to say" or empty);
        # known 16: Female (12/16)/(0.6) = 1.25, Male (4/16)/(0.4) = 0.625.
        rows = (
            respondents(12, sex="female", age_band="35-64")
            + respondents(4, sex="Male", age_band="16-34")
            + respondents(2, sex="prefer not to say", age_band="65+")
            + respondents(2, sex=None, age_band="65+")
        )
        table = representation_table(_inputs(rows), PERIOD).set_index(["dimension", "category"])
        assert table.loc[("sex", "Female"), "respondents"] == 12  # matched ignoring case
        assert table.loc[("sex", "Female"), "ratio"] == pytest.approx(1.25)
        assert table.loc[("sex", "Male"), "ratio"] == pytest.approx(0.625)
        assert bool(table.loc[("sex", "Male"), "under_represented"])
        assert (table.loc[("sex", "Male"), "known"], table.loc[("sex", "Male"), "unknown"]) == (
            16,
            4,
        )

    def test_every_spelling_of_a_category_counts_towards_it(self):
        # Female as "female" 3, "Female" 2, " FEMALE " 1: 6 in all; Male 4; "Other" unknown.
        rows = (
            respondents(3, sex="female")
            + respondents(2, sex="Female")
            + respondents(1, sex=" FEMALE ")
            + respondents(4, sex="Male")
            + respondents(1, sex="Other")
        )
        table = representation_table(_inputs(rows), PERIOD).set_index(["dimension", "category"])
        assert table.loc[("sex", "Female"), "respondents"] == 6
        assert table.loc[("sex", "Male"), "respondents"] == 4
        assert (table.loc[("sex", "Male"), "known"], table.loc[("sex", "Male"), "unknown"]) == (
            10,
            1,
        )

    def test_skips_zero_population_and_small_expected(self):
        # age_band known 20: expected 16-34 = 6, 35-64 = 10, 65+ = 4 (< 5: skipped).
        rows = respondents(10, age_band="35-64") + respondents(10, age_band="16-34")
        table = representation_table(_inputs(rows), PERIOD).set_index(["dimension", "category"])
        assert table.loc[("age_band", "65+"), "skip_reason"] == SKIP_FEW_EXPECTED
        assert table.loc[("age_band", "Under 16"), "skip_reason"] == SKIP_NO_POPULATION
        assert pd.isna(table.loc[("age_band", "65+"), "ratio"])
        assert not table.loc[("age_band", "16-34"), "skipped"]
        # Expected exactly 5 is kept: 16-34 share 0.3 of known 20 is 6, so check another way.
        assert table.loc[("age_band", "16-34"), "expected"] == pytest.approx(6.0)

    def test_expected_exactly_five_is_kept(self):
        # age_band known 25: 65+ expected 25 * 0.2 = 5, not below 5.
        rows = respondents(25, age_band="35-64")
        table = representation_table(_inputs(rows), PERIOD).set_index(["dimension", "category"])
        assert not table.loc[("age_band", "65+"), "skipped"]
        assert table.loc[("age_band", "65+"), "ratio"] == 0.0

    def test_dimension_without_known_respondents_is_skipped(self):
        rows = respondents(30, age_band="35-64")
        table = representation_table(_inputs(rows), PERIOD)
        sex = table[table["dimension"].eq("sex")]
        assert sex["skip_reason"].eq(SKIP_NO_RESPONDENTS).all()


class TestRepresentativeness:
    def test_smallest_ratio_left(self):
        # sex: Female (10/20)/0.6 = 0.8333, Male (10/20)/0.4 = 1.25; age_band all unknown.
        rows = respondents(10, sex="Female") + respondents(10, sex="Male")
        assert representativeness(_inputs(rows), PERIOD).value == pytest.approx(0.5 / 0.6)

    def test_other_survey_kinds_are_ignored_and_none_left_has_no_value(self):
        rows = respondents(40, sex="Female", survey_kind="staff")
        assert representativeness(_inputs(rows), PERIOD).value is None
