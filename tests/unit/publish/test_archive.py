import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.publish import archive, provenance


def _archived(output: Path, period: str, run: str, started: str) -> Path:
    folder = output / period / run
    folder.mkdir(parents=True)
    (folder / "report.html").write_text("<p>paper</p>", encoding="utf-8")
    manifest = {
        "parameters": {"period": period, "data_folder": "/data"},
        "started": started,
        "headline_ratings": {"Priority area 1": "Green"},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


class TestRunId:
    def test_same_content_same_id(self):
        a = archive.run_id([("x.csv", "aa")], {"period": "2006-04..2007-01"}, "code", "pdf")
        b = archive.run_id([("x.csv", "aa")], {"period": "2006-04..2007-01"}, "code", "pdf")
        assert a == b

    def test_input_order_does_not_matter(self):
        a = archive.run_id([("x", "1"), ("y", "2")], {}, "code", "pdf")
        b = archive.run_id([("y", "2"), ("x", "1")], {}, "code", "pdf")
        assert a == b

    def test_any_change_gives_a_new_id(self):
        base = archive.run_id([("x.csv", "aa")], {"period": "p"}, "code", "pdf")
        assert archive.run_id([("x.csv", "ab")], {"period": "p"}, "code", "pdf") != base
        assert archive.run_id([("x.csv", "aa")], {"period": "q"}, "code", "pdf") != base
        assert archive.run_id([("x.csv", "aa")], {"period": "p"}, "code2", "pdf") != base
        assert archive.run_id([("x.csv", "aa")], {"period": "p"}, "code", "html only") != base


class TestPlace:
    def test_moves_the_staged_folder_into_place(self, tmp_path):
        staged = tmp_path / ".tmp" / "run"
        staged.mkdir(parents=True)
        (staged / "report.html").write_text("new", encoding="utf-8")
        final = tmp_path / "2006-04..2007-01" / "abc"
        assert archive.place(staged, final) is True
        assert (final / "report.html").read_text(encoding="utf-8") == "new"
        assert not staged.exists()

    def test_never_overwrites_an_archived_run(self, tmp_path):
        final = _archived(tmp_path, "2006-04..2007-01", "abc", "2026-01-01T00:00:00+00:00")
        staged = tmp_path / ".tmp" / "run"
        staged.mkdir(parents=True)
        (staged / "report.html").write_text("new", encoding="utf-8")
        assert archive.place(staged, final) is False
        assert (final / "report.html").read_text(encoding="utf-8") == "<p>paper</p>"


class TestIndex:
    def test_lists_every_run_newest_first(self, tmp_path):
        _archived(tmp_path, "2005-04..2006-03", "old", "2026-01-01T09:00:00+00:00")
        _archived(tmp_path, "2006-04..2007-01", "new", "2026-01-02T09:00:00+00:00")
        archive.repair_index(tmp_path)
        index = pd.read_csv(tmp_path / "index.csv")
        assert list(index["run_id"]) == ["new", "old"]
        assert index.loc[0, "paper"] == "2006-04..2007-01/new/report.html"
        html = (tmp_path / "index.html").read_text(encoding="utf-8")
        assert 'href="2006-04..2007-01/new/report.html"' in html

    def test_work_folders_are_not_listed(self, tmp_path):
        _archived(tmp_path, ".tmp", "half", "2026-01-01T09:00:00+00:00")
        _archived(tmp_path, "2006-04..2007-01", "whole", "2026-01-02T09:00:00+00:00")
        archive.repair_index(tmp_path)
        assert list(pd.read_csv(tmp_path / "index.csv")["run_id"]) == ["whole"]

    def test_empty_archive_says_so(self, tmp_path):
        # Its last run removed by hand: the index that listed it is made again, empty.
        (tmp_path / "index.csv").write_text("period\n", encoding="utf-8")
        archive.repair_index(tmp_path)
        assert "No paper has been archived yet" in (tmp_path / "index.html").read_text(
            encoding="utf-8"
        )


class TestIndexRepair:
    """The index is made again from the archive whenever it disagrees with it."""

    def test_a_run_placed_but_not_indexed_is_indexed_by_the_next(self, tmp_path):
        _archived(tmp_path, "2005-04..2006-03", "old", "2026-01-01T09:00:00+00:00")
        archive.repair_index(tmp_path)
        # A run killed between placing its folder and updating the index.
        _archived(tmp_path, "2006-04..2007-01", "new", "2026-01-02T09:00:00+00:00")
        assert archive.repair_index(tmp_path) is True
        assert list(pd.read_csv(tmp_path / "index.csv")["run_id"]) == ["new", "old"]
        assert "2006-04..2007-01/new/report.html" in (tmp_path / "index.html").read_text()

    def test_a_lost_or_edited_index_is_made_again(self, tmp_path):
        _archived(tmp_path, "2006-04..2007-01", "run1", "2026-01-02T09:00:00+00:00")
        archive.repair_index(tmp_path)
        good = (tmp_path / "index.csv").read_text(), (tmp_path / "index.html").read_text()
        (tmp_path / "index.html").unlink()
        (tmp_path / "index.csv").write_text("period,run_id\n", encoding="utf-8")
        assert archive.repair_index(tmp_path) is True
        assert ((tmp_path / "index.csv").read_text(), (tmp_path / "index.html").read_text()) == good

    def test_an_index_in_agreement_is_left_alone(self, tmp_path):
        _archived(tmp_path, "2006-04..2007-01", "run1", "2026-01-02T09:00:00+00:00")
        archive.repair_index(tmp_path)
        before = (tmp_path / "index.csv").stat().st_mtime_ns
        assert archive.repair_index(tmp_path) is False
        assert (tmp_path / "index.csv").stat().st_mtime_ns == before

    def test_a_listed_paper_no_longer_there_is_dropped(self, tmp_path):
        _archived(tmp_path, "2006-04..2007-01", "kept", "2026-01-02T09:00:00+00:00")
        gone = _archived(tmp_path, "2006-04..2007-01", "gone", "2026-01-03T09:00:00+00:00")
        archive.repair_index(tmp_path)
        (gone / "report.html").unlink()
        assert archive.repair_index(tmp_path) is True
        assert list(pd.read_csv(tmp_path / "index.csv")["run_id"]) == ["kept"]

    def test_an_index_in_agreement_is_found_so_without_pandas(self, tmp_path):
        # A repeat run checks the index; it must not pay for importing pandas to do so.
        _archived(tmp_path, "2006-04..2007-01", "run1", "2026-01-02T09:00:00+00:00")
        archive.repair_index(tmp_path)
        code = (
            "import sys; from pathlib import Path; from pipeline.publish import archive; "
            f"assert archive.repair_index(Path({str(tmp_path)!r})) is False; "
            "assert 'pandas' not in sys.modules, 'pandas imported'"
        )
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)

    def test_an_empty_archive_needs_no_index(self, tmp_path):
        assert archive.repair_index(tmp_path) is False
        assert list(tmp_path.iterdir()) == []


class TestPlaceAndIndex:
    def _staged(self, tmp_path: Path) -> Path:
        return _archived(tmp_path / ".tmp" / "work", "x", "run", "2026-01-03T09:00:00+00:00")

    def test_the_run_is_placed_and_indexed_together(self, tmp_path):
        _archived(tmp_path, "2005-04..2006-03", "old", "2026-01-01T09:00:00+00:00")
        staged = self._staged(tmp_path)
        final = tmp_path / "2006-04..2007-01" / "new"
        assert archive.place_and_index(staged, final, tmp_path) is True
        assert archive.is_archived(final)
        assert not staged.exists()
        assert list(pd.read_csv(tmp_path / "index.csv")["run_id"]) == ["new", "old"]
        assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
            "index.csv",
            "index.html",
        ]

    def test_a_full_disk_while_archiving_leaves_the_archive_as_it_was(self, tmp_path):
        from tests.small_disk import fill, small_disk

        with small_disk(tmp_path / "disk", "256k") as disk:
            _archived(disk, "2005-04..2006-03", "old", "2026-01-01T09:00:00+00:00")
            archive.repair_index(disk)
            index = (disk / "index.csv").read_bytes(), (disk / "index.html").read_bytes()
            staged = self._staged(disk)
            final = disk / "2006-04..2007-01" / "new"
            final.parent.mkdir()
            fill(disk)
            with pytest.raises(OSError, match="No space left") as raised:
                archive.place_and_index(staged, final, disk)
            assert raised.value.errno == errno.ENOSPC
            assert not final.exists()
            assert archive.is_archived(staged)  # the run's work, not lost
            assert ((disk / "index.csv").read_bytes(), (disk / "index.html").read_bytes()) == index
            left = sorted(p.name for p in disk.iterdir())
            assert left == [
                ".tmp",
                "2005-04..2006-03",
                "2006-04..2007-01",
                "filler.bin",
                "index.csv",
                "index.html",
            ]


class TestCodeDigest:
    def test_covers_package_templates_and_notebooks(self):
        names = {p.name for p in provenance.code_files()}
        assert {"report.py", "03_paper.ipynb", "index.html.j2", "paper.css"} <= names

    def test_leaves_out_what_never_shapes_a_paper(self):
        files = provenance.code_files()
        assert not [p for p in files if "docs" in p.parts or "sample_data" in p.parts]


@pytest.fixture
def group_umask():
    """umask 027 for one test: new folders rwxr-x---, new files rw-r-----."""
    previous = os.umask(0o027)
    yield
    os.umask(previous)


class TestPermissionsFollowTheUmask:
    def test_index_files(self, tmp_path, group_umask):
        _archived(tmp_path, "2006-04..2007-01", "run1", "2026-01-02T09:00:00+00:00")
        archive.repair_index(tmp_path)
        assert stat.S_IMODE((tmp_path / "index.html").stat().st_mode) == 0o640
        assert stat.S_IMODE((tmp_path / "index.csv").stat().st_mode) == 0o640

    def test_work_folder_and_what_a_failed_run_keeps(self, tmp_path, group_umask):
        work = archive.new_work_folder(tmp_path, "abc")
        assert work.parent == tmp_path / ".tmp"
        assert work.name.startswith("abc-")
        assert stat.S_IMODE(work.stat().st_mode) == 0o750
        kept = archive.keep_failed(tmp_path, work)
        assert kept.parent == tmp_path / ".failed"
        assert stat.S_IMODE(kept.stat().st_mode) == 0o750
        assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o750

    def test_work_folders_never_collide(self, tmp_path):
        folders = {archive.new_work_folder(tmp_path, "abc") for _ in range(50)}
        assert len(folders) == 50

    def test_no_temporary_file_is_left_beside_the_index(self, tmp_path):
        _archived(tmp_path, "2006-04..2007-01", "run1", "2026-01-02T09:00:00+00:00")
        archive.repair_index(tmp_path)
        (tmp_path / "index.html").unlink()
        archive.repair_index(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
            "index.csv",
            "index.html",
        ]


SAVED_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "id": "a1",
            "metadata": {"tags": ["parameters"]},
            "execution_count": None,
            "outputs": [],
            "source": ["period = '2006-04..2007-01'"],
        }
    ],
    "metadata": {"kernelspec": {"name": "python3"}},
}


class TestNotebooksCountByTheirCode:
    SAVED = SAVED_NOTEBOOK

    def _code(self, notebook: dict) -> bytes:
        return provenance.notebook_code(json.dumps(notebook).encode())

    def test_running_and_saving_in_jupyterlab_changes_nothing(self):
        ran = json.loads(json.dumps(self.SAVED))
        ran["cells"][0] |= {"execution_count": 7, "outputs": [{"output_type": "stream"}]}
        ran["cells"][0]["id"] = "f00d"
        ran["cells"][0]["metadata"]["execution"] = {"iopub.status.busy": "2026-12-01"}
        ran["metadata"] = {"kernelspec": {"name": "cci-pipeline"}, "language_info": {}}
        assert self._code(ran) == self._code(self.SAVED)

    def test_an_edited_cell_is_a_change(self):
        edited = json.loads(json.dumps(self.SAVED))
        edited["cells"][0]["source"] = ["period = '2006/07'"]
        assert self._code(edited) != self._code(self.SAVED)
