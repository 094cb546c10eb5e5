"""Weighted proportions, Kish's effective base and 95% intervals."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipeline.measures.surveys import (
    answer_share,
    confidence_interval,
    kish_effective_base,
    respondents_in,
    weighted_percentage,
)
from tests.unit.factories import PERIOD, respondents, surveys


class TestKishEffectiveBase:
    def test_equal_weights_give_the_count(self):
        assert kish_effective_base([1.0] * 10) == 10

    def test_unequal_weights(self):
        # (1 + 3)² / (1 + 9) = 16 / 10 = 1.6
        assert kish_effective_base([1.0, 3.0]) == pytest.approx(1.6)

    def test_no_respondents_is_zero(self):
        assert kish_effective_base([]) == 0.0


class TestConfidenceInterval:
    def test_half_width_from_p_and_n_eff(self):
        # p = 0.5, n_eff = 100: 1.96 * sqrt(0.25/100) = 0.098 -> 50 ± 9.8.
        low, high = confidence_interval(50.0, 100.0)
        assert (low, high) == pytest.approx((40.2, 59.8))

    def test_clipped_to_0_and_100(self):
        # p = 0.99, n_eff = 4: half width 1.96 * sqrt(0.0099/4) * 100 = 9.75 -> high clipped.
        low, high = confidence_interval(99.0, 4.0)
        assert high == 100.0
        assert low == pytest.approx(99 - 196 * math.sqrt(0.0099 / 4))


class TestWeightedPercentage:
    def test_weighted_sums_base_and_n_eff(self):
        # Weights 2, 2, 1 with yes, yes, no: 4 / 5 = 80%; n_eff = 25 / 9; base 3.
        measure = weighted_percentage(pd.Series([True, True, False]), pd.Series([2.0, 2.0, 1.0]))
        assert (measure.numerator, measure.denominator, measure.base) == (4.0, 5.0, 3)
        assert measure.value == pytest.approx(80.0)
        assert measure.n_eff == pytest.approx(25 / 9)
        half = 196 * math.sqrt(0.8 * 0.2 / (25 / 9))
        assert measure.ci_low == pytest.approx(80 - half)
        assert measure.ci_high == 100.0  # 80 + 46.2 clipped

    def test_empty_denominator_has_no_value(self):
        measure = weighted_percentage(pd.Series([], dtype=bool), pd.Series([], dtype=float))
        assert measure.value is None
        assert measure.base == 0


class TestRespondentsIn:
    def test_fieldwork_date_within_period_and_kind(self):
        frame = surveys(
            {"fieldwork_date": "2006-04-01"},
            {"fieldwork_date": "2006-09-30"},
            {"fieldwork_date": "2006-10-01"},
            {"fieldwork_date": "2006-05-01", "survey_kind": "staff"},
        )
        assert len(respondents_in(frame, PERIOD, "resident")) == 2


class TestAnswerShare:
    def test_missing_weight_counts_as_one_and_waves_pooled(self):
        rows = respondents(1, survey_id="QOL-1", q_influence="tend to agree", weight=None)
        rows += respondents(1, survey_id="QOL-2", q_influence="tend to disagree", weight=3.0)
        measure = answer_share(
            surveys(*rows), PERIOD, "resident", "q_influence", ("tend to agree",)
        )
        # 1 / (1 + 3) = 25%.
        assert measure.value == 25.0
        assert measure.base == 2
