"""Possible duplicates: pairs of activities of different partners that look like one.

Two activities of A led by different organisations are possible duplicates when their date
ranges overlap, their areas match (the PA1.4 area rule: the same area assembly, or either is
Borough-wide) and their titles are alike: the sets of the titles' words (lower case; a word is
a run of letters and digits; words shorter than three characters and a few common words left
out) have a Jaccard similarity (shared words divided by words in either) of at least
``DUPLICATE_SIMILARITY``.

Pairs are never enumerated. Two titles alike share a word, and more: with every title's words
ordered rarest first across the register, two titles of similarity at least t share a word of
both their *prefixes* (the first ``|x| - ceil(t |x|) + 1`` words of a title of ``|x|`` words;
the prefix filter of set-similarity joins), so common words such as "survey" rarely block
anything. Activities are exploded by prefix word and searched as the clash search does
(:mod:`pipeline.measures.clashes`): within each (word, area) block, sorted by start date, an
activity's overlapping partners are one contiguous run found by binary search, Borough-wide
activities joined against every area of the same word. Each candidate's shared words are then
counted by looking its first title's words up in the second's (a sorted search). The work is
proportional to the candidates, not to the square of the activities.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from pipeline.measures.activity_sets import activities_active_in
from pipeline.measures.clashes import _found_rows, _runs
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


THRESHOLD = Fraction(DUPLICATE_SIMILARITY).limit_denominator()


def _prefixes(row: np.ndarray, word: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each title's words in order, rarest first, and which of them are in its prefix.

    Returns ``order`` (the rows of ``row``/``word`` by title, rarest word first) and ``prefix``
    (in that order: the word is among the first ``|x| - ceil(t |x|) + 1`` of its title's ``x``
    words). Two titles with a similarity of at least ``t`` share a word of both prefixes.
    """
    rank = np.empty(word.max() + 1, dtype=np.int64)
    frequency = np.bincount(word)
    rank[np.lexsort((np.arange(len(frequency)), frequency))] = np.arange(len(frequency))
    order = np.lexsort((rank[word], row))
    sizes = np.bincount(row, minlength=n)
    firsts = np.cumsum(sizes) - sizes
    position = np.arange(len(row)) - firsts[row[order]]
    needed = -(-THRESHOLD.numerator * sizes // THRESHOLD.denominator)  # ceil(t |x|)
    return order, position < (sizes - needed + 1)[row[order]]


def _shared_words(
    first: np.ndarray, second: np.ndarray, row: np.ndarray, word: np.ndarray, order: np.ndarray
) -> np.ndarray:
    """The words each pair's titles share: each word of the first looked up in the second's."""
    n_words = int(word.max()) + 1
    by_title = row[order].astype(np.int64) * n_words + word[order]  # sorted: titles, then rank
    known = np.sort(by_title)
    sizes = np.bincount(row, minlength=int(max(first.max(), second.max())) + 1)
    firsts = np.cumsum(sizes) - sizes
    owners, offsets = _runs(sizes[first])
    words_of_first = word[order][firsts[first][owners] + offsets]
    keys = second[owners] * n_words + words_of_first
    found = np.searchsorted(known, keys)
    hit = (found < len(known)) & (known[np.minimum(found, len(known) - 1)] == keys)
    return np.bincount(owners, weights=hit, minlength=len(first)).astype(np.int64)


def _pairs_sharing_words(
    active: pd.DataFrame, row: np.ndarray, word: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first, second, words shared) for every pair of ``active`` whose dates overlap, whose
    areas match, whose titles' prefixes share a word (``row``, ``word``: the titles' words) and
    that two different organisations lead; positions in ``active``, first < second."""
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
    n = len(active)
    order, prefix = _prefixes(row, word, n)
    kept = order[prefix]
    first, second, _ = _found_rows(row[kept], word[kept], area_code, wide_code, (start, end, span))
    # Only pairs of two organisations can be duplicates: the others go before anything is sorted.
    organisation = pd.factorize(active["organisation"])[0]
    across = organisation[first] != organisation[second]
    first, second = first[across], second[across]
    if len(first) == 0:
        return empty, empty, empty
    keys = np.unique(np.minimum(first, second) * n + np.maximum(first, second))
    first, second = keys // n, keys % n
    return first, second, _shared_words(first, second, row, word, order)


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
    threshold = THRESHOLD
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
