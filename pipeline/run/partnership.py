"""``make partnership``: the Partnership CCI Framework paper, made as the council's paper is.

The run is the council paper's (:func:`pipeline.run.report.run_report`: the same checks of the
parameters, run id, repeat run, manifest, archive and index), for the partnership :class:`Kind`:
its runs go under ``<OUTPUT>/partnership/<PERIOD>/<run id>/``, its data folder is checked as
the council's and then for the partners' files, and it is produced by the three partnership
notebooks (run by papermill in fresh kernels, as the council's are), then the HTML paper, the
joint web pages, the Word version and the PDF.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.run import report
from pipeline.run.console import Stages
from pipeline.run.notebooks import execute_notebook

if TYPE_CHECKING:
    from pipeline.run.report import _Request

NOTEBOOK_ORDER = (
    "partnership_01_ingest.ipynb",
    "partnership_02_measures.ipynb",
    "partnership_03_paper.ipynb",
)
NOTEBOOK_STAGES = (
    ("ingest", "Reading the partners' records (notebook partnership_01_ingest)"),
    ("measures", "Computing standards, clashes, duplicates and load (notebook partnership_02)"),
    ("paper", "Writing the paper (notebook partnership_03_paper)"),
)


class _Checked:
    """The partnership's pre-flight check as the shared run reads it: the files it reads, the
    paper's settings, and the months the council's records cover."""

    def __init__(self, data_dir: Path) -> None:
        from pipeline.ingest.partners import preflight_partnership

        checked = preflight_partnership(data_dir)
        self.files = checked.files
        self.settings = checked.settings
        self.coverage = checked.council.coverage


def _parameters(request: _Request, work: Path) -> dict[str, dict]:
    handoff = {"work_dir": str(work / "handoff")}
    return {
        NOTEBOOK_ORDER[0]: {**handoff, "data_dir": str(request.data_dir), "strict": request.strict},
        NOTEBOOK_ORDER[1]: {
            **handoff,
            "run_dir": str(work / "run"),
            "period": str(request.period),
            "meeting_date": request.meeting.isoformat() if request.meeting else None,
            "code_version": request.code.as_dict(),
        },
        NOTEBOOK_ORDER[2]: handoff,
    }


def _render(request: _Request, work: Path, stages: Stages, renderer: str | None) -> bool:
    """The HTML paper, the joint web pages, the Word version and the PDF; whether the PDF was
    made."""
    import nbformat

    from pipeline.paper.partnership.contexts import title
    from pipeline.publish.partnership_website import write_partnership_website
    from pipeline.publish.render import pdf_renderer, render_html, render_pdf
    from pipeline.publish.word import render_docx
    from pipeline.spec.contract import PAPER_TEMPLATE_FILE

    run_dir = work / "run"
    paper_title = title(request.period)

    def html() -> None:
        executed = nbformat.read(run_dir / "notebooks" / NOTEBOOK_ORDER[2], as_version=4)
        executed.metadata["title"] = paper_title
        (run_dir / "report.html").write_text(render_html(executed), encoding="utf-8")

    stages.run("html", "Rendering the paper as HTML", html)
    stages.run(
        "website",
        "Writing the joint web pages",
        lambda: write_partnership_website(work / "handoff", run_dir, request.period),
    )
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
    if not (renderer and pdf_renderer()):
        stages.announce("No PDF renderer: the HTML paper is archived without a PDF")
        return False
    stages.run(
        "pdf",
        "Printing the paper to PDF",
        lambda: render_pdf(run_dir / "report.html", run_dir / "report.pdf"),
    )
    return True


def _produce(
    request: _Request, work: Path, stages: Stages, renderer: str | None
) -> tuple[dict, bool]:
    import json

    given = _parameters(request, work)
    for notebook, (name, description) in zip(NOTEBOOK_ORDER, NOTEBOOK_STAGES, strict=True):
        stages.run(
            name, description, functools.partial(execute_notebook, notebook, work, given[notebook])
        )
    made_pdf = _render(request, work, stages, renderer)
    summary = json.loads((work / "handoff" / "run_summary.json").read_text(encoding="utf-8"))
    return summary, made_pdf


PARTNERSHIP = report.Kind("partnership", "partnership", "partnership.toml", _Checked, _produce)

run_partnership = functools.partial(report.run_report, kind=PARTNERSHIP)
check_request = functools.partial(report.check_request, kind=PARTNERSHIP)
