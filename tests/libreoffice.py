"""LibreOffice headless, as tests use it: to write files as a council PC would, and to lay out
the Word version of the paper.

LibreOffice is a Debian package (``libreoffice-calc-nogui`` for spreadsheets,
``libreoffice-writer-nogui`` for Word documents): CI installs both; on a machine without them
the tests that need them are skipped with a reason, and fail under ``CI=true``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

_L10N = '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:op="fuse" oor:name='
EN_GB_PROFILE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry"\n'
    '  xmlns:xs="http://www.w3.org/2001/XMLSchema"\n'
    '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    f'{_L10N}"ooSetupSystemLocale"><value>en-GB</value></prop></item>\n'
    f'{_L10N}"ooLocale"><value>en-GB</value></prop></item>\n'
    "</oor:items>\n"
)
# Writer's own library: present only when libreoffice-writer(-nogui) is installed.
WRITER_LIBRARY = Path("/usr/lib/libreoffice/program/libswlo.so")


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


def require_program(program: str, package: str) -> str:
    """The program's path; the calling test is skipped (failed on CI) when it is missing."""
    found = shutil.which(program)
    if not found:
        _missing(f"{program} is not installed (Debian/Ubuntu: apt-get install -y {package})")
    return found or ""


def require_writer() -> str:
    """soffice with Writer, which opens and lays out Word documents."""
    program = require_program("soffice", "libreoffice-writer-nogui")
    if not WRITER_LIBRARY.exists():
        _missing(
            "LibreOffice Writer is not installed "
            "(Debian/Ubuntu: apt-get install -y libreoffice-writer-nogui)"
        )
    return program


def converter(program: str, profile: Path) -> Callable[[Path, str, Path], Path]:
    """``convert(source, target_format, folder)`` with LibreOffice headless, in a private
    English (UK) profile at ``profile``; returns the file it wrote."""
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(EN_GB_PROFILE, encoding="utf-8")

    def convert(source: Path, target_format: str, folder: Path) -> Path:
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                target_format,
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return folder / f"{source.stem}.{target_format.split(':')[0]}"

    return convert


# The system Python with LibreOffice's scripting bridge (Debian: python3-uno).
SYSTEM_PYTHON = "/usr/bin/python3"
_OFFICE_SAVE = Path(__file__).with_name("office_save.py")


def saver(profile: Path) -> Callable[..., Path]:
    """``save(source, target, filter_name, password=None)`` with LibreOffice through its
    scripting bridge (see ``tests/office_save.py``), for what ``--convert-to`` cannot do."""
    require_program("soffice", "libreoffice-calc-nogui")
    found = (
        subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
        if Path(SYSTEM_PYTHON).exists()
        else None
    )
    if found is None or found.returncode != 0:
        install = "Debian/Ubuntu: apt-get install -y python3-uno"
        _missing(f"LibreOffice's Python bridge is not installed ({install})")

    def save(source: Path, target: Path, filter_name: str, password: str | None = None) -> Path:
        command = [
            SYSTEM_PYTHON,
            str(_OFFICE_SAVE),
            str(profile),
            str(source),
            str(target),
            filter_name,
        ]
        subprocess.run(
            [*command, *([password] if password else [])],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return target

    return save
