"""The one entry point behind ``make report``: check, execute, render, archive.

:func:`run_report` validates the parameters and the data folder before any notebook runs
(while it checks the data folder of a period with no archived paper, the first notebook's
kernel is already starting: such a run cannot be a repeat), runs the notebooks in
``notebooks/`` with papermill (each in a fresh kernel, handing data on through files in the
run's working folder), renders the paper with nbconvert and archives the run in one rename.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

from pipeline.errors import ParameterError, PipelineError
from pipeline.paths import PROJECT_ROOT
from pipeline.publish import archive
from pipeline.run.console import RunResult, Stages, set_aside_lines, shown
from pipeline.run.produce import produce
from pipeline.spec.period import Period, check_coverage, meeting_for, parse_period

log = logging.getLogger(__name__)

STAGE_COUNT = 9  # what the console numbers "[n/9]"
LOCK_FILE = "uv.lock"  # the exact libraries ``make`` installs

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
    "pypandoc-binary",
    "python-docx",
    "resvg-py",
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


def environment_lock() -> dict[str, str] | None:
    """The lock file the libraries were installed from, and its SHA-256 (None without one)."""
    lock = PROJECT_ROOT / LOCK_FILE
    if not lock.is_file():
        return None
    return {"file": LOCK_FILE, "sha256": archive.sha256_file(lock)}


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
    author: str  # the paper's author, as report.toml gives it: the Word version's too

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
    period_text: str,
    meeting_date: str | None,
    strict: bool,
    data_dir: Path,
    output_dir: Path,
) -> _Request:
    """Every check that can stop a run before any notebook runs."""
    data_dir, output_dir = Path(data_dir).resolve(), Path(output_dir).resolve()
    period = parse_period(period_text)
    meeting = _parse_meeting_date(meeting_date)
    _check_folders(data_dir, output_dir)
    from pipeline.ingest.load import preflight  # pandas and the readers: not for a bad period

    checked = preflight(data_dir)
    beyond = check_coverage(period, checked.coverage)
    if beyond:
        log.warning("Note: %s", beyond)
    _, unused = meeting_for(period, meeting, checked.settings.meeting_date)
    if unused:
        log.info("Note: %s", unused)
    hashes = [(name, archive.sha256_file(data_dir / name)) for name in checked.files]
    return _Request(
        period,
        meeting,
        strict,
        data_dir,
        output_dir,
        hashes,
        archive.code_version(),
        checked.settings.author,
    )


def _archived_already(request: _Request) -> tuple[str, Path, str | None, RunResult | None]:
    """The run id, folder and PDF renderer of this report, and its result if it is archived.

    The installed renderer names the run (from its package's metadata, without importing it),
    so a repeat run is recognised at once. Should it then fail to load, :func:`run_report`
    names the run again.
    """
    renderer = _installed_renderer()
    run, final = request.run_folder(renderer)
    if archive.is_archived(final):
        return run, final, renderer, _reused(request, final)
    return run, final, renderer, None


def _reused(request: _Request, final: Path) -> RunResult:
    archive.repair_index(request.output_dir)
    return RunResult(request.period, final, reused=True, pdf=(final / "report.pdf").is_file())


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
        "environment_lock": environment_lock(),
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
    started, clock = datetime.now(UTC), time.perf_counter()
    stages = Stages(total=STAGE_COUNT)
    request = stages.run(
        "check",
        "Checking the parameters and the data folder",
        lambda: _check(period_text, meeting_date, strict, data_dir, output_dir),
    )
    run, final, renderer, reused = _archived_already(request)
    if reused:
        return reused
    work = archive.new_work_folder(request.output_dir, run)
    try:
        result, made_pdf = produce(request, work, stages, renderer)
        if renderer and not made_pdf:  # installed, but it would not load: an HTML-only run
            renderer = None
            run, final = request.run_folder(renderer)
            if archive.is_archived(final):
                shutil.rmtree(work, ignore_errors=True)
                return _reused(request, final)
        manifest = _manifest(request, run, renderer, result, stages.timings, started)
        (work / "run" / "manifest.json").write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
    except (PipelineError, KeyboardInterrupt, Exception) as error:
        _keep_failed(request.output_dir, work, error)
        raise

    def archive_run() -> bool:
        try:
            return archive.place_and_index(work / "run", final, request.output_dir)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    placed = stages.run("archive", "Archiving the run and updating the index", archive_run)
    for line in set_aside_lines(result["set_aside"]):
        log.info("%s", line)
    log.info("Done in %.1f s", time.perf_counter() - clock)
    return RunResult(request.period, final, reused=not placed, pdf=renderer is not None)


def _installed_renderer() -> str | None:
    """The PDF renderer's name as :func:`pipeline.publish.render.pdf_renderer` gives it, from the
    installed package's metadata (no import); None when WeasyPrint is not installed."""
    try:
        return f"weasyprint {metadata.version('weasyprint')}"
    except metadata.PackageNotFoundError:
        return None
