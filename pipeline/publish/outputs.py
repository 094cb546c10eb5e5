"""The run's CSV files (indicators, clashes, decided early, set aside) and the manifest summary."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.ingest.inputs import SET_ASIDE_COLUMNS, Inputs
from pipeline.measures.decisions import DECIDED_EARLY_COLUMNS
from pipeline.measures.progress import Progress, set_aside_counts
from pipeline.measures.scorecard import INDICATOR_COLUMNS, NUMERIC_COLUMNS
from pipeline.publish.csvout import to_csv_text, write_csv

CLASH_NUMERIC = ("overlap_days",)


def write_indicators_csv(frame: pd.DataFrame, path_or_none: Path | str | None) -> str:
    """Write ``indicators.csv`` (when a path is given) and return its text."""
    text = to_csv_text(frame[list(INDICATOR_COLUMNS)], numeric=NUMERIC_COLUMNS)
    if path_or_none is not None:
        Path(path_or_none).write_text(text, encoding="utf-8")
    return text


CLASHES_CSV = "clashes.csv"


def write_clashes_csv(clashes: pd.DataFrame, run_dir: Path) -> None:
    write_csv(clashes, run_dir / CLASHES_CSV, numeric=CLASH_NUMERIC)


DECIDED_EARLY_CSV = "decided_early.csv"


def write_decided_early_csv(early: pd.DataFrame, run_dir: Path) -> None:
    """``decided_early.csv``: every activity of PA4.4 decided before it closed or before its
    results, the most recent decision first, dates ISO (a header alone when there is none, or
    no list of decisions)."""
    frame = early.loc[:, list(DECIDED_EARLY_COLUMNS)].copy()
    for column in ("end_date", "results_published_date", "decision_date"):
        frame[column] = pd.to_datetime(frame[column]).dt.strftime("%Y-%m-%d")
    write_csv(frame, run_dir / DECIDED_EARLY_CSV)


def write_run_outputs(
    inputs: Inputs,
    progress: Progress,
    run_dir: Path,
    handoff: Path,
) -> None:
    """The archive's CSV files, and the summary the orchestrator puts in the manifest."""
    run_dir.mkdir(parents=True, exist_ok=True)
    write_indicators_csv(progress.indicators, run_dir / "indicators.csv")
    write_clashes_csv(progress.clashes, run_dir)
    write_decided_early_csv(progress.decided_early, run_dir)
    write_csv(
        inputs.set_aside.loc[:, list(SET_ASIDE_COLUMNS)],
        run_dir / "set_aside.csv",
        numeric=("row",),
    )
    headline = {
        f"Priority area {row.priority_area}": row.status
        for row in progress.priority_areas.itertuples()
    }
    write_run_summary(inputs, headline, set_aside_counts(inputs.set_aside), handoff)


RUN_SUMMARY = "run_summary.json"


def write_run_summary(
    inputs: Inputs, headline: dict[str, str], set_aside: list[dict], handoff: Path
) -> None:
    """What the run puts in its manifest: every input file with its fingerprint and rows, the
    headline figures and the set-aside rows counted."""
    summary = {
        "inputs": [
            {
                "file": f.name,
                "dataset": f.dataset,
                "sha256": f.sha256,
                "rows_read": f.rows_read,
                "rows_set_aside": f.rows_set_aside,
            }
            for f in inputs.files
        ],
        "headline": headline,
        "set_aside": set_aside,
    }
    (handoff / RUN_SUMMARY).write_text(json.dumps(summary, indent=1), encoding="utf-8")
