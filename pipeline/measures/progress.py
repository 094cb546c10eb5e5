"""Progress against the five priority areas for one period: everything the paper reports.

:func:`compute_progress` is what notebook ``02_progress`` calls; the paper notebook
reads the saved result back (:meth:`Progress.load`) and only formats it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from pipeline.ingest.inputs import SET_ASIDE_COLUMNS, Inputs
from pipeline.measures.actions import action_status_table, effective_status, key_achievements
from pipeline.measures.clashes import find_clashes
from pipeline.measures.indicators import compute_indicators, write_indicators_csv
from pipeline.measures.ratings import priority_area_status
from pipeline.measures.representation import representation_table
from pipeline.publish.csvout import write_csv
from pipeline.spec.period import Period

CLASH_NUMERIC = ("overlap_days",)
CLASHES_SHOWN = 20  # the paper lists the longest 20 clashes; clashes.csv holds them all


@dataclass
class Progress:
    """The computed figures of one paper (frames only, so it saves as Parquet)."""

    indicators: pd.DataFrame
    clashes: pd.DataFrame
    actions: pd.DataFrame  # the action plan with its effective status as at the period end
    action_table: pd.DataFrame
    achievements: pd.DataFrame
    priority_areas: pd.DataFrame
    representation: pd.DataFrame

    def save(self, folder: Path) -> None:
        """Hand the figures on to the paper notebook.

        Only the longest clashes travel (the paper lists those and takes the count from
        PA1.4); at a hundred times the sample there are hundreds of thousands.
        """
        folder.mkdir(parents=True, exist_ok=True)
        for item in fields(self):
            frame = getattr(self, item.name)
            if item.name == "clashes":
                frame = frame.head(CLASHES_SHOWN)
            frame.to_parquet(folder / f"{item.name}.parquet", index=False)

    @classmethod
    def load(cls, folder: Path) -> Progress:
        return cls(
            **{item.name: pd.read_parquet(folder / f"{item.name}.parquet") for item in fields(cls)}
        )


def compute_progress(inputs: Inputs, period: Period) -> Progress:
    indicators = compute_indicators(inputs, period)
    actions = inputs.actions.assign(effective_status=effective_status(inputs.actions, period.end))
    return Progress(
        indicators=indicators,
        clashes=find_clashes(inputs.activities, period),
        actions=actions,
        action_table=action_status_table(inputs.actions, period),
        achievements=key_achievements(inputs.actions, period),
        priority_areas=priority_area_status(indicators, inputs.actions, period),
        representation=representation_table(inputs, period),
    )


def set_aside_counts(set_aside: pd.DataFrame) -> list[dict[str, object]]:
    """Set-aside rows counted by dataset and reason, for the console and the manifest."""
    if set_aside.empty:
        return []
    counts = set_aside.groupby(["dataset", "reason"], sort=True).size()
    return [
        {"dataset": dataset, "reason": reason, "rows": int(rows)}
        for (dataset, reason), rows in counts.items()
    ]


def write_run_outputs(inputs: Inputs, progress: Progress, run_dir: Path, handoff: Path) -> None:
    """The archive's CSV files, and the summary the orchestrator puts in the manifest."""
    run_dir.mkdir(parents=True, exist_ok=True)
    write_indicators_csv(progress.indicators, run_dir / "indicators.csv")
    write_csv(progress.clashes, run_dir / "clashes.csv", numeric=CLASH_NUMERIC)
    write_csv(
        inputs.set_aside.loc[:, list(SET_ASIDE_COLUMNS)],
        run_dir / "set_aside.csv",
        numeric=("row",),
    )
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
        "headline": {
            f"Priority area {row.priority_area}": row.status
            for row in progress.priority_areas.itertuples()
        },
        "set_aside": set_aside_counts(inputs.set_aside),
    }
    (handoff / "run_summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
