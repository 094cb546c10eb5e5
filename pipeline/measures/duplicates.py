"""Possible duplicates: pairs of activities of different partners that look like one.

Two activities of A led by different organisations are possible duplicates when their date
ranges overlap, their areas match (the PA1.4 area rule: the same area assembly, or either is
Borough-wide) and their titles are alike: the sets of the titles' words (lower case; a word is
a run of letters and digits; words shorter than three characters and a few common words left
out) have a Jaccard similarity (shared words divided by words in either) of at least
``DUPLICATE_SIMILARITY``.

Pairs are never enumerated. Two titles alike share at least one word, so activities are
exploded by title word and searched as the clash search does (:mod:`pipeline.measures.clashes`):
within each (word, area) block, sorted by start date, an activity's overlapping partners are one
contiguous run found by binary search, Borough-wide activities joined against every area of the
same word. A pair is so found once per word its titles share, which is the Jaccard numerator;
the work is proportional to the pairs that share a word, not to the square of the activities.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from pipeline.measures.activity_sets import activities_active_in
from pipeline.measures.clashes import _found_rows
from pipeline.spec.contract import BOROUGH_WIDE
from pipeline.spec.partnership import DUPLICATE_SIMILARITY, IGNORED_WORDS, SHORTEST_WORD
from pipeline.spec.period import Period

DUPLICATE_COLUMNS = (
    "activity_id_a",
    "organisation_a",
    "title_a",
    "activity_id_b",
    "organisation_b",
    "title_b",
    "overlap_start",
    "overlap_end",
    "area",
    "shared_words",
    "similarity",
)
_WORD = r"[^\W_]+"  # a run of letters and digits (any script)


def title_words(titles: pd.Series) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each title's set of words as (position of the title, code of the word) rows, each once,
    and the words by code."""
    words = titles.astype("string").str.lower().str.findall(_WORD).explode()
    words = words[words.notna()]
    words = words[(words.str.len() >= SHORTEST_WORD) & ~words.isin(IGNORED_WORDS)]
    exploded = pd.DataFrame({"row": words.index.to_numpy(), "word": words.to_numpy()})
    exploded = exploded.drop_duplicates()
    codes, names = pd.factorize(exploded["word"])
    return exploded["row"].to_numpy(np.int64), codes.astype(np.int64), list(names)


def similarity(shared: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Jaccard similarity of two word sets from their sizes and the words they share."""
    union = size_a + size_b - shared
    return np.divide(shared, union, out=np.zeros(len(shared)), where=union > 0)


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in DUPLICATE_COLUMNS})
    return frame.astype(
        {
            "overlap_start": "datetime64[ns]",
            "overlap_end": "datetime64[ns]",
            "shared_words": "int64",
            "similarity": "float64",
        }
    )


def _pairs_sharing_words(
    active: pd.DataFrame, row: np.ndarray, word: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first, second, words shared) for every pair of ``active`` whose dates overlap, whose
    areas match and whose titles share a word (``row``, ``word``: the titles' words); positions
    in ``active``, first < second."""
    empty = np.zeros(0, dtype=np.int64)
    if len(row) == 0:
        return empty, empty, empty
    start = active["start_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    end = active["end_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    origin = start.min()
    start, end = start - origin, end - origin
    span = int(max(start.max(), end.max())) + 2
    area_names, area_code = np.unique(
        active["area_assembly"].astype(str).to_numpy(), return_inverse=True
    )
    area_names = [*area_names.tolist(), BOROUGH_WIDE]
    wide_code = area_names.index(BOROUGH_WIDE)
    first, second, _ = _found_rows(row, word, area_code, wide_code, (start, end, span))
    n = len(active)
    keys, shared = np.unique(
        np.minimum(first, second) * n + np.maximum(first, second), return_counts=True
    )
    return keys // n, keys % n, shared


def find_duplicates(activities: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Every possible duplicate among the activities of A (see the module docstring).

    Columns :data:`DUPLICATE_COLUMNS` (a before b by id; the overlap of their date ranges; the
    pair's area, Borough-wide only when both are; the words shared; the similarity), most
    alike first, then by the two ids.
    """
    active = activities_active_in(activities, period).reset_index(drop=True)
    if active.empty:
        return _empty()
    row, word, _ = title_words(active["title"])
    first, second, shared = _pairs_sharing_words(active, row, word)
    sizes = np.bincount(row, minlength=len(active))
    threshold = Fraction(DUPLICATE_SIMILARITY).limit_denominator()
    union = sizes[first] + sizes[second] - shared
    organisation = active["organisation"].astype(str).to_numpy()
    alike = (shared * threshold.denominator >= union * threshold.numerator) & (
        organisation[first] != organisation[second]
    )
    first, second, shared, union = first[alike], second[alike], shared[alike], union[alike]
    if len(first) == 0:
        return _empty()
    ids = active["activity_id"].astype(str).to_numpy()
    swap = ids[first] > ids[second]
    a, b = np.where(swap, second, first), np.where(swap, first, second)
    area = active["area_assembly"].astype(str).to_numpy()
    titles = active["title"].astype(str).to_numpy()
    starts, ends = active["start_date"].to_numpy(), active["end_date"].to_numpy()
    frame = pd.DataFrame(
        {
            "activity_id_a": ids[a],
            "organisation_a": organisation[a],
            "title_a": titles[a],
            "activity_id_b": ids[b],
            "organisation_b": organisation[b],
            "title_b": titles[b],
            "overlap_start": np.maximum(starts[a], starts[b]),
            "overlap_end": np.minimum(ends[a], ends[b]),
            "area": np.where(area[a] == BOROUGH_WIDE, area[b], area[a]),
            "shared_words": shared.astype(np.int64),
            "similarity": similarity(shared, sizes[a], sizes[b]),
        }
    )
    frame = frame.sort_values(
        ["similarity", "activity_id_a", "activity_id_b"], ascending=[False, True, True]
    )
    text = ("activity_id_a", "organisation_a", "title_a", "activity_id_b", "organisation_b")
    return frame.astype(dict.fromkeys((*text, "title_b", "area"), "str")).reset_index(drop=True)
