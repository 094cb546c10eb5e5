"""GSS disclosure control for published breakdowns: which cells are hidden (measures) and
how the paper shows them (its filters)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from pipeline.measures.disclosure import suppressed_cells
from pipeline.measures.figures import dimension_figures
from pipeline.paper.filters import format_share, group_ratio, group_respondents, group_share


def disclose_representation(table: pd.DataFrame) -> pd.DataFrame:
    """The who-took-part table as the paper shows it, through the view and the filters."""
    table = table.assign(unknown=0) if "unknown" not in table else table
    rows = [
        {
            "population_share": format_share(g.population_share),
            "respondents": group_respondents(g),
            "respondent_share": group_share(g, d),
            "ratio": group_ratio(g),
            "under_represented": g.under_represented,
        }
        for d in dimension_figures(SimpleNamespace(representation=table))
        for g in d.groups
    ]
    return pd.DataFrame(rows)


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


def _representation(respondents: list[int], known: int) -> pd.DataFrame:
    """One crafted dimension; shares worked from ``respondents`` over ``known``."""
    count = len(respondents)
    return pd.DataFrame(
        {
            "dimension": ["area_assembly"] * count,
            "category": [f"Area {i}" for i in range(count)],
            "population_share": [1 / count] * count,
            "respondents": respondents,
            "respondent_share": [r / known for r in respondents],
            "ratio": [(r / known) * count for r in respondents],
            "under_represented": [False] * count,
            "known": [known] * count,
        }
    )


class TestCraftedBreakdowns:
    def test_boundaries_one_and_four_suppressed_five_shown(self):
        # 1 and 4 are primary (two of them, so no secondary); 5 and 40 shown.
        assert suppressed_cells(_cells(1, 5, 4, 40)).tolist() == [True, False, True, False]

    def test_missing_count_is_zero_and_never_secondary(self):
        counts = pd.Series([2, None, 9, 30], index=list("abcd"), dtype="float64")
        # 2 is primary; the missing cell counts as 0, so the secondary is 9.
        assert suppressed_cells(counts).tolist() == [True, False, True, False]

    def test_a_breakdown_of_fewer_than_10_in_all_is_withheld_whole(self):
        # 3 in all: every cell hidden, the zeros too (a lone [c] among zeros names the group).
        assert suppressed_cells(_cells(0, 3, 0)).tolist() == [True, True, True]
        assert suppressed_cells(_cells(1, 0, 0)).tolist() == [True, True, True]
        # 9 in all (5 + 4): withheld; 10 in all (5 + 5): every cell shown.
        assert suppressed_cells(_cells(5, 4)).tolist() == [True, True]
        assert suppressed_cells(_cells(5, 5)).tolist() == [False, False]
        # 10 in all with one small cell: it and the smallest other non-zero cell.
        assert suppressed_cells(_cells(2, 8, 0)).tolist() == [True, True, False]

    def test_an_empty_breakdown_hides_nothing(self):
        assert suppressed_cells(_cells(0, 0, 0)).tolist() == [False, False, False]

    def test_base_under_50_is_low_at_49_not_at_50(self):
        # 49 known: every share is [low]; counts (all >= 5) still shown.
        shown = disclose_representation(_representation([20, 29], known=49))
        assert shown["respondents"].tolist() == ["20", "29"]
        assert shown["respondent_share"].tolist() == ["[low]", "[low]"]
        shown = disclose_representation(_representation([20, 30], known=50))
        assert shown["respondent_share"].tolist() == ["40%", "60%"]  # 20/50, 30/50

    def test_small_cell_and_low_base_suppression_wins(self):
        # 3 is primary, 10 secondary (smallest other non-zero); base 43 < 50 -> [low] elsewhere.
        shown = disclose_representation(_representation([3, 10, 30], known=43))
        assert shown["respondents"].tolist() == ["[c]", "[c]", "30"]
        assert shown["respondent_share"].tolist() == ["[c]", "[c]", "[low]"]
        assert shown["ratio"].tolist()[:2] == ["[c]", "[c]"]

    def test_area_with_no_respondents_shows_zero_and_no_ratio_value(self):
        table = _representation([0, 60, 40], known=100)
        table.loc[0, "ratio"] = None  # nothing to compare
        shown = disclose_representation(table)
        assert shown["respondents"].tolist() == ["0", "60", "40"]
        assert shown["ratio"].tolist()[0] == "[x]"

    def test_suppressed_category_is_never_named_under_represented(self):
        table = _representation([4, 70, 80], known=154)
        table["under_represented"] = [True, True, False]
        shown = disclose_representation(table)
        # 4 primary, 70 secondary: neither may be named.
        assert shown["under_represented"].tolist() == [False, False, False]
