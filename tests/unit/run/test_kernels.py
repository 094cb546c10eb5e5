"""Tests for pipeline.run.kernels: a notebook whose kernel dies is a plain stop."""

from __future__ import annotations

import nbformat
import pytest

from pipeline.errors import RunError
from pipeline.run import kernels


def _notebook(folder, name: str, *cells: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    parameters = nbformat.v4.new_code_cell("work_dir = None")
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells.insert(0, parameters)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, folder / name)


class TestExecuteNotebook:
    def test_a_kernel_that_dies_says_so_plainly(self, tmp_path, monkeypatch):
        notebooks = tmp_path / "notebooks"
        notebooks.mkdir()
        # As the kernel the system kills when it runs out of memory: gone without a word.
        _notebook(notebooks, "dies.ipynb", "import os\nos._exit(9)")
        monkeypatch.setattr(kernels, "NOTEBOOKS", notebooks)
        work = tmp_path / "work"
        with pytest.raises(RunError, match="stopped before it finished: most often it ran out"):
            kernels.execute_notebook("dies.ipynb", work, {"work_dir": str(work)})


class TestPrestartedKernelPriority:
    def test_a_priority_is_set_on_the_kernel_process_only_when_it_changes(self, monkeypatch):
        calls = []
        monkeypatch.setattr(
            kernels.priority, "set_priority", lambda pid, nice: calls.append((pid, nice))
        )
        kernel = object.__new__(kernels.PrestartedKernel)
        process = type("Process", (), {"pid": 4321})()
        kernel.manager = type(
            "Manager", (), {"provisioner": type("P", (), {"process": process})()}
        )()
        kernel.nice = kernels.priority.NORMAL
        kernel.set_priority(kernels.priority.NORMAL)
        kernel.set_priority(8)
        kernel.set_priority(8)
        kernel.set_priority(0)
        assert calls == [(4321, 8), (4321, 0)]
