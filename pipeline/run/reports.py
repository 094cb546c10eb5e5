"""``make reports``: several periods at once, one process per core, each line labelled."""

from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline.errors import ParameterError
from pipeline.log import configure_logging, debugging
from pipeline.run.console import RunResult
from pipeline.run.report import run_report
from pipeline.spec.period import parse_period

log = logging.getLogger(__name__)


def run_reports(
    periods: list[str],
    *,
    data_dir: Path,
    output_dir: Path,
    meeting_date: str | None = None,
    strict: bool = False,
) -> list[RunResult]:
    """Several periods, one process per core; every period checked before any runs."""
    if not periods:
        msg = 'No periods were given. Example: make reports PERIODS="2005/06 2006/07"'
        raise ParameterError(msg)
    for text in periods:
        parse_period(text)
    workers = min(len(periods), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(
                _labelled_report,
                text,
                debug=debugging(),
                data_dir=data_dir,
                output_dir=output_dir,
                meeting_date=meeting_date,
                strict=strict,
            )
            for text in periods
        ]
        return [future.result() for future in futures]


def _labelled_report(period_text: str, *, debug: bool, **options: object) -> RunResult:
    """One period of ``make reports``, in its own process: every console line names the period."""
    configure_logging(debug=debug, label=period_text)
    return run_report(period_text, **options)
