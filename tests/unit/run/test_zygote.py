"""Tests for pipeline.run.zygote: kernels forked from a process that has imported what they need
are fresh kernels all the same, in their own folder, session and environment, and end as the
run's own children."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from pipeline.errors import RunError
from pipeline.paths import PROJECT_ROOT
from pipeline.run import kernels, zygote
from tests.unit.run.test_kernels import _notebook

pytestmark = pytest.mark.skipif(not zygote.supported(), reason="kernels are forked on Linux only")

# What the kernel reports about itself, as one JSON line.
REPORT = """
import json, os, sys
print(json.dumps({
    "pid": os.getpid(),
    "parent": os.getppid(),
    "session_leader": os.getsid(0) == os.getpid(),
    "cwd": os.getcwd(),
    "hash_seed": os.environ.get("PYTHONHASHSEED"),
    "hash": hash("cci"),
    "pandas_imported": "pandas" in sys.modules,
    "names": sorted(n for n in globals() if not n.startswith("_")),
}))
"""


def _subreaper() -> bool:
    """Whether this process is a subreaper (Linux's PR_GET_CHILD_SUBREAPER)."""
    flag = ctypes.c_int()
    assert ctypes.CDLL(None).prctl(37, ctypes.byref(flag), 0, 0, 0) == 0
    return bool(flag.value)


def _reported(executed) -> dict:
    notebook = nbformat.read(executed, as_version=4)
    (output,) = notebook.cells[-1].outputs
    return json.loads(output.text)


@pytest.fixture
def notebooks(tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    monkeypatch.setattr(kernels, "NOTEBOOKS", folder)
    return folder


def _work(tmp_path, name="work"):
    work = tmp_path / name
    work.mkdir()
    return work


class TestForkedKernels:
    def test_a_forked_kernel_is_a_fresh_kernel_in_its_own_folder_and_session(
        self, tmp_path, notebooks
    ):
        _notebook(notebooks, "report.ipynb", REPORT)
        work = _work(tmp_path)
        forks = kernels.start_zygote(work)
        assert forks is not None
        try:
            kernel = kernels.PrestartedKernel("report.ipynb", work, forks)
            assert isinstance(kernel.manager.provisioner.process, zygote.ForkedProcess)
            kernels.execute_notebook("report.ipynb", work, {"work_dir": None}, kernel)
        finally:
            forks.close()
        seen = _reported(work / "run" / "notebooks" / "report.ipynb")
        assert seen["pid"] not in (os.getpid(), forks._process.pid)
        assert seen["session_leader"]
        assert seen["cwd"] == str(work)
        assert seen["hash_seed"] == "0"  # the kernels' environment (KERNEL_ENV)
        # ... and in effect: strings hash as in a Python started with it (sets keep their order).
        started = subprocess.run(
            [sys.executable, "-c", "print(hash('cci'))"],
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert seen["hash"] == int(started.stdout)
        assert seen["pandas_imported"]  # forked after the zygote's imports
        # A fresh namespace: only the parameter the notebook itself sets (and IPython's own).
        assert "work_dir" in seen["names"]
        assert "pandas" not in seen["names"]

    def test_a_folder_renamed_before_the_fork_is_still_the_kernels_folder(
        self, tmp_path, notebooks
    ):
        _notebook(notebooks, "report.ipynb", "import os\nos.write(2, b'to the log\\n')", REPORT)
        work = _work(tmp_path, "checking")
        forks = kernels.start_zygote(work)
        try:
            kernel = kernels.PrestartedKernel("report.ipynb", work, forks)
            renamed = tmp_path / "run-id"
            work.rename(renamed)  # as the early start's work folder is, once the run is known
            kernels.execute_notebook("report.ipynb", renamed, {"work_dir": None}, kernel)
        finally:
            forks.close()
        assert _reported(renamed / "run" / "notebooks" / "report.ipynb")["cwd"] == str(renamed)
        # What the kernel process itself writes goes to its log, in the renamed folder.
        log = (renamed / "kernel-logs" / "report.log").read_text(encoding="utf-8")
        assert "to the log" in log

    def test_kernels_outlive_the_zygote_as_children_of_the_run(self, tmp_path, notebooks):
        _notebook(notebooks, "report.ipynb", REPORT)
        work = _work(tmp_path)
        forks = kernels.start_zygote(work)
        assert _subreaper()
        first = kernels.PrestartedKernel("report.ipynb", work, forks)
        second = kernels.PrestartedKernel("report.ipynb", work, forks)
        forks.close()  # no more kernels: the zygote ends
        assert forks._process.returncode == 0
        unused = second.manager.provisioner.process
        assert os.waitpid(unused.pid, os.WNOHANG) == (0, 0)  # this process's child, running
        try:
            kernels.execute_notebook("report.ipynb", work, {"work_dir": None}, first)
            assert _reported(work / "run" / "notebooks" / "report.ipynb")["parent"] == os.getpid()
        finally:
            second.discard()
        # The unused kernel was killed, and collected by this process.
        assert unused.returncode == -signal.SIGKILL
        with pytest.raises(ChildProcessError):
            os.waitpid(unused.pid, os.WNOHANG)
        forks.close()  # again: nothing more to do
        # No zygote is open: this process no longer takes in its descendants' orphans.
        assert not _subreaper()

    def test_a_forked_kernel_that_dies_says_so_plainly(self, tmp_path, notebooks):
        _notebook(notebooks, "dies.ipynb", "import os\nos._exit(9)")
        work = _work(tmp_path)
        forks = kernels.start_zygote(work)
        try:
            kernel = kernels.PrestartedKernel("dies.ipynb", work, forks)
            with pytest.raises(RunError, match="stopped before it finished"):
                kernels.execute_notebook("dies.ipynb", work, {"work_dir": None}, kernel)
        finally:
            forks.close()


ORPHANED = """
import os, sys, time
from pathlib import Path
from pipeline.run import kernels
work = Path(sys.argv[1])
forks = kernels.start_zygote(work)
kernel = kernels.PrestartedKernel("report.ipynb", work, forks)
forks.close()
print(kernel.manager.provisioner.process.pid, flush=True)
time.sleep(3)  # the kernel is up
os._exit(0)  # as a run that is killed: nothing stops the kernel
"""


def test_a_forked_kernel_ends_when_the_run_does(tmp_path):
    work = _work(tmp_path)
    run = subprocess.run(
        [sys.executable, "-c", ORPHANED, str(work)],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    )
    pid = int(run.stdout)
    deadline = time.monotonic() + 20
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.1)
    alive = (
        Path(f"/proc/{pid}/status").exists()
        and "zombie" not in Path(f"/proc/{pid}/status").read_text()
    )
    if alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "the kernel outlived the run"


class TestForkedProcess:
    def test_a_kernel_the_zygote_could_not_fork_counts_as_one_that_died(self):
        process = zygote.ForkedProcess(zygote=None)
        process.settle({"error": "Cannot allocate memory"})
        assert process.poll() == 1
        assert process.wait() == 1
        process.kill()  # nothing to signal: no error either

    def test_a_child_of_this_process_is_watched_waited_for_and_signalled(self):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.setsid()
            signal.pause()
            os._exit(0)
        process = zygote.ForkedProcess(zygote=None)
        process.settle({"pid": pid})
        assert process.pid == pid
        assert process.poll() is None
        process.terminate()
        assert process.wait(timeout=10) == -signal.SIGTERM


class TestNoZygote:
    def test_where_kernels_cannot_be_forked_they_start_as_jupyter_starts_them(
        self, tmp_path, notebooks, monkeypatch
    ):
        monkeypatch.setattr(zygote, "supported", lambda: False)
        work = _work(tmp_path)
        assert kernels.start_zygote(work) is None
        _notebook(notebooks, "report.ipynb", REPORT)
        kernel = kernels.PrestartedKernel("report.ipynb", work, None)
        assert not isinstance(kernel.manager.provisioner.process, zygote.ForkedProcess)
        kernels.execute_notebook("report.ipynb", work, {"work_dir": None}, kernel)
        assert _reported(work / "run" / "notebooks" / "report.ipynb")["parent"] == os.getpid()

    def test_a_kernel_spec_naming_another_interpreter_is_not_forked(self, monkeypatch):
        from jupyter_client.manager import AsyncKernelManager

        launched = []

        async def launch(self, command, **kw):
            launched.append(command)

        class Refuses:
            def fork(self, *args, **kw):
                raise AssertionError("forked")

        monkeypatch.setattr(AsyncKernelManager, "_async_launch_kernel", launch)
        manager = kernels.kernel_manager_class()(kernel_name="python3")
        manager.fork_from = Refuses()
        command = ["/opt/another/python", "-m", "ipykernel_launcher", "-f", "kernel.json"]
        asyncio.run(manager._async_launch_kernel(command, cwd=".", env={}))
        assert launched == [command]


FAULTS = """
import resource, sys
from pipeline.run import zygote
if sys.argv[1] == "kernel":
    zygote._fewer_page_faults()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(50):
    columns = [b"x" * (4 << 20) for _ in range(4)]  # a frame's columns: written, then freed
    del columns
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's allocator")
def test_a_kernel_reuses_the_memory_it_frees_instead_of_faulting_it_in_again():
    def faults(kind: str) -> int:
        run = subprocess.run(
            [sys.executable, "-c", FAULTS, kind],
            capture_output=True,
            text=True,
            check=True,
            cwd=PROJECT_ROOT,
        )
        return int(run.stdout)

    # 50 times four blocks of 4 MB are 204,800 pages: by default the freed blocks go back to the
    # system and each new one is faulted in again, page by page; a kernel's allocator keeps the
    # first four blocks' pages for the next.
    assert faults("default") > 150_000
    assert faults("kernel") < 20_000
