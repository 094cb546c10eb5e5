"""The lab kernel's extension: fresh modules after an edit, the console's plain errors."""

from __future__ import annotations

import os

import pytest

from pipeline.errors import InputError, ParameterError
from pipeline.install import lab_kernel


class Shell:
    """What the extension uses of IPython's shell, recording what it was asked to show."""

    def __init__(self) -> None:
        self.user_ns: dict = {}
        self.plain: list[tuple] = []
        self.full: list[tuple] = []

    def _showtraceback(self, etype, value, lines):
        self.plain.append((etype.__name__, str(value), lines))

    def showtraceback(self, exc_tuple, tb_offset=None, running_compiled_code=False):
        self.full.append(exc_tuple)


def _raised(error: BaseException, namespace: dict | None = None):
    """``error`` as raised by code run in ``namespace`` (a cell's, or a module's)."""
    namespace = {} if namespace is None else namespace
    namespace["error"] = error
    try:
        exec("raise error", namespace)
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__
    raise AssertionError("not raised")


class TestPlainErrors:
    def test_a_pipeline_error_shows_as_the_consoles_lines_without_traceback(self, monkeypatch):
        monkeypatch.delenv("CCI_DEBUG", raising=False)
        shell = Shell()
        error = InputError(["activity_register.csv: no column 'end_date'.", "Two problems."])
        lines = lab_kernel.plain_errors(shell, *_raised(error))
        assert lines == [
            "Error: activity_register.csv: no column 'end_date'.",
            "Error: Two problems.",
        ]
        # Still an error, with its own name and message (papermill reports those).
        assert shell.plain == [("InputError", str(error), lines)]
        assert shell.full == []

    def test_cci_debug_shows_the_traceback(self, monkeypatch):
        monkeypatch.setenv("CCI_DEBUG", "1")
        shell = Shell()
        assert lab_kernel.plain_errors(shell, *_raised(ParameterError("Bad period."))) is None
        assert shell.plain == []
        assert len(shell.full) == 1

    def test_other_errors_keep_their_traceback(self, monkeypatch):
        monkeypatch.delenv("CCI_DEBUG", raising=False)
        shell = Shell()
        lab_kernel.plain_errors(shell, *_raised(ZeroDivisionError("division by zero")))
        assert shell.plain == []
        assert shell.full[0][0] is ZeroDivisionError

    def test_a_name_an_earlier_cell_sets_says_which_cell_to_run(self, monkeypatch):
        monkeypatch.delenv("CCI_DEBUG", raising=False)
        monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
        shell = Shell()
        raised = _raised(NameError("name 'paper' is not defined", name="paper"), shell.user_ns)
        [line] = lab_kernel.plain_errors(shell, *raised)
        # notebooks/03_paper.ipynb sets `paper` in the cell that starts with this import.
        assert "'paper' is not set yet" in line
        assert "`from pipeline.paper.paper import Paper`" in line
        assert "Run > Run All Cells" in line

    def test_a_misspelt_name_or_one_inside_the_pipeline_keeps_its_traceback(self, monkeypatch):
        monkeypatch.delenv("CCI_DEBUG", raising=False)
        shell = Shell()
        misspelt = _raised(NameError("name 'papr' is not defined", name="papr"), shell.user_ns)
        lab_kernel.plain_errors(shell, *misspelt)
        inside = _raised(NameError("name 'paper' is not defined", name="paper"), {})
        lab_kernel.plain_errors(shell, *inside)
        assert shell.plain == []
        assert len(shell.full) == 2

    def test_only_the_notebook_jupyterlab_runs_is_searched(self, tmp_path, monkeypatch):
        monkeypatch.delenv("CCI_DEBUG", raising=False)
        own = tmp_path / "my analysis.ipynb"
        own.write_text(
            '{"cells": [{"cell_type": "code", "source": ["total = 1\\n"]}], "metadata": {}}'
        )
        monkeypatch.setenv("JPY_SESSION_NAME", str(own))
        shell = Shell()
        # `paper` is set in notebook 03, not in the analyst's own notebook: a real fault there.
        lab_kernel.plain_errors(shell, *_raised(NameError("paper", name="paper"), shell.user_ns))
        assert shell.plain == []
        [line] = lab_kernel.plain_errors(
            shell, *_raised(NameError("total", name="total"), shell.user_ns)
        )
        assert "The cell above that begins `total = 1` sets it" in line


class TestBoundNames:
    def test_assignments_imports_and_definitions(self):
        source = "import pandas as pd\nfrom a.b import C\nx, y = 1, 2\ndef f():\n    z = 3\n"
        assert lab_kernel._bound_names(source) == {"pd", "C", "x", "y", "f"}

    def test_code_that_does_not_parse_sets_nothing(self):
        assert lab_kernel._bound_names("%matplotlib inline") == set()


class TestFreshPipeline:
    @pytest.mark.parametrize("name", ["thresholds.py", "summary.html.j2", "paper.css"])
    def test_an_edit_forgets_the_modules_before_the_next_cell(self, tmp_path, monkeypatch, name):
        forgotten = []
        monkeypatch.setattr(lab_kernel, "forget_pipeline", lambda: forgotten.append(1))
        edited = tmp_path / "spec" / name
        edited.parent.mkdir()
        edited.write_text("FEEDBACK_DAYS = 84\n")
        (tmp_path / "notes.txt").write_text("not watched")
        before_cell = lab_kernel.FreshPipeline(tmp_path)
        before_cell()
        (tmp_path / "notes.txt").write_text("not watched, changed")
        before_cell()
        assert forgotten == []
        edited.write_text("FEEDBACK_DAYS = 56\n")
        stat = edited.stat()
        os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
        before_cell()
        assert forgotten == [1]
        before_cell()  # nothing changed since
        assert forgotten == [1]
