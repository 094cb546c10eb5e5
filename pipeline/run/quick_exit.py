"""Ending a process once its work is done, without the interpreter's teardown.

When a run has archived its paper, the process still has to take apart everything it imported
(pandas, pyarrow, WeasyPrint, lxml, the Jupyter stack) before it ends: 0.4 s for the report's
own process, 0.3 s for the output worker, which the run waits for. The operating system frees
all of that memory at once anyway. :func:`exit_now` does what Python's own exit does that
matters (finishes the other threads, runs every ``atexit`` handler, flushes the logs and the
standard streams) and then ends the process, skipping only the teardown.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys
import threading
from typing import NoReturn


def exit_now(code: int) -> NoReturn:
    """End this process with ``code`` as Python would, without taking its modules apart."""
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()  # the handlers a normal exit runs, logging's among them
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or a pipe nobody reads
            stream.flush()
    os._exit(code)
