"""The benchmark's floor: the fixed cost of the tools a run uses, with none of the run's work.

``python -m pipeline.bench floor WORK DATA PERIOD TIMINGS_JSON`` runs, in one fresh process:
the run's notebooks with every code cell emptied, executed by papermill with the same
parameters and options as a run (each in a fresh kernel started the normal way), then
nbconvert, the PDF, the Word version and the web pages on the empty paper, one after another.
"""

from __future__ import annotations

import copy
import json
import shutil
import time
from pathlib import Path

from pipeline.paths import NOTEBOOKS
from pipeline.run.notebooks import NOTEBOOK_ORDER

NOTEBOOK_STAGES = {
    "01_ingest.ipynb": "ingest",
    "02_progress.ipynb": "progress",
    "03_paper.ipynb": "paper",
}


def empty_notebook(notebook: dict) -> dict:
    """A copy of a notebook (as parsed JSON or NotebookNode) with every code cell's source emptied.

    Markdown cells, cell metadata (the ``parameters`` tag, so papermill injects its
    parameters in the same place) and notebook metadata are kept.
    """
    emptied = copy.deepcopy(notebook)
    for cell in emptied["cells"]:
        if cell["cell_type"] == "code":
            cell["source"] = ""
            cell["outputs"] = []
            cell["execution_count"] = None
    return emptied


def write_floor_notebooks(
    folder: Path, notebooks: Path = NOTEBOOKS, names: tuple[str, ...] = NOTEBOOK_ORDER
) -> list[Path]:
    """Write emptied copies of the council paper's notebooks (``names`` in ``notebooks``) into
    ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in (notebooks / name for name in names):
        target = folder / source.name
        notebook = json.loads(source.read_text(encoding="utf-8"))
        target.write_text(json.dumps(empty_notebook(notebook), indent=1), encoding="utf-8")
        written.append(target)
    return written


def run_floor(work: Path, data_dir: Path, period: str) -> dict[str, float]:
    """Execute the emptied notebooks as a run does, render the empty paper; time each step."""
    import nbformat
    import papermill

    from pipeline.paper.title import paper_title
    from pipeline.publish.provenance import code_version
    from pipeline.publish.render import render_html
    from pipeline.run.notebooks import notebook_parameters, papermill_options
    from pipeline.spec.period import parse_period

    sources = write_floor_notebooks(work / "floor_notebooks")
    executed = work / "run" / "notebooks"
    executed.mkdir(parents=True, exist_ok=True)
    parameters = notebook_parameters(
        work / "handoff",
        work / "run",
        data_dir=data_dir,
        strict=False,
        period=period,
        meeting_date=None,
        code_version=code_version().as_dict(),
    )
    timings: dict[str, float] = {}
    for source in sources:
        started = time.perf_counter()
        papermill.execute_notebook(
            str(source),
            str(executed / source.name),
            parameters=parameters.get(source.name, {}),
            **papermill_options(source.name, work),
        )
        timings[NOTEBOOK_STAGES.get(source.name, source.stem)] = time.perf_counter() - started
    started = time.perf_counter()
    paper = nbformat.read(executed / sources[-1].name, as_version=4)
    paper.metadata["title"] = paper_title(parse_period(period))
    html_path = work / "report.html"
    html_path.write_text(render_html(paper), encoding="utf-8")
    timings["html"] = time.perf_counter() - started
    timings |= _renderers(work, data_dir, period, html_path)
    return {name: round(seconds, 3) for name, seconds in timings.items()}


def empty_site(work: Path, data_dir: Path, period: str):
    """The web pages of a data folder with no records (``data_dir``'s reference files, every
    dataset a header row): what the floor writes the web pages from."""
    from pipeline.ingest.load import load_inputs
    from pipeline.publish.web_pages import Site
    from pipeline.spec.period import parse_period

    empty = work / "empty_data"
    shutil.copytree(data_dir / "reference", empty / "reference")
    for name in ("activity_register", "action_plan", "training_log"):
        with open(data_dir / f"{name}.csv", encoding="utf-8") as source:
            header = source.readline()
        (empty / f"{name}.csv").write_text(header, encoding="utf-8")
    return Site.of(load_inputs(empty), parse_period(period))


def _renderers(work: Path, data_dir: Path, period: str, html_path: Path) -> dict:
    """Each renderer on the empty paper: the PDF, the Word version and the web pages.

    ``setup`` is the time spent reading the empty data folder, which the floor's wall time leaves
    out.
    """
    from pipeline.publish.render import render_pdf
    from pipeline.publish.web_pages import write_website
    from pipeline.publish.word import render_docx
    from pipeline.spec.period import parse_period

    timings = {}
    started = time.perf_counter()
    render_pdf(html_path, work / "report.pdf")
    timings["pdf"] = time.perf_counter() - started
    started = time.perf_counter()
    end = parse_period(period).end.date()
    render_docx(html_path, work / "report.docx", title="Floor", author="Floor", stamp=end)
    timings["word"] = time.perf_counter() - started
    started = time.perf_counter()
    site = empty_site(work, data_dir, period)
    timings["setup"] = time.perf_counter() - started
    started = time.perf_counter()
    write_website(site, work / "run")
    timings["website"] = time.perf_counter() - started
    return timings
