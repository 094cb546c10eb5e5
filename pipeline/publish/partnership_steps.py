"""What the partnership notebooks call: each a step of the run, handing files on.

``partnership_01_ingest`` saves the :class:`~pipeline.ingest.partnership.PartnershipInputs`;
``partnership_02_measures`` reads them, writes the run's CSV files and saves the
:class:`~pipeline.measures.partnership_view.PartnershipView`; ``partnership_03_paper`` reads
only that view. Run by hand in Jupyter (no ``work_dir``), each works in a preview folder under
``output/.preview/partnership`` (never the archive), on the sample data.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pandas as pd

from pipeline.ingest.partnership import PartnershipInputs, load_partnership
from pipeline.measures.partnership_view import (
    PartnershipView,
    build_partnership_view,
    compute_partnership,
)
from pipeline.paths import DEFAULT_DATA, DEFAULT_OUTPUT
from pipeline.publish.partnership import write_partnership_outputs, write_summary
from pipeline.publish.provenance import paper_provenance
from pipeline.spec.period import parse_period

PREVIEW = Path(os.environ.get("CCI_PREVIEW_DIR") or DEFAULT_OUTPUT / ".preview") / "partnership"
INPUTS_FOLDER = "inputs"
VIEW_FILE = "view.json"
PREVIEW_PERIOD = "2006-04..2007-01"


def folders(work_dir: str | None, run_dir: str | None = None) -> tuple[Path, Path]:
    """The handoff folder and the run folder, or the preview ones when run by hand."""
    work = Path(work_dir) if work_dir else PREVIEW / "handoff"
    run = Path(run_dir) if run_dir else PREVIEW / "run"
    work.mkdir(parents=True, exist_ok=True)
    run.mkdir(parents=True, exist_ok=True)
    return work, run


def ingest(data_dir: str | None, work: Path, strict: bool = False) -> PartnershipInputs:
    """Read the partnership's folder (the sample data when ``data_dir`` is None) and save it."""
    partnership = load_partnership(Path(data_dir) if data_dir else DEFAULT_DATA, strict=strict)
    partnership.save(work / INPUTS_FOLDER)
    return partnership


def ingested(work: Path) -> PartnershipInputs:
    """What the ingest notebook saved; the sample data read afresh when there is nothing."""
    if (work / INPUTS_FOLDER / "inputs.json").is_file():
        return PartnershipInputs.load(work / INPUTS_FOLDER)
    return ingest(None, work)


def measure(
    work: Path, run: Path, period: str, meeting_date: str | None, code_version: dict | None
) -> PartnershipView:
    """The partnership's figures: the run's CSV files, the manifest's summary and the view."""
    partnership = ingested(work)
    parsed = parse_period(period)
    frames = compute_partnership(partnership, parsed)
    write_partnership_outputs(partnership, frames, run)
    view = build_partnership_view(
        partnership,
        frames,
        parsed,
        meeting_date=date.fromisoformat(meeting_date) if meeting_date else None,
        code=paper_provenance(code_version),
    )
    view.save(work / VIEW_FILE)
    write_summary(partnership, view, work)
    return view


def view(work: Path) -> PartnershipView:
    """The view the measures notebook saved (computed afresh for the sample when none)."""
    if (work / VIEW_FILE).is_file():
        return PartnershipView.load(work / VIEW_FILE)
    return measure(work, folders(None)[1], PREVIEW_PERIOD, None, None)


def files_table(partnership: PartnershipInputs) -> pd.DataFrame:
    """What was read: one row per file, no row-level data."""
    return pd.DataFrame(
        [(f.name, f.dataset, f.rows_read, f.rows_set_aside) for f in partnership.inputs.files],
        columns=["file", "dataset", "rows read", "rows set aside"],
    )


def set_aside_table(partnership: PartnershipInputs) -> pd.DataFrame:
    """Set-aside rows counted by partner, file and reason."""
    counts = partnership.inputs.set_aside.groupby(["partner", "file", "reason"], sort=True).size()
    return counts.rename("rows").reset_index()
