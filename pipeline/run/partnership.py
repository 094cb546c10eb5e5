"""The one entry point behind ``make partnership``: check, execute, render, archive.

:func:`run_partnership` checks the parameters and the partnership's folder before any notebook
runs, executes the three partnership notebooks with papermill (each in a fresh kernel, started
the normal Jupyter way, handing data on through files in the run's working folder), renders the
paper as HTML, PDF and Word, and archives the run under
``<OUTPUT>/partnership/<PERIOD>/<run id>/`` in one rename, as the council's paper is archived:
the run id comes from the inputs, the parameters and the code; a repeat run finds the archived
paper; nothing archived is overwritten; a failed run leaves the archive as it was.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

from pipeline.errors import InputError, ParameterError, PipelineError, RunError, StrictModeError
from pipeline.paths import NOTEBOOKS
from pipeline.publish import archive
from pipeline.run.console import RunResult, Stages, set_aside_lines, shown
from pipeline.spec.contract import PAPER_TEMPLATE_FILE
from pipeline.spec.period import Period, check_coverage, meeting_for, parse_period

log = logging.getLogger("pipeline.run.report")

KIND = "partnership"  # the archive's folder for partnership papers, and the index's kind
NOTEBOOK_ORDER = (
    "partnership_01_ingest.ipynb",
    "partnership_02_measures.ipynb",
    "partnership_03_paper.ipynb",
)
STAGE_COUNT = 9
KERNEL_ENV = {"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
# Errors of the data or the parameters raised in a notebook: the officer gets their message.
PASSED_THROUGH = {e.__name__: e for e in (InputError, StrictModeError, ParameterError)}


@dataclass(frozen=True)
class PartnershipRequest:
    """One partnership paper's checked parameters, and what identifies its run."""

    period: Period
    meeting: date | None
    strict: bool
    data_dir: Path
    output_dir: Path
    hashes: list[tuple[str, str]]
    code: archive.CodeVersion
    author: str

    @property
    def parameters(self) -> dict[str, object]:
        return {
            "kind": KIND,
            "period": str(self.period),
            "meeting_date": self.meeting.isoformat() if self.meeting else None,
            "strict": bool(self.strict),
        }

    def run_folder(self, renderer: str | None) -> tuple[str, Path]:
        run = archive.run_id(self.hashes, self.parameters, self.code.digest, renderer or "html")
        return run, archive.run_folder(self.output_dir / KIND, str(self.period), run)


def _meeting(text: str | None) -> date | None:
    if not text or not str(text).strip():
        return None
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        msg = f"The meeting date '{text}' is not a date in the form YYYY-MM-DD (e.g. 2007-03-20)."
        raise ParameterError(msg) from None


def check_request(
    period_text: str, meeting_date: str | None, strict: bool, data_dir: Path, output_dir: Path
) -> PartnershipRequest:
    """Every check that can stop a run before any notebook runs."""
    from pipeline.ingest.partners import preflight_partnership

    data_dir, output_dir = Path(data_dir).resolve(), Path(output_dir).resolve()
    period = parse_period(period_text)
    meeting = _meeting(meeting_date)
    if not data_dir.is_dir():
        raise ParameterError(f"The data folder '{data_dir}' does not exist or is not a folder.")
    if output_dir.exists() and not output_dir.is_dir():
        raise ParameterError(f"The output folder '{output_dir}' is a file, not a folder.")
    checked = preflight_partnership(data_dir)
    beyond = check_coverage(period, checked.council.coverage)
    if beyond:
        log.warning("Note: %s", beyond)
    _, unused = meeting_for(period, meeting, checked.settings.meeting_date)
    if unused:
        log.info("Note: %s", unused.replace("report.toml", "partnership.toml"))
    output_dir.mkdir(parents=True, exist_ok=True)
    hashes = [(name, archive.sha256_file(data_dir / name)) for name in checked.files]
    return PartnershipRequest(
        period,
        meeting,
        strict,
        data_dir,
        output_dir,
        hashes,
        archive.code_version(),
        checked.settings.author,
    )


def execute(notebook: str, work: Path, parameters: dict) -> None:
    """Execute one notebook with papermill into ``work/run/notebooks``, in a fresh kernel."""
    import os

    import papermill

    target = work / "run" / "notebooks" / notebook
    target.parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(KERNEL_ENV)
    try:
        papermill.execute_notebook(
            str(NOTEBOOKS / notebook),
            str(target),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            cwd=str(work),
            # The kernel's own start-up notes (that it talks over local TCP) are not the officer's
            # concern; the notebook's errors still reach the run.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    except papermill.PapermillExecutionError as error:
        if error.ename in PASSED_THROUGH:
            raise PASSED_THROUGH[error.ename](error.evalue.splitlines()) from error
        reason = f"{error.ename}: {error.evalue}" if error.evalue else error.ename
        msg = f"The notebook {notebook} failed at cell {error.exec_count}: {reason}"
        raise RunError(msg) from error


def _notebooks(request: PartnershipRequest, work: Path, stages: Stages) -> None:
    handoff = {"work_dir": str(work / "handoff")}
    steps = (
        (
            "ingest",
            "Reading the partners' records (notebook partnership_01_ingest)",
            {**handoff, "data_dir": str(request.data_dir), "strict": request.strict},
        ),
        (
            "measures",
            "Computing standards, clashes, duplicates and load (notebook partnership_02_measures)",
            {
                **handoff,
                "run_dir": str(work / "run"),
                "period": str(request.period),
                "meeting_date": request.meeting.isoformat() if request.meeting else None,
                "code_version": request.code.as_dict(),
            },
        ),
        ("paper", "Writing the paper (notebook partnership_03_paper)", handoff),
    )
    for (name, description, parameters), notebook in zip(steps, NOTEBOOK_ORDER, strict=True):
        stages.run(name, description, lambda n=notebook, p=parameters: execute(n, work, p))


def _render(request: PartnershipRequest, work: Path, stages: Stages) -> str | None:
    """The HTML paper, the web pages, the Word version and the PDF; the PDF renderer used."""
    import nbformat

    from pipeline.paper.partnership.contexts import title
    from pipeline.publish.render import pdf_renderer, render_html, render_pdf
    from pipeline.publish.word import render_docx

    run_dir = work / "run"
    paper_title = title(request.period)

    def html() -> None:
        executed = nbformat.read(run_dir / "notebooks" / NOTEBOOK_ORDER[2], as_version=4)
        executed.metadata["title"] = paper_title
        (run_dir / "report.html").write_text(render_html(executed), encoding="utf-8")

    stages.run("html", "Rendering the paper as HTML", html)
    stages.run("website", "Writing the joint web pages", lambda: _website(request, work))
    template = request.data_dir / "reference" / PAPER_TEMPLATE_FILE
    stages.run(
        "word",
        "Writing the Word version",
        lambda: render_docx(
            run_dir / "report.html",
            run_dir / "report.docx",
            title=paper_title,
            author=request.author,
            stamp=request.period.end.date(),
            template=template if template.is_file() else None,
        ),
    )
    renderer = pdf_renderer()
    if renderer is None:
        stages.announce("No PDF renderer: the HTML paper is archived without a PDF")
        return None
    stages.run(
        "pdf",
        "Printing the paper to PDF",
        lambda: render_pdf(run_dir / "report.html", run_dir / "report.pdf"),
    )
    return renderer


def _website(request: PartnershipRequest, work: Path) -> None:
    from pipeline.publish.partnership_website import write_partnership_website

    write_partnership_website(work / "handoff", work / "run", request.period)


def _manifest(
    request: PartnershipRequest,
    run: str,
    renderer: str | None,
    work: Path,
    stages: Stages,
    started: datetime,
) -> dict:
    summary = json.loads((work / "handoff" / "run_summary.json").read_text(encoding="utf-8"))
    return {
        "kind": KIND,
        "run_id": run,
        "parameters": {
            **request.parameters,
            "data_folder": str(request.data_dir),
            "output_folder": str(request.output_dir),
        },
        "inputs": summary["inputs"],
        "code": request.code.as_dict(),
        "packages": {name: _version(name) for name in ("pandas", "papermill", "weasyprint")},
        "pdf_renderer": renderer,
        "headline_ratings": summary["headline"],
        "set_aside": summary["set_aside"],
        "started": started.isoformat(timespec="seconds"),
        "ended": datetime.now(UTC).isoformat(timespec="seconds"),
        "stages_seconds": stages.timings,
    }


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _installed_renderer() -> str | None:
    try:
        return f"weasyprint {metadata.version('weasyprint')}"
    except metadata.PackageNotFoundError:
        return None


def run_partnership(
    period_text: str,
    *,
    data_dir: Path,
    output_dir: Path,
    meeting_date: str | None = None,
    strict: bool = False,
) -> RunResult:
    """Produce the partnership paper for one period and archive it (or find it archived)."""
    started, clock = datetime.now(UTC), time.perf_counter()
    stages = Stages(total=STAGE_COUNT)
    request = stages.run(
        "check",
        "Checking the parameters and the partnership's data folder",
        lambda: check_request(period_text, meeting_date, strict, data_dir, output_dir),
    )
    run, final = request.run_folder(_installed_renderer())
    if archive.is_archived(final):
        return RunResult(request.period, final, reused=True, pdf=(final / "report.pdf").is_file())
    work = archive.new_work_folder(request.output_dir, run)
    try:
        _notebooks(request, work, stages)
        renderer = _render(request, work, stages)
        if renderer is None:  # installed but would not load: an HTML-only run, named so
            run, final = request.run_folder(None)
        manifest = _manifest(request, run, renderer, work, stages, started)
        (work / "run" / "manifest.json").write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
    except (PipelineError, KeyboardInterrupt, Exception) as error:
        kept = archive.keep_failed(request.output_dir, work)
        where = f"What the run left is in {shown(kept)} (nothing was archived)."
        if isinstance(error, PipelineError):
            error.problems.append(where)
        else:
            log.error("%s", where)
        raise

    def archive_run() -> bool:
        placed = archive.place(work / "run", final)
        shutil.rmtree(work, ignore_errors=True)
        archive.write_index(request.output_dir)
        return placed

    placed = stages.run("archive", "Archiving the run and updating the index", archive_run)
    for line in set_aside_lines(manifest["set_aside"]):
        log.info("%s", line)
    log.info("Done in %.1f s", time.perf_counter() - clock)
    return RunResult(request.period, final, reused=not placed, pdf=renderer is not None)
