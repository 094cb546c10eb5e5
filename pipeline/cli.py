"""The command line: a thin layer over the library's entry points.

Every :class:`~pipeline.errors.PipelineError` becomes plain-English lines on
standard error and exit status 2; a traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.paths import DEFAULT_DATA, DEFAULT_OUTPUT

log = logging.getLogger("pipeline")


def _truthy(text: str | None) -> bool:
    return (text or "").strip().lower() in {"1", "true", "yes", "y", "on"}


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data folder")
    parser.add_argument(
        "--strict", nargs="?", const="1", default="", help="stop on any set-aside row"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    indicators = commands.add_parser("indicators", help="write indicators.csv for a period")
    indicators.add_argument("--period", required=True)
    indicators.add_argument("--out", type=Path, help="file to write (default: standard output)")
    _add_common(indicators)

    for name, help_text in (
        ("report", "produce and archive the committee paper for one period"),
        ("reports", "produce several papers, in parallel"),
    ):
        sub = commands.add_parser(name, help=help_text)
        if name == "report":
            sub.add_argument("--period", required=True)
        else:
            sub.add_argument("--periods", required=True, help="periods separated by spaces")
        sub.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the archive folder")
        sub.add_argument("--meeting-date", default="", help="YYYY-MM-DD; wins over report.toml")
        _add_common(sub)

    bench = commands.add_parser("bench", help="benchmark the report at 1x, 10x and 100x")
    bench.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    bench.add_argument("--repeats", type=int, default=3)
    bench.add_argument("--scales", default="1,10,100")
    bench.add_argument("--debug", action="store_true")

    warm = commands.add_parser("warm-caches", help="build first-run caches (matplotlib fonts)")
    warm.add_argument("--debug", action="store_true")
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "indicators":
        from pipeline.indicators import compute_indicators, write_indicators_csv
        from pipeline.ingest import load_inputs
        from pipeline.period import parse_period

        period = parse_period(args.period)
        inputs = load_inputs(args.data, strict=_truthy(args.strict))
        text = write_indicators_csv(compute_indicators(inputs, period), args.out)
        if args.out is None:
            sys.stdout.write(text)
        return 0
    if args.command == "report":
        from pipeline.report import run_report

        result = run_report(
            args.period,
            data_dir=args.data,
            output_dir=args.output,
            meeting_date=args.meeting_date or None,
            strict=_truthy(args.strict),
        )
        sys.stdout.write(f"{result.summary_line}\n")
        return 0
    if args.command == "reports":
        from pipeline.report import run_reports

        results = run_reports(
            args.periods.split(),
            data_dir=args.data,
            output_dir=args.output,
            meeting_date=args.meeting_date or None,
            strict=_truthy(args.strict),
        )
        for result in results:
            sys.stdout.write(f"{result.summary_line}\n")
        return 0
    if args.command == "bench":
        from pipeline.bench import run_bench

        run_bench(
            args.output,
            repeats=args.repeats,
            scales=[int(s) for s in args.scales.split(",")],
        )
        return 0
    if args.command == "warm-caches":
        from pipeline.report import warm_caches

        warm_caches()
        return 0
    msg = f"unknown command {args.command}"
    raise AssertionError(msg)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.INFO,
        format="%(message)s",
        stream=sys.stderr,
    )
    # Third-party libraries speak only when something is wrong.
    for noisy in ("papermill", "traitlets", "nbconvert", "fontTools", "weasyprint", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return _run(args)
    except PipelineError as error:
        if args.debug:
            raise
        for problem in error.problems:
            sys.stderr.write(f"Error: {problem}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted: nothing was archived.\n")
        return 130
