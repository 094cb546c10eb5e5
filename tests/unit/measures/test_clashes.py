"""PA1.4 clashes: pairs in A overlapping in time, sharing a group, in matching areas."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from pipeline.measures.clashes import (
    CLASH_COLUMNS,
    _order,
    clashing_positions,
    count_clashes,
    find_clashes,
)
from tests.unit.factories import PERIOD, activities

OLD, YOUNG, DISABLED = "Older people", "Young people", "Disabled people"
# More communities of interest than bits in an int64: "Group 1" ... "Group 70", in that order
# (alphabetically "Group 68" comes before "Group 9").
SEVENTY = tuple(f"Group {i}" for i in range(1, 71))


def _pairs(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(frame["activity_id_a"], frame["activity_id_b"], strict=True))


class TestFindClashes:
    def test_overlap_on_a_single_shared_day_clashes(self):
        # ACT-001 ends 2006-05-31, ACT-002 starts that day: inclusive ranges overlap by 1 day.
        acts = activities(
            {"start_date": "2006-05-01", "end_date": "2006-05-31", "target_groups": OLD},
            {"start_date": "2006-05-31", "end_date": "2006-06-30", "target_groups": OLD},
        )
        clashes = find_clashes(acts, PERIOD)
        assert _pairs(clashes) == [("ACT-001", "ACT-002")]
        assert clashes["overlap_days"].tolist() == [1]
        assert clashes["overlap_start"].tolist() == [pd.Timestamp("2006-05-31")]
        assert clashes["overlap_end"].tolist() == [pd.Timestamp("2006-05-31")]

    def test_overlap_counts_only_days_inside_the_period(self):
        # Both run January to December 2006; the period is April to September 2006:
        # 30 + 31 + 30 + 31 + 31 + 30 = 183 days, not 365.
        acts = activities(
            {"start_date": "2006-01-01", "end_date": "2006-12-31", "target_groups": OLD},
            {"start_date": "2006-01-01", "end_date": "2006-12-31", "target_groups": OLD},
        )
        clashes = find_clashes(acts, PERIOD)
        assert clashes["overlap_start"].tolist() == [pd.Timestamp("2006-04-01")]
        assert clashes["overlap_end"].tolist() == [pd.Timestamp("2006-09-30")]
        assert clashes["overlap_days"].tolist() == [183]

    def test_adjacent_ranges_do_not_clash(self):
        acts = activities(
            {"start_date": "2006-05-01", "end_date": "2006-05-31", "target_groups": OLD},
            {"start_date": "2006-06-01", "end_date": "2006-06-30", "target_groups": OLD},
        )
        assert find_clashes(acts, PERIOD).empty

    def test_general_public_shares_no_group(self):
        # No target groups = the general public: never a clash, even with each other.
        acts = activities({}, {}, {"target_groups": OLD})
        assert find_clashes(acts, PERIOD).empty

    def test_different_groups_do_not_clash(self):
        acts = activities({"target_groups": OLD}, {"target_groups": YOUNG})
        assert find_clashes(acts, PERIOD).empty

    def test_different_areas_do_not_clash(self):
        acts = activities(
            {"target_groups": OLD, "area_assembly": "Wath"},
            {"target_groups": OLD, "area_assembly": "Wentworth North"},
        )
        assert find_clashes(acts, PERIOD).empty

    def test_borough_wide_clashes_with_every_area(self):
        # ACT-001 Borough-wide meets both local ones; the two local ones differ in area.
        acts = activities(
            {"target_groups": OLD, "area_assembly": "Borough-wide"},
            {"target_groups": OLD, "area_assembly": "Wath"},
            {"target_groups": OLD, "area_assembly": "Wentworth North"},
            {"target_groups": OLD, "area_assembly": "Borough-wide"},
        )
        clashes = find_clashes(acts, PERIOD)
        # Pairs: 1-2, 1-3, 1-4 (both Borough-wide), 2-4, 3-4; not 2-3.
        assert sorted(_pairs(clashes)) == [
            ("ACT-001", "ACT-002"),
            ("ACT-001", "ACT-003"),
            ("ACT-001", "ACT-004"),
            ("ACT-002", "ACT-004"),
            ("ACT-003", "ACT-004"),
        ]
        area = dict(zip(_pairs(clashes), clashes["area"], strict=True))
        assert area[("ACT-001", "ACT-002")] == "Wath"
        assert area[("ACT-001", "ACT-004")] == "Borough-wide"

    def test_pair_sharing_two_groups_counts_once_with_both_named(self):
        acts = activities(
            {"target_groups": f"{OLD};{YOUNG};{DISABLED}"},
            {"target_groups": f"{YOUNG};{OLD}"},
        )
        clashes = find_clashes(acts, PERIOD, communities=(OLD, YOUNG, DISABLED))
        assert len(clashes) == 1
        assert clashes["shared_groups"].tolist() == [f"{OLD};{YOUNG}"]

    def test_cancelled_and_inactive_activities_are_left_out(self):
        # ACT-002 cancelled; ACT-003 ended before ps (2006-04-01); ACT-004 starts after pe.
        acts = activities(
            {"target_groups": OLD, "start_date": "2006-03-01", "end_date": "2006-12-31"},
            {"target_groups": OLD, "status": "cancelled"},
            {"target_groups": OLD, "start_date": "2006-03-01", "end_date": "2006-03-31"},
            {"target_groups": OLD, "start_date": "2006-10-01", "end_date": "2006-12-31"},
        )
        # ACT-001/ACT-003 overlap in March and ACT-001/ACT-004 after pe, but 3 and 4 are not in A.
        assert find_clashes(acts, PERIOD).empty

    def test_pair_ordered_by_id_and_rows_by_overlap_then_ids(self):
        acts = activities(
            {"activity_id": "Z-1", "target_groups": OLD, "end_date": "2006-05-10"},
            {"activity_id": "B-1", "target_groups": OLD, "end_date": "2006-05-31"},
            {"activity_id": "A-1", "target_groups": OLD, "end_date": "2006-05-31"},
        )
        clashes = find_clashes(acts, PERIOD)
        # A-1/B-1 overlap 31 days; A-1/Z-1 and B-1/Z-1 10 days each, then by ids.
        assert _pairs(clashes) == [("A-1", "B-1"), ("A-1", "Z-1"), ("B-1", "Z-1")]
        assert clashes["overlap_days"].tolist() == [31, 10, 10]
        assert tuple(clashes.columns) == CLASH_COLUMNS

    def test_no_activities_gives_empty_frame_with_columns(self):
        clashes = find_clashes(activities(), PERIOD)
        assert clashes.empty
        assert tuple(clashes.columns) == CLASH_COLUMNS


class TestClashingPositions:
    def test_every_pair_once_by_position_whatever_the_set(self):
        # Rows 0 and 2 share two groups (one pair, not two); row 1 is in another area; row 3
        # is Borough-wide and overlaps row 2 only. No period: the rows are the set.
        acts = activities(
            {
                "start_date": "2007-01-01",
                "end_date": "2007-01-31",
                "target_groups": f"{OLD};{YOUNG}",
            },
            {
                "start_date": "2007-01-01",
                "end_date": "2007-01-31",
                "target_groups": OLD,
                "area_assembly": "Wentworth North",
            },
            {
                "start_date": "2007-01-31",
                "end_date": "2007-02-28",
                "target_groups": f"{YOUNG};{OLD}",
            },
            {
                "start_date": "2007-02-01",
                "end_date": "2007-02-01",
                "target_groups": YOUNG,
                "area_assembly": "Borough-wide",
            },
        )
        first, second = clashing_positions(acts)
        assert list(zip(first.tolist(), second.tolist(), strict=True)) == [(0, 2), (2, 3)]

    def test_no_rows_no_pairs(self):
        first, second = clashing_positions(activities())
        assert (len(first), len(second)) == (0, 0)


class TestManyCommunities:
    """More than 62 communities of interest (once the limit of a bit mask per pair)."""

    @staticmethod
    def _register() -> pd.DataFrame:
        # ACT-001 names all 70 groups, so all 70 are in use; it meets only ACT-006 (April).
        return activities(
            {
                "target_groups": ";".join(SEVENTY),
                "start_date": "2006-04-01",
                "end_date": "2006-04-10",
            },
            {"target_groups": "Group 65;Group 1", "start_date": "2006-05-01"},
            {
                "target_groups": "Group 2;Group 65",
                "area_assembly": "Borough-wide",
                "start_date": "2006-05-10",
                "end_date": "2006-05-20",
            },
            {
                "target_groups": "Group 9;Group 68;Group 70",
                "area_assembly": "Wentworth North",
                "start_date": "2006-06-01",
                "end_date": "2006-06-30",
            },
            {
                "target_groups": "Group 68;Group 1;Group 9",
                "area_assembly": "Wentworth North",
                "start_date": "2006-06-15",
                "end_date": "2006-07-15",
            },
            {"target_groups": "Group 70", "start_date": "2006-04-05", "end_date": "2006-04-06"},
        )

    def test_clashes_found_beyond_the_62nd_group(self):
        acts = self._register()
        clashes = find_clashes(acts, PERIOD, communities=SEVENTY)
        # 4/5 share groups 9 and 68 from 15 to 30 June (16 days); 2/3 share only group 65,
        # 10 to 20 May (11 days, 3 is Borough-wide); 1/6 share only group 70, 5 and 6 April.
        assert _pairs(clashes) == [
            ("ACT-004", "ACT-005"),
            ("ACT-002", "ACT-003"),
            ("ACT-001", "ACT-006"),
        ]
        assert clashes["overlap_days"].tolist() == [16, 11, 2]
        assert clashes["shared_groups"].tolist() == ["Group 9;Group 68", "Group 65", "Group 70"]
        assert clashes["area"].tolist() == ["Wentworth North", "Wath", "Wath"]
        assert count_clashes(acts, PERIOD) == len(clashes) == 3

    def test_groups_named_alphabetically_without_communities(self):
        clashes = find_clashes(self._register(), PERIOD)
        assert clashes["shared_groups"].tolist() == ["Group 68;Group 9", "Group 65", "Group 70"]


def _random_register(
    n: int, seed: int, groups: tuple[str, ...] = ("G1", "G2", "G3"), share: float = 0.4
) -> pd.DataFrame:
    """``n`` random activities, each naming each of ``groups`` with probability ``share``."""
    rng = np.random.default_rng(seed)
    areas = ("Wath", "Wentworth North", "Borough-wide")
    rows = []
    for i in range(n):
        start = pd.Timestamp("2006-03-01") + pd.Timedelta(days=int(rng.integers(0, 220)))
        end = start + pd.Timedelta(days=int(rng.integers(0, 40)))
        chosen = [g for g in groups if rng.random() < share]
        rows.append(
            {
                "activity_id": f"R{rng.permutation(1000)[0]:03d}-{i}",
                "start_date": start,
                "end_date": end,
                "target_groups": ";".join(chosen) or None,
                "area_assembly": str(rng.choice(areas)),
                "status": str(rng.choice(["live", "closed", "cancelled"])),
            }
        )
    return activities(*rows)


def _in_a(acts: pd.DataFrame) -> pd.DataFrame:
    live = acts[acts["status"].ne("cancelled")]
    return live[(live["start_date"] <= PERIOD.end) & (live["end_date"] >= PERIOD.start)]


def _brute_force(
    acts: pd.DataFrame, communities: tuple[str, ...] = ()
) -> dict[tuple[str, str], str]:
    """Every pair checked one by one: the definition read literally (tests only).

    Each clashing pair (ids in order) maps to the groups it shares, joined by ``;``:
    those of ``communities`` in that order, then the others alphabetically.
    """
    found = {}
    for x, y in itertools.combinations(_in_a(acts).to_dict("records"), 2):
        gx = set(x["target_groups"].split(";")) if isinstance(x["target_groups"], str) else set()
        gy = set(y["target_groups"].split(";")) if isinstance(y["target_groups"], str) else set()
        areas_match = x["area_assembly"] == y["area_assembly"] or "Borough-wide" in (
            x["area_assembly"],
            y["area_assembly"],
        )
        overlap = x["start_date"] <= y["end_date"] and y["start_date"] <= x["end_date"]
        if gx & gy and areas_match and overlap:
            shared = sorted(
                gx & gy,
                key=lambda g: (0, communities.index(g), g) if g in communities else (1, 0, g),
            )
            found[tuple(sorted((x["activity_id"], y["activity_id"])))] = ";".join(shared)
    return found


class TestFindClashesAgainstDefinition:
    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_random_register_matches_pairwise_check(self, seed):
        acts = _random_register(150, seed)
        clashes = find_clashes(acts, PERIOD)
        assert dict(zip(_pairs(clashes), clashes["shared_groups"], strict=True)) == _brute_force(
            acts
        )
        assert len(set(_pairs(clashes))) == len(clashes)
        assert count_clashes(acts, PERIOD) == len(clashes)

    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_positions_in_any_set_match_pairwise_check(self, seed):
        # clashing_positions on the rows of A (already chosen) finds the pairs the definition
        # finds, each once, as positions in the set given.
        active = _in_a(_random_register(150, seed)).reset_index(drop=True)
        first, second = clashing_positions(active)
        ids = active["activity_id"].to_numpy()
        found = {tuple(sorted((ids[a], ids[b]))) for a, b in zip(first, second, strict=True)}
        assert found == set(_brute_force(active))
        assert len(found) == len(first)
        assert (first < second).all()

    @pytest.mark.parametrize("seed", [1, 2, 3])
    @pytest.mark.parametrize("with_communities", [False, True])
    def test_seventy_groups_match_pairwise_check(self, seed, with_communities):
        groups = tuple(f"G{i}" for i in range(1, 71))
        acts = _random_register(200, seed, groups, share=0.08)
        # Reference order: 50 of the groups in a shuffled order, the other 20 alphabetically.
        communities = tuple(np.random.default_rng(seed).permutation(groups)[:50].tolist())
        communities = communities if with_communities else ()
        clashes = find_clashes(acts, PERIOD, communities)
        expected = _brute_force(acts, communities)
        assert dict(zip(_pairs(clashes), clashes["shared_groups"], strict=True)) == expected
        assert len(clashes) == len(expected)
        assert count_clashes(acts, PERIOD) == len(clashes)
        # Not vacuous: more than 62 groups in A, pairs sharing several groups and groups
        # beyond the 62nd in the reference order.
        used = set(_in_a(acts)["target_groups"].dropna().str.split(";").explode())
        assert len(used) > 62
        assert any(";" in shared for shared in expected.values())
        order = [*communities, *sorted(used.difference(communities))]
        shared = {g for names in expected.values() for g in names.split(";")}
        assert any(order.index(g) >= 62 for g in shared)

    @pytest.mark.parametrize(
        "groups",
        [["G1", "G2", None], ["G1", "G64", "G1;G70", "G3;G64;G70", *(f"G{i}" for i in range(70))]],
    )
    def test_large_register_counted_and_listed_alike(self, groups):
        # 20,000 activities in A over six months (a quadratic method would take minutes;
        # speed itself is measured by `make bench`, not asserted here).
        n = 20_000
        rng = np.random.default_rng(7)
        start = PERIOD.start + pd.to_timedelta(rng.integers(0, 180, n), unit="D")
        frame = pd.DataFrame(
            {
                "activity_id": pd.array([f"CCI-{i:06d}" for i in range(n)], dtype="str"),
                "title": pd.array(["t"] * n, dtype="str"),
                "start_date": start,
                "end_date": start + pd.to_timedelta(rng.integers(0, 10, n), unit="D"),
                "status": pd.array(["live"] * n, dtype="str"),
                "target_groups": pd.array(rng.choice(groups, n), dtype="str"),
                "area_assembly": pd.array(rng.choice(["A", "B", "Borough-wide"], n), dtype="str"),
            }
        )
        clashes = find_clashes(frame, PERIOD)
        assert len(clashes) > 0
        assert not clashes.duplicated(["activity_id_a", "activity_id_b"]).any()
        assert count_clashes(frame, PERIOD) == len(clashes)


def test_order_falls_back_to_lexsort_when_keys_do_not_fit_in_an_int64():
    # Sizes whose product exceeds 2**63: the rows are still sorted by key 1, then key 2.
    first = np.array([2**40, 5, 5, 0, 2**40 - 1])
    second = np.array([1, 2**40, 3, 7, 0])
    order = _order((first, second), (2**41, 2**41))
    assert order.tolist() == [3, 2, 1, 4, 0]
    # Small sizes: one int64 key, same rule: (0, 5), (1, 2), (1, 3), (2, 0).
    assert _order((np.array([2, 1, 1, 0]), np.array([0, 3, 2, 5])), (3, 6)).tolist() == [3, 2, 1, 0]
