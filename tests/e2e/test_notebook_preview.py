"""An analyst opens each notebook and runs it top to bottom with its default parameters."""

import papermill
import pytest

from pipeline.paths import NOTEBOOKS
from pipeline.run.kernels import NOTEBOOK_ORDER

pytestmark = pytest.mark.e2e


def test_each_notebook_runs_on_its_own_with_the_sample_data(tmp_path, monkeypatch):
    preview = tmp_path / "preview"
    monkeypatch.setenv("CCI_PREVIEW_DIR", str(preview))
    for name in NOTEBOOK_ORDER:
        executed = papermill.execute_notebook(
            str(NOTEBOOKS / name),
            str(tmp_path / name),
            kernel_name="python3",
            progress_bar=False,
            cwd=str(tmp_path),
        )
        errors = [
            o for c in executed.cells for o in c.get("outputs", []) if o["output_type"] == "error"
        ]
        assert errors == [], name
    assert (preview / "run" / "indicators.csv").is_file()
    paper = next(c for c in executed.cells if "paper.scorecard()" in c.source)
    assert "Scorecard" in paper.outputs[0]["data"]["text/html"]
