"""Tests for pipeline.run.notebooks: a kernel that dies as it starts is started again."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import RunError
from pipeline.run import notebooks


class Papermill:
    """papermill as the run calls it, whose kernel dies as it starts the first ``dies`` times."""

    def __init__(self, dies: int) -> None:
        self.dies = dies
        self.calls = 0

    def execute_notebook(self, *args: object, **kwargs: object) -> None:
        self.calls += 1
        if self.calls <= self.dies:
            raise RuntimeError("Kernel died before replying to kernel_info")


class TestKernelStarts:
    def test_a_kernel_that_dies_as_it_starts_is_started_again(self):
        papermill = Papermill(dies=notebooks.KERNEL_STARTS - 1)
        notebooks._execute(papermill, Path("01.ipynb"), Path("out.ipynb"), {}, {})
        assert papermill.calls == notebooks.KERNEL_STARTS

    def test_a_kernel_that_never_starts_is_a_plain_stop(self):
        papermill = Papermill(dies=notebooks.KERNEL_STARTS)
        with pytest.raises(RunError, match=r"01\.ipynb stopped as it started, 3 times"):
            notebooks._execute(papermill, Path("01.ipynb"), Path("out.ipynb"), {}, {})
        assert papermill.calls == notebooks.KERNEL_STARTS

    def test_any_other_failure_is_not_tried_again(self):
        class Broken(Papermill):
            def execute_notebook(self, *args: object, **kwargs: object) -> None:
                self.calls += 1
                raise RuntimeError("Kernel didn't respond in 60 seconds")

        papermill = Broken(dies=0)
        with pytest.raises(RuntimeError, match="respond"):
            notebooks._execute(papermill, Path("01.ipynb"), Path("out.ipynb"), {}, {})
        assert papermill.calls == 1
