"""The output worker: a second process for the outputs made beside the notebooks and the PDF,
forked from the run's zygote where there is one, started on its own otherwise."""

from __future__ import annotations

import os
import time

import pytest

from pipeline.errors import InputError, RunError
from pipeline.run import kernels, zygote
from pipeline.run.worker import OutputWorker


def _square(n: int) -> int:
    return n * n


def _fails(problem: str) -> None:
    raise InputError([problem])


def _slow(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _where() -> dict:
    import sys

    return {"pid": os.getpid(), "cwd": os.getcwd(), "pandas": "pandas" in sys.modules}


def _unpicklable() -> None:
    raise ValueError(lambda: None)  # its argument cannot go back to the run


@pytest.fixture(params=["forked", "started"])
def worker(request, tmp_path):
    """A worker of each kind: forked from a zygote, and a process of its own."""
    forks = None
    if request.param == "forked":
        if not zygote.supported():
            pytest.skip("workers are forked on Linux only")
        forks = kernels.start_zygote(tmp_path)
    made = OutputWorker(forks)
    if forks is not None:
        forks.finish()
    yield made
    made.close(cancel=True)
    if forks is not None:
        forks.close()


def test_jobs_run_in_turn_and_the_worker_ends_cleanly_after_them(worker):
    results = [worker.submit(_square, n) for n in range(3)]
    worker.close()
    assert [r.result() for r in results] == [0, 1, 4]
    assert worker._process.wait() == 0


def test_a_jobs_exception_comes_back_as_it_was_raised(worker):
    failed = worker.submit(_fails, "activity_register.csv: row 3 has no start_date")
    after = worker.submit(_square, 7)  # the worker goes on
    with pytest.raises(InputError, match="row 3 has no start_date"):
        failed.result(timeout=30)
    assert after.result(timeout=30) == 49


def test_an_exception_that_cannot_go_back_is_said_in_words(worker):
    with pytest.raises(RunError, match="ValueError"):
        worker.submit(_unpicklable).result(timeout=30)


def test_the_worker_runs_in_this_process_folder_as_a_process_of_its_own(worker):
    seen = worker.submit(_where).result(timeout=30)
    assert seen["pid"] != os.getpid()
    assert seen["cwd"] == os.getcwd()


def test_a_forked_worker_starts_with_the_zygotes_imports(tmp_path):
    if not zygote.supported():
        pytest.skip("workers are forked on Linux only")
    forks = kernels.start_zygote(tmp_path)
    made = OutputWorker(forks)
    forks.close()
    try:
        assert made.submit(_where).result(timeout=30)["pandas"]
    finally:
        made.close()


def test_cancelling_stops_the_worker_without_waiting_for_its_jobs(worker):
    running = worker.submit(_slow, 30)
    waiting = worker.submit(_square, 2)
    time.sleep(0.5)
    started = time.monotonic()
    worker.close(cancel=True)
    assert time.monotonic() - started < 10
    assert waiting.cancelled()
    assert running.cancelled()


def test_a_worker_that_dies_fails_its_jobs_plainly(worker):
    pending = worker.submit(_slow, 30)
    time.sleep(0.5)
    worker._process.kill()
    with pytest.raises(RunError, match="stopped before it had made every output"):
        pending.result(timeout=30)


def test_the_worker_module_is_importable_without_the_jupyter_stack():
    """The worker imports what its jobs need, not nbconvert or the kernel machinery."""
    import subprocess
    import sys

    from pipeline.paths import PROJECT_ROOT

    probe = (
        "import sys, pipeline.run.worker as w; w._prepare(); "
        "print(sorted(m for m in ('nbconvert', 'papermill', 'jupyter_client') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT
    )
    assert out.stdout.strip() == "[]"
