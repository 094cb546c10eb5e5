"""Interrupted and concurrent runs of the real ``python -m pipeline report``.

Each run is a subprocess in its own session (process group), stopped the way an
officer's Ctrl-C (SIGINT to the foreground group), a shutdown (SIGTERM) or a killed
terminal (SIGKILL of the group) would, at every stage, chosen by watching its stage
lines on stderr. Afterwards the archive holds no partial paper, no process of the run
is left (its kernels, which Jupyter starts in sessions of their own, included), and the
next runs (two identical ones and a distinct one, started together, in the same
archive) all end well with a valid ``index.csv``. The same holds under a subreaper
ancestor (``tests/e2e/subreaper.py``), where a killed run's orphans are not handed to
init.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from pipeline.paths import PROJECT_ROOT
from pipeline.publish import archive
from pipeline.run.report import STAGE_COUNT
from tests.conftest import SAMPLE_PERIOD
from tests.e2e.subreaper import start_report
from tests.e2e.test_bad_inputs import assert_no_formula_cells

pytestmark = pytest.mark.e2e

# (name, stage line to wait for, seconds to wait after it)
KILL_POINTS = (
    ("preflight", f"[1/{STAGE_COUNT}]", 0.0),
    ("ingest", f"[2/{STAGE_COUNT}]", 1.5),
    ("progress", f"[3/{STAGE_COUNT}]", 1.5),
    # Notebook 03 running while this process writes the web pages.
    ("paper", f"[5/{STAGE_COUNT}]", 1.0),
    # The PDF printing here while a process of its own makes the Word version.
    ("rendering", f"[8/{STAGE_COUNT}]", 0.3),
)
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
# Under a subreaper, also as each kernel starts: ipykernel's own watch of its parent begins
# about a second into its start-up, and took a parent gone by then for no parent at all.
SUBREAPER_POINTS = (
    ("ingest-starting", f"[2/{STAGE_COUNT}]", 0.05),
    ("ingest", f"[2/{STAGE_COUNT}]", 1.5),
    ("progress-starting", f"[3/{STAGE_COUNT}]", 0.05),
    ("paper-starting", f"[5/{STAGE_COUNT}]", 0.05),
    ("rendering", f"[8/{STAGE_COUNT}]", 0.3),
)
LEFT_WITHIN = 15  # seconds a killed run's kernels may take to notice and end


class Run:
    """``python -m pipeline report`` in a new session; stderr read line by line as it comes."""

    def __init__(self, out: Path, *extra: str) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr: list[str] = []
        self.process = start_report(str(out), *extra)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.seen: dict[int, psutil.Process] = {}  # every process below the run, as it appears
        self._watching = True
        self._watcher = threading.Thread(target=self._watch, daemon=True)
        self._watcher.start()

    def _watch(self) -> None:
        run = psutil.Process(self.process.pid)
        while self._watching:
            try:
                for child in run.children(recursive=True):
                    self.seen.setdefault(child.pid, child)
            except psutil.Error:
                return
            time.sleep(0.05)

    def wait_for_a_process(self, timeout: float = 60) -> None:
        """Wait until the run has started a process (a kernel)."""
        deadline = time.monotonic() + timeout
        while not self.seen and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop_watching(self) -> None:
        self._watching = False
        self._watcher.join()

    def descendants_gone(self, timeout: float = LEFT_WITHIN) -> list[str]:
        """The command lines of the processes seen below the run that are still alive after
        ``timeout`` seconds (and then killed, so as not to leave them behind)."""
        deadline = time.monotonic() + timeout
        alive = list(self.seen.values())
        while alive and time.monotonic() < deadline:
            alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
            time.sleep(0.2)
        left = []
        for process in alive:
            with contextlib.suppress(psutil.Error):
                left.append(" ".join(process.cmdline()))
                process.kill()
        return left

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, marker: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                pytest.fail(f"the run ended before {marker!r}: {''.join(self.stderr)}")
            if marker in line:
                return

    def finish(self, timeout: float = 120) -> tuple[int, str, str]:
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        with self.process.stdout:
            out = self.process.stdout.read()
        rc = self.process.wait(timeout=timeout)
        self._reader.join(timeout=10)
        self.process.stderr.close()
        return rc, out, "".join(self.stderr)

    def group_gone(self, timeout: float = 15) -> bool:
        """No process of the run's group (papermill's kernels included) is left."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(0.2)
        os.killpg(self.process.pid, signal.SIGKILL)  # do not leave it behind
        return False


@dataclass(frozen=True)
class Killed:
    rc: int
    stdout: str
    stderr: str
    group_gone: bool
    left: list[str]  # the processes started below the run still alive afterwards
    kernels_seen: int
    archived: tuple[str, ...]  # what is under <out>/<period>/ afterwards
    index_exists: bool


def _command(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


def _archived(out: Path) -> tuple[str, ...]:
    folder = out / SAMPLE_PERIOD
    return tuple(sorted(p.name for p in folder.iterdir())) if folder.exists() else ()


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Killed]]:
    """Every (signal, point) kill, one after another, into the same archive."""
    out = tmp_path_factory.mktemp("killed") / "archive"
    results = {}
    for sig in SIGNALS:
        for name, marker, delay in KILL_POINTS:
            run = Run(out)
            run.wait_for(marker)
            if name != "preflight":
                run.wait_for_a_process()  # a kernel, however loaded the machine
            time.sleep(delay)
            run.stop_watching()
            os.killpg(run.process.pid, sig)
            rc, stdout, stderr = run.finish()
            kernels = sum("pipeline.run.kernel" in " ".join(_command(p)) for p in run.seen.values())
            results[f"{sig.name}-{name}"] = Killed(
                rc,
                stdout,
                stderr,
                run.group_gone(),
                run.descendants_gone(),
                kernels,
                _archived(out),
                (out / "index.csv").exists(),
            )
    return out, results


CASES = [f"{sig.name}-{name}" for sig in SIGNALS for name, _, _ in KILL_POINTS]


@pytest.mark.parametrize("case", CASES)
def test_killed_run_leaves_no_paper_and_no_process(killed, case):
    _, results = killed
    result = results[case]
    assert result.rc != 0, result.stderr
    assert result.archived == (), "a partial run reached the archive"
    assert not result.index_exists
    assert "Paper archived" not in result.stdout
    assert result.group_gone, "a process of the killed run is still running"
    assert result.left == [], "a process the run started is still running"


def test_the_kills_fell_while_kernels_ran(killed):
    """The check above means something: kernels were running when most kills fell."""
    _, results = killed
    assert results["SIGKILL-ingest"].kernels_seen >= 1
    assert results["SIGKILL-paper"].kernels_seen >= 1


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith(("SIGINT", "SIGTERM"))])
def test_interrupted_run_says_so_plainly(killed, case):
    result = killed[1][case]
    assert result.rc == 130, result.stderr
    assert "Interrupted: nothing was archived." in result.stderr.splitlines()
    # No traceback from the pipeline's own process (one would pass through cli.py). A
    # kernel interrupted mid-cell may log its own: its stderr is the terminal's.
    assert "pipeline/cli.py" not in result.stderr


def test_next_runs_after_kills_and_concurrent_runs_all_end_well(killed):
    """After every kill, three runs start together in that archive: two alike, one distinct."""
    out, _ = killed
    runs = [Run(out), Run(out), Run(out, "--meeting-date", "2007-03-01")]
    finished = [run.finish(timeout=180) for run in runs]

    for rc, _stdout, stderr in finished:
        assert rc == 0, stderr
        assert "Traceback" not in stderr
    same = sorted(f[1].split(" (")[0] for f in finished[:2])
    # One of the two alike runs archives, the other finds it archived.
    assert same == ["Nothing has changed since this paper was archived", "Paper archived"]
    archived = _archived(out)
    assert len(archived) == 2
    assert all(archive.is_archived(out / SAMPLE_PERIOD / name) for name in archived)

    with open(out / "index.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(archive.INDEX_COLUMNS)
    assert sorted(r["run_id"] for r in rows) == list(archived)
    assert all((out / r["paper"]).is_file() for r in rows)
    assert_no_formula_cells(out / "index.csv")


@pytest.mark.skipif(sys.platform != "linux", reason="a child subreaper is a Linux feature")
@pytest.mark.parametrize(
    ("name", "marker", "delay"), SUBREAPER_POINTS, ids=[k[0] for k in SUBREAPER_POINTS]
)
def test_no_kernel_is_left_under_a_subreaper(tmp_path, name, marker, delay):
    """Killed under a subreaper, the run's orphans go to it, not to init: they must still end."""
    done = subprocess.run(
        [
            *(sys.executable, "-m", "tests.e2e.subreaper", str(tmp_path / "out"), marker),
            *(str(delay), "starting" if name.endswith("-starting") else "running"),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["seen"], f"nothing ran below the run at {name}: {result['said']}"
    assert result["left"] == []
