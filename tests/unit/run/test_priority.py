"""Tests for pipeline.run.priority: a session's priority set through /proc, never an error."""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.run import priority


def _autogroup_nice(pid: int) -> int:
    # "/autogroup-123 nice 8"
    return int(Path(f"/proc/{pid}/autogroup").read_text(encoding="ascii").split()[-1])


@pytest.fixture
def fake_file(tmp_path, monkeypatch):
    target = tmp_path / "autogroup"
    monkeypatch.setattr(priority, "autogroup_file", lambda pid: target)
    return target


class TestSetPriority:
    @pytest.mark.skipif(
        not Path("/proc/self/autogroup").is_file(), reason="Linux without session groups"
    )
    def test_lowers_and_raises_back_the_priority_of_a_process_in_a_session_of_its_own(self):
        child = subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True
        )
        try:
            priority.set_priority(child.pid, 8)
            deadline = time.monotonic() + 2  # a refused change is retried on a timer
            while _autogroup_nice(child.pid) != 8 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert _autogroup_nice(child.pid) == 8
            priority.set_priority(child.pid, 0)
            deadline = time.monotonic() + 2
            while _autogroup_nice(child.pid) != 0 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert _autogroup_nice(child.pid) == 0
        finally:
            child.kill()
            child.wait()

    def test_a_process_that_has_ended_is_no_error(self):
        child = subprocess.Popen([sys.executable, "-c", "pass"])
        child.wait()
        priority.set_priority(child.pid, 8)  # nothing raised

    def test_writes_the_nice_value(self, fake_file):
        priority.set_priority(1234, 8)
        assert fake_file.read_text(encoding="ascii") == "8"

    def test_a_change_refused_as_too_soon_is_made_a_little_later(self, fake_file, monkeypatch):
        monkeypatch.setattr(priority, "RETRY_AFTER", 0.01)
        refusals = [OSError(errno.EAGAIN, "Resource temporarily unavailable")] * 2
        real_write = Path.write_text
        done = threading.Event()

        def write_text(path, text, encoding=None):
            if refusals:
                raise refusals.pop()
            real_write(path, text, encoding=encoding)
            done.set()

        monkeypatch.setattr(Path, "write_text", write_text)
        priority.set_priority(1234, 8)
        assert done.wait(2)
        assert fake_file.read_text(encoding="ascii") == "8"

    def test_gives_up_after_its_retries(self, fake_file, monkeypatch):
        monkeypatch.setattr(priority, "RETRY_AFTER", 0.0)
        calls = []

        def write_text(path, text, encoding=None):
            calls.append(text)
            raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

        monkeypatch.setattr(Path, "write_text", write_text)
        priority.set_priority(1234, 8, tries=2)
        deadline = time.monotonic() + 2
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)
        assert calls == ["8", "8", "8"]  # the first try and two retries, then no more

    def test_a_refusal_by_permission_is_logged_not_raised(self, fake_file, monkeypatch, caplog):
        def write_text(path, text, encoding=None):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(Path, "write_text", write_text)
        with caplog.at_level("DEBUG", logger="pipeline.run.priority"):
            priority.set_priority(1234, 8)
        assert "Could not set the priority" in caplog.text
