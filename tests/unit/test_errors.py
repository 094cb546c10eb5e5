"""A full disk, wherever it is met, as one plain message (pipeline.errors)."""

from __future__ import annotations

import errno

from pipeline.errors import RunError, disk_full, notebook_disk_full


class TestDiskFull:
    def test_a_full_disk_anywhere_in_the_chain_is_named(self):
        try:
            try:
                raise OSError(errno.ENOSPC, "No space left on device", "/out/.tmp/x/report.pdf")
            except OSError as inner:
                raise RuntimeError("rendering failed") from inner
        except RuntimeError as outer:
            found = disk_full(outer)
        assert isinstance(found, RunError)
        assert found.problems == [
            "The disk is full (/out/.tmp/x/report.pdf could not be written): nothing was "
            "archived, and the archive is as it was. Free some space on the disk that holds the "
            "output folder (or its .tmp and .failed folders) and run again."
        ]

    def test_any_other_error_is_left_as_it_is(self):
        assert disk_full(OSError(errno.EACCES, "Permission denied")) is None
        assert disk_full(ValueError("x")) is None

    def test_a_notebook_stopped_by_a_full_disk(self):
        found = notebook_disk_full(
            "OSError", "[Errno 28] No space left on device: '/out/.tmp/x/activities.arrow'"
        )
        assert found is not None
        assert "(/out/.tmp/x/activities.arrow could not be written)" in found.problems[0]
        assert notebook_disk_full("OSError", "[Errno 13] Permission denied: 'x'") is None
        assert notebook_disk_full("ValueError", "[Errno 28] nothing to do with it") is None
