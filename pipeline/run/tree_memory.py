"""The resident memory of a process tree, for the bench's peak-memory figure."""

from __future__ import annotations

import os
from pathlib import Path

TREE_EVERY = 5  # samples between two walks of the process tree


class TreeMemory:
    """The resident memory of a process and all its descendants, read cheaply enough to sample
    every few milliseconds on a 2-core machine without slowing what it measures.

    psutil finds a process's descendants by reading every process of the machine (about 1.9 ms
    a sample during a run at 100x: a tenth of a core when sampled every 10 ms, which the run
    measured lacks). Linux lists each thread's children in ``/proc``, so the tree is walked
    from the process itself (0.6 ms), every :data:`TREE_EVERY` samples only; in between, the
    known processes' ``statm`` alone is read. A process younger than that is missed for at most
    that long, while its memory is still small. Elsewhere, psutil walks the tree every time.
    """

    PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def __init__(self, process) -> None:
        self.process = process
        self.pids: list[int] = []
        self.samples = 0
        self.by_proc = Path(f"/proc/{process.pid}/task/{process.pid}/children").is_file()

    def rss(self) -> int:
        """Bytes resident in the tree now."""
        if not self.by_proc:
            return self._rss_by_psutil()
        if self.samples % TREE_EVERY == 0:
            self.pids = self._tree(self.process.pid)
        self.samples += 1
        total = 0
        for pid in self.pids:
            try:
                with open(f"/proc/{pid}/statm", "rb") as statm:
                    total += int(statm.read().split()[1]) * self.PAGE
            except (OSError, IndexError, ValueError):  # it ended since the tree was walked
                continue
        return total

    @staticmethod
    def _tree(root: int) -> list[int]:
        pids, pending = [], [root]
        while pending:
            pid = pending.pop()
            pids.append(pid)
            try:
                for task in os.scandir(f"/proc/{pid}/task"):
                    with open(f"{task.path}/children", "rb") as children:
                        pending += map(int, children.read().split())
            except OSError:
                continue
        return pids

    def _rss_by_psutil(self) -> int:
        import psutil

        try:
            members = [self.process, *self.process.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0
        total = 0
        for member in members:
            try:
                total += member.memory_info().rss
            except psutil.NoSuchProcess:
                continue
        return total
