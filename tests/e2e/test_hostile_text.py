"""Text that looks like markup or breaks lines, through the real ``python -m pipeline report``.

Every activity's title names an address the way markup would load it (``src=http://...``,
``url(http://...)``), and ``report.toml``'s ``organisation`` runs over two lines. Titles are data:
escaped wherever they are shown, they load nothing, so the paper and the web pages are
published. The organisation is shown on one line, the calendar included.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.paths import DEFAULT_DATA, PROJECT_ROOT
from tests.conftest import SAMPLE_PERIOD

pytestmark = pytest.mark.e2e

LOADS_NOTHING = " (see src=http://example.org/a.png and url(http://example.org/b.png))"


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    root = tmp_path_factory.mktemp("hostile-text")
    data = root / "data"
    shutil.copytree(DEFAULT_DATA, data)
    register = data / "activity_register.csv"
    with open(register, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    title = rows[0].index("title")
    for row in rows[1:]:
        row[title] += LOADS_NOTHING
    with open(register, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    settings = data / "reference" / "report.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            'organisation = "Rotherham Metropolitan Borough Council"',
            'organisation = """Rotherham Metropolitan\nBorough Council"""',
        ),
        encoding="utf-8",
    )
    out = root / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "report",
            "--period",
            SAMPLE_PERIOD,
            "--data",
            str(data),
            "--output",
            str(out),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    folders = list((out / SAMPLE_PERIOD).glob("*")) if (out / SAMPLE_PERIOD).exists() else []
    return done, folders[0] if folders else out


def test_the_run_publishes_the_paper_and_the_pages(run):
    done, folder = run
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (folder / "report.html").is_file()
    assert (folder / "website" / "forward-plan.html").is_file()


def test_the_titles_are_shown_as_text(run):
    _, folder = run
    for page in ("report.html", "website/forward-plan.html", "website/you-said-we-did.html"):
        assert LOADS_NOTHING in (folder / page).read_text(encoding="utf-8"), page


def test_the_organisation_is_on_one_line_everywhere(run):
    _, folder = run
    calendar = (folder / "website" / "forward-plan.ics").read_text(encoding="utf-8")
    assert "PRODID:-//Rotherham Metropolitan Borough Council//" in calendar
    assert "Rotherham Metropolitan Borough Council" in (folder / "report.html").read_text(
        encoding="utf-8"
    )
