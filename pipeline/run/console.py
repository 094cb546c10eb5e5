"""What a run tells the committee officer: its stages as they start, and its last lines."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.spec.period import Period

log = logging.getLogger("pipeline.run.report")


@dataclass(frozen=True)
class RunResult:
    period: Period
    folder: Path
    reused: bool
    pdf: bool

    @property
    def paper(self) -> Path:
        return self.folder / "report.html"

    @property
    def pdf_path(self) -> Path:
        return self.folder / "report.pdf"

    @property
    def word_path(self) -> Path:
        return self.folder / "report.docx"

    @property
    def summary_lines(self) -> list[str]:
        """The run's last lines: the run folder, the HTML paper, the PDF for the agenda pack and
        the Word version for the report management system."""
        if self.reused:
            head = f"Nothing has changed since this paper was archived ({self.period}):"
        else:
            head = f"Paper archived ({self.period}):"
        pdf = (
            shown(self.pdf_path)
            if self.pdf
            else "not made (no PDF renderer; see the warning above)"
        )
        return [
            head,
            f"  Run folder: {shown(self.folder)}",
            f"  HTML paper: {shown(self.paper)}",
            f"  PDF paper:  {pdf}",
            f"  Word paper: {shown(self.word_path)}",
            f"  Web pages:  {shown(self.folder / 'website')}/",
        ]


def shown(path: Path) -> str:
    """A path as the user typed it: relative to the working folder when it is inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class Stages:
    """Logs each stage as it starts and records how long it took."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.timings: dict[str, float] = {}

    def announce(self, description: str) -> None:
        """Log the next stage's start, for a stage timed elsewhere (one made beside another)."""
        self.count += 1
        log.info("[%d/%d] %s", self.count, self.total, description)

    def run(self, name: str, description: str, action: Callable[[], object]) -> object:
        self.announce(description)
        started = time.perf_counter()
        try:
            return action()
        finally:
            self.timings[name] = round(time.perf_counter() - started, 3)


def set_aside_lines(counts: list[dict]) -> list[str]:
    """The console's summary of set-aside rows, by dataset and reason."""
    if not counts:
        return []
    total = sum(int(c["rows"]) for c in counts)
    lines = [f"{total} input row{'s' if total != 1 else ''} set aside (listed in set_aside.csv):"]
    lines += [f"  {c['dataset']}: {c['reason']} ({c['rows']})" for c in counts]
    return lines
