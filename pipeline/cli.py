"""The command line: a thin layer over the library's entry points.

Every problem the user can act on (a PipelineError) becomes plain-English "Error:" lines
on standard error and exit status 2; a traceback is shown only with --debug.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from pipeline.errors import PipelineError, disk_full
from pipeline.log import configure_logging
from pipeline.paths import DEFAULT_DATA, DEFAULT_OUTPUT

DESCRIPTION = """\
Produce the committee paper on the Consultation and Community Involvement (CCI) Framework
from a council's records: check the data folder, compute progress against the five priority
areas, write the paper (HTML and PDF) and archive the run.
"""
EPILOG = """\
Periods: YYYY-MM..YYYY-MM (both months included), YYYY-MM (one month), or a financial year
YYYY/YY (2006/07 is April 2006 to March 2007).

A problem with the data or the parameters ends with lines starting "Error:" that name the
file, column and row, and exit status 2; nothing is archived.
"""
PERIOD_HELP = "the period to report on, e.g. 2006-04..2007-01, 2007-01 or 2006/07"


def _truthy(text: str | None) -> bool:
    return (text or "").strip().lower() in {"1", "true", "yes", "y", "on"}


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        metavar="FOLDER",
        help="the data folder (default: the sample data in data/)",
    )
    parser.add_argument(
        "--strict",
        nargs="?",
        const="1",
        default="",
        metavar="YES",
        help="stop if any input row breaks the data contract, instead of setting it aside",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and library detail")


def _subparser(commands, name: str, help_text: str) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=help_text,
        description=help_text[0].upper() + help_text[1:] + ".",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _add_paper_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        metavar="FOLDER",
        help="the archive folder (default: output/)",
    )
    parser.add_argument(
        "--meeting-date",
        default="",
        metavar="YYYY-MM-DD",
        help="the committee date printed on the paper; wins over meeting_date in report.toml",
    )
    _add_common(parser)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    report = _subparser(commands, "report", "produce and archive the committee paper for a period")
    report.add_argument("--period", required=True, help=PERIOD_HELP)
    _add_paper_options(report)

    partnership = _subparser(
        commands, "partnership", "produce and archive the partnership paper for a period"
    )
    partnership.add_argument("--period", required=True, help=PERIOD_HELP)
    _add_paper_options(partnership)

    reports = _subparser(commands, "reports", "produce several papers at once, one per period")
    reports.add_argument(
        "--periods", required=True, help='periods separated by spaces, e.g. "2005/06 2006/07"'
    )
    _add_paper_options(reports)

    indicators = _subparser(commands, "indicators", "print the indicators for a period as CSV")
    indicators.add_argument("--period", required=True, help=PERIOD_HELP)
    indicators.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE (default: the screen)"
    )
    _add_common(indicators)

    bench = _subparser(commands, "bench", "time the report at 1x, 10x and 100x the sample data")
    bench.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        metavar="FOLDER",
        help="results go to FOLDER/.bench/ (default: output/)",
    )
    bench.add_argument(
        "--repeats", type=int, default=3, help="runs of each size; the median is shown (3)"
    )
    bench.add_argument(
        "--scales", default="1,10,100", help="sizes to run, comma separated (1,10,100)"
    )
    bench.add_argument("--debug", action="store_true", help="show tracebacks and library detail")

    docs = _subparser(commands, "docs", "rewrite the documentation generated from the code")
    docs.add_argument("--debug", action="store_true", help="show tracebacks and library detail")

    lab = _subparser(commands, "lab-setup", "set up the JupyterLab kernel and the notebook filter")
    lab.add_argument("--debug", action="store_true", help="show tracebacks and library detail")

    running = _subparser(commands, "lab-check", "say if JupyterLab already runs on this project")
    running.add_argument("--debug", action="store_true", help="show tracebacks and library detail")

    warm = _subparser(commands, "warm-caches", "build first-run caches (matplotlib's font list)")
    warm.add_argument("--debug", action="store_true", help="show tracebacks and library detail")
    return parser


def _indicators(args: argparse.Namespace) -> None:
    from pipeline.ingest.coverage import inputs_coverage
    from pipeline.ingest.load import load_inputs
    from pipeline.measures.scorecard import compute_indicators
    from pipeline.publish.outputs import write_indicators_csv
    from pipeline.spec.period import check_coverage, parse_period

    period = parse_period(args.period)
    inputs = load_inputs(args.data, strict=_truthy(args.strict))
    beyond = check_coverage(period, inputs_coverage(inputs))
    if beyond:
        logging.getLogger("pipeline").warning("Note: %s", beyond)
    text = write_indicators_csv(compute_indicators(inputs, period), args.out)
    if args.out is None:
        sys.stdout.write(text)


def _paper_options(args: argparse.Namespace) -> dict:
    return {
        "data_dir": args.data,
        "output_dir": args.output,
        "meeting_date": args.meeting_date or None,
        "strict": _truthy(args.strict),
    }


def _report(args: argparse.Namespace) -> None:
    from pipeline.run.report import run_report

    result = run_report(args.period, **_paper_options(args))
    sys.stdout.write("".join(f"{line}\n" for line in result.summary_lines))


def _partnership(args: argparse.Namespace) -> None:
    from pipeline.run.partnership import run_partnership

    result = run_partnership(args.period, **_paper_options(args))
    sys.stdout.write("".join(f"{line}\n" for line in result.summary_lines))


def _reports(args: argparse.Namespace) -> None:
    from pipeline.run.reports import run_reports

    for result in run_reports(args.periods.split(), **_paper_options(args)):
        sys.stdout.write("".join(f"{line}\n" for line in result.summary_lines))


def _bench(args: argparse.Namespace) -> None:
    from pipeline.bench.bench import run_bench

    run_bench(args.output, repeats=args.repeats, scales=[int(s) for s in args.scales.split(",")])


def _docs(_args: argparse.Namespace) -> None:
    from pipeline.docs import write_docs

    write_docs()


def _lab_setup(_args: argparse.Namespace) -> None:
    from pipeline.install.lab import set_up

    set_up()


def _lab_check(_args: argparse.Namespace) -> int:
    from pipeline.install.lab import ALREADY_RUNNING, check_running

    return ALREADY_RUNNING if check_running() else 0


def _warm_caches(_args: argparse.Namespace) -> None:
    from pipeline.install.caches import warm_caches

    warm_caches()


COMMANDS = {
    "indicators": _indicators,
    "report": _report,
    "reports": _reports,
    "partnership": _partnership,
    "bench": _bench,
    "docs": _docs,
    "warm-caches": _warm_caches,
    "lab-setup": _lab_setup,
    "lab-check": _lab_check,
}


def _run(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args) or 0


def _stopped(_signal: int, _frame: object) -> None:
    """A request to stop (SIGTERM, as a shutdown or a task manager sends) ends the run as Ctrl-C
    does: its kernels and helpers stopped, its work moved aside, nothing archived."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    configure_logging(debug=args.debug)
    signal.signal(signal.SIGTERM, _stopped)
    try:
        return _run(args)
    except PipelineError as error:
        if args.debug:
            raise
        for problem in error.problems:
            sys.stderr.write(f"Error: {problem}\n")
        return 2
    except OSError as error:
        plain = disk_full(error)
        if plain is None or args.debug:
            raise
        for problem in plain.problems:
            sys.stderr.write(f"Error: {problem}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted: nothing was archived.\n")
        return 130
