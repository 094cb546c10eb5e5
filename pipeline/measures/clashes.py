"""PA1.4: pairs of active activities that compete for the same people at the same time.

Two distinct activities of A clash when their date ranges overlap (inclusive),
they share at least one target group (no groups = the general public, which
shares none) and their areas match (the same area assembly, or either is
Borough-wide).

Pairs are never enumerated: activities are exploded by target group and, within
each (group, area) block, sorted by start date so that the partners of each
activity form one contiguous run found by binary search (``numpy.searchsorted``).
Borough-wide activities are joined against every area of their group the same
way. The work is proportional to the number of clashes found, not to the square
of the number of activities.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.measures.activity_sets import activities_active_in
from pipeline.spec.contract import BOROUGH_WIDE
from pipeline.spec.period import Period

log = logging.getLogger(__name__)

MAX_GROUPS = 62  # the groups a pair shares are kept as bits of an int64

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
    """The clashing pairs as positions in ``active``, with what the table needs."""

    active: pd.DataFrame
    a: np.ndarray
    b: np.ndarray
    shared: np.ndarray
    start: np.ndarray
    end: np.ndarray
    origin: int
    rank: np.ndarray
    group_names: list[str]
    area_code: np.ndarray
    area_names: list[str]
    wide_code: int


def _clashing_pairs(
    activities: pd.DataFrame, period: Period, communities: Sequence[str]
) -> _Pairs | None:
    """Every clashing pair of activities in A, or None when there is none."""
    active = activities_active_in(activities, period).reset_index(drop=True)
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
    groups = active["target_groups"].astype("string").str.split(";").explode().str.strip()
    groups = groups[groups.notna() & groups.ne("")]
    exploded = pd.DataFrame({"row": groups.index.to_numpy(), "group": groups.to_numpy()})
    exploded = exploded.drop_duplicates()
    if exploded.empty:
        return None
    found = set(exploded["group"])
    group_names = [g for g in communities if g in found]
    group_names += sorted(found.difference(group_names))
    if len(group_names) > MAX_GROUPS:
        msg = f"Clashes can be found among at most {MAX_GROUPS} target groups, not {len(found)}."
        raise ValueError(msg)
    row = exploded["row"].to_numpy()
    gcode = (
        exploded["group"]
        .map({name: i for i, name in enumerate(group_names)})
        .to_numpy(dtype=np.int64)
    )
    # Each activity's groups as a bit mask, to report the groups a pair shares.
    masks = np.zeros(len(active), dtype=np.int64)
    np.bitwise_or.at(masks, row, np.left_shift(np.int64(1), gcode))

    area_names, area_code = np.unique(
        active["area_assembly"].astype(str).to_numpy(), return_inverse=True
    )
    area_names = [*area_names.tolist(), BOROUGH_WIDE]  # a code for Borough-wide even if absent
    wide_code = area_names.index(BOROUGH_WIDE)
    wide = area_code[row] == wide_code
    n_areas = len(area_names)

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

    # A pair sharing several groups is found once per group: keep it for its first one.
    shared = masks[first] & masks[second]
    keep = (first != second) & ((shared & -shared) == np.left_shift(np.int64(1), via))
    first, second, shared = first[keep], second[keep], shared[keep]
    # Normalise each pair to (a, b) by id.
    swap = rank[first] > rank[second]
    a = np.where(swap, second, first)
    b = np.where(swap, first, second)
    if len(a) == 0:
        return None
    return _Pairs(
        active,
        a,
        b,
        shared,
        start,
        end,
        int(origin),
        rank,
        group_names,
        area_code,
        area_names,
        wide_code,
    )


def count_clashes(activities: pd.DataFrame, period: Period) -> int:
    """PA1.4: the number of clashing pairs, without building the table."""
    pairs = _clashing_pairs(activities, period, ())
    return 0 if pairs is None else len(pairs.a)


def find_clashes(
    activities: pd.DataFrame, period: Period, communities: Sequence[str] = ()
) -> pd.DataFrame:
    """One row per clashing pair of activities in A (see the module docstring).

    Columns: ``activity_id_a``, ``title_a``, ``activity_id_b``, ``title_b`` (a before b
    by id), ``overlap_start``, ``overlap_end``, ``overlap_days``, ``shared_groups``
    (names joined by ``;``, in the order of ``communities`` when given, else
    alphabetical), ``area`` (the pair's area assembly; Borough-wide only when both
    are). Sorted by ``overlap_days`` (longest first), then the two ids. Its length is
    PA1.4.
    """
    pairs = _clashing_pairs(activities, period, communities)
    if pairs is None:
        return _empty_clashes()
    active, a, b, shared = pairs.active, pairs.a, pairs.b, pairs.shared
    start, end, origin, rank = pairs.start, pairs.end, pairs.origin, pairs.rank
    group_names, area_names = pairs.group_names, pairs.area_names
    area_code, wide_code = pairs.area_code, pairs.wide_code
    log.debug("Found %d clashing pairs among %d active activities", len(a), len(active))

    overlap_start = np.maximum(start[a], start[b])
    overlap_end = np.minimum(end[a], end[b])
    overlap_days = overlap_end - overlap_start + 1
    # Longest overlap first, then by the ids: one int64 key (days, rank a, rank b).
    n = len(active)
    longest = int(overlap_days.max())
    sort = np.argsort(((longest - overlap_days) * n + rank[a]) * n + rank[b])  # keys unique
    a, b, shared = a[sort], b[sort], shared[sort]
    overlap_start, overlap_end, overlap_days = (
        overlap_start[sort],
        overlap_end[sort],
        overlap_days[sort],
    )

    # The few distinct masks are named once, then spread over the pairs.
    masks_found = (
        np.flatnonzero(np.bincount(shared)) if shared.max() < 1 << 16 else np.unique(shared)
    )
    mask_index = np.searchsorted(masks_found, shared)
    mask_names = pd.array(
        [";".join(g for i, g in enumerate(group_names) if m >> i & 1) for m in masks_found],
        dtype="str",
    )
    pair_area = np.where(area_code[a] == wide_code, area_code[b], area_code[a])
    ids = active["activity_id"].astype("str").array
    titles = active["title"].astype("str").array
    return pd.DataFrame(
        {
            "activity_id_a": ids.take(a),
            "title_a": titles.take(a),
            "activity_id_b": ids.take(b),
            "title_b": titles.take(b),
            "overlap_start": _as_dates(overlap_start + origin),
            "overlap_end": _as_dates(overlap_end + origin),
            "overlap_days": overlap_days,
            "shared_groups": mask_names.take(mask_index),
            "area": pd.array(area_names, dtype="str").take(pair_area),
        }
    )
