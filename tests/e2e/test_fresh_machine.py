"""A report as it runs on a fresh machine, seen from the committee officer's terminal.

A fresh machine of the project's kind has Pango but not HarfBuzz's subsetting library, which
any machine with Chromium (CI, say) has. The run here hides that library from WeasyPrint, turns
every DeprecationWarning into an error (as pytest does), and uses a group-only umask, then
reads the console line by line and the modes of everything archived.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.paths import DEFAULT_DATA, PROJECT_ROOT
from pipeline.run.report import STAGE_COUNT
from tests.conftest import SAMPLE_PERIOD

# Runs the real command line with WeasyPrint unable to load libharfbuzz-subset.
HIDE_SUBSETTING = textwrap.dedent(
    """
    import os, sys
    import cffi

    _dlopen = cffi.FFI.dlopen

    def dlopen(self, name, flags=0):
        if "harfbuzz-subset" in str(name):
            raise OSError(f"{name}: hidden by the test, as on a fresh machine")
        return _dlopen(self, name, flags)

    cffi.FFI.dlopen = dlopen
    os.umask(0o027)
    from pipeline.cli import main

    sys.exit(main(sys.argv[1:]))
    """
)

# Every line a successful run may print on standard error, and nothing else.
CONSOLE_LINES = (
    rf"\[[1-{STAGE_COUNT}]/{STAGE_COUNT}\] [A-Z].*",
    r"\d+ input rows? set aside \(listed in set_aside\.csv\):",
    r"  [a-z_]+: .* \(\d+\)",
    r"Done in \d+\.\d s",
)


@pytest.fixture(scope="module")
def fresh_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    output = tmp_path_factory.mktemp("fresh") / "archive"
    argv = ["report", "--period", SAMPLE_PERIOD, "--data", str(DEFAULT_DATA), "--output", output]
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", HIDE_SUBSETTING, *map(str, argv)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning"},
    )
    return result, output


@pytest.mark.e2e
class TestWithoutFontSubsetting:
    def test_run_succeeds_with_a_pdf(self, fresh_run):
        result, output = fresh_run
        assert result.returncode == 0, result.stderr
        (pdf,) = output.glob("*/*/report.pdf")
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert pdf.stat().st_size > 50_000

    def test_console_holds_only_stages_and_the_set_aside_summary(self, fresh_run):
        result, _ = fresh_run
        lines = result.stderr.splitlines()
        stray = [line for line in lines if not any(re.fullmatch(p, line) for p in CONSOLE_LINES)]
        assert stray == []
        assert [line[:5] for line in lines if line.startswith("[")] == [
            f"[{n}/{STAGE_COUNT}]" for n in range(1, STAGE_COUNT + 1)
        ]
        # What the machine lacks is said once, at set-up (below), not on every run.
        assert not any("HarfBuzz" in line for line in lines)

    def test_the_set_up_says_once_what_the_machine_lacks(self):
        result = subprocess.run(
            [sys.executable, "-c", HIDE_SUBSETTING, "warm-caches"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        notes = [line for line in result.stderr.splitlines() if "HarfBuzz" in line]
        assert len(notes) == 1
        assert "libharfbuzz-subset0" in notes[0]

    def test_last_lines_name_the_run_folder_html_pdf_and_word(self, fresh_run):
        result, output = fresh_run
        (folder,) = output.glob("*/*/")
        assert result.stdout.splitlines() == [
            f"Paper archived ({SAMPLE_PERIOD}):",
            f"  Run folder: {folder}",
            f"  HTML paper: {folder / 'report.html'}",
            f"  PDF paper:  {folder / 'report.pdf'}",
            f"  Word paper: {folder / 'report.docx'}",
            f"  Web pages:  {folder / 'website'}/",
        ]


@pytest.mark.e2e
def test_everything_archived_follows_the_umask(fresh_run):
    """umask 027: folders rwxr-x---, files rw-r----- (never 0700/0600 from tempfile)."""
    _, output = fresh_run
    modes = {
        path.relative_to(output).as_posix(): stat.S_IMODE(path.stat().st_mode)
        for path in [output, *output.rglob("*")]
    }
    assert {"index.html", "index.csv", ".tmp"} <= modes.keys()
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o750 if (output / name).is_dir() else 0o640)
    }
    assert wrong == {}
