"""The first kernel started while the data folder is checked: only when the run cannot be a
repeat, and let go without a trace when the run stops."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from pipeline.run import report
from tests.unit import factories as f


class FakeZygote:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


class FakeKernel:
    started: ClassVar[list[Path]] = []

    def __init__(self, notebook: str, work: Path, zygote: FakeZygote) -> None:
        self.work, self.zygote, self.discarded = work, zygote, False
        FakeKernel.started.append(work)

    def discard(self) -> None:
        self.discarded = True


@pytest.fixture
def fake_kernel(monkeypatch):
    FakeKernel.started = []
    monkeypatch.setattr(report, "PrestartedKernel", FakeKernel)
    monkeypatch.setattr(report, "start_zygote", lambda work: FakeZygote())


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


class TestEarlyStart:
    def test_a_period_with_nothing_archived_starts_its_kernel_in_a_work_folder(
        self, tmp_path, fake_kernel
    ):
        early = report._EarlyStart()
        early.start(f.PERIOD, tmp_path)
        assert FakeKernel.started == [early.work]
        assert early.work.parent == tmp_path / ".tmp"

    def test_a_period_with_an_archived_paper_starts_nothing(self, tmp_path, fake_kernel):
        archived = tmp_path / str(f.PERIOD) / "abc123"
        archived.mkdir(parents=True)
        (archived / "manifest.json").write_text("{}", encoding="utf-8")
        early = report._EarlyStart()
        early.start(f.PERIOD, tmp_path)
        assert FakeKernel.started == []
        assert early.work is None
        early.let_go()  # nothing to let go

    def test_let_go_leaves_the_output_folder_as_it_was(self, tmp_path, fake_kernel):
        (tmp_path / "index.html").write_text("archive", encoding="utf-8")
        before = files_under(tmp_path)
        early = report._EarlyStart()
        early.start(f.PERIOD, tmp_path)
        kernel = early.kernel
        early.let_go()
        assert kernel.discarded
        assert kernel.zygote.closed
        assert files_under(tmp_path) == before

    def test_an_existing_tmp_folder_is_kept(self, tmp_path, fake_kernel):
        (tmp_path / ".tmp").mkdir()
        early = report._EarlyStart()
        early.start(f.PERIOD, tmp_path)
        early.let_go()
        assert files_under(tmp_path) == [".tmp"]
