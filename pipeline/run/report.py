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
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

from pipeline.errors import ParameterError, PipelineError
from pipeline.publish import archive
from pipeline.run.console import RunResult, Stages, set_aside_lines, shown
from pipeline.run.kernels import NOTEBOOK_ORDER, PrestartedKernel, execute_notebook
from pipeline.spec.period import Period, check_coverage, meeting_for, parse_period

log = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class _Request:
    """One report's checked parameters, and what identifies its run."""

    period: Period
    meeting: date | None
    strict: bool
    data_dir: Path
    output_dir: Path
    hashes: list[tuple[str, str]]
    code: archive.CodeVersion

    @property
    def parameters(self) -> dict[str, object]:
        return {
            "period": str(self.period),
            "meeting_date": self.meeting.isoformat() if self.meeting else None,
            "strict": bool(self.strict),
        }

    def run_folder(self, renderer: str | None) -> tuple[str, Path]:
        """The run id and archive folder of this report made with ``renderer``."""
        run = archive.run_id(
            self.hashes, self.parameters, self.code.digest, renderer or "html only"
        )
        return run, archive.run_folder(self.output_dir, str(self.period), run)


def _check(
    period_text: str, meeting_date: str | None, strict: bool, data_dir: Path, output_dir: Path
) -> _Request:
    """Every check that can stop a run before any kernel starts."""
    from pipeline.ingest.load import preflight

    period = parse_period(period_text)
    meeting = _parse_meeting_date(meeting_date)
    _check_folders(data_dir, output_dir)
    checked = preflight(data_dir)
    beyond = check_coverage(period, checked.coverage)
    if beyond:
        log.warning("Note: %s", beyond)
    _, unused = meeting_for(period, meeting, checked.settings.meeting_date)
    if unused:
        log.info("Note: %s", unused)
    hashes = [(name, archive.sha256_file(data_dir / name)) for name in checked.files]
    return _Request(period, meeting, strict, data_dir, output_dir, hashes, archive.code_version())


def _archived_already(request: _Request) -> tuple[str, Path, str | None, RunResult | None]:
    """The run id, folder and PDF renderer of this report, and its result if it is archived.

    A repeat run is recognised without importing the PDF renderer: the installed version
    names it, and only a run that made its PDF is archived under that name.
    """
    installed = _installed_renderer()
    run, final = request.run_folder(installed)
    if not archive.is_archived(final):
        from pipeline.publish.render import pdf_renderer

        renderer = pdf_renderer()
        if renderer == installed:
            return run, final, renderer, None
        run, final = request.run_folder(renderer)
        if not archive.is_archived(final):
            return run, final, renderer, None
    reused = RunResult(request.period, final, reused=True, pdf=(final / "report.pdf").is_file())
    return run, final, installed, reused


def _manifest(
    request: _Request,
    run: str,
    renderer: str | None,
    result: dict,
    timings: dict,
    started: datetime,
) -> dict:
    return {
        "run_id": run,
        "parameters": {
            **request.parameters,
            "data_folder": str(request.data_dir),
            "output_folder": str(request.output_dir),
        },
        "inputs": result["inputs"],
        "code": request.code.as_dict(),
        "packages": package_versions(),
        "pdf_renderer": renderer,
        "headline_ratings": result["headline"],
        "set_aside": result["set_aside"],
        "started": started.isoformat(timespec="seconds"),
        "ended": datetime.now(UTC).isoformat(timespec="seconds"),
        "stages_seconds": timings,
    }


def _keep_failed(output_dir: Path, work: Path, error: BaseException) -> None:
    """Move a failed run's work to ``.failed/`` and name that folder in the stop's message."""
    kept = archive.keep_failed(output_dir, work)
    where = f"What the run left is in {shown(kept)} (nothing was archived)."
    if isinstance(error, PipelineError):
        error.problems.append(where)
    else:
        log.error("%s", where)


def run_report(
    period_text: str,
    *,
    data_dir: Path,
    output_dir: Path,
    meeting_date: str | None = None,
    strict: bool = False,
) -> RunResult:
    """Produce the paper for one period and archive it; reuse the archived one if unchanged."""
    started = datetime.now(UTC)
    stages = Stages(total=8)
    request = stages.run(
        "check",
        "Checking the parameters and the data folder",
        lambda: _check(
            period_text, meeting_date, strict, Path(data_dir).resolve(), Path(output_dir).resolve()
        ),
    )
    run, final, renderer, reused = _archived_already(request)
    if reused:
        return reused
    work = archive.new_work_folder(request.output_dir, run)
    try:
        result = _produce(request, work, stages, renderer)
        manifest = _manifest(request, run, renderer, result, stages.timings, started)
        (work / "run" / "manifest.json").write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
    except (PipelineError, KeyboardInterrupt, Exception) as error:
        _keep_failed(request.output_dir, work, error)
        raise

    def archive_run() -> bool:
        placed = archive.place(work / "run", final)
        shutil.rmtree(work, ignore_errors=True)
        archive.write_index(request.output_dir)
        return placed

    placed = stages.run("archive", "Archiving the run and updating the index", archive_run)
    for line in set_aside_lines(result["set_aside"]):
        log.info("%s", line)
    log.info("Done in %.1f s", sum(stages.timings.values()))
    return RunResult(request.period, final, reused=not placed, pdf=renderer is not None)


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

            from pipeline.paper import title  # noqa: F401  (the paper's title)
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


def _execute_notebooks(request: _Request, work: Path, stages: Stages, renderer: str | None) -> None:
    """Run the three notebooks, each in a fresh kernel started while the one before it ran."""
    run_dir = work / "run"
    handoff = {"work_dir": str(work / "handoff")}
    meeting = request.meeting.isoformat() if request.meeting else None
    steps = (
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
                "run_dir": str(run_dir),
                "period": str(request.period),
                "meeting_date": meeting,
                "code_version": request.code.as_dict(),
            },
        ),
        (
            "paper",
            "Writing the paper (notebook 03_paper)",
            handoff,
        ),
    )
    kernels: dict[str, PrestartedKernel] = {}

    def execute(index: int, parameters: dict) -> None:
        notebook = NOTEBOOK_ORDER[index]
        if notebook not in kernels:
            kernels[notebook] = PrestartedKernel(notebook, work)
        if index + 1 < len(NOTEBOOK_ORDER):
            upcoming = NOTEBOOK_ORDER[index + 1]
            kernels[upcoming] = PrestartedKernel(upcoming, work)
        execute_notebook(notebook, work, parameters, kernels[notebook])

    warming = _warm_up(renderer)
    try:
        for index, (name, description, parameters) in enumerate(steps):
            stages.run(name, description, functools.partial(execute, index, parameters))
    finally:
        for kernel in kernels.values():
            kernel.discard()
        warming.join()


def _produce(request: _Request, work: Path, stages: Stages, renderer: str | None) -> dict:
    """Execute the notebooks and render the paper into ``work/run``; the run's summary."""
    from pipeline.publish.render import PDF_INSTALL_HINT, render_html, render_pdf

    _execute_notebooks(request, work, stages, renderer)
    run_dir = work / "run"
    html_path = run_dir / "report.html"

    def html() -> None:
        import nbformat

        from pipeline.paper.title import paper_title

        executed = nbformat.read(run_dir / "notebooks" / NOTEBOOK_ORDER[2], as_version=4)
        executed.metadata["title"] = paper_title(request.period)
        html_path.write_text(render_html(executed), encoding="utf-8")

    stages.run("html", "Rendering the paper as HTML", html)
    if renderer:
        stages.run(
            "pdf",
            "Printing the paper to PDF",
            lambda: render_pdf(html_path, run_dir / "report.pdf"),
        )
    else:
        stages.count += 1
        log.warning(
            "No PDF renderer is available, so only the HTML paper is archived. %s",
            PDF_INSTALL_HINT,
        )
    stages.run("website", "Writing the web pages", lambda: _write_website(work, run_dir))
    return json.loads((work / "handoff" / "run_summary.json").read_text(encoding="utf-8"))


def _write_website(work: Path, run_dir: Path) -> None:
    """The CCI web pages, from the view notebook 02 saved."""
    from pipeline.publish.website import write_website
    from pipeline.run.handoff import view

    write_website(view(str(work / "handoff")), run_dir)
