"""Write the three notebooks in notebooks/ (committed without outputs).

The notebooks are sources in their own right and analysts edit them in
JupyterLab; this script only gives them a reproducible starting point.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def notebook(title: str, cells: list) -> nbformat.NotebookNode:
    nb = new_notebook(cells=cells)
    for number, cell in enumerate(nb.cells, start=1):
        cell["id"] = f"cell-{number:02d}"
    nb.metadata["kernelspec"] = KERNEL
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = title
    return nb


def parameters(source: str):
    return new_code_cell(source, metadata={"tags": ["parameters"]})


def code(source: str, *tags: str):
    return new_code_cell(source, metadata={"tags": list(tags)} if tags else {})


INGEST = notebook(
    "Ingest: read and validate the data folder",
    [
        new_markdown_cell(
            "# Ingest\n\nReads every file of the data folder by the data contract, sets aside rows that "
            "break it and hands typed frames on to the next notebook. Run by hand, it reads the sample "
            "data in `data/`."
        ),
        parameters("data_dir = None  # the data folder; None means the sample data in data/\n"
                   "work_dir = None  # where the frames are handed on; None means a preview folder\n"
                   "run_dir = None  # the run's archive folder; None means a preview folder\n"
                   "strict = False  # True stops on any set-aside row"),
        code("from pipeline import handoff\n\n"
             "work, run = handoff.folders(work_dir, run_dir)\n"
             "inputs = handoff.ingest(data_dir, strict=strict)\n"
             "inputs.save(work / \"inputs\")"),
        code("handoff.files_table(inputs)"),
        code("handoff.set_aside_summary(inputs)"),
    ],
)

PROGRESS = notebook(
    "Progress against the five priority areas",
    [
        new_markdown_cell(
            "# Progress against the five priority areas\n\nComputes every indicator of the spec for "
            "the period and its previous period, the action plan's status, clashes and who took part; "
            "writes `indicators.csv`, `clashes.csv` and `set_aside.csv` into the run folder."
        ),
        parameters('period = "2006-04..2007-01"  # YYYY-MM..YYYY-MM, YYYY-MM or YYYY/YY\n'
                   "work_dir = None\n"
                   "run_dir = None"),
        code("from pipeline import handoff\nfrom pipeline.period import parse_period\n"
             "from pipeline.progress import compute_progress, write_run_outputs\n\n"
             "work, run = handoff.folders(work_dir, run_dir)\n"
             "inputs = handoff.ingested(work_dir)\n"
             "progress = compute_progress(inputs, parse_period(period))\n"
             "progress.save(work / \"progress\")\n"
             "write_run_outputs(inputs, progress, run, work)"),
        code("progress.indicators"),
        code("progress.priority_areas"),
    ],
)

PAPER = notebook(
    "Corporate Consultation and Community Involvement (CCI) Framework Progress Report",
    [
        parameters('period = "2006-04..2007-01"\n'
                   "meeting_date = None  # YYYY-MM-DD; None uses report.toml\n"
                   "work_dir = None\n"
                   "run_dir = None"),
        code("from pipeline import handoff\nfrom pipeline.paper import Paper\nfrom pipeline.period import parse_period\n\n"
             "inputs = handoff.ingested(work_dir)\n"
             "progress = handoff.progress(work_dir, inputs, parse_period(period))\n"
             "paper = Paper.load(inputs, progress, period, meeting_date)"),
        code("paper.header()"),
        code("paper.summary()"),
        code("paper.recommendations()"),
        code("paper.scorecard()"),
        code("paper.action_plan()"),
        code("paper.achievements()"),
        code("paper.activity()"),
        code("paper.who_took_part()"),
        code("paper.what_people_said()"),
        code("paper.finance()"),
        code("paper.risks()"),
        code("paper.implications()"),
        code("paper.background()"),
        code("paper.appendix_definitions()"),
        code("paper.appendix_data_quality()"),
        code("paper.appendix_provenance()"),
    ],
)

if __name__ == "__main__":
    for name, nb in (("01_ingest", INGEST), ("02_progress", PROGRESS), ("03_paper", PAPER)):
        nbformat.write(nb, ROOT / "notebooks" / f"{name}.ipynb")
