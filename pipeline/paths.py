"""Paths from the project root, never from the working directory."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT_ROOT / "data"
DEFAULT_OUTPUT = PROJECT_ROOT / "output"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
PACKAGE = Path(__file__).resolve().parent
