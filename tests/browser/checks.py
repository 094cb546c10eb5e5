"""Checks of a rendered page by tools nobody on the team wrote: axe-core, the Nu Html Checker,
poppler's pdfinfo, pdffonts and pdftotext, and a calendar program (calcurse) that imports the
forward plan's iCalendar file.

Independent of ``pipeline``: each helper takes a file and returns what the tool found.
Tests that need a tool call :func:`require_tools`: on CI (``CI=true``) a missing tool
fails the test; on a developer's machine the test is skipped with a reason that says
what to install.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

BROWSER_DIR = Path(__file__).resolve().parent
NODE_MODULES = BROWSER_DIR / "node_modules"
CHECK_PAGE = BROWSER_DIR / "check_page.mjs"
LAYOUT_PAGE = BROWSER_DIR / "layout_page.mjs"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

# No filter: the project's inlined stylesheet and markup give the Nu Html Checker nothing
# to complain about. Anything it reports is a real error in the page.
VNU_IGNORED: tuple[re.Pattern[str], ...] = ()

_NPM_INSTALL = "cd tests/browser && npm ci"
_TOOLS = {
    "axe": ("node", "chromium", "npm packages"),
    "vnu": ("java", "npm packages"),
    "pdf": ("poppler",),
    "layout": ("node", "chromium", "npm packages"),
    "calendar": ("calcurse",),
}


def _missing(tool: str) -> str | None:
    """What to install for ``tool``, or None when it is there."""
    if tool == "node" and shutil.which("node") is None:
        return "Node.js 18 or later (apt-get install -y nodejs npm)"
    if tool == "chromium" and not CHROMIUM.exists():
        return f"Chromium at {CHROMIUM} (apt-get install -y chromium), or set CHROMIUM_PATH"
    if tool == "java" and shutil.which("java") is None:
        return "Java 11 or later for the Nu Html Checker (apt-get install -y default-jre-headless)"
    if tool == "npm packages":
        wanted = [NODE_MODULES / "axe-core", NODE_MODULES / "playwright-core", VNU_JAR]
        if not all(path.exists() for path in wanted):
            return f"axe-core, playwright-core and vnu-jar from tests/browser ({_NPM_INSTALL})"
    if tool == "calcurse" and shutil.which("calcurse") is None:
        return "calcurse, a calendar that imports .ics files (apt-get install -y calcurse)"
    if tool == "poppler" and not all(map(shutil.which, ("pdfinfo", "pdffonts", "pdftotext"))):
        return "pdfinfo, pdffonts and pdftotext (apt-get install -y poppler-utils)"
    return None


def tools_available(*checks: str) -> tuple[bool, str]:
    """Whether the tools for ``checks`` ("axe", "vnu", "pdf", "layout", "calendar"; all when none
    named) are here.

    Returns (True, "") or (False, a sentence naming everything to install).
    """
    tools: list[str] = []
    for check in checks or tuple(_TOOLS):
        tools.extend(tool for tool in _TOOLS[check] if tool not in tools)
    missing = [need for need in map(_missing, tools) if need]
    if not missing:
        return True, ""
    return False, "Missing: " + "; ".join(missing) + "."


def require_tools(*checks: str) -> None:
    """Skip the calling test when a tool is missing; on CI (CI=true) fail it instead."""
    available, reason = tools_available(*checks)
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and a checking tool is not installed. {reason}")
    pytest.skip(reason)


def _run(command: list[str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=BROWSER_DIR,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def run_axe(html_path: Path) -> dict:
    """axe-core's default rules on the page in Chromium, offline.

    Returns ``{"violations": [...], "incomplete": [...], "blockedRequests": [...],
    "axeVersion": ..., "url": ...}``; blockedRequests lists every request the page made
    that was not file: or data:.
    """
    result = _run(["node", str(CHECK_PAGE), str(Path(html_path).resolve())])
    if result.returncode != 0:
        msg = f"check_page.mjs failed ({result.returncode}): {result.stderr.strip()}"
        raise RuntimeError(msg)
    return json.loads(result.stdout)


def run_layout(html_path: Path, widths: tuple[int, ...]) -> dict:
    """What does not fit the page in Chromium at each width (``layout_page.mjs``).

    Returns ``{"<width>": {"viewport", "scrollWidth", "outside": [...], "scrolled": [...]}}``.
    """
    command = ["node", str(LAYOUT_PAGE), str(Path(html_path).resolve()), *map(str, widths)]
    result = _run(command)
    if result.returncode != 0:
        msg = f"layout_page.mjs failed ({result.returncode}): {result.stderr.strip()}"
        raise RuntimeError(msg)
    return json.loads(result.stdout)


def run_vnu(html_path: Path) -> list[str]:
    """The Nu Html Checker's errors for the page, as "line L, column C: message" lines."""
    result = _run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(html_path)]
    )
    if result.returncode not in (0, 1):
        msg = f"vnu.jar failed ({result.returncode}): {result.stderr.strip()}"
        raise RuntimeError(msg)
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"line {m.get('lastLine', '?')}, column {m.get('firstColumn', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    return [e for e in errors if not any(pattern.search(e) for pattern in VNU_IGNORED)]


def pdf_info(pdf_path: Path) -> dict[str, str]:
    """pdfinfo's fields ("Tagged", "Page size", "Pages", "Title"...) for the PDF."""
    result = subprocess.run(
        ["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True, timeout=60
    )
    fields = (line.partition(":") for line in result.stdout.splitlines())
    return {key.strip(): value.strip() for key, _, value in fields}


def pdf_fonts(pdf_path: Path) -> list[dict[str, str]]:
    """pdffonts' table: one dict per font with "name", "type", "emb" ("yes"/"no")."""
    result = subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True, timeout=60
    )
    rows = result.stdout.splitlines()[2:]  # a header line and a rule
    fonts = []
    for row in rows:
        # name, type (may contain spaces), encoding, emb, sub, uni, object, ID
        parts = row.split()
        fonts.append({"name": parts[0], "emb": parts[-5], "type": " ".join(parts[1:-6])})
    return fonts


def pdf_text(pdf_path: Path) -> str:
    """The PDF's text as pdftotext extracts it."""
    result = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def calcurse_import(ics_path: Path, folder: Path) -> str:
    """Import the iCalendar file into a fresh calcurse data folder; calcurse's report."""
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["calcurse", "-D", str(folder), "-i", str(ics_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        msg = f"calcurse -i failed ({result.returncode}): {result.stderr.strip()}"
        raise RuntimeError(msg)
    return result.stdout + result.stderr


def calcurse_day(folder: Path, day: str) -> list[str]:
    """The titles calcurse shows on ``day`` (``MM/DD/YYYY``, its default input form)."""
    result = subprocess.run(
        ["calcurse", "-D", str(folder), "-Q", "--from", day, "--days", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line.strip().removeprefix("* ") for line in result.stdout.splitlines()[1:]]
