"""A real, small, full-able filesystem for tests: a tmpfs of a given size, mounted for the test.

Mounting needs root (or CAP_SYS_ADMIN) on Linux; elsewhere, or where the system refuses, the
test is skipped with the reason (and fails under ``CI=true``, where CI runs as root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (``"2m"``) mounted at ``folder`` for the ``with`` block."""
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if not (mount and umount) or not hasattr(os, "geteuid") or os.geteuid() != 0:
        _missing("a small real filesystem needs root and mount(8) to make (a tmpfs)")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        _missing(f"this system refuses to mount a tmpfs: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run([umount, "-l", str(folder)], capture_output=True, check=False)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the filesystem holding ``folder`` until at most ``leave`` bytes are free."""
    filler = folder / "filler.bin"
    with open(filler, "wb") as handle:
        block = b"\0" * 4096
        try:
            while shutil.disk_usage(folder).free > leave + len(block):
                handle.write(block)
                handle.flush()
        except OSError:
            pass
    return filler
