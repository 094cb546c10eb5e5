"""The caches the set-up builds once (``make venv``), and what it says of the machine."""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)


def warm_caches() -> None:
    """Build first-run caches (matplotlib's font list), so that no first-run message reaches a
    paper, and say once what an optional system library would improve."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib.font_manager  # noqa: F401  (importing builds the font cache)

    from pipeline.publish.render import subsetting_note

    note = subsetting_note()
    if note:
        log.info("  %s", note)
