"""``python -m pipeline.sample_data [--out FOLDER] [--scale N]``: write the sample data folder.

``make sample-data`` runs it with no arguments, which rewrites ``data/`` byte for byte. The
output folder may also be given as the first argument, as the old script took it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.sample_data import DEFAULT_OUT, generate

log = logging.getLogger("pipeline.sample_data")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.sample_data",
        description="Generate the sample data folder (fixed seeds: the same bytes every run).",
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, default=None, help="output folder (same as --out)"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help=f"output folder (default: {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--scale", type=int, default=1, help="multiply activities, sessions, respondents"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Generate the folder and log the rows written per file; 0 on success, 2 on bad usage."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.folder is not None and args.out is not None and args.folder != args.out:
        parser.error("give the output folder once: either as an argument or with --out")
    out = args.out or args.folder or DEFAULT_OUT
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        counts = generate(out, args.scale)
    except ValueError as error:
        parser.error(str(error))
    for name, rows in counts.items():
        log.info("%-40s %8d rows", name, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
