"""Which of a run's processes the two cores serve first: the notebooks that run next.

While notebook 01 reads the data, the kernels of notebooks 02 and 03 start and the main
process imports the renderers. Shared out evenly, those left notebook 01 less than half a core
at 100x, and the run waited for it. Notebook 03's kernel has all of notebook 02 to get ready
in, so it starts at a lower priority: it runs on whatever the others leave free, and is given
the normal priority back when notebook 02 starts. (Lowering the main process as well, while it
imports the renderers, was measured and left out: its priority is that of the officer's
terminal session, which a run should not change.)

Linux shares the processor between sessions first (autogroups; each kernel runs in a session
of its own), so a priority is set on a kernel's session through ``/proc/<pid>/autogroup``.
Anyone may lower their own sessions' priority and raise it back to normal; Linux takes such a
change at most ten times a second from an ordinary user, so a refused change is tried again a
little later. Where sessions are not grouped (another system, or grouping switched off), the
priorities stay as they were and the run is as before.
"""

from __future__ import annotations

import errno
import logging
import threading
from pathlib import Path

log = logging.getLogger(__name__)

BACKGROUND = 8  # the nice value of work that can wait (0 is normal, 19 the lowest)
NORMAL = 0
RETRIES = 5  # a change refused as too soon after another is tried again, this many times
RETRY_AFTER = 0.11  # seconds: Linux takes one change a tenth of a second from a user


def autogroup_file(pid: int) -> Path:
    return Path(f"/proc/{pid}/autogroup")


def set_priority(pid: int, nice: int, *, tries: int = RETRIES) -> None:
    """Set the nice value of the session of process ``pid``, now or, when Linux asks to wait, a
    little later on a timer thread. Never raises."""
    path = autogroup_file(pid)
    try:
        path.write_text(str(nice), encoding="ascii")
    except OSError as error:
        if error.errno == errno.EAGAIN and tries > 0:
            retry = threading.Timer(RETRY_AFTER, set_priority, (pid, nice), {"tries": tries - 1})
            retry.daemon = True
            retry.start()
        elif error.errno not in (errno.ENOENT, errno.ESRCH):
            log.debug("Could not set the priority of %s to %d: %s", path, nice, error)
