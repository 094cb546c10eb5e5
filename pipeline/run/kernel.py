"""``python -m pipeline.run.kernel PARENT -f CONNECTION_FILE ...``: a run's notebook kernel.

IPython's kernel, as ``python -m ipykernel_launcher`` starts it, that also ends when the run
that started it (the process PARENT) is gone, whenever that happens. ipykernel watches its
parent itself, but only from the moment its watch starts, about a second into its start-up,
and a parent already gone by then is taken for no parent at all: under a subreaper (as
``systemd --user`` is on a Linux desktop) such a kernel would run for ever. Here the parent is
given on the command line and checked from the first line on.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def _end_with(parent: int) -> None:
    """End this kernel (as a shutdown ends it) once its parent is no longer its parent."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    parent = int(sys.argv.pop(1))
    if os.getppid() != parent:
        sys.exit("The run that started this kernel has ended.")
    threading.Thread(target=_end_with, args=(parent,), name="parent watch", daemon=True).start()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
