"""Making a run's outputs in its work folder: the three notebooks, then the paper's renderings.

:func:`produce` runs the notebooks one after another, each in a fresh kernel
(:mod:`pipeline.run.notebooks`), then renders the executed paper notebook as HTML and prints
the PDF. Two outputs that need nothing more of the run are made beside it, on the machine's
other core:

- the web pages, written on a thread of this process from the entries notebook 02 saved, while
  notebook 03 runs in its kernel;
- the Word version, made from the HTML paper by a Python process of its own
  (``python -m pipeline.publish.word``) while this process prints the PDF.

What the run archives is left in ``<work>/run``; :mod:`pipeline.run.report` archives it.
"""

from __future__ import annotations

import functools
import json
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import PipelineError, RunError
from pipeline.run.console import Stages
from pipeline.run.notebooks import NOTEBOOK_ORDER, execute_notebook, notebook_parameters

if TYPE_CHECKING:
    from pipeline.run.report import _Request

log = logging.getLogger(__name__)

NOTEBOOK_STAGES = (
    ("ingest", "Reading and validating the data (notebook 01_ingest)"),
    ("progress", "Computing progress against the five priority areas (notebook 02_progress)"),
    ("paper", "Writing the paper (notebook 03_paper)"),
)


def parameters(request: _Request, work: Path) -> dict[str, dict]:
    """Each notebook's parameters for this run."""
    return notebook_parameters(
        work / "handoff",
        work / "run",
        data_dir=request.data_dir,
        strict=request.strict,
        period=str(request.period),
        meeting_date=request.meeting.isoformat() if request.meeting else None,
        code_version=request.code.as_dict(),
    )


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return round(time.perf_counter() - started, 3)


def _write_website(handoff: Path, run_dir: Path) -> None:
    from pipeline.publish.web_pages import Site, write_website
    from pipeline.run.handoff import SITE_FILE

    write_website(Site.load(handoff / SITE_FILE), run_dir)


def _render_html(request: _Request, run_dir: Path) -> None:
    import nbformat

    from pipeline.paper.title import paper_title
    from pipeline.publish.render import render_html

    executed = nbformat.read(run_dir / "notebooks" / NOTEBOOK_ORDER[2], as_version=4)
    executed.metadata["title"] = paper_title(request.period)
    (run_dir / "report.html").write_text(render_html(executed), encoding="utf-8")


def _print_pdf(run_dir: Path, renderer: str | None) -> bool:
    """The PDF, when a renderer is installed and loads; whether it was made."""
    from pipeline.publish.render import PDF_INSTALL_HINT, pdf_renderer, render_pdf

    if renderer and pdf_renderer():
        render_pdf(run_dir / "report.html", run_dir / "report.pdf")
        return True
    log.warning(
        "No PDF renderer is available, so the HTML paper is archived without a PDF. %s",
        PDF_INSTALL_HINT,
    )
    return False


class WordVersion:
    """The Word version, made by ``python -m pipeline.publish.word`` in a process of its own; what
    it prints goes to ``log`` (in the work folder)."""

    def __init__(self, request: _Request, run_dir: Path, log_file: Path) -> None:
        from pipeline.paper.title import paper_title
        from pipeline.spec.contract import PAPER_TEMPLATE_FILE

        template = request.data_dir / "reference" / PAPER_TEMPLATE_FILE
        command = [
            sys.executable,
            "-m",
            "pipeline.publish.word",
            str(run_dir / "report.html"),
            str(run_dir / "report.docx"),
            "--title",
            paper_title(request.period),
            "--author",
            request.author,
            "--stamp",
            request.period.end.date().isoformat(),
        ]
        if template.is_file():
            command += ["--template", str(template)]
        self.log_file = log_file
        self.started = time.perf_counter()
        with open(log_file, "wb") as output:
            self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        # Its own time, not the PDF's it is waited for after: noted by a thread as it ends.
        self.ended = self.started
        self._watch = threading.Thread(target=self._note_end, name="Word version", daemon=True)
        self._watch.start()

    def _note_end(self) -> None:
        self.process.wait()
        self.ended = time.perf_counter()

    def wait(self) -> float:
        """Wait for it; its seconds. Its own plain-English stop, or a RunError, if it failed."""
        status = self.process.wait()
        self._watch.join()
        seconds = round(self.ended - self.started, 3)
        if status == 0:
            return seconds
        said = self.log_file.read_text(encoding="utf-8", errors="replace").splitlines()
        problems = [line.removeprefix("Error: ") for line in said if line.startswith("Error: ")]
        if status == 2 and problems:
            raise PipelineError(problems)
        msg = f"The Word version could not be made (exit status {status}): {' '.join(said[-3:])}"
        raise RunError(msg)

    def stop(self) -> None:
        """End it if it is still running (the run has stopped)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def produce(
    request: _Request, work: Path, stages: Stages, renderer: str | None
) -> tuple[dict, bool]:
    """Execute the notebooks and render the paper into ``work/run``.

    Returns the run's summary (for the manifest) and whether the PDF was made.
    """
    run_dir, handoff = work / "run", work / "handoff"
    given = parameters(request, work)
    notebooks = zip(NOTEBOOK_ORDER, NOTEBOOK_STAGES, strict=True)

    def execute(notebook: str) -> None:
        execute_notebook(notebook, work, given[notebook])

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="web pages") as beside:
        website = None
        for notebook, (name, description) in notebooks:
            if name == "paper":
                stages.announce("Writing the web pages (beside notebook 03)")
                website = beside.submit(_timed, functools.partial(_write_website, handoff, run_dir))
            stages.run(name, description, functools.partial(execute, notebook))
        stages.run("html", "Rendering the paper as HTML", lambda: _render_html(request, run_dir))
        stages.announce("Writing the Word version (beside the PDF)")
        word = WordVersion(request, run_dir, work / "kernel-logs" / "word.log")
        try:
            made_pdf = stages.run(
                "pdf", "Printing the paper to PDF", lambda: _print_pdf(run_dir, renderer)
            )
            stages.timings["word"] = word.wait()
        finally:
            word.stop()
        if website is not None:
            stages.timings["website"] = website.result()
    summary = json.loads((handoff / "run_summary.json").read_text(encoding="utf-8"))
    return summary, bool(made_pdf)
