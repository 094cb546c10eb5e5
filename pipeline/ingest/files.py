"""Whether a file in the data folder can be read, and what reading it may cost, found out before
it is opened.

A data folder is made by people and by the systems they copy from, and sometimes by someone
meaning harm. Before any file is opened, :func:`file_problem` says, in plain English, when it
is not an ordinary file the pipeline can read: a link (shortcut) whose target is missing (a
network share not connected), a link that leads round in a loop, a named pipe or a device in
place of a file (reading one would wait for ever), a folder, or a file larger than any data
file a council hands over (:data:`LARGEST_FILE`). Office files (``.xlsx``, ``.docx``) are zip
packages whose content may expand far beyond the file's size; :mod:`pipeline.ingest.packages`
bounds that. :func:`read_bytes` reads a file only after those checks.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pipeline.errors import InputError

LARGEST_FILE = 1 << 30
"""The largest file the pipeline reads (1 GB): the sample register, a year and a half of a
metropolitan borough's activities, is 0.2 MB, so this is five thousand times it, and still
little enough to read on an officer's laptop."""

# What a file that is not an ordinary file is, in words.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def size_text(size: float) -> str:
    """A size as people read it: ``1.5 GB``, ``20 MB``, ``512 KB``."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{int(size)} bytes"


def link_problem(path: Path, name: str) -> str | None:
    """A problem when ``path`` is a link whose target is missing or that leads round in a loop."""
    try:
        path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            return (
                f"{name} is a link (shortcut) to {target}, which does not exist: connect the "
                "drive or share it points to, or put the file itself in its place"
            )
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return (
                f"{name} is a link (shortcut) that leads round in a loop back to itself: put "
                "the file itself in its place"
            )
        return f"{name} cannot be opened: {exc.strerror or exc}"
    return None


def exists(path: Path) -> bool:
    """Whether anything is at ``path``, a broken link included (``Path.exists`` says no to one)."""
    return os.path.lexists(path)


def file_problem(path: Path, name: str, *, largest: int = LARGEST_FILE) -> str | None:
    """Why ``path`` cannot be read as a data file, in plain English; None when it can.

    Found from the file's status alone: nothing is opened, so a named pipe in place of a
    file is named, not waited on for ever.
    """
    problem = link_problem(path, name)
    if problem:
        return problem
    try:
        status = path.stat()
    except FileNotFoundError:
        return f"{name} is missing"
    except OSError as exc:
        return f"{name} cannot be opened: {exc.strerror or exc}"
    if stat.S_ISDIR(status.st_mode):
        return f"{name} is a folder, not a file"
    if not stat.S_ISREG(status.st_mode):
        kind = next((what for test, what in _SPECIAL_KINDS if test(status.st_mode)), "not a file")
        return (
            f"{name} is {kind}, not an ordinary file, so it cannot be read as data: put the "
            "file itself in its place"
        )
    if status.st_size > largest:
        return (
            f"{name} is {size_text(status.st_size)}, more than the {size_text(largest)} the "
            "pipeline reads from one file: check that it is the right file"
        )
    return None


def check_file(path: Path, name: str, *, largest: int = LARGEST_FILE) -> None:
    """Raise InputError when :func:`file_problem` finds one."""
    problem = file_problem(path, name, largest=largest)
    if problem:
        raise InputError(problem)


def read_bytes(path: Path, name: str, *, largest: int = LARGEST_FILE) -> bytes:
    """A whole file's bytes, once :func:`file_problem` has found nothing wrong with it."""
    check_file(path, name, largest=largest)
    try:
        return path.read_bytes()
    except OSError as exc:
        msg = f"{name} cannot be read: {exc.strerror or exc}"
        raise InputError(msg) from None
