"""The console: one place that sets up logging for the entry points (the library only logs).

Progress goes to standard error as plain lines; the libraries underneath (papermill,
nbconvert, WeasyPrint, fontTools, matplotlib, traitlets) speak only when something is wrong.
"""

from __future__ import annotations

import logging
import sys

QUIET_LIBRARIES = (
    "papermill",
    "traitlets",
    "nbconvert",
    "jupyter_client",
    "fontTools",
    "weasyprint",
    "matplotlib",
)
# Speak only of their own machinery: an interrupted kernel's tasks "never retrieved", say, or a
# kernel that stopped as it started, which the run starts again (or stops with a plain message).
SILENT_LIBRARIES = ("asyncio", "nbclient")


class _ConsoleHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a line is logged (never a stale stream)."""

    def __init__(self) -> None:
        super().__init__()
        self.set_name(CONSOLE_HANDLER)

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


CONSOLE_HANDLER = "cci-console"


def configure_logging(*, debug: bool = False, label: str = "") -> None:
    """Send the pipeline's log to standard error, each line prefixed with ``[label]`` if given.

    ``make reports`` runs one period per process; each labels its lines with its period so
    that the interleaved lines can be told apart. Calling it again replaces the console
    handler it added before, and leaves any other handler alone.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == CONSOLE_HANDLER]:
        root.removeHandler(handler)
    console = _ConsoleHandler()
    prefix = f"[{label}] " if label else ""
    console.setFormatter(logging.Formatter(f"{prefix.replace('%', '%%')}%(message)s"))
    root.addHandler(console)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    # With --debug every library speaks; otherwise only when something is wrong.
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET if debug else logging.WARNING)
    for name in SILENT_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET if debug else logging.CRITICAL)


def debugging() -> bool:
    """Whether the console was set up to show debugging detail."""
    return logging.getLogger().getEffectiveLevel() <= logging.DEBUG
