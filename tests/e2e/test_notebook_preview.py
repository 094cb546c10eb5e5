"""An analyst opens each notebook and runs it top to bottom, as in JupyterLab, with no run."""

import shutil

import papermill
import pytest

from pipeline.paths import DEFAULT_DATA, NOTEBOOKS
from pipeline.run.notebooks import NOTEBOOK_ORDER

pytestmark = pytest.mark.e2e


def _run(tmp_path, name: str, parameters: dict) -> papermill.execute_notebook:
    executed = papermill.execute_notebook(
        str(NOTEBOOKS / name),
        str(tmp_path / name),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    errors = [
        o for c in executed.cells for o in c.get("outputs", []) if o["output_type"] == "error"
    ]
    assert errors == [], name
    return executed


def test_a_folder_and_a_period_set_once_reach_every_notebook(tmp_path, monkeypatch):
    preview = tmp_path / "preview"
    monkeypatch.setenv("CCI_PREVIEW_DIR", str(preview))
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, data)
    toml = data / "reference" / "report.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("Rotherham Metropolitan", "Example"),
        encoding="utf-8",
    )
    first, second, third = NOTEBOOK_ORDER
    _run(tmp_path, first, {"data_dir": str(data)})
    progress = _run(tmp_path, second, {"period": "2007-01"})
    paper = _run(tmp_path, third, {})
    assert (preview / "run" / "indicators.csv").is_file()
    # Notebook 02 shows the scorecard as the paper shows it: rounded, with rating words.
    shown = next(c for c in progress.cells if "scorecard()" in c.source).outputs[0]["data"]
    assert "Scorecard: every indicator, January 2007" in shown["text/html"]
    assert "80.06" not in shown["text/html"]
    header = next(c for c in paper.cells if "paper.header()" in c.source).outputs[0]["data"]
    assert "Example Borough Council" in header["text/html"]  # the folder notebook 01 read
    # The preview page is rendered by the paper's own template and stylesheet.
    page = (preview / "report.html").read_text(encoding="utf-8")
    assert "<main>" in page
    assert ".org-name" in page  # the stylesheet, inlined
    assert "Framework Progress Report (January 2007)" in page  # the period notebook 02 set
    told = next(c for c in paper.cells if "preview_page" in c.source).outputs[0]["data"]
    assert str(preview / "report.html") in told["text/plain"]
