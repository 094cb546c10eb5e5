"""The bench's peak memory: the resident memory of a whole process tree."""

from __future__ import annotations

import sys
import time

import psutil
import pytest

from pipeline.run.tree_memory import TreeMemory


def test_memory_of_the_whole_tree_is_summed():
    # A process whose child holds 200 MB: the tree holds at least that much, both read from
    # /proc and as psutil reads it.
    child = (
        "import time; b = bytearray(200_000_000); b[::4096] = b'x' * len(b[::4096]); time.sleep(30)"
    )
    script = f"import subprocess, sys, time; subprocess.run([sys.executable, '-c', {child!r}])"
    process = psutil.Popen([sys.executable, "-c", script])
    try:
        memory = TreeMemory(process)
        deadline = time.monotonic() + 20
        while memory.rss() < 200e6 and time.monotonic() < deadline:
            time.sleep(0.05)
        by_proc = memory.rss()
        memory.by_proc = False
        by_psutil = memory.rss()
    finally:
        for member in process.children(recursive=True):
            member.kill()
        process.kill()
        process.wait()
    assert by_proc >= 200e6
    assert by_psutil == pytest.approx(by_proc, rel=0.05)
