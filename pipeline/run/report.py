"""The one entry point behind ``make report``: check, execute, render, archive.

:func:`run_report` validates the parameters and the data folder before any
kernel starts, runs the notebooks in ``notebooks/`` with papermill (each in a
fresh kernel, handing data on through files in the run's working folder),
renders the paper with nbconvert and archives the run in one rename.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import platform
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

from pipeline.errors import InputError, ParameterError, PipelineError, RunError, StrictModeError
from pipeline.log import configure_logging, debugging
from pipeline.paths import NOTEBOOKS, PROJECT_ROOT
from pipeline.publish import archive
from pipeline.spec.period import Period, parse_period

log = logging.getLogger(__name__)

# Executed in this order, each in a fresh kernel.
NOTEBOOK_ORDER = ("01_ingest.ipynb", "02_progress.ipynb", "03_paper.ipynb")
KEY_PACKAGES = (
    "pandas",
    "numpy",
    "pyarrow",
    "matplotlib",
    "afcharts",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "jinja2",
    "weasyprint",
    "openpyxl",
    "pyreadstat",
)
KERNEL_ENV = {
    "MPLBACKEND": "Agg",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "PYTHONHASHSEED": "0",
}
# What each notebook's kernel imports while it starts, before the notebook runs: the
# kernel of the next notebook starts (and imports) while the previous notebook runs.
KERNEL_PRELOAD = {
    "01_ingest.ipynb": ("pipeline.run.handoff", "pipeline.ingest.load"),
    "02_progress.ipynb": ("pipeline.run.handoff", "pipeline.measures.progress", "pyarrow.parquet"),
    "03_paper.ipynb": ("pipeline.run.handoff", "pipeline.paper.paper", "pyarrow.parquet"),
}


@dataclass(frozen=True)
class RunResult:
    period: Period
    folder: Path
    reused: bool
    pdf: bool

    @property
    def paper(self) -> Path:
        return self.folder / "report.html"

    @property
    def pdf_path(self) -> Path:
        return self.folder / "report.pdf"

    @property
    def summary_lines(self) -> list[str]:
        """The run's last lines: the run folder, the HTML paper and the PDF for the agenda pack."""
        if self.reused:
            head = f"Nothing has changed since this paper was archived ({self.period}):"
        else:
            head = f"Paper archived ({self.period}):"
        pdf = (
            _shown(self.pdf_path)
            if self.pdf
            else "not made (no PDF renderer; see the warning above)"
        )
        return [
            head,
            f"  Run folder: {_shown(self.folder)}",
            f"  HTML paper: {_shown(self.paper)}",
            f"  PDF paper:  {pdf}",
        ]


def _shown(path: Path) -> str:
    """A path as the user typed it: relative to the working folder when it is inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _Stages:
    """Logs each stage as it starts and records how long it took."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.timings: dict[str, float] = {}

    def run(self, name: str, description: str, action: Callable[[], object]) -> object:
        self.count += 1
        log.info("[%d/%d] %s", self.count, self.total, description)
        started = time.perf_counter()
        try:
            return action()
        finally:
            self.timings[name] = round(time.perf_counter() - started, 3)


def _parse_meeting_date(text: str | None) -> date | None:
    if text is None or not str(text).strip():
        return None
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        msg = (
            f"The meeting date '{text}' is not a date in the form YYYY-MM-DD "
            "(for example 2007-02-12)."
        )
        raise ParameterError(msg) from None


def _check_folders(data_dir: Path, output_dir: Path) -> None:
    problems = []
    if not data_dir.is_dir():
        problems.append(f"The data folder '{data_dir}' does not exist or is not a folder.")
    if output_dir.exists() and not output_dir.is_dir():
        problems.append(f"The output folder '{output_dir}' is a file, not a folder.")
    else:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            problems.append(f"The output folder '{output_dir}' cannot be created.")
        else:
            if not os.access(output_dir, os.W_OK | os.X_OK):
                problems.append(
                    f"The output folder '{output_dir}' cannot be written to. "
                    "Choose another with OUTPUT=folder or ask for write access."
                )
    if problems:
        raise ParameterError(problems)


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


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


class _PrestartedKernel:
    """A notebook's fresh kernel, started early so that its start-up overlaps other work."""

    def __init__(self, notebook: str, work: Path) -> None:
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
        try:
            with open(logs / f"{Path(notebook).stem}.log", "ab") as console:
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


def _execute(
    notebook: str, work: Path, parameters: dict, kernel: _PrestartedKernel | None = None
) -> None:
    """Execute one notebook with papermill into the run folder, in a fresh kernel.

    ``kernel``, when given, is that fresh kernel, already started for this notebook.
    """
    import papermill

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
        )
    except papermill.PapermillExecutionError as error:
        if error.ename in _PASSED_THROUGH:
            # The data's own problem (STRICT=1, say): the officer gets its plain message.
            raise _PASSED_THROUGH[error.ename](error.evalue.splitlines()) from error
        reason = f"{error.ename}: {error.evalue}" if error.evalue else error.ename
        msg = f"The notebook {notebook} failed at cell {error.exec_count}: {reason}"
        raise RunError(msg) from error


def run_report(
    period_text: str,
    *,
    data_dir: Path,
    output_dir: Path,
    meeting_date: str | None = None,
    strict: bool = False,
) -> RunResult:
    """Produce the paper for one period and archive it; reuse the archived one if unchanged."""
    from pipeline.ingest.load import preflight

    started_at = datetime.now(UTC)
    stages = _Stages(total=7)
    data_dir = Path(data_dir).resolve()
    output_dir = Path(output_dir).resolve()

    def check() -> tuple[Period, date | None, list[tuple[str, str]]]:
        period = parse_period(period_text)
        meeting = _parse_meeting_date(meeting_date)
        _check_folders(data_dir, output_dir)
        checked = preflight(data_dir)
        settings = checked.settings
        if str(period.first) < settings.data_from:
            msg = (
                f"The period {period} starts before {settings.data_from}, the first month the data "
                f"folder covers (data_from in reference/report.toml). Choose a period from "
                f"{settings.data_from} on."
            )
            raise ParameterError(msg)
        hashes = [(name, archive.sha256_file(data_dir / name)) for name in checked.files]
        return period, meeting, hashes

    period, meeting, hashes = stages.run(
        "check", "Checking the parameters and the data folder", check
    )
    parameters = {
        "period": str(period),
        "meeting_date": meeting.isoformat() if meeting else None,
        "strict": bool(strict),
    }
    code = archive.code_version()

    def archived(renderer: str | None) -> tuple[str, Path]:
        run = archive.run_id(hashes, parameters, code.digest, renderer or "html only")
        return run, archive.run_folder(output_dir, str(period), run)

    # A repeat run is recognised without importing the PDF renderer: the installed
    # version names it, and only a run that made its PDF is archived under that name.
    run, final = archived(_installed_renderer())
    if archive.is_archived(final):
        return RunResult(period, final, reused=True, pdf=(final / "report.pdf").is_file())
    from pipeline.publish.render import pdf_renderer

    renderer = pdf_renderer()
    if renderer != _installed_renderer():
        run, final = archived(renderer)
        if archive.is_archived(final):
            return RunResult(period, final, reused=True, pdf=(final / "report.pdf").is_file())

    work = archive.new_work_folder(output_dir, run)
    try:
        result = _produce(period, meeting, strict, data_dir, work, stages, renderer)
        manifest = {
            "run_id": run,
            "parameters": {
                **parameters,
                "data_folder": str(data_dir),
                "output_folder": str(output_dir),
            },
            "inputs": result["inputs"],
            "code": code.as_dict(),
            "packages": package_versions(),
            "pdf_renderer": renderer,
            "headline_ratings": result["headline"],
            "set_aside": result["set_aside"],
            "started": started_at.isoformat(timespec="seconds"),
            "ended": datetime.now(UTC).isoformat(timespec="seconds"),
            "stages_seconds": stages.timings,
        }
        (work / "run" / "manifest.json").write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
    except (PipelineError, KeyboardInterrupt, Exception) as error:
        kept = archive.keep_failed(output_dir, work)
        where = f"What the run left is in {_shown(kept)} (nothing was archived)."
        if isinstance(error, PipelineError):
            error.problems.append(where)
        else:
            log.error("%s", where)
        raise

    def archive_run() -> bool:
        placed = archive.place(work / "run", final)
        shutil.rmtree(work, ignore_errors=True)
        archive.write_index(output_dir)
        return placed

    placed = stages.run("archive", "Archiving the run and updating the index", archive_run)
    for line in set_aside_lines(result["set_aside"]):
        log.info("%s", line)
    log.info("Done in %.1f s", sum(stages.timings.values()))
    return RunResult(period, final, reused=not placed, pdf=renderer is not None)


def set_aside_lines(counts: list[dict]) -> list[str]:
    """The console's summary of set-aside rows, by dataset and reason."""
    if not counts:
        return []
    total = sum(int(c["rows"]) for c in counts)
    lines = [f"{total} input row{'s' if total != 1 else ''} set aside (listed in set_aside.csv):"]
    lines += [f"  {c['dataset']}: {c['reason']} ({c['rows']})" for c in counts]
    return lines


def _installed_renderer() -> str | None:
    """The PDF renderer's name as :func:`pipeline.publish.render.pdf_renderer` gives it, from the
    installed package's metadata (no import); None when WeasyPrint is not installed."""
    try:
        return f"weasyprint {metadata.version('weasyprint')}"
    except metadata.PackageNotFoundError:
        return None


def _warm_up(renderer: str | None) -> threading.Thread:
    """Import what the HTML and PDF stages need, on a thread, while the kernels work.

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

            from pipeline.paper import paper  # noqa: F401  (the paper's title)
            from pipeline.publish.render import _exporter, _weasyprint

            # nbconvert's first conversion loads and compiles the templates.
            _exporter().from_notebook_node(nbformat.v4.new_notebook())
            if renderer:
                _weasyprint()
        except Exception as error:  # the stage itself will raise it properly
            log.debug("Warming up failed: %s", error)

    thread = threading.Thread(target=warm, name="warm-up", daemon=True)
    thread.start()
    return thread


def _produce(
    period: Period,
    meeting: date | None,
    strict: bool,
    data_dir: Path,
    work: Path,
    stages: _Stages,
    renderer: str | None,
) -> dict:
    """Execute the notebooks and render the paper into ``work/run``."""
    from pipeline.publish.render import render_html, render_pdf

    run_dir = work / "run"
    shared = {"work_dir": str(work / "handoff"), "run_dir": str(run_dir)}
    # Each notebook still gets a fresh kernel, but the next one is started (and imports
    # its modules) while the current one runs; the main process imports on a thread.
    kernels: dict[str, _PrestartedKernel] = {}

    def execute(index: int, parameters: dict) -> None:
        notebook = NOTEBOOK_ORDER[index]
        if notebook not in kernels:
            kernels[notebook] = _PrestartedKernel(notebook, work)
        if index + 1 < len(NOTEBOOK_ORDER):
            upcoming = NOTEBOOK_ORDER[index + 1]
            kernels[upcoming] = _PrestartedKernel(upcoming, work)
        _execute(notebook, work, parameters, kernels[notebook])

    warming = _warm_up(renderer)
    try:
        stages.run(
            "ingest",
            "Reading and validating the data (notebook 01_ingest)",
            lambda: execute(0, {**shared, "data_dir": str(data_dir), "strict": strict}),
        )
        stages.run(
            "progress",
            "Computing progress against the five priority areas (notebook 02_progress)",
            lambda: execute(1, {**shared, "period": str(period)}),
        )
        stages.run(
            "paper",
            "Writing the paper (notebook 03_paper)",
            lambda: execute(
                2,
                {
                    **shared,
                    "period": str(period),
                    "meeting_date": meeting.isoformat() if meeting else None,
                },
            ),
        )
    finally:
        for kernel in kernels.values():
            kernel.discard()
        warming.join()
    html_path = run_dir / "report.html"

    def html() -> None:
        import nbformat

        from pipeline.paper.paper import paper_title

        executed = nbformat.read(run_dir / "notebooks" / NOTEBOOK_ORDER[2], as_version=4)
        executed.metadata["title"] = paper_title(period)
        html_path.write_text(render_html(executed), encoding="utf-8")

    stages.run("html", "Rendering the paper as HTML", html)
    if renderer:
        stages.run(
            "pdf",
            "Printing the paper to PDF",
            lambda: render_pdf(html_path, run_dir / "report.pdf"),
        )
    else:
        from pipeline.publish.render import PDF_INSTALL_HINT

        stages.count += 1
        log.warning(
            "No PDF renderer is available, so only the HTML paper is archived. %s",
            PDF_INSTALL_HINT,
        )
    return json.loads((work / "handoff" / "run_summary.json").read_text(encoding="utf-8"))


def run_reports(
    periods: list[str],
    *,
    data_dir: Path,
    output_dir: Path,
    meeting_date: str | None = None,
    strict: bool = False,
) -> list[RunResult]:
    """Several periods, one process per core; every period checked before any runs."""
    if not periods:
        msg = 'No periods were given. Example: make reports PERIODS="2005/06 2006/07"'
        raise ParameterError(msg)
    for text in periods:
        parse_period(text)
    from pipeline.publish.render import pdf_renderer

    # Loaded once here, before the workers start: what the PDF renderer has to say about the
    # machine (a missing optional library) is said once, not once per period.
    pdf_renderer()
    workers = min(len(periods), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(
                _labelled_report,
                text,
                debug=debugging(),
                data_dir=data_dir,
                output_dir=output_dir,
                meeting_date=meeting_date,
                strict=strict,
            )
            for text in periods
        ]
        return [future.result() for future in futures]


def _labelled_report(period_text: str, *, debug: bool, **options: object) -> RunResult:
    """One period of ``make reports``, in its own process: every console line names the period."""
    configure_logging(debug=debug, label=period_text)
    return run_report(period_text, **options)


def warm_caches() -> None:
    """Build first-run caches (matplotlib's font list) so no first-run message reaches a paper."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib.font_manager  # noqa: F401  (importing builds the font cache)

    log.debug("Caches are warm (%s).", PROJECT_ROOT.name)
