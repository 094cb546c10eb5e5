"""How the notebooks hand data to each other: files in the run's working folder.

Notebook 01 saves the :class:`~pipeline.ingest.inputs.Inputs`; notebook 02 reads them,
writes the run's CSV files and saves the paper's :class:`~pipeline.measures.view.ReportView`
and the web pages' entries (a :class:`~pipeline.publish.website.Site`, which the run writes
while notebook 03 runs); notebook 03 reads only the view. When the orchestrator runs a
notebook it passes ``work_dir``; an analyst running a notebook on its own in Jupyter passes
nothing, and the notebook then recomputes what it needs from the data folder into a preview
folder under ``output/.preview`` (never the archive).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pipeline.ingest.inputs import Inputs
from pipeline.measures.figures import build_view
from pipeline.measures.progress import Progress, compute_progress, set_aside_counts
from pipeline.measures.view import Provenance, ReportView
from pipeline.paper.paper import SECTIONS, Paper
from pipeline.paths import DEFAULT_DATA, DEFAULT_OUTPUT
from pipeline.spec.period import Period, parse_period

if TYPE_CHECKING:
    from pipeline.publish.website import Site

# CCI_PREVIEW_DIR moves the preview folder (the tests use it to keep out of output/).
PREVIEW = Path(os.environ.get("CCI_PREVIEW_DIR") or DEFAULT_OUTPUT / ".preview")
VIEW_FILE = "view.json"
SITE_FILE = "site.json"  # the web pages' entries, which the run writes beside notebook 03
PREVIEW_PERIOD = "2006-04..2007-01"  # the sample paper's, until notebook 02 previews another


def folders(work_dir: str | None, run_dir: str | None) -> tuple[Path, Path]:
    """The handoff folder and the run folder, or the preview ones when run by hand."""
    work = Path(work_dir) if work_dir else PREVIEW / "handoff"
    run = Path(run_dir) if run_dir else PREVIEW / "run"
    work.mkdir(parents=True, exist_ok=True)
    run.mkdir(parents=True, exist_ok=True)
    return work, run


def ingest(data_dir: str | None, strict: bool = False) -> Inputs:
    """Read the data folder (the sample data when ``data_dir`` is None)."""
    from pipeline.ingest.load import load_inputs

    return load_inputs(Path(data_dir) if data_dir else DEFAULT_DATA, strict=strict)


def ingested(work_dir: str | None) -> Inputs:
    """The inputs the ingest notebook saved, in a run or in the last preview of notebook 01
    (so the data folder set there reaches notebook 02); the sample data when there is none."""
    folder = Path(work_dir) if work_dir else PREVIEW / "handoff"
    if (folder / "inputs" / "inputs.json").is_file():
        return Inputs.load(folder / "inputs")
    return ingest(None)


def provenance(code_version: dict | None) -> Provenance:
    """The code version the orchestrator passed; when previewing, this working tree's."""
    if code_version is None:
        from pipeline.publish.provenance import code_version as current

        code_version = current().as_dict()
    return Provenance(
        commit=str(code_version["commit"]),
        dirty=bool(code_version["dirty"]),
        digest=str(code_version["content_sha256"]),
    )


def figures(
    inputs: Inputs, progress: Progress, period: Period, meeting_date: str | None, code: Provenance
) -> tuple[ReportView, Site]:
    """What the paper shows (the view) and the web pages' entries, each worked out once: the
    paper counts the same forward plan the pages list."""
    import pyarrow

    from pipeline.measures.activity_sets import forget
    from pipeline.measures.website import website_figures
    from pipeline.publish.website import Site

    meeting = date.fromisoformat(meeting_date) if meeting_date else None
    pages = website_figures(inputs.activities, inputs.elections, period)
    view = build_view(inputs, progress, period, meeting_date=meeting, code=code, plan=pages.plan)
    # The activity sets are not asked for again, and what the clash table, the CSV files and the
    # sets took goes back to the machine before the next notebook's kernel starts.
    forget(inputs.activities, period)
    pyarrow.default_memory_pool().release_unused()
    return view, Site.of(inputs, period, pages)


def save_figures(view: ReportView, site: Site, work: Path) -> None:
    """Hand the view on to the paper notebook, and the web pages' entries to the run."""
    view.save(work / VIEW_FILE)
    site.save(work / SITE_FILE)


def view(work_dir: str | None) -> ReportView:
    """The view the progress notebook saved, in a run or in the last preview of notebook 02 (so
    the period set there reaches notebook 03); the sample period's when there is none."""
    folder = Path(work_dir) if work_dir else PREVIEW / "handoff"
    if (folder / VIEW_FILE).is_file():
        return ReportView.load(folder / VIEW_FILE)
    inputs = ingested(None)
    period = parse_period(PREVIEW_PERIOD)
    progress = compute_progress(inputs, period)
    return figures(inputs, progress, period, None, provenance(None))[0]


def preview_page(paper: Paper, work_dir: str | None) -> str | None:
    """When previewing, write the paper as the real template and stylesheet render it, into
    ``output/.preview/report.html``; returns what to tell the analyst (None in a real run)."""
    if work_dir:
        return None
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from pipeline.publish.render import render_html

    cells = [
        new_code_cell(
            outputs=[new_output("display_data", data={"text/html": paper.section(n).data})]
        )
        for n in SECTIONS
    ]
    notebook = new_notebook(cells=cells, metadata={"title": paper.title})
    page = PREVIEW / "report.html"
    page.write_text(render_html(nbformat.from_dict(notebook)), encoding="utf-8")
    return f"Preview page (the paper's template and stylesheet): {page}"


def files_table(inputs: Inputs) -> pd.DataFrame:
    """What was read: one row per file, no row-level data."""
    return pd.DataFrame(
        [(f.name, f.dataset, f.rows_read, f.rows_set_aside) for f in inputs.files],
        columns=["file", "dataset", "rows read", "rows set aside"],
    )


def set_aside_summary(inputs: Inputs) -> pd.DataFrame:
    """Set-aside rows counted by dataset and reason."""
    return pd.DataFrame(set_aside_counts(inputs.set_aside), columns=["dataset", "reason", "rows"])
