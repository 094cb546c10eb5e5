"""Tests for pipeline.run.produce: which kernel runs at which priority while the notebooks run."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from pipeline.run import priority, produce
from pipeline.run.console import Stages
from tests.unit import factories as f


class FakeZygote:
    def __init__(self, log: list) -> None:
        self.log = log

    def finish(self) -> None:
        self.log.append("no more kernels")

    def close(self) -> None:
        self.log.append("zygote closed")


class FakeKernel:
    def __init__(self, notebook: str, work: Path, log: list) -> None:
        self.notebook, self.log = notebook, log
        self.nice = priority.NORMAL
        log.append(("start", notebook))

    def set_priority(self, nice: int) -> None:
        self.nice = nice

    def discard(self) -> None:
        pass


def _run(tmp_path, monkeypatch) -> list:
    log: list = []
    started: dict[str, FakeKernel] = {}

    zygote = FakeZygote(log)

    def kernel(notebook, work, forked_from):
        assert forked_from is zygote
        started[notebook] = FakeKernel(notebook, work, log)
        return started[notebook]

    def execute(notebook, work, parameters, kernel):
        # What every kernel started so far runs at while this notebook runs.
        log.append((notebook, {k: v.nice for k, v in started.items()}))

    monkeypatch.setattr(produce, "PrestartedKernel", kernel)
    monkeypatch.setattr(produce, "execute_notebook", execute)
    monkeypatch.setattr(
        produce, "_warm_up", lambda renderer, prepared: SimpleNamespace(join=lambda: None)
    )
    request = SimpleNamespace(
        data_dir=tmp_path,
        strict=False,
        meeting=None,
        period=f.PERIOD,
        code=SimpleNamespace(as_dict=lambda: {}),
    )
    produce.execute_notebooks(request, tmp_path, Stages(9), None, zygote=zygote)
    return log


class TestPriorities:
    def test_the_kernel_after_next_waits_until_it_is_the_next(self, tmp_path, monkeypatch):
        low, normal = priority.BACKGROUND, priority.NORMAL
        assert _run(tmp_path, monkeypatch) == [
            ("start", "01_ingest.ipynb"),
            ("start", "02_progress.ipynb"),
            ("start", "03_paper.ipynb"),
            "no more kernels",
            (
                "01_ingest.ipynb",
                {"01_ingest.ipynb": normal, "02_progress.ipynb": normal, "03_paper.ipynb": low},
            ),
            "no more kernels",
            (
                "02_progress.ipynb",
                {"01_ingest.ipynb": normal, "02_progress.ipynb": normal, "03_paper.ipynb": normal},
            ),
            "no more kernels",
            (
                "03_paper.ipynb",
                {"01_ingest.ipynb": normal, "02_progress.ipynb": normal, "03_paper.ipynb": normal},
            ),
            "zygote closed",
        ]
