"""GSS disclosure-control symbols for published breakdowns."""

from __future__ import annotations

import pandas as pd

from pipeline.disclosure import (
    disclose_representation,
    display_counts,
    display_derived,
    suppressed_cells,
)


def _cells(*values: int) -> pd.Series:
    return pd.Series(values, index=[f"c{i}" for i in range(len(values))])


class TestSuppressedCells:
    def test_one_small_cell_takes_smallest_other_nonzero(self):
        # 3 is primary; smallest other non-zero is 7 (0 is not a candidate).
        assert suppressed_cells(_cells(3, 0, 12, 7, 9)).tolist() == [
            True, False, False, True, False,
        ]  # fmt: skip

    def test_tie_takes_first_in_category_order(self):
        assert suppressed_cells(_cells(8, 2, 8)).tolist() == [True, True, False]

    def test_two_small_cells_no_secondary(self):
        assert suppressed_cells(_cells(1, 4, 5, 20)).tolist() == [True, True, False, False]

    def test_zero_and_five_are_shown(self):
        assert suppressed_cells(_cells(0, 5, 50)).tolist() == [False, False, False]


class TestDisplay:
    def test_counts_and_derived_values(self):
        counts = _cells(3, 1200, 10)
        suppressed = suppressed_cells(counts)  # 3 and 10
        assert display_counts(counts, suppressed).tolist() == ["[c]", "1,200", "[c]"]
        shares = pd.Series([0.2, 0.7, None], index=counts.index)
        shown = display_derived(shares, pd.Series([False, False, False]), lambda v: f"{v:.1f}")
        assert shown.tolist() == ["0.2", "0.7", "[x]"]
        low = pd.Series([True, False, True])
        assert display_derived(shares, suppressed, str, low).tolist() == ["[c]", "0.7", "[c]"]
        assert display_derived(shares, pd.Series([False] * 3), str, low).tolist() == [
            "[low]", "0.7", "[x]",
        ]  # fmt: skip


class TestDiscloseRepresentation:
    def test_suppression_within_each_dimension(self):
        table = pd.DataFrame(
            {
                "dimension": ["sex", "sex", "age_band", "age_band"],
                "category": ["Female", "Male", "16-34", "35+"],
                "population_share": [0.5, 0.5, 0.25, 0.75],
                "respondents": [60, 2, 30, 30],
                "respondent_share": [60 / 62, 2 / 62, 0.5, 0.5],
                "ratio": [60 / 31, None, 2.0, 2 / 3],
                "under_represented": [False, False, False, True],
                "known": [62, 62, 60, 60],
            }
        )
        shown = disclose_representation(table)
        # sex: Male 2 is [c] and Female (the only other non-zero) with it.
        assert shown["respondents"].tolist() == ["[c]", "[c]", "30", "30"]
        assert shown["respondent_share"].tolist() == ["[c]", "[c]", "50%", "50%"]
        assert shown["ratio"].tolist() == ["[c]", "[c]", "2.00", "0.67"]
        assert shown["population_share"].tolist() == ["50%", "50%", "25%", "75%"]
        assert shown["under_represented"].tolist() == [False, False, False, True]
