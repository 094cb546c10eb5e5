"""Making a run's outputs in its work folder: the three notebooks, then the paper's renderings.

:func:`produce` runs the notebooks (each in a fresh kernel started while the one before it
ran), renders the executed paper notebook as HTML, and then makes the PDF in this process
while an :class:`~pipeline.run.worker.OutputWorker` makes the web pages (as soon as notebook
01 has saved the inputs, beside notebooks 02 and 03) and the Word version (once the HTML paper is
written, beside the PDF). What
the run archives is left in ``<work>/run``; the orchestrator (:mod:`pipeline.run.report`)
archives it.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.run import priority
from pipeline.run.console import Stages
from pipeline.run.kernels import NOTEBOOK_ORDER, PrestartedKernel, execute_notebook, start_zygote
from pipeline.run.worker import OutputWorker, clashes_job, website_job, word_job

if TYPE_CHECKING:
    from pipeline.run.report import _Request
    from pipeline.run.zygote import Zygote

log = logging.getLogger(__name__)


def _warm_up(renderer: str | None, prepared: dict) -> threading.Thread:
    """Import what the HTML and PDF stages need, on a thread, while the kernels work, and load
    the PDF's fonts and stylesheet into ``prepared["pdf"]``.

    What the main thread itself imports while the thread runs (papermill, nbclient, the
    kernel machinery, IPython) is imported first: two threads importing the same package
    at once can fail in Python 3.11.
    """
    import IPython
    import IPython.paths
    import jupyter_client.kernelspec
    import jupyter_client.manager
    import nbclient
    import papermill  # noqa: F401

    del IPython, jupyter_client, nbclient

    def warm() -> None:
        try:
            import nbformat

            from pipeline.paper import title  # noqa: F401  (the paper's title)
            from pipeline.publish.render import _exporter, prepare_pdf

            # nbconvert's first conversion loads and compiles the templates.
            _exporter().from_notebook_node(nbformat.v4.new_notebook())
            if renderer:
                prepared["pdf"] = prepare_pdf()
        except Exception as error:  # the stage itself will raise it properly
            log.debug("Warming up failed: %s", error)

    thread = threading.Thread(target=warm, name="warm-up", daemon=True)
    thread.start()
    return thread


def _steps(request: _Request, work: Path) -> tuple[tuple[str, str, dict], ...]:
    """Each notebook's stage name, console description and parameters."""
    handoff = {"work_dir": str(work / "handoff")}
    meeting = request.meeting.isoformat() if request.meeting else None
    return (
        (
            "ingest",
            "Reading and validating the data (notebook 01_ingest)",
            {**handoff, "data_dir": str(request.data_dir), "strict": request.strict},
        ),
        (
            "progress",
            "Computing progress against the five priority areas (notebook 02_progress)",
            {
                **handoff,
                "run_dir": str(work / "run"),
                "period": str(request.period),
                "meeting_date": meeting,
                "code_version": request.code.as_dict(),
                "clashes_csv": False,  # the output worker writes it, beside notebook 03
            },
        ),
        ("paper", "Writing the paper (notebook 03_paper)", handoff),
    )


class _Kernels:
    """A run's notebook kernels: each started while the notebook before it runs (forked from
    the run's zygote where kernels can be forked: see :mod:`pipeline.run.zygote`)."""

    def __init__(self, work: Path, first: PrestartedKernel | None, zygote: Zygote | None) -> None:
        self.work = work
        self.zygote = zygote
        self.started = {
            NOTEBOOK_ORDER[0]: first or PrestartedKernel(NOTEBOOK_ORDER[0], work, self.zygote)
        }

    def _start(self, notebook: str) -> PrestartedKernel:
        if notebook not in self.started:
            self.started[notebook] = PrestartedKernel(notebook, self.work, self.zygote)
        return self.started[notebook]

    def for_notebook(self, index: int) -> PrestartedKernel:
        """The kernel of the notebook ``NOTEBOOK_ORDER[index]``, the later ones starting.

        Every later notebook's kernel starts while the first notebook runs: a kernel with the
        paper's imports takes longer to start than the progress notebook takes to run. The
        notebook after next can wait: its kernel starts at a lower priority, which is raised
        when it becomes the next (see pipeline.run.priority).
        """
        kernel = self._start(NOTEBOOK_ORDER[index])
        for later, upcoming in enumerate(NOTEBOOK_ORDER[index + 1 :]):
            self._start(upcoming).set_priority(priority.BACKGROUND if later else priority.NORMAL)
        if self.zygote is not None:
            self.zygote.finish()  # every kernel is asked for
        return kernel

    def close(self) -> None:
        """Stop the kernels no notebook took (after a failure), and let the zygote end."""
        for kernel in self.started.values():
            kernel.discard()
        if self.zygote is not None:
            self.zygote.close()


def execute_notebooks(
    request: _Request,
    work: Path,
    stages: Stages,
    renderer: str | None,
    after: dict[str, Callable[[], None]] | None = None,
    first: PrestartedKernel | None = None,
    prepared: dict | None = None,
    zygote: Zygote | None = None,
) -> None:
    """Run the three notebooks, each in a fresh kernel started while the one before it ran.

    ``after``: stage name -> what to do as soon as that notebook has run; ``first``: the first
    notebook's kernel when it was started already (while the data folder was checked);
    ``prepared``: where the PDF's fonts and stylesheet, loaded meanwhile, are left (``"pdf"``);
    ``zygote``: the run's zygote, to fork the kernels from (None: they are started one by one),
    which ends with the notebooks.
    """

    def execute(index: int, parameters: dict) -> None:
        execute_notebook(NOTEBOOK_ORDER[index], work, parameters, kernels.for_notebook(index))

    # The first kernel starts before anything else is imported: its start-up is the longest
    # wait before the first notebook runs, and the imports below overlap it.
    kernels = _Kernels(work, first, zygote)
    warming: list[threading.Thread] = []
    try:
        warming.append(_warm_up(renderer, {} if prepared is None else prepared))
        for index, (name, description, parameters) in enumerate(_steps(request, work)):
            stages.run(name, description, functools.partial(execute, index, parameters))
            if after and name in after:
                after[name]()
    finally:
        kernels.close()
        for thread in warming:
            thread.join()


def _render_html(request: _Request, run_dir: Path) -> None:
    import nbformat

    from pipeline.paper.title import paper_title
    from pipeline.publish.render import render_html

    executed = nbformat.read(run_dir / "notebooks" / NOTEBOOK_ORDER[2], as_version=4)
    executed.metadata["title"] = paper_title(request.period)
    (run_dir / "report.html").write_text(render_html(executed), encoding="utf-8")


def _print_pdf(run_dir: Path, renderer: str | None, setup: object | None) -> bool:
    """The PDF, when a renderer is installed and loads; whether it was made. ``setup``: the
    fonts and stylesheet loaded while the notebooks ran (None: they are loaded now)."""
    from pipeline.publish.render import PDF_INSTALL_HINT, pdf_renderer, render_pdf

    if renderer and pdf_renderer():
        render_pdf(run_dir / "report.html", run_dir / "report.pdf", setup)
        return True
    log.warning(
        "No PDF renderer is available, so the HTML paper is archived without a PDF. %s",
        PDF_INSTALL_HINT,
    )
    return False


def _word_arguments(request: _Request, run_dir: Path) -> tuple:
    """What the Word version is made from: on the council's template when there is one."""
    from pipeline.paper.title import paper_title
    from pipeline.spec.contract import PAPER_TEMPLATE_FILE

    template = request.data_dir / "reference" / PAPER_TEMPLATE_FILE
    return (
        run_dir / "report.html",
        run_dir / "report.docx",
        paper_title(request.period),
        request.author,
        request.period.end.date(),
        template if template.is_file() else None,
    )


def produce(
    request: _Request,
    work: Path,
    stages: Stages,
    renderer: str | None,
    first: PrestartedKernel | None = None,
) -> tuple[dict, bool]:
    """Execute the notebooks and render the paper into ``work/run`` (``first``: the first
    notebook's kernel, when it was started while the data folder was checked).

    Returns the run's summary (for the manifest) and whether the PDF was made.
    """
    run_dir = work / "run"
    workers: list[OutputWorker] = []
    website: list[Future] = []
    prepared: dict = {}  # the PDF's fonts and stylesheet, loaded while the notebooks run

    def start_worker() -> None:
        """Once the inputs are saved: the worker makes the web pages from them."""
        stages.announce("Writing the web pages (beside the notebooks)")
        website.append(
            workers[0].submit(website_job, work / "handoff", run_dir, str(request.period))
        )

    def write_clashes() -> None:
        """Once the clash table is handed on: the worker writes clashes.csv from it."""
        website.append(workers[0].submit(clashes_job, work / "handoff", run_dir))

    # The worker is forked (or started) now, and imports what it needs while notebook 01 runs;
    # its first job is the web pages, once notebook 01 has saved the inputs.
    zygote = first.zygote if first else start_zygote(work)
    try:
        workers.append(OutputWorker(zygote))
        execute_notebooks(
            request,
            work,
            stages,
            renderer,
            {"ingest": start_worker, "progress": write_clashes},
            first,
            prepared,
            zygote,
        )
        stages.run("html", "Rendering the paper as HTML", lambda: _render_html(request, run_dir))
        (worker,) = workers
        stages.announce("Writing the Word version (beside the PDF)")
        word = worker.submit(word_job, *_word_arguments(request, run_dir))
        made_pdf = stages.run(
            "pdf",
            "Printing the paper to PDF",
            lambda: _print_pdf(run_dir, renderer, prepared.get("pdf")),
        )
        stages.timings["word"] = round(word.result(), 3)
        stages.timings["website"] = round(website[0].result(), 3)
        stages.timings["clashes"] = round(website[1].result(), 3)
    except BaseException:
        for worker in workers:
            worker.close(cancel=True)
        if zygote is not None:
            zygote.close()  # when the notebooks did not get to it
        raise
    for worker in workers:
        worker.close()
    summary = json.loads((work / "handoff" / "run_summary.json").read_text(encoding="utf-8"))
    return summary, bool(made_pdf)
