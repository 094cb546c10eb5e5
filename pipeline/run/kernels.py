"""The notebooks' kernels: fresh, started early, talking over local sockets, run by papermill.

Each notebook runs in a fresh kernel. The next notebook's kernel is started (and imports its
heavy modules) while the current one runs; the kernel's own console output goes to a log
file in the run's work folder, never to the officer's terminal.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from pipeline.errors import (
    InputError,
    ParameterError,
    RunError,
    StrictModeError,
    notebook_disk_full,
)
from pipeline.paths import NOTEBOOKS
from pipeline.run import priority

log = logging.getLogger(__name__)

# Executed in this order, each in a fresh kernel.
NOTEBOOK_ORDER = ("01_ingest.ipynb", "02_progress.ipynb", "03_paper.ipynb")
KERNEL_ENV = {
    "MPLBACKEND": "Agg",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "PYTHONHASHSEED": "0",
}
# What each notebook's kernel imports while it starts, before the notebook runs: the
# kernel of the next notebook starts (and imports) while the previous notebook runs.
KERNEL_PRELOAD = {
    "01_ingest.ipynb": ("pipeline.run.handoff", "pipeline.ingest.load"),
    "02_progress.ipynb": ("pipeline.run.handoff", "pyarrow.feather", "pipeline.publish.outputs"),
    "03_paper.ipynb": ("pipeline.run.handoff", "pipeline.paper.paper", "pipeline.paper.charts"),
}


@functools.cache
def kernel_manager_class() -> type:
    """Kernels talk to papermill over local sockets (IPC), never over TCP.

    Built on first use so that a repeat run never imports jupyter_client.
    """
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.paths import jupyter_runtime_dir
    from traitlets import default

    class LocalKernelManager(AsyncKernelManager):
        transport = "ipc"
        # Set by PrestartedKernel: the zygote to fork the kernel from, and the kernel's log.
        fork_from = None
        fork_log = ""

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: object) -> None:
            zygote = self.fork_from
            if zygote is None or kernel_cmd[:3] != [sys.executable, "-m", "ipykernel_launcher"]:
                await super()._async_launch_kernel(kernel_cmd, **kw)
                return
            # As jupyter_client's launcher has it, the kernel ends if this process does. The
            # zygote imported ipykernel before the kernel's environment existed, so the parent
            # is given on the command line too (ipykernel reads it from the environment once).
            parent = str(os.getpid())
            process = zygote.fork(
                [*kernel_cmd[3:], f"--IPKernelApp.parent_handle={parent}"],
                cwd=str(kw["cwd"]),
                log=self.fork_log,
                env={**kw["env"], "JPY_PARENT_PID": parent},
            )
            provisioner = self.provisioner
            provisioner.process = process  # signals its process group itself
            provisioner.pid = provisioner.pgid = None  # known when the zygote has forked it
            provisioner.cwd = kw["cwd"]
            self._reconcile_connection_info(provisioner.connection_info)

        @default("ip")
        def _unique_ip(self) -> str:
            # jupyter_client's default for IPC without a connection file is the relative
            # "kernel-ipc", so every run in one folder shared kernel-ipc-1...: two runs at
            # once (or `make reports`) crossed each other's kernels ("Invalid Signature").
            folder = Path(jupyter_runtime_dir())
            folder.mkdir(parents=True, exist_ok=True)
            return str(folder / f"cci-{uuid.uuid4().hex[:12]}-ipc")

    return LocalKernelManager


def _preload_arguments(notebook: str) -> list[str]:
    """Kernel arguments that import the notebook's heavy modules at start-up.

    IPython runs ``exec_lines`` without storing history or counting executions, and
    the names are deleted: the notebook still starts from an empty namespace.
    """
    modules = KERNEL_PRELOAD.get(notebook, ())
    arguments = ["--HistoryManager.hist_file=:memory:"]
    if modules:
        line = f"import {', '.join(f'{m} as _cci_preload' for m in modules)}; del _cci_preload"
        arguments.append(f"--IPKernelApp.exec_lines={line}")
    return arguments


def start_zygote(work: Path):
    """A :class:`~pipeline.run.zygote.Zygote` for a run's kernels, its errors logged in
    ``work/kernel-logs``; None where kernels cannot be forked (they are then started as
    jupyter_client starts them)."""
    from pipeline.run.zygote import Zygote

    logs = work / "kernel-logs"
    logs.mkdir(exist_ok=True)
    try:
        return Zygote({**os.environ, **KERNEL_ENV}, logs / "zygote.log")
    except OSError as error:
        log.debug("Kernels are started one by one: %s", error)
        return None


class PrestartedKernel:
    """A notebook's fresh kernel, started early so that its start-up overlaps other work."""

    def __init__(self, notebook: str, work: Path, zygote: object | None = None) -> None:
        from jupyter_core.utils import run_sync

        self._run_sync = run_sync
        # Kernels alive at the same time need sockets of their own: a short private folder
        # (a socket path is limited to about 100 characters).
        self.sockets = Path(tempfile.mkdtemp(prefix="cci-kernel-"))
        self.manager = kernel_manager_class()(kernel_name="python3", ip=str(self.sockets / "k"))
        os.environ.update(KERNEL_ENV)
        # What the kernel process itself prints (IPython's start-up and shutdown messages,
        # "KeyboardInterrupt caught in kernel" when jupyter_client interrupts it on shutdown)
        # is not the officer's business: it goes to a log file in the work folder, which a
        # failed run keeps in .failed/ with the executed notebooks.
        logs = work / "kernel-logs"
        logs.mkdir(exist_ok=True)
        log_file = logs / f"{Path(notebook).stem}.log"
        self.zygote = zygote
        self.manager.fork_from = zygote
        self.manager.fork_log = str(log_file)
        try:
            with open(log_file, "ab") as console:
                run_sync(self.manager.start_kernel)(
                    extra_arguments=_preload_arguments(notebook),
                    cwd=str(work),
                    stdout=console,
                    stderr=console,
                )
        except BaseException:
            shutil.rmtree(self.sockets, ignore_errors=True)
            raise
        self.used = False
        self.nice = priority.NORMAL

    def set_priority(self, nice: int) -> None:
        """The kernel's priority (see :mod:`pipeline.run.priority`)."""
        if nice != self.nice:
            priority.set_priority(self.manager.provisioner.process.pid, nice)
            self.nice = nice

    def manager_class(self) -> type:
        """A kernel manager "class" that hands nbclient this already started kernel.

        nbclient then owns it as if it had started it: it shuts it down after the notebook.
        """
        started = self.manager

        class Prestarted(kernel_manager_class()):
            def __new__(cls, *args: object, **kwargs: object) -> object:
                return started  # not a Prestarted instance, so __init__ is not run again

        self.used = True
        return Prestarted

    def discard(self) -> None:
        """Shut the kernel down if no notebook took it (a previous notebook failed)."""
        if not self.used and self.manager.has_kernel:
            try:
                self._run_sync(self.manager.shutdown_kernel)(now=True)
            except (RuntimeError, OSError) as error:
                log.debug("Could not shut down an unused kernel: %s", error)
        shutil.rmtree(self.sockets, ignore_errors=True)


_PASSED_THROUGH = {error.__name__: error for error in (InputError, StrictModeError, ParameterError)}


def execute_notebook(
    notebook: str, work: Path, parameters: dict, kernel: PrestartedKernel | None = None
) -> None:
    """Execute one notebook with papermill into the run folder, in a fresh kernel.

    ``kernel``, when given, is that fresh kernel, already started for this notebook.
    """
    import papermill
    from nbclient.exceptions import DeadKernelError

    source = NOTEBOOKS / notebook
    declared = set(papermill.inspect_notebook(str(source)))
    unknown = sorted(set(parameters) - declared)
    if unknown:
        msg = f"The notebook {notebook} has no parameter named {', '.join(unknown)}."
        raise ParameterError(msg)
    target = work / "run" / "notebooks" / notebook
    target.parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(KERNEL_ENV)
    manager_class = kernel.manager_class() if kernel else kernel_manager_class()
    try:
        papermill.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            cwd=str(work),
            kernel_manager_class=manager_class,
            # The notebook is done and saved: its kernel is stopped at once, not asked to
            # shut down and waited for (nbclient's "graceful" costs up to a second a notebook).
            shutdown_kernel="immediate",
        )
    except papermill.PapermillExecutionError as error:
        if error.ename in _PASSED_THROUGH:
            # The data's own problem (STRICT=1, say): the officer gets its plain message.
            raise _PASSED_THROUGH[error.ename](error.evalue.splitlines()) from error
        full = notebook_disk_full(error.ename, error.evalue)
        if full is not None:
            raise full from error
        reason = f"{error.ename}: {error.evalue}" if error.evalue else error.ename
        msg = f"The notebook {notebook} failed at cell {error.exec_count}: {reason}"
        raise RunError(msg) from error
    except DeadKernelError as error:
        msg = (
            f"The kernel running the notebook {notebook} stopped before it finished: most "
            "often it ran out of memory (the data is too large for this machine); its own "
            "output is in kernel-logs/ in the folder named below."
        )
        raise RunError(msg) from error
