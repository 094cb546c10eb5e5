"""What made a run, for its run id and manifest: the inputs' and the code's fingerprints, the
library versions and the lock file they were installed from."""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from pipeline.measures.view import Provenance
from pipeline.paths import NOTEBOOKS, PACKAGE, PROJECT_ROOT

CODE_ROOTS = (PACKAGE, NOTEBOOKS)
# Parts of the package that never shape a paper: the sample-data generator and the
# documentation builder. Editing them does not make a new run.
NOT_CODE = (PACKAGE / "sample_data", PACKAGE / "docs")
CODE_SUFFIXES = {".py", ".ipynb", ".j2", ".css", ".json", ".toml"}
LOCK_FILE = "uv.lock"  # the exact libraries ``make`` installs
KEY_PACKAGES = (
    "pandas",
    "numpy",
    "pyarrow",
    "matplotlib",
    "afcharts",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "jinja2",
    "weasyprint",
    "pypandoc-binary",
    "python-docx",
    "resvg-py",
    "openpyxl",
    "pyreadstat",
)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def code_files() -> list[Path]:
    """Every file whose content shapes a paper: the package, its templates and the notebooks."""
    files = [
        path
        for root in CODE_ROOTS
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix in CODE_SUFFIXES
        and "__pycache__" not in path.parts
        and ".ipynb_checkpoints" not in path.parts
        and not any(path.is_relative_to(part) for part in NOT_CODE)
    ]
    return sorted(files, key=lambda p: p.relative_to(PROJECT_ROOT).as_posix())


def notebook_code(raw: bytes) -> bytes:
    """What a notebook does: its cells' types, tags and sources, nothing JupyterLab adds.

    Outputs, execution counts, cell ids and kernel metadata change when an analyst opens, runs
    and saves a notebook; they do not change what a run computes, so they are left out.
    """
    cells = json.loads(raw.decode("utf-8")).get("cells", [])
    kept = [
        {
            "type": cell.get("cell_type"),
            "tags": sorted(cell.get("metadata", {}).get("tags", [])),
            "source": "".join(cell.get("source", [])),
        }
        for cell in cells
    ]
    return json.dumps(kept, sort_keys=True, ensure_ascii=False).encode("utf-8")


def code_digest() -> str:
    """A digest of the code's content, so uncommitted edits count (notebooks by their code)."""
    digest = hashlib.sha256()
    for path in code_files():
        content = path.read_bytes()
        if path.suffix == ".ipynb":
            content = notebook_code(content)
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class CodeVersion:
    commit: str
    dirty: bool
    digest: str

    def as_dict(self) -> dict[str, object]:
        return {"commit": self.commit, "dirty": self.dirty, "content_sha256": self.digest}


def code_version() -> CodeVersion:
    """The git commit (if any), whether the work tree differs from it, and the content digest."""
    commit, dirty = "unknown", True
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", "pipeline", "notebooks", "pyproject.toml"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout
        dirty = bool(status.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return CodeVersion(commit, dirty, code_digest())


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def environment_lock() -> dict[str, str] | None:
    """The lock file the libraries were installed from, and its SHA-256 (None without one)."""
    lock = PROJECT_ROOT / LOCK_FILE
    if not lock.is_file():
        return None
    return {"file": LOCK_FILE, "sha256": sha256_file(lock)}


def paper_provenance(given: dict | None) -> Provenance:
    """The code version a paper names: the one the run passed its notebook, or (when a notebook
    is run by hand) this working tree's."""
    version = given if given is not None else code_version().as_dict()
    return Provenance(
        commit=str(version["commit"]),
        dirty=bool(version["dirty"]),
        digest=str(version["content_sha256"]),
    )
