"""A full disk while the real ``python -m pipeline report`` runs or archives.

The output folder is on a real, small filesystem (a tmpfs, see :mod:`tests.small_disk`): too
small for a run, or filled up once one paper is archived. The run must stop with one plain
message and exit status 2, no traceback, and leave the archive (its run folders and its index)
exactly as it was.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.paths import DEFAULT_DATA, PROJECT_ROOT
from tests.conftest import SAMPLE_PERIOD
from tests.small_disk import fill, small_disk

pytestmark = pytest.mark.e2e

FULL = re.compile(r"Error: The disk is full( \(.* could not be written\))?: nothing was archived, ")


def _report(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "report",
            "--period",
            SAMPLE_PERIOD,
            "--data",
            str(DEFAULT_DATA),
            "--output",
            str(out),
            *extra,
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _archive(out: Path) -> dict[str, bytes]:
    """Every file of the archive (work and failed runs' folders aside), with its bytes."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.relative_to(out).parts[0].startswith(".")
    }


def _stopped_plainly(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 2, done.stderr
    assert [line for line in done.stderr.splitlines() if FULL.match(line)], done.stderr
    assert "Traceback" not in done.stderr
    assert "Paper archived" not in done.stdout


@pytest.mark.parametrize("size", ["200k", "600k"])
def test_a_disk_too_small_for_the_run_stops_it_plainly(tmp_path, size):
    # 200 KB fills while the data is read; 600 KB while the paper is made (a run takes ~900 KB).
    with small_disk(tmp_path / "disk", size) as disk:
        done = _report(disk / "out")
        _stopped_plainly(done)
        assert _archive(disk / "out") == {}


def test_a_disk_that_fills_up_leaves_the_archive_as_it_was(tmp_path):
    with small_disk(tmp_path / "disk", "4m") as disk:
        out = disk / "out"
        first = _report(out)
        assert first.returncode == 0, first.stderr
        before = _archive(out)
        assert "index.csv" in before
        fill(disk, leave=300_000)
        done = _report(out, "--meeting-date", "2007-03-01")  # a new paper, a new run
        _stopped_plainly(done)
        assert _archive(out) == before
