"""A second process that makes outputs while this one runs the notebooks and prints the PDF: the
two cores side by side.

The web pages need only the inputs notebook 01 saved, so they are made beside notebooks 02 and
03; the Word version needs only the HTML paper, so it is made beside the PDF. The PDF's renderer
is pure Python and holds the interpreter the whole time it runs, so the others go to an
:class:`OutputWorker`: one Python process, started with the notebooks, that imports what they
need and then makes each when it is asked, in turn. Where the run has a zygote (see
:mod:`pipeline.run.zygote`) the worker is forked from it, with pandas and pyarrow imported
already; otherwise it is a Python process of its own. A job's exception comes back to the run
as it was raised; a job's time is measured where it runs.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

from pipeline.errors import RunError

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


class OutputWorker:
    """One worker process for the outputs made beside the notebooks and the PDF.

    ``zygote``: the run's :class:`~pipeline.run.zygote.Zygote`, to fork the worker from (None:
    the worker is started as a Python process of its own).
    """

    def __init__(self, zygote=None) -> None:
        self._socket, theirs = socket.socketpair()
        self._connection = Connection(os.dup(self._socket.fileno()))
        try:
            if zygote is not None:
                self._process = zygote.fork_worker(theirs.fileno())
            else:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "pipeline.run.worker", str(theirs.fileno())],
                    pass_fds=[theirs.fileno()],
                )
        finally:
            theirs.close()
        self._lock = threading.Lock()
        self._waiting: collections.deque[Future] = collections.deque()
        self._reader = threading.Thread(target=self._read, name="output worker", daemon=True)
        self._reader.start()

    def submit(self, job, *arguments) -> Future:
        """Run ``job(*arguments)`` in the worker, after the jobs submitted before it; its future
        result."""
        future: Future = Future()
        with self._lock:
            self._waiting.append(future)
            with contextlib.suppress(OSError):  # the worker has ended: the reader fails it
                self._connection.send((job, arguments))
        return future

    def _read(self) -> None:
        """Hand each result (or exception) the worker sends to its job's future, in turn."""
        while True:
            try:
                done, value = self._connection.recv()
            except (EOFError, OSError):
                break
            with self._lock:
                future = self._waiting.popleft()
            if done:
                future.set_result(value)
            else:
                future.set_exception(value)
        with self._lock:
            unfinished, self._waiting = list(self._waiting), collections.deque()
        for future in unfinished:
            if not future.cancelled():
                future.set_exception(
                    RunError(
                        "The output worker stopped before it had made every output: most "
                        "often it ran out of memory."
                    )
                )

    def close(self, *, cancel: bool = False) -> None:
        """Stop the worker, after its jobs (or, with ``cancel``, without waiting for them)."""
        if cancel:
            with self._lock:
                for future in self._waiting:
                    future.cancel()
            self._process.kill()
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_WR)  # no more jobs: it ends after those it has
        self._reader.join()
        self._process.wait()
        self._connection.close()
        self._socket.close()


def serve(fd: int) -> None:
    """The worker's side: make what each request on the connection ``fd`` asks for, in turn,
    until the run says there is nothing more; then end without Python's teardown."""
    from pipeline.run.quick_exit import exit_now

    connection = Connection(fd)
    _prepare()
    while True:
        try:
            job, arguments = connection.recv()
        except (EOFError, OSError):
            break
        try:
            reply = (True, job(*arguments))
        except BaseException as error:  # it goes back to the run, which raises it
            reply = (False, error)
        try:
            connection.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError):
            connection.send((False, RunError(f"{type(reply[1]).__name__}: {reply[1]}")))
        except OSError:
            break  # the run has stopped
    exit_now(0)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    serve(int(sys.argv[1]))
