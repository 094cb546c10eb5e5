"""The archive under ``<output>/``: run ids, atomic placement, the index.

Layout::

    <output>/<PERIOD>/<run id>/   report.html, report.pdf, indicators.csv, set_aside.csv,
                                  clashes.csv, manifest.json, notebooks/*.ipynb
    <output>/partnership/<PERIOD>/<run id>/   the partnership paper's runs (its manifest's kind)
    <output>/index.html, index.csv
    <output>/.tmp/                work in progress (moved into place by one rename)
    <output>/.failed/             what failed runs left, for diagnosis

Nothing archived is ever overwritten or deleted by a run. The index is made from the archive
alone (the run folders' manifests), and made again whenever it disagrees with it: after a run
was killed between placing its folder and updating the index, or the index was lost.
A run is placed only once its index is written beside the old one, so that a disk that fills
up while archiving leaves the archive and its index as they were.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.paths import PACKAGE

if TYPE_CHECKING:
    import pandas as pd

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


def keep_failed(output_dir: Path, work: Path) -> Path:
    """Move a failed run's work folder to ``.failed/`` so the failing notebook can be read."""
    failed_root = output_dir / ".failed"
    failed_root.mkdir(parents=True, exist_ok=True)
    target = failed_root / work.name
    shutil.move(str(work), target)
    return target


def _manifest_rows(output_dir: Path, placing: tuple[Path, Path] | None = None) -> list[dict]:
    """One index row per archived run, from its manifest (a run without a readable one is not
    listed); ``placing``: (staged, final) of a run about to be placed, listed at ``final``."""
    found = [*output_dir.glob("*/*/manifest.json")]
    for kind in KIND_FOLDERS:
        found += (output_dir / kind).glob("*/*/manifest.json")
    manifests = [
        (path, path.parent)
        for path in sorted(found)
        if not path.parts[-3].startswith(".") and is_archived(path.parent)
    ]
    if placing is not None and not is_archived(placing[1]):
        manifests.append((placing[0] / "manifest.json", placing[1]))
    rows = []
    for manifest_path, folder in manifests:
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            parameters = manifest["parameters"]
            row = {
                "kind": manifest.get("kind", COUNCIL_KIND),
                "period": parameters["period"],
                "run_id": folder.name,
                "created": manifest["started"],
                "data_folder": parameters["data_folder"],
                "headline_ratings": "; ".join(
                    f"{k}: {v}" for k, v in manifest.get("headline_ratings", {}).items()
                ),
                "paper": folder.relative_to(output_dir).joinpath("report.html").as_posix(),
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        rows.append(row)
    return rows


def archived_runs(output_dir: Path, placing: tuple[Path, Path] | None = None) -> pd.DataFrame:
    """Every archived run, newest first, from the manifests (see :func:`_manifest_rows`)."""
    import pandas as pd  # imported when the index is written, not before the first kernel starts

    frame = pd.DataFrame(_manifest_rows(output_dir, placing), columns=list(INDEX_COLUMNS))
    return frame.sort_values(["created", "run_id"], ascending=False, ignore_index=True)


def _written_beside(path: Path, text: str) -> Path:
    """``text`` written whole to a new file beside ``path``, to replace it in one rename; the
    new file is removed again if it cannot be written whole (a full disk, say)."""
    # Opened as a new file with mode 0666, so the umask decides who may read it
    # (``tempfile.mkstemp`` would make it 0600 whatever the umask).
    while True:
        temporary = path.with_name(_unique_name(f".{path.name}."))
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _replace_text(path: Path, text: str) -> None:
    """Write a file whole or not at all (a reader never sees half of it)."""
    os.replace(_written_beside(path, text), path)


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


INDEX_FILES = ("index.csv", "index.html")


def _listed_papers(output_dir: Path) -> set[str] | None:
    """The papers ``index.csv`` lists; None if it is missing or cannot be read as an index."""
    try:
        with open(output_dir / "index.csv", encoding="utf-8", newline="") as handle:
            return {row["paper"] for row in csv.DictReader(handle)}
    except (OSError, UnicodeDecodeError, csv.Error, KeyError):
        return None


def index_agrees(output_dir: Path) -> bool:
    """Whether the index lists every archived run and no other, and both its files are there:
    found from the manifests and ``index.csv`` alone (a repeat run does not pay for pandas)."""
    archived = {row["paper"] for row in _manifest_rows(output_dir)}
    listed = _listed_papers(output_dir)
    if listed is None:
        return not archived and not (output_dir / "index.html").exists()
    return listed == archived and (output_dir / "index.html").is_file()


def repair_index(output_dir: Path) -> bool:
    """Make the index again if it disagrees with the archive (a run placed but not indexed, a
    run listed that is not archived, an index lost); True if it did. An archive without runs
    needs no index."""
    if not output_dir.is_dir() or index_agrees(output_dir):
        return False
    with _index_lock(output_dir):
        runs = archived_runs(output_dir)
        texts = _index_texts(runs)
        if runs.empty and not any((output_dir / n).exists() for n in INDEX_FILES):
            return False
        if all(_current_text(output_dir / n) == t for n, t in zip(INDEX_FILES, texts, strict=True)):
            return False
        _replace_index(output_dir, texts)
        return True


def place_and_index(staged: Path, final: Path, output_dir: Path) -> bool:
    """Place a complete run folder in the archive and index it, all or nothing.

    The new index is written beside the old one first; only then is the run folder moved into
    place and the index replaced, each in one rename. A disk that fills up while the index is
    written stops the run there, and the archive and its index are as they were. Returns False
    when a run with the same id was archived meanwhile by another process (see :func:`place`).
    """
    with _index_lock(output_dir):
        texts = _index_texts(archived_runs(output_dir, placing=(staged, final)))
        written: list[Path] = []
        try:
            for name, text in zip(INDEX_FILES, texts, strict=True):
                written.append(_written_beside(output_dir / name, text))
            placed = place(staged, final)
        except BaseException:
            for temporary in written:
                temporary.unlink(missing_ok=True)
            raise
        if placed:
            for name, temporary in zip(INDEX_FILES, written, strict=True):
                os.replace(temporary, output_dir / name)
        else:
            for temporary in written:
                temporary.unlink(missing_ok=True)
            _replace_index(output_dir, _index_texts(archived_runs(output_dir)))
        return placed


def _current_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _index_texts(runs: pd.DataFrame) -> tuple[str, str]:
    """The text of ``index.csv`` and ``index.html`` listing ``runs``."""
    from pipeline.publish.csvout import to_csv_text

    environment = Environment(
        loader=FileSystemLoader(PACKAGE / "publish" / "templates"),
        autoescape=select_autoescape(default=True),
        keep_trailing_newline=True,
    )
    html = environment.get_template("index.html.j2").render(runs=runs.to_dict("records"))
    return to_csv_text(runs), html


def _replace_index(output_dir: Path, texts: tuple[str, str]) -> None:
    for name, text in zip(INDEX_FILES, texts, strict=True):
        _replace_text(output_dir / name, text)
