"""The pipeline's errors: each carries messages a committee officer can act on.

The command line turns any :class:`PipelineError` into plain-English lines and a
non-zero exit status; a traceback is shown only with ``--debug``.
"""

from __future__ import annotations


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
