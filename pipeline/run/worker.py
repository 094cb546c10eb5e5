"""A second process that makes outputs while this one runs the notebooks and prints the PDF: the
two cores side by side.

The web pages need only the inputs notebook 01 saved, so they are made beside notebooks 02 and
03; the Word version needs only the HTML paper, so it is made beside the PDF. The PDF's renderer
is pure Python and holds the interpreter the whole time it runs, so the others go to an
:class:`OutputWorker`: one Python process, started once notebook 01 is done, that imports what
they need and then makes each when it is asked. A job's exception comes back to the run as it
was raised; a job's time is measured where it runs.
"""

from __future__ import annotations

import logging
import multiprocessing.context
import time
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)


def _prepare() -> None:
    """The worker's start: import what its jobs need, so that the first job starts at once."""

    import pipeline.publish.website
    import pipeline.publish.word  # noqa: F401


def website_job(handoff_dir: Path, run_dir: Path, period: str) -> float:
    """Write the CCI web pages for ``period`` from the inputs notebook 01 saved; its seconds."""
    import pyarrow

    from pipeline.ingest.inputs import Inputs
    from pipeline.measures.website import REGISTER_COLUMNS
    from pipeline.publish.website import Site, write_website
    from pipeline.spec.period import parse_period

    started = time.perf_counter()
    register = Inputs.load_register(handoff_dir / "inputs", REGISTER_COLUMNS)
    write_website(Site.of_register(*register, parse_period(period)), run_dir)
    del register
    # The worker lives on to make the Word version: what the register took goes back now,
    # while the kernels are at their largest.
    pyarrow.default_memory_pool().release_unused()
    return time.perf_counter() - started


def clashes_job(handoff_dir: Path, run_dir: Path) -> float:
    """Write ``clashes.csv`` from the clash table notebook 02 handed on; its seconds."""
    from pipeline.publish.outputs import write_handed_clashes

    started = time.perf_counter()
    write_handed_clashes(handoff_dir, run_dir)
    return time.perf_counter() - started


def word_job(
    html_path: Path,
    docx_path: Path,
    title: str,
    author: str,
    stamp: date,
    template: Path | None,
) -> float:
    """Make the Word version (see :func:`pipeline.publish.word.render_docx`); its seconds."""
    from pipeline.publish.word import render_docx

    started = time.perf_counter()
    render_docx(html_path, docx_path, title=title, author=author, stamp=stamp, template=template)
    return time.perf_counter() - started


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A spawned process that ends without the interpreter's teardown once its jobs are done.

    A spawned process ends through ``sys.exit``: with pandas, pyarrow and the Word libraries
    imported, taking them apart takes 0.3 s, which :meth:`OutputWorker.close` waits for at the
    end of every run. Every job's result has been sent back by then (the pool's result pipe is
    written synchronously), so nothing is lost by ending at once.
    """

    def run(self) -> None:
        super().run()
        from pipeline.run.quick_exit import exit_now

        exit_now(0)


class _WorkerContext(multiprocessing.context.SpawnContext):
    Process = _WorkerProcess


class OutputWorker:
    """One worker process for the outputs made beside the PDF."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=_WorkerContext(), initializer=_prepare
        )
        self._ready = self._pool.submit(time.perf_counter)  # starts the process and its imports

    def submit(self, job, *arguments) -> Future:
        """Run ``job(*arguments)`` in the worker; its future result."""
        return self._pool.submit(job, *arguments)

    def close(self, *, cancel: bool = False) -> None:
        """Stop the worker, after its jobs (or, with ``cancel``, without waiting for them)."""
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)
