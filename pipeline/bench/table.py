"""The benchmark's table: medians, ratios to the floor and to 1x, the targets, Markdown and CSV."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

BENCH_PERIOD = "2006-04..2007-01"
STAGES = ("check", "ingest", "progress", "website", "paper", "html", "word", "pdf")
TABLE_COLUMNS = (
    "run",
    "wall_s",
    "peak_mb",
    *(f"{stage}_s" for stage in STAGES),
    "x_floor",
    "x_1x",
    "repeat_s",
    "repeat_peak_mb",
)
HEADINGS = {
    "run": "run",
    "wall_s": "wall (s)",
    "peak_mb": "peak memory (MB)",
    "check_s": "check",
    "ingest_s": "ingest",
    "progress_s": "progress",
    "paper_s": "paper",
    "html_s": "HTML",
    "website_s": "web pages",
    "word_s": "Word",
    "pdf_s": "PDF",
    "x_floor": "× floor",
    "x_1x": "× 1x",
    "repeat_s": "repeat (s)",
    "repeat_peak_mb": "repeat peak (MB)",
}
TARGETS = (
    ("1x within 1.8x the floor", "1x", "x_floor", 1.8),
    ("100x within 1.5x the 1x time", "100x", "x_1x", 1.5),
    ("100x peak memory under 1.5 GB", "100x", "peak_mb", 1500.0),
    ("repeat run under 1 s (1x)", "1x", "repeat_s", 1.0),
)


@dataclass(frozen=True)
class Measurement:
    """One process run: its wall time, peak memory of the tree and its stage times."""

    wall_s: float
    peak_mb: float
    stages: dict[str, float] = field(default_factory=dict)


@dataclass
class Series:
    """All repetitions of one kind of run (the floor, or one scale and its repeat runs)."""

    name: str
    runs: list[Measurement] = field(default_factory=list)
    repeats: list[Measurement] = field(default_factory=list)


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def _ratio(value: float | None, base: float | None) -> float | None:
    if value is None or not base:
        return None
    return round(value / base, 2)


def summarise(floor: Series, scales: Sequence[Series]) -> list[dict[str, object]]:
    """One row for the floor and one per scale: medians over repetitions, and the ratios (a
    partnership row's "× 1x" is to the partnership paper at 1x)."""
    rows = []
    floor_wall = _median([m.wall_s for m in floor.runs])
    one_x_walls = {s.name: _median([m.wall_s for m in s.runs]) for s in scales}
    for series in (floor, *scales):
        kind = series.name.rpartition(" ")[0]
        one_x_wall = one_x_walls.get(f"{kind} 1x" if kind else "1x")
        wall = _median([m.wall_s for m in series.runs])
        row: dict[str, object] = dict.fromkeys(TABLE_COLUMNS)
        row["run"] = series.name
        row["wall_s"] = wall
        row["peak_mb"] = _median([m.peak_mb for m in series.runs])
        for stage in STAGES:
            row[f"{stage}_s"] = _median([m.stages[stage] for m in series.runs if stage in m.stages])
        row["x_floor"] = _ratio(wall, floor_wall)
        row["x_1x"] = _ratio(wall, one_x_wall) if series is not floor else None
        row["repeat_s"] = _median([m.wall_s for m in series.repeats])
        row["repeat_peak_mb"] = _median([m.peak_mb for m in series.repeats])
        rows.append(row)
    return rows


def target_lines(rows: Sequence[dict[str, object]]) -> list[str]:
    """Each target of the issue, met or missed, with the measured value."""
    by_run = {row["run"]: row for row in rows}
    lines = []
    for text, run, column, limit in TARGETS:
        value = by_run.get(run, {}).get(column)
        if value is None:
            lines.append(f"- {text}: not measured")
            continue
        verdict = "met" if value < limit else "MISSED"
        lines.append(f"- {text}: {verdict} ({HEADINGS[column]} = {value:g}, limit {limit:g})")
    return lines


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def markdown_table(rows: Sequence[dict[str, object]], *, repeats: int, machine: str) -> str:
    """The table as Markdown, with the targets under it."""
    lines = [
        f"# Benchmark: period {BENCH_PERIOD}, median of {repeats} run(s), {machine}",
        "",
        "Times in seconds; stage times from each run's manifest (floor: the same notebooks "
        "with every code cell emptied, then each renderer on the empty paper; the web pages "
        "and Word stages run beside the notebooks and the PDF, so stage times do not add up "
        "to the wall time); peak memory is the whole process tree's RSS.",
        "",
        "| " + " | ".join(HEADINGS[c] for c in TABLE_COLUMNS) + " |",
        "|" + "|".join("---" if c == "run" else "---:" for c in TABLE_COLUMNS) + "|",
    ]
    lines += ["| " + " | ".join(_cell(row[c]) for c in TABLE_COLUMNS) + " |" for row in rows]
    lines += ["", "Targets:", *target_lines(rows), ""]
    return "\n".join(lines)


def csv_table(rows: Sequence[dict[str, object]]) -> str:
    """The table as CSV, one row per run kind, full-precision plain numbers."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(TABLE_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


# --- the whole benchmark -----------------------------------------------------------------------
