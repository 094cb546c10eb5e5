"""The partnership's figures, on small registers worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.measures.duplicates import find_duplicates, title_words
from pipeline.measures.partnership import (
    clashes_across,
    compute_standards,
    consultation_load,
    pair_counts,
)
from pipeline.spec.partnership import Partner
from pipeline.spec.period import parse_period
from tests.unit.factories import PERIOD, activities, make_inputs

X = Partner("Council X", "x", "council")
Y = Partner("Police Y", "y", "police")
Z = Partner("Trust Z", "z", "health")


def _in_may(**row):
    return {"start_date": "2006-05-01", "end_date": "2006-05-31", **row}


class TestTitleWords:
    def test_words_are_runs_of_letters_and_digits_without_short_and_common_ones(self):
        titles = pd.Series(["The Council's Plan: 2006-07 & beyond, in Urdu اردو", "to of"])
        rows, codes, names = title_words(titles)
        assert sorted(names[c] for c in codes[rows == 0]) == sorted(
            ["council", "plan", "2006", "beyond", "urdu", "اردو"]
        )
        assert not (rows == 1).any()


class TestDuplicates:
    def test_pairs_of_different_partners_alike_in_the_same_area_at_the_same_time(self):
        register = activities(
            _in_may(title="Hate crime reporting survey", organisation="X"),
            _in_may(
                title="Survey of hate crime reporting",
                organisation="Y",
                start_date="2006-05-15",
                end_date="2006-06-10",
            ),
            _in_may(title="Hate crime survey", organisation="Y", area_assembly="Wentworth North"),
            _in_may(
                title="Crime survey for the older people",
                organisation="Z",
                area_assembly="Borough-wide",
                start_date="2006-05-20",
                end_date="2006-05-25",
            ),
            _in_may(
                title="Hate crime reporting survey",
                organisation="Y",
                start_date="2006-07-01",
                end_date="2006-07-31",
            ),
            _in_may(
                title="Crime reporting",
                organisation="Z",
                area_assembly="Borough-wide",
                start_date="2006-05-10",
                end_date="2006-05-16",
            ),
        )
        found = find_duplicates(register, PERIOD)
        pairs = found[["activity_id_a", "activity_id_b", "similarity", "area"]].values.tolist()
        assert pairs == [
            ["ACT-001", "ACT-002", 1.0, "Wath"],
            ["ACT-001", "ACT-006", 0.5, "Wath"],
            ["ACT-002", "ACT-006", 0.5, "Wath"],
        ]
        assert found["shared_words"].tolist() == [4, 2, 2]
        assert str(found["overlap_start"].iloc[0].date()) == "2006-05-15"
        assert str(found["overlap_end"].iloc[0].date()) == "2006-05-31"

    def test_no_activities_no_pairs(self):
        assert find_duplicates(activities(), PERIOD).empty


class TestStandardsAndClashes:
    def _inputs(self):
        return make_inputs(
            activities=activities(
                _in_may(organisation="Council X", target_groups="Older people", decision_ref="D1"),
                _in_may(organisation="Council X"),
                _in_may(
                    organisation="Police Y",
                    target_groups="Older people",
                    decision_ref="D2",
                    start_date="2006-05-20",
                    end_date="2006-06-10",
                ),
            )
        )

    def test_each_partner_on_its_own_activities_and_the_partnership_on_all(self):
        standards = compute_standards(self._inputs(), (X, Y), PERIOD)
        value = standards.set_index(["organisation", "indicator_id"])["value"]
        assert value[("Council X", "PA1.2")] == 50.0
        assert value[("Police Y", "PA1.2")] == 100.0
        assert np.isclose(value[("partnership", "PA1.2")], 200 / 3)
        assert value[("Council X", "PA1.4")] == 0
        assert value[("Police Y", "PA1.4")] == 0
        assert value[("partnership", "PA1.4")] == 1
        assert list(standards.columns[:2]) == ["organisation", "indicator_id"]
        assert "PA5.2" not in set(standards["indicator_id"])  # a survey measure: not shared

    def test_clashes_across_partners_name_both_organisations(self):
        clashes = clashes_across(self._inputs(), PERIOD)
        row = clashes.iloc[0]
        assert len(clashes) == 1
        assert (row["activity_id_a"], row["organisation_a"]) == ("ACT-001", "Council X")
        assert (row["activity_id_b"], row["organisation_b"]) == ("ACT-003", "Police Y")
        assert row["overlap_days"] == 12
        names, matrix = pair_counts(clashes, (X, Y, Z))
        assert names == ("Council X", "Police Y", "Trust Z")
        assert matrix.tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 0]]


class TestLoad:
    def test_activities_by_area_and_month_borough_wide_in_every_area(self):
        inputs = make_inputs(
            activities=activities(
                {"start_date": "2006-04-30", "end_date": "2006-05-01"},
                {
                    "area_assembly": "Borough-wide",
                    "start_date": "2006-06-15",
                    "end_date": "2006-08-01",
                },
                {"status": "cancelled", "start_date": "2006-04-01", "end_date": "2006-04-02"},
                {
                    "area_assembly": "Wentworth North",
                    "start_date": "2006-03-01",
                    "end_date": "2006-04-01",
                },
                {"start_date": "2006-07-01", "end_date": "2006-07-01"},
            )
        )
        load = consultation_load(inputs, parse_period("2006-04..2006-06"), load_limit=0)
        grid = load.pivot(index="area", columns="month", values="activities")
        assert grid.loc["Rother Valley South"].tolist() == [0, 0, 1]
        assert grid.loc["Wentworth North"].tolist() == [1, 0, 1]
        assert grid.loc["Wath"].tolist() == [1, 1, 1]
        assert list(load["area"][:3]) == ["Rother Valley South"] * 3  # areas in their list's order
        assert load["over_limit"].tolist() == [
            False,
            False,
            True,
            True,
            False,
            True,
            True,
            True,
            True,
        ]

    def test_without_a_limit_over_limit_is_empty(self):
        load = consultation_load(make_inputs(), parse_period("2006-04"))
        assert load["activities"].tolist() == [0, 0, 0]
        assert load["over_limit"].isna().all()
