"""The committed notebooks are sources: no outputs, one parameters cell, thin cells."""

import json

import nbformat
import papermill
import pytest

from pipeline.paths import NOTEBOOKS
from pipeline.run.notebooks import NOTEBOOK_ORDER

NOTEBOOK_PATHS = [NOTEBOOKS / name for name in NOTEBOOK_ORDER]


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.name)
class TestCommittedNotebooks:
    def test_valid_by_the_notebook_format_schema(self, path):
        nbformat.validate(nbformat.read(path, as_version=4))

    def test_no_outputs_or_execution_counts(self, path):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        dirty = [i for i, c in enumerate(cells) if c.get("outputs") or c.get("execution_count")]
        assert dirty == [], (
            f"{path.name} was saved with outputs in cells {dirty}. Strip them with "
            f"`.venv/bin/python -m nbstripout notebooks/{path.name}`; `make lab` installs "
            "nbstripout as the git filter that does it on every commit."
        )

    def test_exactly_one_parameters_cell(self, path):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1

    def test_parameters_default_to_the_sample_data(self, path):
        parameters = papermill.inspect_notebook(str(path))
        assert parameters["work_dir"]["default"] == "None"
        if "run_dir" in parameters:
            assert parameters["run_dir"]["default"] == "None"

    def test_cells_are_thin(self, path):
        # Logic lives in pipeline/: no definitions or loops in a notebook.
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for keyword in ("def ", "class ", "for ", "while ", "lambda"):
            assert keyword not in code
