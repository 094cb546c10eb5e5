"""The archive under ``<output>/``: run ids, atomic placement, the index.

Layout::

    <output>/<PERIOD>/<run id>/   report.html, report.pdf, indicators.csv, set_aside.csv,
                                  clashes.csv, manifest.json, notebooks/*.ipynb
    <output>/partnership/<PERIOD>/<run id>/   the partnership paper's runs (its manifest's kind)
    <output>/index.html, index.csv
    <output>/.tmp/                work in progress (moved into place by one rename)
    <output>/.failed/             what failed runs left, for diagnosis

Nothing archived is ever overwritten or deleted by a run.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.paths import NOTEBOOKS, PACKAGE, PROJECT_ROOT

if TYPE_CHECKING:
    import pandas as pd

CODE_ROOTS = (PACKAGE, NOTEBOOKS)
# Parts of the package that never shape a paper: the sample-data generator and the
# documentation builder. Editing them does not make a new run.
NOT_CODE = (PACKAGE / "sample_data", PACKAGE / "docs")
CODE_SUFFIXES = {".py", ".ipynb", ".j2", ".css", ".json", ".toml"}
INDEX_COLUMNS = (
    "kind",
    "period",
    "run_id",
    "created",
    "data_folder",
    "headline_ratings",
    "paper",
)
# The kind of paper a run made: the council's own (its manifest names none) or the partnership's,
# archived in a folder of its own under the archive.
COUNCIL_KIND = "council"
KIND_FOLDERS = ("partnership",)


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


def run_id(
    input_hashes: Iterable[tuple[str, str]], parameters: dict, code: str, outputs: str
) -> str:
    """A short id from the inputs' content, the parameters, the code and the outputs produced."""
    payload = json.dumps(
        {
            "inputs": sorted(input_hashes),
            "parameters": parameters,
            "code": code,
            "outputs": outputs,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:12]


def run_folder(output_dir: Path, period: str, run: str) -> Path:
    return output_dir / period / run


def is_archived(folder: Path) -> bool:
    return (folder / "manifest.json").is_file() and (folder / "report.html").is_file()


def _unique_name(prefix: str) -> str:
    """A name no other process will choose: the prefix, this process and a random part."""
    return f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"


def new_work_folder(output_dir: Path, run: str) -> Path:
    """A fresh folder under ``.tmp/`` for one run's work, created with the user's umask.

    (``tempfile.mkdtemp`` would make it 0700, and the archived run folder, which is this
    folder's ``run/`` moved into place, would then be unreadable to colleagues.)
    """
    tmp_root = output_dir / ".tmp"
    tmp_root.mkdir(parents=True, exist_ok=True)
    while True:
        folder = tmp_root / _unique_name(f"{run}-")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def place(staged: Path, final: Path) -> bool:
    """Move a complete run folder into the archive in one rename.

    Returns False (and leaves the archive as it was) when a run with the same id
    was archived meanwhile by another process.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(staged, final)
    except OSError:
        if is_archived(final):
            return False
        raise
    return True


def renamed_work_folder(work: Path, run: str) -> Path:
    """``work`` (made by :func:`new_work_folder` before the run's id was known) under the name
    :func:`new_work_folder` gives a run's work; what works inside it goes on working."""
    while True:
        folder = work.parent / _unique_name(f"{run}-")
        if not folder.exists():
            work.rename(folder)
            return folder


def keep_failed(output_dir: Path, work: Path) -> Path:
    """Move a failed run's work folder to ``.failed/`` so the failing notebook can be read."""
    failed_root = output_dir / ".failed"
    failed_root.mkdir(parents=True, exist_ok=True)
    target = failed_root / work.name
    shutil.move(str(work), target)
    return target


def archived_runs(output_dir: Path) -> pd.DataFrame:
    """Every archived run, newest first, from the manifests."""
    import pandas as pd  # imported when the index is written, not before the first kernel starts

    rows = []
    manifests = [*output_dir.glob("*/*/manifest.json")]
    for kind in KIND_FOLDERS:
        manifests += (output_dir / kind).glob("*/*/manifest.json")
    for manifest_path in sorted(manifests):
        if manifest_path.parts[-3].startswith("."):
            continue
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        folder = manifest_path.parent
        rows.append(
            {
                "kind": manifest.get("kind", COUNCIL_KIND),
                "period": manifest["parameters"]["period"],
                "run_id": folder.name,
                "created": manifest["started"],
                "data_folder": manifest["parameters"]["data_folder"],
                "headline_ratings": "; ".join(
                    f"{k}: {v}" for k, v in manifest.get("headline_ratings", {}).items()
                ),
                "paper": folder.relative_to(output_dir).joinpath("report.html").as_posix(),
            }
        )
    frame = pd.DataFrame(rows, columns=list(INDEX_COLUMNS))
    return frame.sort_values(["created", "run_id"], ascending=False, ignore_index=True)


def _replace_text(path: Path, text: str) -> None:
    """Write a file whole or not at all (a reader never sees half of it)."""
    # Opened as a new file with mode 0666, so the umask decides who may read it
    # (``tempfile.mkstemp`` would make it 0600 whatever the umask).
    while True:
        temporary = path.with_name(_unique_name(f".{path.name}."))
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        break
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    os.replace(temporary, path)


@contextmanager
def _index_lock(output_dir: Path) -> Iterator[None]:
    """Serialise index writers: an exclusive lock on the archive folder itself.

    Two runs finishing together each regenerate the index; without the lock the
    slower writer could replace the index with one read before the other run was
    placed. The kernel releases the lock when the process ends, however it ends,
    so a killed run never leaves a lock behind.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    handle = os.open(output_dir, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def write_index(output_dir: Path) -> None:
    """Regenerate ``index.csv`` and ``index.html`` from what is archived."""
    with _index_lock(output_dir):
        _write_index(output_dir)


def _write_index(output_dir: Path) -> None:
    runs = archived_runs(output_dir)
    from pipeline.publish.csvout import to_csv_text

    _replace_text(output_dir / "index.csv", to_csv_text(runs))
    environment = Environment(
        loader=FileSystemLoader(PACKAGE / "publish" / "templates"),
        autoescape=select_autoescape(default=True),
        keep_trailing_newline=True,
    )
    html = environment.get_template("index.html.j2").render(runs=runs.to_dict("records"))
    _replace_text(output_dir / "index.html", html)
