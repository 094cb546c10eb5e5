"""A run killed under a subreaper ancestor, as ``systemd --user`` is on a Linux desktop.

``python -m tests.e2e.subreaper OUTPUT MARKER DELAY [starting]`` makes this process a child
subreaper (orphans below it are handed to it, not to init), starts ``python -m pipeline report``
on the sample data in a session of its own, waits for MARKER on its standard error (and, with
``starting``, for the next process the run starts: a kernel starting) and DELAY seconds more,
kills the run's process group (SIGKILL, as a closed terminal's would), and then waits up
to 15 seconds for every process below it to end, reaping them as they do. It prints, as JSON,
the command lines of the processes still alive at the end (none, when no kernel is left
behind) and what the run printed. Linux only: the subreaper is a Linux feature (test code only;
the pipeline itself uses no system calls).
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import time

import psutil

from pipeline.paths import DEFAULT_DATA, PROJECT_ROOT
from tests.conftest import SAMPLE_PERIOD

PR_SET_CHILD_SUBREAPER = 36


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _alive_below() -> list[psutil.Process]:
    _reap()
    below = psutil.Process().children(recursive=True)
    return [p for p in below if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def _next_child(run: int) -> None:
    """Wait until the run starts a process it did not have (for at most 30 seconds)."""
    had = {p.pid for p in psutil.Process(run).children(recursive=True)}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if {p.pid for p in psutil.Process(run).children(recursive=True)} - had:
            return
        time.sleep(0.01)


def start_report(output: str, *extra: str, stdout: int = subprocess.PIPE) -> subprocess.Popen:
    """``python -m pipeline report`` of the sample period into ``output``, in a session of its
    own (so that its process group can be signalled), its standard error read as it comes."""
    command = [sys.executable, "-m", "pipeline", "report", "--period", SAMPLE_PERIOD]
    command += ["--data", str(DEFAULT_DATA), "--output", output, *extra]
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def main(output: str, marker: str, delay: float, starting: bool) -> dict:
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
    run = start_report(output, stdout=subprocess.DEVNULL)
    said = []
    for line in run.stderr:  # type: ignore[union-attr]
        said.append(line)
        if marker in line:
            break
    if starting:
        _next_child(run.pid)
    time.sleep(delay)
    seen = [p.pid for p in psutil.Process(run.pid).children(recursive=True)]
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 15
    while _alive_below() and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _alive_below()
    result = {"seen": seen, "left": [" ".join(p.cmdline()) for p in left], "said": said}
    for process in left:  # do not leave them behind either
        process.kill()
    return result


if __name__ == "__main__":
    starting = sys.argv[4:] == ["starting"]
    print(json.dumps(main(sys.argv[1], sys.argv[2], float(sys.argv[3]), starting)))
