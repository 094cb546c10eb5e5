"""How the notebooks hand data to each other: files in the run's working folder.

Notebook 01 saves the :class:`~pipeline.ingest.inputs.Inputs`; notebook 02 reads them,
writes the run's CSV files and saves the paper's :class:`~pipeline.measures.view.ReportView`
and the web pages' entries (a :class:`~pipeline.publish.web_pages.Site`, which the run writes
while notebook 03 runs); notebook 03 reads only the view. When the orchestrator runs a
notebook it passes ``work_dir``; an analyst running a notebook on its own in Jupyter passes
nothing, and the notebook then recomputes what it needs from the data folder into the preview
folder ``output/preview/`` (never the archive), checking the period as ``make report`` does
(:mod:`pipeline.spec.checks`) and reading folders from the project root, not from
``notebooks/``. When ``pipeline/`` has changed since notebook 02 saved its figures, notebook 03
works them out again, so a preview never shows figures the code would no longer give.
"""

from __future__ import annotations

import html
import json
import logging
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
from pipeline.paths import DEFAULT_DATA, DEFAULT_OUTPUT, NOTEBOOKS, PACKAGE, PROJECT_ROOT
from pipeline.spec.checks import check_against_data, check_parameters
from pipeline.spec.period import Period, parse_period

if TYPE_CHECKING:
    from pipeline.publish.web_pages import Site

log = logging.getLogger(__name__)

# A visible folder, so that JupyterLab lists and serves it; CCI_PREVIEW_DIR moves it (a relative
# one from the project root, like every folder here; the tests use it to keep out of output/).
PREVIEW = PROJECT_ROOT / (os.environ.get("CCI_PREVIEW_DIR") or DEFAULT_OUTPUT / "preview")
VIEW_FILE = "view.json"
SITE_FILE = "site.json"  # the web pages' entries, which the run writes beside notebook 03
PACKAGE_FILE = "package.sha256"  # pipeline/'s content when a notebook saved what it hands on
SOURCE_FILE = "source.json"  # the data folder (and STRICT) notebook 01 read
PREVIEW_PERIOD = "2006-04..2007-01"  # the sample paper's, until notebook 02 previews another


def folders(work_dir: str | None, run_dir: str | None) -> tuple[Path, Path]:
    """The handoff folder and the run folder, or the preview ones when run by hand."""
    work = Path(work_dir) if work_dir else PREVIEW / "handoff"
    run = Path(run_dir) if run_dir else PREVIEW / "run"
    work.mkdir(parents=True, exist_ok=True)
    run.mkdir(parents=True, exist_ok=True)
    return work, run


def data_folder(data_dir: str | None) -> Path:
    """The data folder a notebook names, relative to the project root as on the command line
    (``make report DATA=...``), whatever folder the notebook runs in; the sample data when None."""
    return PROJECT_ROOT / data_dir if data_dir else DEFAULT_DATA


def ingest(data_dir: str | None, strict: bool = False) -> Inputs:
    """Read the data folder (the sample data when ``data_dir`` is None)."""
    from pipeline.ingest.load import load_inputs

    return load_inputs(data_folder(data_dir), strict=strict)


def save_inputs(inputs: Inputs, work: Path, data_dir: str | None, strict: bool) -> None:
    """Hand the inputs on to notebook 02, noting the folder they came from and the code that
    read them (so that a preview of notebook 02 after an edit of ``pipeline/`` reads it again)."""
    saved = work / "inputs"
    inputs.save(saved)
    source = {"data_dir": str(data_folder(data_dir)), "strict": bool(strict)}
    (saved / SOURCE_FILE).write_text(json.dumps(source) + "\n", encoding="utf-8")
    _note_package(saved)


def ingested(work_dir: str | None) -> Inputs:
    """The inputs the ingest notebook saved, in a run or in the last preview of notebook 01
    (so the data folder set there reaches notebook 02); the sample data when there is none.
    When previewing after an edit of ``pipeline/``, that folder is read again by the code as it
    is now, and saved for the next preview."""
    saved = (Path(work_dir) if work_dir else PREVIEW / "handoff") / "inputs"
    if not (saved / "inputs.json").is_file():
        return ingest(None)
    if work_dir or _saved_by_this_code(saved) or not (saved / SOURCE_FILE).is_file():
        return Inputs.load(saved)
    source = json.loads((saved / SOURCE_FILE).read_text(encoding="utf-8"))
    log.warning(
        "Note: pipeline/ has changed since notebook 01 read the data folder, so it was read "
        "again: %s",
        source["data_dir"],
    )
    inputs = ingest(source["data_dir"], strict=source["strict"])
    save_inputs(inputs, saved.parent, source["data_dir"], source["strict"])
    return inputs


def checked_period(
    period: str, meeting_date: str | None, inputs: Inputs, work_dir: str | None
) -> Period:
    """The period to report on. When previewing, the period and meeting date are checked as
    ``make report`` checks them, against the data notebook 01 read: a period the records do not
    cover stops with the same message (a run checked them before any notebook started)."""
    from pipeline.ingest.coverage import inputs_coverage

    reporting_period, meeting = check_parameters(period, meeting_date)
    if not work_dir:
        coverage = inputs_coverage(inputs)
        check_against_data(reporting_period, meeting, coverage, inputs.settings.meeting_date)
    return reporting_period


def provenance(code_version: dict | None) -> Provenance:
    """The code version the orchestrator passed; when previewing, this working tree's."""
    from pipeline.publish.provenance import paper_provenance

    return paper_provenance(code_version)


def figures(
    inputs: Inputs, progress: Progress, period: Period, meeting_date: str | None, code: Provenance
) -> tuple[ReportView, Site]:
    """What the paper shows (the view) and the web pages' entries, each worked out once: the
    paper counts the same forward plan the pages list."""
    import pyarrow

    from pipeline.measures.activity_sets import forget
    from pipeline.measures.page_entries import website_figures
    from pipeline.publish.web_pages import Site

    meeting = date.fromisoformat(meeting_date) if meeting_date else None
    pages = website_figures(inputs.activities, inputs.elections, period)
    view = build_view(inputs, progress, period, meeting_date=meeting, code=code, plan=pages.plan)
    # The activity sets are not asked for again, and what the clash table, the CSV files and the
    # sets took goes back to the machine before the next notebook's kernel starts.
    forget(inputs.activities, period)
    pyarrow.default_memory_pool().release_unused()
    return view, Site.of(inputs, period, pages)


def package_digest() -> str:
    """A digest of ``pipeline/``'s content: what the figures are computed by. (The notebooks are
    left out: a period typed into notebook 02 does not change how figures are computed.)"""
    import hashlib

    from pipeline.publish.provenance import code_files

    digest = hashlib.sha256()
    for path in (p for p in code_files() if p.is_relative_to(PACKAGE)):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def save_figures(view: ReportView, site: Site, work: Path) -> None:
    """Hand the view on to the paper notebook, and the web pages' entries to the run; and note
    which code computed them, so that a preview of notebook 03 notices an edit since."""
    view.save(work / VIEW_FILE)
    site.save(work / SITE_FILE)
    _note_package(work)


def _note_package(folder: Path) -> None:
    (folder / PACKAGE_FILE).write_text(package_digest() + "\n", encoding="ascii")


def _saved_by_this_code(folder: Path) -> bool:
    saved = folder / PACKAGE_FILE
    return saved.is_file() and saved.read_text(encoding="ascii").strip() == package_digest()


def view(work_dir: str | None) -> ReportView:
    """The view the progress notebook saved, in a run or in the last preview of notebook 02 (so
    the period set there reaches notebook 03); the sample period's when there is none. When
    previewing, figures saved by other code than now (``pipeline/`` edited since) are worked
    out again for the same period, so the preview says what the paper would."""
    folder = Path(work_dir) if work_dir else PREVIEW / "handoff"
    meeting = None
    if (folder / VIEW_FILE).is_file():
        saved = ReportView.load(folder / VIEW_FILE)
        if work_dir or _saved_by_this_code(folder):
            return saved
        period, meeting = saved.period, saved.details.meeting_date
        log.warning(
            "Note: pipeline/ has changed since notebook 02 saved its figures, so they were "
            "worked out again for %s.",
            period,
        )
    else:
        period = parse_period(PREVIEW_PERIOD)
    inputs = ingested(None)
    progress = compute_progress(inputs, period)
    given = meeting.isoformat() if meeting else None
    return figures(inputs, progress, period, given, provenance(None))[0]


class PreviewLink:
    """What notebook 03 shows after writing the preview page: a link JupyterLab opens (relative
    to the notebook), and the page's path from the project root as plain text."""

    def __init__(self, page: Path) -> None:
        self.page = page

    def _href(self) -> str:
        from urllib.parse import quote

        try:
            return quote(Path(os.path.relpath(self.page, NOTEBOOKS)).as_posix())
        except ValueError:  # on another drive than the notebooks (Windows)
            return self.page.as_uri()

    def shown(self) -> str:
        try:
            return self.page.relative_to(PROJECT_ROOT).as_posix()
        except ValueError:
            return str(self.page)

    def _repr_html_(self) -> str:
        return (
            "<p>Preview of the paper, with its template and stylesheet: "
            f'<a href="{html.escape(self._href())}" target="_blank">'
            f"{html.escape(self.shown())}</a></p>"
        )

    def __repr__(self) -> str:
        return f"Preview of the paper, with its template and stylesheet: {self.shown()}"


def preview_page(paper: Paper, work_dir: str | None) -> PreviewLink | None:
    """When previewing, write the paper as the real template and stylesheet render it, into
    ``output/preview/report.html``; returns the link to show (None in a real run)."""
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
    PREVIEW.mkdir(parents=True, exist_ok=True)
    page = PREVIEW / "report.html"
    page.write_text(render_html(nbformat.from_dict(notebook)), encoding="utf-8")
    return PreviewLink(page)


def files_table(inputs: Inputs) -> pd.DataFrame:
    """What was read: one row per file, no row-level data."""
    return pd.DataFrame(
        [(f.name, f.dataset, f.rows_read, f.rows_set_aside) for f in inputs.files],
        columns=["file", "dataset", "rows read", "rows set aside"],
    )


def set_aside_summary(inputs: Inputs) -> pd.DataFrame:
    """Set-aside rows counted by dataset and reason."""
    return pd.DataFrame(set_aside_counts(inputs.set_aside), columns=["dataset", "reason", "rows"])
