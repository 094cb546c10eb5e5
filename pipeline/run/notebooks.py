"""Running the three notebooks with papermill, each in a fresh kernel started the normal way.

A kernel is started by jupyter_client as Jupyter starts any kernel, as a child of the run's
process, and ends by itself if the run's process ends (:mod:`pipeline.run.kernel`), so a
killed run leaves no kernel behind. What the kernel process itself prints (IPython's start-up
and shutdown messages) goes to a log file in the run's work folder, not to the officer's
terminal; a failed run keeps it in ``.failed/`` with the executed notebooks.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from pipeline.errors import (
    InputError,
    ParameterError,
    RunError,
    StrictModeError,
    notebook_disk_full,
)
from pipeline.paths import NOTEBOOKS

log = logging.getLogger(__name__)

# Executed in this order, each in a fresh kernel.
NOTEBOOK_ORDER = ("01_ingest.ipynb", "02_progress.ipynb", "03_paper.ipynb")
# The kernels' environment: charts drawn without a screen, the same hashes on every run.
KERNEL_ENV = {
    "MPLBACKEND": "Agg",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "PYTHONHASHSEED": "0",
}
# IPython keeps no history file for a run's kernels.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]


def notebook_parameters(
    handoff: Path,
    run_dir: Path,
    *,
    data_dir: Path,
    strict: bool,
    period: str,
    meeting_date: str | None,
    code_version: dict,
) -> dict[str, dict]:
    """Each notebook's parameters in a run (the benchmark's floor passes the same)."""
    work = {"work_dir": str(handoff)}
    return {
        NOTEBOOK_ORDER[0]: {**work, "data_dir": str(data_dir), "strict": strict},
        NOTEBOOK_ORDER[1]: {
            **work,
            "run_dir": str(run_dir),
            "period": period,
            "meeting_date": meeting_date,
            "code_version": code_version,
        },
        NOTEBOOK_ORDER[2]: work,
    }


@functools.cache
def _kernel_manager() -> type:
    """jupyter_client's kernel manager, starting the kernel with the run's environment and its
    output in a log file (``log_file``, set per notebook). Built on first use, so that a repeat
    run never imports jupyter_client."""
    from jupyter_client.manager import AsyncKernelManager

    class LoggedKernelManager(AsyncKernelManager):
        log_file: str = os.devnull

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            """IPython's kernel, started by :mod:`pipeline.run.kernel` so that it ends with
            this process whenever this process ends."""
            command = super().format_kernel_cmd(extra_arguments)
            if command[1:3] == ["-m", "ipykernel_launcher"]:
                command[1:3] = ["-m", "pipeline.run.kernel", str(os.getpid())]
            return command

        async def start_kernel(self, **kwargs: object) -> None:
            with open(self.log_file, "ab") as log:
                await super().start_kernel(
                    stdout=log, stderr=log, env={**os.environ, **KERNEL_ENV}, **kwargs
                )

    return LoggedKernelManager


def kernel_manager(log_file: Path) -> type:
    """A kernel manager class whose kernel writes what it prints to ``log_file``."""
    return type("KernelManager", (_kernel_manager(),), {"log_file": str(log_file)})


def papermill_options(notebook: str, work: Path) -> dict:
    """How papermill runs a notebook of a run (the benchmark's floor runs its notebooks alike):
    in a fresh kernel working in ``work``, what it prints going to ``work/kernel-logs/``."""
    logs = work / "kernel-logs"
    logs.mkdir(parents=True, exist_ok=True)
    return {
        "kernel_name": "python3",
        "progress_bar": False,
        "log_output": False,
        "request_save_on_cell_execute": False,
        "cwd": str(work),
        "kernel_manager_class": kernel_manager(logs / f"{Path(notebook).stem}.log"),
        "extra_arguments": KERNEL_ARGUMENTS,
    }


_PASSED_THROUGH = {error.__name__: error for error in (InputError, StrictModeError, ParameterError)}


# Jupyter gives a kernel free TCP ports to bind, and another program may take one first (two
# runs at once, say): the kernel then dies as it starts, before running anything, and is
# started again, up to this many times in all.
KERNEL_STARTS = 3
_DIED_STARTING = "Kernel died before replying to kernel_info"


def _execute(papermill, source: Path, target: Path, parameters: dict, options: dict) -> None:
    for start in range(1, KERNEL_STARTS + 1):
        try:
            papermill.execute_notebook(str(source), str(target), parameters=parameters, **options)
        except RuntimeError as error:
            if _DIED_STARTING not in str(error):
                raise
            if start == KERNEL_STARTS:
                msg = (
                    f"The kernel for the notebook {source.name} stopped as it started, "
                    f"{KERNEL_STARTS} times: what it said is in kernel-logs/ in the folder "
                    "named below."
                )
                raise RunError(msg) from error
            log.debug("The kernel for %s stopped as it started; starting another", source.name)
        else:
            return


def execute_notebook(notebook: str, work: Path, parameters: dict) -> None:
    """Execute one notebook with papermill into ``work/run/notebooks/``, in a fresh kernel whose
    working folder is ``work`` and whose output goes to ``work/kernel-logs/``.

    A problem with the data raised in the notebook stops the run with its own plain message; any
    other failure names the notebook and the cell.
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
    try:
        _execute(papermill, source, target, parameters, papermill_options(notebook, work))
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
