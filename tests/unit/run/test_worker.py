"""The output worker: a second process for the outputs made beside the notebooks and the PDF."""

from __future__ import annotations

from pipeline.run.worker import OutputWorker, _WorkerContext


def _square(n: int) -> int:
    return n * n


def test_the_worker_ends_cleanly_after_its_jobs():
    worker = OutputWorker()
    results = [worker.submit(_square, n) for n in range(3)]
    processes = list(worker._pool._processes.values())
    worker.close()
    assert [r.result() for r in results] == [0, 1, 4]
    assert [p.exitcode for p in processes] == [0]
    assert isinstance(processes[0], _WorkerContext.Process)
