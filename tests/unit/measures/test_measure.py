"""The Measure value object and its constructors."""

from __future__ import annotations

import pytest

from pipeline.measures.measure import Measure, count, percentage


class TestPercentage:
    def test_value_from_numerator_and_denominator(self):
        assert percentage(1, 4) == Measure(value=25.0, numerator=1.0, denominator=4.0)

    def test_zero_denominator_has_no_value(self):
        assert not percentage(0, 0).has_value


class TestMeasure:
    def test_standard_error_in_points(self):
        # p = 0.2, n_eff = 100: 100 * sqrt(0.16 / 100) = 4.
        assert Measure(value=20.0, n_eff=100.0).standard_error == pytest.approx(4.0)

    def test_low_base_only_below_50(self):
        assert Measure(value=1.0, base=49).low_base
        assert not Measure(value=1.0, base=50).low_base
        assert not count(3).low_base
