"""The analyst's loop in JupyterLab, driven as JupyterLab drives it: the lab's kernel spec, one
kernel per notebook, the cells run in order (Run All), on a fresh copy of the project whose
package is first on the kernel's path (the real pipeline/ is never edited)."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import papermill
import pytest

from pipeline.install import lab
from tests.e2e.lab_session import OpenNotebook, errors_of, fresh_clone, html_of

pytestmark = pytest.mark.e2e

NOTEBOOKS = ("01_ingest.ipynb", "02_progress.ipynb", "03_paper.ipynb")
PERIOD = "2006-04..2007-01"  # the notebooks' own default


@pytest.fixture
def clone(tmp_path):
    return fresh_clone(tmp_path / "clone")


@pytest.fixture
def opened(clone):
    notebooks = {}

    def open_notebook(name: str) -> OpenNotebook:
        notebooks[name] = notebooks.get(name) or OpenNotebook(clone, name)
        return notebooks[name]

    yield open_notebook
    for notebook in notebooks.values():
        notebook.close()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _feedback_row(html: str) -> tuple[str, str]:
    """PA4.1's name and value as notebook 02's scorecard shows them."""
    text = _text(html)
    found = re.search(r"Feedback within (\d+) weeks (\d+)%", text)
    assert found, text[:2000]
    return found.group(1), found.group(2)


def _command_line_feedback(clone) -> float:
    """PA4.1 as ``make indicators`` computes it from the same copy, in a process of its own."""
    printed = subprocess.run(
        [sys.executable, "-m", "pipeline", "indicators", "--period", PERIOD],
        cwd=clone,
        env={"PYTHONPATH": str(clone), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    row = next(r for r in csv.DictReader(io.StringIO(printed)) if r["indicator_id"] == "PA4.1")
    return float(row["value"])


def test_03_run_first_on_a_fresh_clone_writes_its_preview_and_links_it(clone, opened):
    assert not (clone / "output").exists()
    outputs = opened("03_paper.ipynb").run_all()
    assert errors_of(outputs) == []
    page = clone / "output" / "preview" / "report.html"
    assert "<main>" in page.read_text(encoding="utf-8")
    [link] = outputs[-1]
    # A link JupyterLab opens, relative to the notebook; the plain text names the file.
    assert 'href="../output/preview/report.html"' in link["data"]["text/html"]
    assert link["data"]["text/plain"].endswith(": output/preview/report.html")


def test_a_threshold_edit_shows_on_the_next_run_all_without_a_restart(clone, opened):
    for name in NOTEBOOKS:
        assert errors_of(opened(name).run_all()) == []
    weeks, before = _feedback_row(html_of(opened("02_progress.ipynb").run_all()[-1]))
    assert weeks == "12"
    thresholds = clone / "pipeline" / "spec" / "thresholds.py"
    text = thresholds.read_text(encoding="utf-8")
    thresholds.write_text(text.replace("FEEDBACK_DAYS = 84", "FEEDBACK_DAYS = 56"), "utf-8")

    weeks, after = _feedback_row(html_of(opened("02_progress.ipynb").run_all()[-1]))
    paper = opened("03_paper.ipynb").run_all()
    assert errors_of(paper) == []
    # What the preview shows is what the command line computes from the edited code.
    assert weeks == "8"
    assert after == f"{_command_line_feedback(clone):.0f}"
    assert after != before
    summary = _text(html_of(paper[3]))  # the parameters, the imports, the header, the summary
    assert (
        f"{after}% of the activities that closed told participants the outcome within 8 weeks"
        in summary
    )
    page = _text((clone / "output" / "preview" / "report.html").read_text(encoding="utf-8"))
    assert "Feedback within 12 weeks" not in page
    assert "Feedback within 8 weeks" in page
    assert (
        f"{after}% of the activities that closed told participants the outcome within 8 weeks"
        in page
    )


def test_a_period_past_the_data_stops_notebook_02_with_one_plain_line(opened):
    outputs = opened("02_progress.ipynb").run_all(period="2010-01")
    [error] = errors_of(outputs)
    assert error["traceback"] == [
        "Error: The period 2010-01..2010-01 ends after 2007-03, the last month the data folder "
        "covers (data_to in reference/report.toml). Choose a period that ends by 2007-03."
    ]
    assert len(outputs) == 2  # Run All stopped there: no scorecard of five Red areas


def test_a_notebook_run_from_the_middle_says_what_to_run_first(opened):
    [error] = errors_of([opened("03_paper.ipynb").run("paper.summary()")])
    assert error["ename"] == "NameError"
    assert error["traceback"] == [
        "Error: 'paper' is not set yet. The cell above that begins `from pipeline.paper.paper "
        "import Paper` sets it, and it has not run since the kernel started. Run the notebook "
        "from the top: Run > Run All Cells."
    ]


def test_papermill_still_reports_the_error_by_name_with_the_lab_kernel(clone, monkeypatch):
    lab.install_kernel(clone / ".kernel", sys.executable)
    monkeypatch.setenv("JUPYTER_PATH", str(clone / ".kernel" / "share" / "jupyter"))
    monkeypatch.setenv("PYTHONPATH", str(clone))
    monkeypatch.delenv("CCI_PREVIEW_DIR", raising=False)
    with pytest.raises(papermill.PapermillExecutionError) as stopped:
        papermill.execute_notebook(
            str(clone / "notebooks" / "02_progress.ipynb"),
            str(clone / "executed.ipynb"),
            parameters={"period": "2010-01"},
            kernel_name=lab.KERNEL_NAME,
            progress_bar=False,
            cwd=str(clone / "notebooks"),
        )
    assert stopped.value.ename == "ParameterError"
    assert stopped.value.evalue.startswith("The period 2010-01..2010-01 ends after 2007-03")


def test_03_alone_after_an_edit_works_the_figures_out_again_and_says_so(clone, opened):
    for name in NOTEBOOKS:
        assert errors_of(opened(name).run_all()) == []
    thresholds = clone / "pipeline" / "spec" / "thresholds.py"
    text = thresholds.read_text(encoding="utf-8")
    thresholds.write_text(text.replace("FEEDBACK_DAYS = 84", "FEEDBACK_DAYS = 56"), "utf-8")
    paper = opened("03_paper.ipynb").run_all()  # notebook 02 not run again
    assert errors_of(paper) == []
    said = "".join(o.get("text", "") for o in paper[1] if o["output_type"] == "stream")
    assert "Note: pipeline/ has changed since notebook 02 saved its figures" in said
    assert "told participants the outcome within 8 weeks" in _text(html_of(paper[3]))
