"""The one entry point behind ``make report`` and ``make partnership``: check, produce, archive.

:func:`run_report` checks the parameters and the data folder before any notebook runs, works
out the run id, and either finds the paper already archived or produces it (for the council's
paper :mod:`pipeline.run.produce`: the notebooks in ``notebooks/`` run by papermill one after
another, each in a fresh kernel, then the HTML, PDF and Word versions and the web pages),
writes the manifest and archives the run in one rename. A :class:`Kind` says what differs for
the partnership's paper (:mod:`pipeline.run.partnership`): its folder in the archive, how its
data folder is checked and how it is produced.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

from pipeline.errors import ParameterError, PipelineError
from pipeline.publish import archive, provenance
from pipeline.run.console import RunResult, Stages, set_aside_lines, shown
from pipeline.run.produce import produce
from pipeline.spec.checks import check_against_data, check_parameters
from pipeline.spec.period import Period

log = logging.getLogger(__name__)

STAGE_COUNT = 9  # what the console numbers "[n/9]"


def _check_folders(data_dir: Path, output_dir: Path) -> None:
    """The folders, before anything is read or made."""
    problems = []
    if not data_dir.is_dir():
        problems.append(f"The data folder '{data_dir}' does not exist or is not a folder.")
    if output_dir.exists() and not output_dir.is_dir():
        problems.append(f"The output folder '{output_dir}' is a file, not a folder.")
    if problems:
        raise ParameterError(problems)


def _make_output_folder(output_dir: Path) -> None:
    """The output folder, made once the data folder has passed its checks."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        msg = f"The output folder '{output_dir}' cannot be created."
        raise ParameterError(msg) from None
    if not os.access(output_dir, os.W_OK | os.X_OK):
        msg = (
            f"The output folder '{output_dir}' cannot be written to. "
            "Choose another with OUTPUT=folder or ask for write access."
        )
        raise ParameterError(msg)


@dataclass(frozen=True)
class Kind:
    """A kind of paper: the council's own, or the partnership's.

    ``folder``: where its runs go in the archive ("" for the council's paper, at the top);
    ``settings_file``: the file in ``reference/`` that gives its meeting date;
    ``check``: its data folder's pre-flight check, giving the files it reads, the paper's
    settings and the months the records cover (see :func:`pipeline.ingest.load.preflight`);
    ``produce``: what makes its outputs in a work folder, returning the run's summary and
    whether the PDF was made (see :func:`pipeline.run.produce.produce`).
    """

    name: str
    folder: str
    settings_file: str
    check: Callable[[Path], object]
    produce: Callable[[_Request, Path, Stages, str | None], tuple[dict, bool]]


def _council_check(data_dir: Path) -> object:
    from pipeline.ingest.load import preflight  # pandas and the readers: not for a bad period

    return preflight(data_dir)


COUNCIL = Kind("council", "", "report.toml", _council_check, produce)


@dataclass(frozen=True)
class _Request:
    """One report's checked parameters, and what identifies its run."""

    kind: Kind
    period: Period
    meeting: date | None
    strict: bool
    data_dir: Path
    output_dir: Path
    hashes: list[tuple[str, str]]
    code: provenance.CodeVersion
    author: str  # the paper's author, as report.toml gives it: the Word version's too

    @property
    def parameters(self) -> dict[str, object]:
        kind = {"kind": self.kind.name} if self.kind.folder else {}
        return {
            **kind,
            "period": str(self.period),
            "meeting_date": self.meeting.isoformat() if self.meeting else None,
            "strict": bool(self.strict),
        }

    def run_folder(self, renderer: str | None) -> tuple[str, Path]:
        """The run id and archive folder of this report made with ``renderer``."""
        run = archive.run_id(
            self.hashes, self.parameters, self.code.digest, renderer or "html only"
        )
        folder = self.output_dir / self.kind.folder if self.kind.folder else self.output_dir
        return run, archive.run_folder(folder, str(self.period), run)


def check_request(
    period_text: str,
    meeting_date: str | None,
    strict: bool,
    data_dir: Path,
    output_dir: Path,
    kind: Kind = COUNCIL,
) -> _Request:
    """Every check that can stop a run before any notebook runs."""
    data_dir, output_dir = Path(data_dir).resolve(), Path(output_dir).resolve()
    period, meeting = check_parameters(period_text, meeting_date)
    _check_folders(data_dir, output_dir)
    checked = kind.check(data_dir)
    _make_output_folder(output_dir)
    check_against_data(
        period, meeting, checked.coverage, checked.settings.meeting_date, kind.settings_file
    )
    hashes = [(name, provenance.sha256_file(data_dir / name)) for name in checked.files]
    return _Request(
        kind,
        period,
        meeting,
        strict,
        data_dir,
        output_dir,
        hashes,
        provenance.code_version(),
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
        "kind": request.kind.name,
        "run_id": run,
        "parameters": {
            **request.parameters,
            "data_folder": str(request.data_dir),
            "output_folder": str(request.output_dir),
        },
        "inputs": result["inputs"],
        "code": request.code.as_dict(),
        "packages": provenance.package_versions(),
        "environment_lock": provenance.environment_lock(),
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
    kind: Kind = COUNCIL,
) -> RunResult:
    """Produce the paper for one period and archive it; reuse the archived one if unchanged."""
    started, clock = datetime.now(UTC), time.perf_counter()
    stages = Stages(total=STAGE_COUNT)
    request = stages.run(
        "check",
        "Checking the parameters and the data folder",
        lambda: check_request(period_text, meeting_date, strict, data_dir, output_dir, kind),
    )
    run, final, renderer, reused = _archived_already(request)
    if reused:
        return reused
    work = archive.new_work_folder(request.output_dir, run)
    try:
        result, made_pdf = kind.produce(request, work, stages, renderer)
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
