"""How the notebooks hand data to each other: files in the run's working folder.

When the orchestrator runs a notebook it passes ``work_dir``; an analyst running a
notebook on its own in Jupyter passes nothing, and the notebook then recomputes
what it needs from the data folder into a preview folder under ``output/.preview``
(never the archive).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from pipeline.ingest.inputs import Inputs
from pipeline.measures.progress import Progress, compute_progress, set_aside_counts
from pipeline.paths import DEFAULT_DATA, DEFAULT_OUTPUT
from pipeline.spec.period import Period

# CCI_PREVIEW_DIR moves the preview folder (the tests use it to keep out of output/).
PREVIEW = Path(os.environ.get("CCI_PREVIEW_DIR") or DEFAULT_OUTPUT / ".preview")


def folders(work_dir: str | None, run_dir: str | None) -> tuple[Path, Path]:
    """The handoff folder and the run folder, or the preview ones when run by hand."""
    work = Path(work_dir) if work_dir else PREVIEW / "handoff"
    run = Path(run_dir) if run_dir else PREVIEW / "run"
    work.mkdir(parents=True, exist_ok=True)
    run.mkdir(parents=True, exist_ok=True)
    return work, run


def ingested(work_dir: str | None, data_dir: str | None = None, strict: bool = False) -> Inputs:
    """The inputs the ingest notebook saved; when previewing, ingest the data folder afresh."""
    if work_dir:
        return Inputs.load(Path(work_dir) / "inputs")
    return ingest(data_dir, strict)


def progress(work_dir: str | None, inputs: Inputs, period: Period) -> Progress:
    """The progress the progress notebook saved; when previewing, compute it afresh."""
    if work_dir:
        return Progress.load(Path(work_dir) / "progress")
    return compute_progress(inputs, period)


def ingest(data_dir: str | None, strict: bool = False) -> Inputs:
    """Read the data folder (the sample data when ``data_dir`` is None)."""
    from pipeline.ingest.load import load_inputs

    return load_inputs(Path(data_dir) if data_dir else DEFAULT_DATA, strict=strict)


def files_table(inputs: Inputs) -> pd.DataFrame:
    """What was read: one row per file, no row-level data."""
    return pd.DataFrame(
        [(f.name, f.dataset, f.rows_read, f.rows_set_aside) for f in inputs.files],
        columns=["file", "dataset", "rows read", "rows set aside"],
    )


def set_aside_summary(inputs: Inputs) -> pd.DataFrame:
    """Set-aside rows counted by dataset and reason."""
    return pd.DataFrame(set_aside_counts(inputs.set_aside), columns=["dataset", "reason", "rows"])
