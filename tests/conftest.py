"""Shared fixtures. Tests that need a full run of the pipeline share one (session scope)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.paths import DEFAULT_DATA, PROJECT_ROOT

SAMPLE_PERIOD = "2006-04..2007-01"


@pytest.fixture(scope="session", autouse=True)
def _quiet_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep Jupyter's runtime files out of the home folder during tests."""
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    os.environ.setdefault("JUPYTER_RUNTIME_DIR", str(runtime))
    os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("archive")


@pytest.fixture(scope="session")
def sample_run(sample_archive: Path):
    """One real run of the whole pipeline (papermill, nbconvert, PDF) on the sample data."""
    from pipeline.run.report import run_report

    return run_report(SAMPLE_PERIOD, data_dir=DEFAULT_DATA, output_dir=sample_archive)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT
