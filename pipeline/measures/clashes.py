"""PA1.4: pairs of active activities that compete for the same people at the same time.

Two distinct activities of A clash when their date ranges overlap (inclusive),
they share at least one target group (no groups = the general public, which
shares none) and their areas match (the same area assembly, or either is
Borough-wide).

Pairs are never enumerated: activities are exploded by target group and, within
each (group, area) block, sorted by start date so that the partners of each
activity form one contiguous run found by binary search (``numpy.searchsorted``).
Borough-wide activities are joined against every area of their group the same
way. A pair sharing k groups is so found k times, once per group: one row per
(pair, shared group), with no limit on the number of groups. ``find_clashes``
sorts those rows by one int64 key (overlap, the two ids, the group), which
brings each pair's rows together with its groups in reference order; it keeps
the pair once and names its groups from that run, each distinct set of groups
named once. ``count_clashes`` takes off the repeats by sorting the pair keys of
the only rows that can repeat (pairs of two activities with several groups
each). The work is proportional to the number of clashes found (times a log for
those sorts), not to the square of the number of activities. The forward plan of the
web pages finds its clashes by the same rule and the same search (``clashing_positions``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.measures.activity_sets import activities_active_in, once
from pipeline.spec.contract import BOROUGH_WIDE
from pipeline.spec.period import Period

log = logging.getLogger(__name__)

CLASH_COLUMNS = (
    "activity_id_a",
    "title_a",
    "activity_id_b",
    "title_b",
    "overlap_start",
    "overlap_end",
    "overlap_days",
    "shared_groups",
    "area",
)


def _runs(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For runs of ``counts[i]`` items: the owner ``i`` of each item and its offset in its run."""
    owners = np.repeat(np.arange(len(counts)), counts)
    firsts = np.cumsum(counts) - counts
    offsets = np.arange(counts.sum()) - np.repeat(firsts, counts)
    return owners, offsets


def _keyed(key: np.ndarray, day: np.ndarray, span: int) -> np.ndarray:
    return key.astype(np.int64) * span + day


def _self_overlaps(
    key: np.ndarray, start: np.ndarray, end: np.ndarray, span: int
) -> tuple[np.ndarray, np.ndarray]:
    """Every unordered pair of rows with the same ``key`` whose [start, end] ranges overlap.

    Sorted by (key, start), the rows overlapping row ``p`` and after it are exactly
    those from ``p + 1`` up to the last row of its key starting on or before its end.
    """
    order = np.lexsort((start, key))
    sorted_keys = _keyed(key[order], start[order], span)
    last = np.searchsorted(sorted_keys, _keyed(key[order], end[order], span), side="right")
    counts = last - np.arange(len(order)) - 1
    owners, offsets = _runs(counts)
    return order[owners], order[owners + 1 + offsets]


def _cross_overlaps(
    left: tuple[np.ndarray, np.ndarray, np.ndarray],
    right: tuple[np.ndarray, np.ndarray, np.ndarray],
    span: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Every (left row, right row) with the same key whose ranges overlap.

    A pair overlaps when the right one starts within the left one
    (``l.start <= r.start <= l.end``) or the left one starts strictly after the
    right one and within it (``r.start < l.start <= r.end``): two disjoint halves.
    """
    pairs_left, pairs_right = [], []
    for (k1, s1, e1), (k2, s2, _e2), swap, side in (
        (left, right, False, "left"),
        (right, left, True, "right"),
    ):
        order = np.lexsort((s2, k2))
        sorted_keys = _keyed(k2[order], s2[order], span)
        first = np.searchsorted(sorted_keys, _keyed(k1, s1, span), side=side)
        last = np.searchsorted(sorted_keys, _keyed(k1, e1, span), side="right")
        counts = np.maximum(last - first, 0)
        owners, offsets = _runs(counts)
        partners = order[np.repeat(first, counts) + offsets]
        if swap:
            pairs_left.append(partners)
            pairs_right.append(owners)
        else:
            pairs_left.append(owners)
            pairs_right.append(partners)
    return np.concatenate(pairs_left), np.concatenate(pairs_right)


def _as_dates(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[ns]")


def _empty_clashes() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype="str") for column in CLASH_COLUMNS})
    frame["overlap_start"] = pd.Series(dtype="datetime64[ns]")
    frame["overlap_end"] = pd.Series(dtype="datetime64[ns]")
    frame["overlap_days"] = pd.Series(dtype="int64")
    return frame


@dataclass(frozen=True)
class _Pairs:
    """The clashing pairs as positions in ``active``, with what the table needs.

    One row per (pair, shared group): ``a`` comes before ``b`` by id and ``via`` is the
    code of a group both have (an index into ``group_names``), so a pair sharing k
    groups has k rows. ``several`` marks the activities with more than one group: only
    a pair of two of those can have more than one row.
    """

    active: pd.DataFrame
    a: np.ndarray
    b: np.ndarray
    via: np.ndarray
    start: np.ndarray
    end: np.ndarray
    origin: int
    rank: np.ndarray
    group_names: list[str]
    area_code: np.ndarray
    area_names: list[str]
    wide_code: int
    several: np.ndarray


def _explode_groups(
    active: pd.DataFrame, communities: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """One row per (activity, target group): the activity's position and the group's code.

    Codes follow the reference order, ``group_names``: the groups of ``communities``
    first, in that order, then any other group alphabetically.
    """
    groups = active["target_groups"].astype("string").str.split(";").explode().str.strip()
    groups = groups[groups.notna() & groups.ne("")]
    exploded = pd.DataFrame({"row": groups.index.to_numpy(), "group": groups.to_numpy()})
    exploded = exploded.drop_duplicates()
    found = set(exploded["group"])
    group_names = [g for g in communities if g in found]
    group_names += sorted(found.difference(group_names))
    codes = {name: i for i, name in enumerate(group_names)}
    gcode = exploded["group"].map(codes).to_numpy(dtype=np.int64)
    return exploded["row"].to_numpy(dtype=np.int64), gcode, group_names


def _found_rows(
    row: np.ndarray,
    gcode: np.ndarray,
    area_code: np.ndarray,
    wide_code: int,
    days: tuple[np.ndarray, np.ndarray, int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every clashing pair of activities once per group it shares: (first, second, group).

    ``row`` and ``gcode`` are the exploded (activity, group) rows, each distinct, so an
    activity is never paired with itself; ``days`` is (start, end, span).
    """
    start, end, span = days
    n_areas = int(max(area_code.max(), wide_code)) + 1
    wide = area_code[row] == wide_code
    # Same group and same area (Borough-wide with Borough-wide included).
    block = gcode * n_areas + area_code[row]
    same_a, same_b = _self_overlaps(block, start[row], end[row], span)
    # Borough-wide against every other area of the same group.
    w, o = row[wide], row[~wide]
    cross_a, cross_b = _cross_overlaps(
        (gcode[wide], start[w], end[w]), (gcode[~wide], start[o], end[o]), span
    )
    first = np.concatenate([row[same_a], w[cross_a]])
    second = np.concatenate([row[same_b], o[cross_b]])
    via = np.concatenate([gcode[same_a], gcode[wide][cross_a]])
    return first, second, via


def _clashing_pairs(activities: pd.DataFrame, communities: Sequence[str]) -> _Pairs | None:
    """Every clashing pair of ``activities`` (A, or the forward plan), once per shared group, or
    None when there is none. Positions are those of ``activities``' rows, in its order."""
    active = activities.reset_index(drop=True)
    if active.empty:
        return None

    # Rank activities by id so that pairs are normalised as (a, b) with a's id first.
    order_by_id = np.argsort(active["activity_id"].astype(str).to_numpy(), kind="stable")
    rank = np.empty(len(active), dtype=np.int64)
    rank[order_by_id] = np.arange(len(active))

    start = active["start_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    end = active["end_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    origin = start.min()
    start, end = start - origin, end - origin
    span = int(max(start.max(), end.max())) + 2

    # Explode by target group (no groups: the general public, which shares none).
    row, gcode, group_names = _explode_groups(active, communities)
    if len(row) == 0:
        return None
    area_names, area_code = np.unique(
        active["area_assembly"].astype(str).to_numpy(), return_inverse=True
    )
    area_names = [*area_names.tolist(), BOROUGH_WIDE]  # a code for Borough-wide even if absent
    wide_code = area_names.index(BOROUGH_WIDE)

    first, second, via = _found_rows(row, gcode, area_code, wide_code, (start, end, span))
    if len(first) == 0:
        return None
    # Normalise each pair to (a, b) by id.
    swap = rank[first] > rank[second]
    a = np.where(swap, second, first)
    b = np.where(swap, first, second)
    return _Pairs(
        active,
        a,
        b,
        via,
        start,
        end,
        int(origin),
        rank,
        group_names,
        area_code,
        area_names,
        wide_code,
        np.bincount(row, minlength=len(active)) > 1,
    )


def _order(keys: Sequence[np.ndarray], sizes: Sequence[int]) -> np.ndarray:
    """The order sorting rows by ``keys``, most significant first (``keys[i]`` in [0, sizes[i])).

    The keys are combined into one int64 when their sizes allow (``argsort`` on one
    array is much faster), else sorted by ``numpy.lexsort``. Rows must be distinct.
    """
    if math.prod(sizes) >= 2**63:
        return np.lexsort(tuple(reversed(keys)))
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    for key, size in zip(keys, sizes, strict=True):
        combined = combined * size + key
    return np.argsort(combined)


def _shared_names(
    via: np.ndarray, firsts: np.ndarray, counts: np.ndarray, group_names: Sequence[str]
) -> pd.Categorical:
    """The names of the groups each pair shares, joined by ``;`` in reference order.

    Pair i shares the groups ``via[firsts[i] : firsts[i] + counts[i]]``, ascending. Each
    distinct set of groups is named once: sets are numbered one depth at a time, the
    number of a set's first k + 1 groups found from the number of its first k and its
    (k + 1)-th group (``pandas.factorize``), and only pairs sharing more than k groups
    take part at depth k.
    """
    n_groups = len(group_names)
    names = list(group_names)  # number g < n_groups: the set {g}
    node = via[firsts]
    for depth in range(1, int(counts.max())):
        more = np.flatnonzero(counts > depth)
        codes, prefixes = pd.factorize(node[more] * n_groups + via[firsts[more] + depth])
        node[more] = len(names) + codes
        names += [f"{names[p // n_groups]};{group_names[p % n_groups]}" for p in prefixes.tolist()]
    return _named(node, names)


def _named(codes: np.ndarray, names: Sequence[str] | pd.api.extensions.ExtensionArray):
    """``names[codes]`` as a categorical column: each distinct name held once, however often a
    pair names it (at a hundred times the sample the table is 677,250 pairs of about 1,300
    activities, a hundred megabytes less than as text)."""
    name_codes, distinct = pd.factorize(pd.array(names, dtype="str"))
    return pd.Categorical.from_codes(name_codes[codes], categories=pd.Index(distinct, dtype="str"))


def _pairs_in(
    activities: pd.DataFrame, period: Period, communities: Sequence[str]
) -> _Pairs | None:
    """The clashing pairs of A, found once per register, period and order of groups: PA1.4
    counts them and the clash table lists them."""
    return once(
        f"clashing pairs:{';'.join(communities)}",
        activities,
        period,
        lambda: _clashing_pairs(activities_active_in(activities, period), communities),
    )


def count_clashes(activities: pd.DataFrame, period: Period) -> int:
    """PA1.4: the number of clashing pairs, without building the table."""
    pairs = _pairs_in(activities, period, ())
    if pairs is None:
        return 0
    # One row per (pair, shared group): take off the repeats, which only pairs of two
    # activities with several groups each can have (few), found by sorting pair keys.
    n, a, b = len(pairs.active), pairs.a, pairs.b
    maybe = pairs.several[a] & pairs.several[b]
    keys = np.sort(pairs.rank[a[maybe]] * n + pairs.rank[b[maybe]])
    return len(a) - int(np.count_nonzero(keys[1:] == keys[:-1]))


def clashing_positions(activities: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Every clashing pair among the rows of ``activities``, whatever set they are, once each.

    The same rule as PA1.4 (dates overlap, a shared group, matching areas), found the same way.
    Returns the rows' positions ``(first, second)``, ``first < second``, sorted by both.
    """
    pairs = _clashing_pairs(activities, ())
    if pairs is None:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    n = len(pairs.active)
    # One row per (pair, shared group): each pair once, as (first, second) by position.
    keys = np.unique(np.minimum(pairs.a, pairs.b) * n + np.maximum(pairs.a, pairs.b))
    return keys // n, keys % n


def _day_number(day: pd.Timestamp) -> int:
    return int(np.datetime64(day, "D").astype(np.int64))


def find_clashes(
    activities: pd.DataFrame, period: Period, communities: Sequence[str] = ()
) -> pd.DataFrame:
    """One row per clashing pair of activities in A (see the module docstring).

    Columns: ``activity_id_a``, ``title_a``, ``activity_id_b``, ``title_b`` (a before b
    by id), ``overlap_start``, ``overlap_end``, ``overlap_days``, ``shared_groups``
    (names joined by ``;``, in the order of ``communities`` when given, else
    alphabetical), ``area`` (the pair's area assembly; Borough-wide only when both
    are). The overlap counts only the days inside the period. Sorted by ``overlap_days``
    (longest first), then the two ids. Its length is PA1.4.
    """
    pairs = _pairs_in(activities, period, tuple(communities))
    if pairs is None:
        return _empty_clashes()
    active, a, b, via = pairs.active, pairs.a, pairs.b, pairs.via
    start, end, origin, rank = pairs.start, pairs.end, pairs.origin, pairs.rank
    area_code, wide_code = pairs.area_code, pairs.wide_code

    # The overlap counts only days inside the period (both activities run during it).
    first_day, last_day = (_day_number(day) - origin for day in (period.start, period.end))
    overlap_start = np.maximum(np.maximum(start[a], start[b]), first_day)
    overlap_end = np.minimum(np.minimum(end[a], end[b]), last_day)
    overlap_days = overlap_end - overlap_start + 1
    # Longest overlap first, then by the ids, then by group: a pair's rows come
    # together, its groups in reference order.
    n, longest = len(active), int(overlap_days.max())
    sort = _order(
        (longest - overlap_days, rank[a], rank[b], via), (longest, n, n, len(pairs.group_names))
    )
    a, b, via = a[sort], b[sort], via[sort]
    firsts = np.flatnonzero(np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])])
    counts = np.diff(np.r_[firsts, len(a)])
    shared_groups = _shared_names(via, firsts, counts, pairs.group_names)
    kept = sort[firsts]
    a, b = a[firsts], b[firsts]
    log.debug("Found %d clashing pairs among %d active activities", len(a), len(active))

    pair_area = np.where(area_code[a] == wide_code, area_code[b], area_code[a])
    ids = active["activity_id"].astype("str").array
    titles = active["title"].astype("str").array
    return pd.DataFrame(
        {
            "activity_id_a": _named(a, ids),
            "title_a": _named(a, titles),
            "activity_id_b": _named(b, ids),
            "title_b": _named(b, titles),
            "overlap_start": _as_dates(overlap_start[kept] + origin),
            "overlap_end": _as_dates(overlap_end[kept] + origin),
            "overlap_days": overlap_days[kept],
            "shared_groups": shared_groups,
            "area": _named(pair_area, pairs.area_names),
        }
    )
