"""What every dataset shares: the seeds, the extract date, date helpers and the CSV writer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20070212  # the meeting date; any fixed number would do
EXTRACT = np.datetime64("2007-03-05")  # the day the extracts were taken
PERIOD_START = np.datetime64("2006-04-01")  # the paper's period, used to shift some rates
NAT = np.datetime64("NaT", "D")
FIRST_MONTH = np.datetime64("2005-04", "M")  # the first month the records cover


def rng_for(stream: int) -> np.random.Generator:
    """An independent generator per dataset, so one dataset's draws never shift another's."""
    return np.random.default_rng([SEED, stream])


def iso(days: np.ndarray) -> np.ndarray:
    """``YYYY-MM-DD`` text for datetime64[D] values; empty text for NaT."""
    text = np.datetime_as_string(days.astype("datetime64[D]"), unit="D")
    return np.where(np.isnat(days), "", text)


def uk(days: np.ndarray) -> np.ndarray:
    """``DD/MM/YYYY`` text for datetime64[D] values; empty text for NaT."""
    text = np.datetime_as_string(days.astype("datetime64[D]"), unit="D").astype("<U10")
    chars = text.view("<U1").reshape(len(text), 10)[:, [8, 9, 4, 5, 6, 7, 0, 1, 2, 3]].copy()
    chars[:, [2, 5]] = "/"
    typed = chars.view("<U10").ravel()
    return np.where(np.isnat(days), "", typed).astype(object)


def year_of(days: np.ndarray) -> np.ndarray:
    """The calendar year of datetime64 values, as integers."""
    return days.astype("datetime64[Y]").astype(int) + 1970


def weekday(days: np.ndarray) -> np.ndarray:
    """Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday)."""
    return (days.astype(np.int64) + 3) % 7


def days_in_months(rng: np.random.Generator, counts: np.ndarray) -> np.ndarray:
    """``counts[i]`` days drawn uniformly within month ``i`` after ``FIRST_MONTH``, in order."""
    months = FIRST_MONTH + np.repeat(np.arange(len(counts)), counts)
    first = months.astype("datetime64[D]")
    length = ((months + 1).astype("datetime64[D]") - first).astype(np.int64)
    return first + np.floor(rng.random(len(months)) * length).astype(np.int64)


def log_uniform(rng: np.random.Generator, bounds: np.ndarray) -> np.ndarray:
    """One draw per row between ``bounds[:, 0]`` and ``bounds[:, 1]``, uniform on a log scale."""
    low, high = np.log(bounds[:, 0]), np.log(bounds[:, 1])
    return np.exp(low + rng.random(len(bounds)) * (high - low))


def pick(rng: np.random.Generator, weights: np.ndarray, n: int) -> np.ndarray:
    """``n`` indices drawn with the given (unnormalised) weights."""
    return rng.choice(len(weights), size=n, p=np.asarray(weights, dtype=float) / np.sum(weights))


def ints(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Whole numbers as text where ``keep``, else empty text."""
    return np.where(keep, np.round(values).astype(np.int64).astype(str), "")


def padded(numbers: np.ndarray, width: int) -> np.ndarray:
    """Whole numbers as text, zero-padded to at least ``width`` digits (never cut)."""
    return np.char.zfill(numbers.astype(str), width)


def serial_text(serial: np.ndarray, min_width: int) -> np.ndarray:
    """Serial numbers as text, all padded to the same width: ``min_width`` or the largest's."""
    return padded(serial, max(min_width, len(str(int(serial.max())))))


def respondent_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` distinct ids like ``R000123``, sorted: an agency's serial numbers with gaps."""
    width = max(6, len(str(3 * n)))
    serials = np.sort(rng.choice(np.arange(1, 3 * n + 1), size=n, replace=False))
    return np.char.add("R", padded(serials, width))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write text columns as CSV: UTF-8 without BOM, ``\\n`` line endings, empty for missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
