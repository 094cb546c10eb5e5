"""The sample PDF is set only in the fonts that come with the project: hide every font the
machine has and the same HTML prints the same bytes.

The machine's fonts are hidden for one process tree by mounting an empty folder over
``/usr/share/fonts`` (and ``/usr/local/share/fonts``) in a private mount namespace
(``unshare -m``), which needs root on Linux: elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.browser.checks import pdf_fonts, require_tools

pytestmark = pytest.mark.e2e

FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts")
RENDER = """
import os, sys
from pathlib import Path
from pipeline.publish.render import render_pdf
hidden = [folder for folder in {folders!r} if os.path.isdir(folder) and os.listdir(folder)]
assert not hidden, f"still visible: {{hidden}}"
render_pdf(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _hide_fonts_and_render(html, pdf) -> subprocess.CompletedProcess:
    if not sys.platform.startswith("linux") or not shutil.which("unshare"):
        pytest.skip("hiding the machine's fonts needs Linux's unshare (util-linux)")
    if os.geteuid() != 0:
        pytest.skip("hiding the machine's fonts needs root (a private mount namespace)")
    mounts = " && ".join(
        f"{{ [ ! -d {folder} ] || mount -t tmpfs none {folder}; }}" for folder in FONT_FOLDERS
    )
    script = RENDER.format(folders=FONT_FOLDERS)
    command = f'{mounts} && exec "$0" -W error -c "$1" "$2" "$3"'
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", command, sys.executable, script, str(html), str(pdf)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    refused = ("unshare: unshare failed", "mount: ")  # no namespace, or no mount in it
    if done.returncode != 0 and any(done.stderr.startswith(word) for word in refused):
        pytest.skip(f"the machine's fonts cannot be hidden here: {done.stderr.strip()}")
    return done


class TestTheSamePagesEverywhere:
    def test_only_the_projects_fonts_are_embedded(self, sample_run):
        require_tools("pdf")
        names = [font["name"].split("+", 1)[-1] for font in pdf_fonts(sample_run.pdf_path)]
        assert names
        assert [name for name in names if not name.startswith("CCI-")] == []
        assert {"CCI-Sans", "CCI-Sans-Bold"} <= set(names)

    def test_hiding_the_machines_fonts_changes_no_byte(self, sample_run, tmp_path):
        pdf = tmp_path / "report.pdf"
        done = _hide_fonts_and_render(sample_run.paper, pdf)
        assert done.returncode == 0, done.stderr
        assert pdf.read_bytes() == sample_run.pdf_path.read_bytes()
