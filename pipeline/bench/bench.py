"""The benchmark behind ``make bench``: the report at 1x, 10x and 100x against the tools' floor.

For every repetition it measures, each as a fresh Python process started the way an officer
starts it:

- the **floor** (:mod:`pipeline.bench.floor`): papermill executing the same notebooks with
  every code cell emptied, with a run's parameters, then nbconvert, the PDF, the Word version
  and the web pages on the empty paper (the web pages from a data folder with no records, read
  outside the time). That is the fixed cost of the tools.
- for each scale, the real ``python -m pipeline report`` on a scaled copy of the sample data
  (written by ``pipeline.sample_data.generate``) into a fresh temporary archive, then the
  same command again with nothing changed (the repeat run, which reuses the archived paper).

Wall time is the process's, from start to exit. Peak memory is the largest sum of the
resident set sizes (RSS) of the process and all its descendants (kernels included), sampled
by psutil every 50 ms; RSS counts shared pages once per process, so the figure errs on the
high side. Medians
over the repetitions are quoted. The table goes, as Markdown and CSV, to
``<output>/.bench/`` (outside the archive) and to the log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from pipeline import sample_data
from pipeline.bench.table import (
    BENCH_PERIOD,
    Measurement,
    Series,
    csv_table,
    markdown_table,
    summarise,
)
from pipeline.paths import PROJECT_ROOT

log = logging.getLogger(__name__)

SAMPLE_INTERVAL = 0.05  # seconds between two samples of the process tree's memory
# --- measuring ---------------------------------------------------------------------------------


def measure(command: Sequence[str], *, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``command`` to the end; return its wall time (s) and the tree's peak RSS (MB).

    Raises RuntimeError, with the process's standard error, if it fails.
    """
    import psutil

    started = time.perf_counter()
    process = psutil.Popen(
        list(command),
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    peak = 0
    # Reading the pipes on threads keeps a chatty process from blocking on a full pipe.
    import threading

    captured: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        captured[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=(name, stream), daemon=True)
        for name, stream in (("stdout", process.stdout), ("stderr", process.stderr))
    ]
    for reader in readers:
        reader.start()
    while process.poll() is None:
        peak = max(peak, _tree_rss(process))
        time.sleep(SAMPLE_INTERVAL)
    wall = time.perf_counter() - started
    for reader in readers:
        reader.join()
    process.stdout.close()
    process.stderr.close()
    process.wait()
    if process.returncode != 0:
        msg = (
            f"{' '.join(command)} failed (exit status {process.returncode}):\n"
            f"{captured.get('stderr', b'').decode(errors='replace')}"
        )
        raise RuntimeError(msg)
    return wall, peak / 1e6


def _tree_rss(process) -> int:
    """The resident memory of ``process`` and its descendants, in bytes (0 once it has ended)."""
    import psutil

    total = 0
    try:
        tree = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in tree:
        with contextlib.suppress(psutil.Error):  # it ended between the two calls
            total += member.memory_info().rss
    return total


def _environment() -> dict[str, str]:
    """The officer's environment, as ``make report`` has it: the output is read when the process
    ends, so nothing needs unbuffered streams (which the officer's run does not have)."""
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    env.setdefault("MPLBACKEND", "Agg")
    return env


PARTNERSHIP = "partnership"  # the partnership paper's command and its folder in the archive
PARTNERSHIP_SCALES = (1, 10)  # the sizes the partnership paper is timed at


def _report_command(
    data_dir: Path, archive_dir: Path, period: str, command: str = "report"
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pipeline",
        command,
        "--period",
        period,
        "--data",
        str(data_dir),
        "--output",
        str(archive_dir),
    ]


def _manifest_stages(archive_dir: Path, period: str, folder: str = "") -> dict[str, float]:
    manifests = sorted((archive_dir / folder).glob(f"{period}/*/manifest.json"))
    if len(manifests) != 1:
        msg = f"Expected one archived run in {archive_dir / period}, found {len(manifests)}."
        raise RuntimeError(msg)
    return json.loads(manifests[0].read_text(encoding="utf-8"))["stages_seconds"]


def measure_report(
    data_dir: Path, archive_dir: Path, period: str = BENCH_PERIOD, command: str = "report"
) -> Measurement:
    """The real entry point (``report``, or ``partnership``) on ``data_dir`` into
    ``archive_dir`` (a fresh archive)."""
    wall, peak = measure(
        _report_command(data_dir, archive_dir, period, command), env=_environment()
    )
    folder = PARTNERSHIP if command == PARTNERSHIP else ""
    return Measurement(wall, peak, _manifest_stages(archive_dir, period, folder))


def measure_repeat(
    data_dir: Path, archive_dir: Path, period: str = BENCH_PERIOD, command: str = "report"
) -> Measurement:
    """The same paper again, with nothing changed: it should reuse the archived paper."""
    wall, peak = measure(
        _report_command(data_dir, archive_dir, period, command), env=_environment()
    )
    return Measurement(wall, peak)


def measure_floor(work: Path, data_dir: Path, period: str = BENCH_PERIOD) -> Measurement:
    """The floor: the empty notebooks, nbconvert and the PDF, in one fresh process."""
    work.mkdir(parents=True, exist_ok=True)
    timings = work / "floor_stages.json"
    command = [
        sys.executable,
        "-m",
        "pipeline.bench",
        "floor",
        str(work),
        str(data_dir),
        period,
        str(timings),
    ]
    wall, peak = measure(command, env=_environment())
    stages = json.loads(timings.read_text(encoding="utf-8"))
    return Measurement(wall - stages.pop("setup", 0.0), peak, stages)


# --- the table ---------------------------------------------------------------------------------


def _machine() -> str:
    import platform

    return f"{os.cpu_count()} core(s), Python {platform.python_version()}"


def run_bench(
    output_dir: Path,
    repeats: int = 3,
    scales: Sequence[int] = (1, 10, 100),
    period: str = BENCH_PERIOD,
) -> list[dict[str, object]]:
    """Benchmark the report at each scale against the floor; write the table; return its rows."""
    if repeats < 1:
        msg = f"repeats must be at least 1, not {repeats}"
        raise ValueError(msg)
    output_dir = Path(output_dir).resolve()
    floor = Series("floor")
    series = {("report", scale): Series(f"{scale}x") for scale in scales}
    series |= {
        (PARTNERSHIP, scale): Series(f"{PARTNERSHIP} {scale}x")
        for scale in scales
        if scale in PARTNERSHIP_SCALES
    }
    with tempfile.TemporaryDirectory(prefix="cci-bench-") as temporary:
        root = Path(temporary)
        data = {}
        for scale in scales:
            data[scale] = root / f"data_{scale}x"
            started = time.perf_counter()
            sample_data.generate(data[scale], scale)
            log.info("Generated the %dx data in %.1f s", scale, time.perf_counter() - started)
        for repetition in range(1, repeats + 1):
            measured = measure_floor(root / f"floor_{repetition}", data[min(scales)], period)
            floor.runs.append(measured)
            log.info("[%d/%d] floor: %.2f s", repetition, repeats, measured.wall_s)
            for (command, scale), measured_series in series.items():
                archive_dir = root / f"archive_{command}_{scale}x_{repetition}"
                run = measure_report(data[scale], archive_dir, period, command)
                again = measure_repeat(data[scale], archive_dir, period, command)
                measured_series.runs.append(run)
                measured_series.repeats.append(again)
                log.info(
                    "[%d/%d] %s: %.2f s, peak %.0f MB; repeat %.2f s",
                    repetition,
                    repeats,
                    measured_series.name,
                    run.wall_s,
                    run.peak_mb,
                    again.wall_s,
                )
    rows = summarise(floor, list(series.values()))
    bench_dir = output_dir / ".bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    markdown = markdown_table(rows, repeats=repeats, machine=_machine())
    (bench_dir / "bench.md").write_text(markdown, encoding="utf-8")
    (bench_dir / "bench.csv").write_text(csv_table(rows), encoding="utf-8")
    log.info("\n%s", markdown)
    log.info("Written to %s", bench_dir)
    return rows
