"""The pipeline's errors: each carries messages a committee officer can act on.

The command line turns any :class:`PipelineError` into plain-English lines and a
non-zero exit status; a traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import errno
import re


class PipelineError(Exception):
    """Base class: one or more plain-English problems that stop a run."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class ParameterError(PipelineError):
    """A parameter (period, folder, meeting date...) is not usable."""


class InputError(PipelineError):
    """The data folder breaks the data contract in a way that stops the run."""


class StrictModeError(InputError):
    """STRICT=1 and at least one row was set aside."""


class RunError(PipelineError):
    """A notebook or rendering step failed while the report was being produced."""


# A full disk, or a used-up disk quota (not every system has the second).
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DISK_FULL_TEXT = re.compile(r"\[Errno (\d+)\][^:]*(?::\s*'([^']*)')?")


def _disk_full_error(where: str | None) -> RunError:
    written = f" ({where} could not be written)" if where else ""
    return RunError(
        f"The disk is full{written}: nothing was archived, and the archive is as it was. "
        "Free some space on the disk that holds the output folder (or its .tmp and .failed "
        "folders) and run again."
    )


def disk_full(error: BaseException) -> RunError | None:
    """A full disk met anywhere in ``error``'s chain, as a plain message; None for anything else."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _DISK_FULL:
            return _disk_full_error(str(current.filename) if current.filename else None)
        current = current.__cause__ or current.__context__
    return None


def notebook_disk_full(ename: str, evalue: str) -> RunError | None:
    """A notebook that stopped on a full disk (an ``OSError`` in its kernel), as a plain message."""
    found = _DISK_FULL_TEXT.search(evalue or "")
    if ename in ("OSError", "IOError") and found and int(found.group(1)) in _DISK_FULL:
        return _disk_full_error(found.group(2))
    return None
