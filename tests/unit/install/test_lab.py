"""``make lab``'s set-up: the project's kernel with its extension, and nbstripout as the git
filter, which git diff runs too."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from pipeline.install import lab
from pipeline.paths import NOTEBOOKS, PROJECT_ROOT


class TestKernel:
    def test_the_lab_kernel_loads_the_projects_extension(self, tmp_path):
        folder = lab.install_kernel(tmp_path, "/env/bin/python")
        spec = json.loads((folder / "kernel.json").read_text())
        assert folder.name == "python3"  # opening a notebook leaves its kernel metadata alone
        assert spec["display_name"] == "Python 3 (CCI pipeline)"
        assert spec["argv"][:3] == ["/env/bin/python", "-m", "ipykernel_launcher"]
        assert spec["argv"][-1] == "--IPKernelApp.extensions=['pipeline.install.lab_kernel']"

    def test_a_kernel_spec_hard_linked_from_a_cache_is_replaced_not_changed(self, tmp_path):
        # uv hard-links ipykernel's kernel.json from its cache into every environment.
        cached = tmp_path / "cache" / "kernel.json"
        cached.parent.mkdir()
        cached.write_text('{"argv": ["python", "-m", "ipykernel_launcher"]}\n')
        folder = tmp_path / "env" / "share" / "jupyter" / "kernels" / "python3"
        folder.mkdir(parents=True)
        os.link(cached, folder / "kernel.json")
        lab.install_kernel(tmp_path / "env", "/env/bin/python")
        assert cached.read_text() == '{"argv": ["python", "-m", "ipykernel_launcher"]}\n'
        assert "/env/bin/python" in (folder / "kernel.json").read_text()
        assert sorted(p.name for p in folder.iterdir()) == ["kernel.json"]


class TestFilter:
    def test_git_attributes_name_the_filter(self):
        attributes = (PROJECT_ROOT / ".gitattributes").read_text(encoding="utf-8")
        assert "*.ipynb filter=nbstripout" in attributes

    def test_the_filter_strips_what_jupyterlab_saved(self, tmp_path):
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        repo = tmp_path / "repo"
        repo.mkdir()
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        lab.install_filter(repo)
        config = subprocess.run(
            ["git", "config", "filter.nbstripout.clean"], cwd=repo, capture_output=True, text=True
        ).stdout
        assert "nbstripout" in config
        textconv = subprocess.run(
            ["git", "config", "diff.ipynb.textconv"], cwd=repo, capture_output=True, text=True
        ).stdout
        # git diff shows what the filter stores: no language_info block.
        assert textconv.strip() == f"{config.strip()} -t"
        notebook = json.loads((NOTEBOOKS / "02_progress.ipynb").read_text(encoding="utf-8"))
        notebook["cells"][3] |= {
            "execution_count": 4,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["80.068729"]}],
        }
        notebook["metadata"]["kernelspec"]["display_name"] = "Python 3 (CCI pipeline)"
        notebook["metadata"]["language_info"] = {"name": "python", "version": "3.11.7"}
        command = [sys.executable, "-m", "nbstripout", "--keep-id", "--extra-keys"]
        clean = subprocess.run(
            [*command, lab.VOLATILE_KEYS, "-t"],
            input=json.dumps(notebook).encode(),
            capture_output=True,
            check=True,
        ).stdout
        # What git stores is the committed notebook, byte for byte: nothing to commit.
        assert clean == (NOTEBOOKS / "02_progress.ipynb").read_bytes()

    @pytest.mark.parametrize("name", ["01_ingest.ipynb", "02_progress.ipynb", "03_paper.ipynb"])
    def test_committed_notebooks_name_the_lab_kernel_as_it_shows_itself(self, name):
        kernel = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["metadata"][
            "kernelspec"
        ]
        assert kernel == {
            "display_name": lab.KERNEL_DISPLAY_NAME,
            "language": "python",
            "name": lab.KERNEL_NAME,
        }

    @pytest.mark.parametrize("name", ["01_ingest.ipynb", "02_progress.ipynb", "03_paper.ipynb"])
    def test_committed_notebooks_are_what_the_filter_writes(self, name):
        command = [sys.executable, "-m", "nbstripout", "--keep-id", "--extra-keys"]
        committed = (NOTEBOOKS / name).read_bytes()
        clean = subprocess.run(
            [*command, lab.VOLATILE_KEYS, "-t"], input=committed, capture_output=True, check=True
        ).stdout
        assert clean == committed


class TestClean:
    """``make clean`` removes .venv-lab and the git filter that runs it, so git keeps working."""

    @staticmethod
    def _git(repo, *arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *arguments], cwd=repo, capture_output=True, text=True)

    def _project_with_filter(self, tmp_path, python: str):
        repo = tmp_path / "project"
        (repo / ".venv-lab" / "bin").mkdir(parents=True)
        self._git(repo, "init", "-q")
        for key, value in {"user.name": "Test", "user.email": "test@example.org"}.items():
            self._git(repo, "config", key, value)
        (repo / ".gitattributes").write_text("*.ipynb filter=nbstripout\n*.ipynb diff=ipynb\n")
        (repo / "paper.ipynb").write_bytes((NOTEBOOKS / "03_paper.ipynb").read_bytes())
        self._git(repo, "add", ".")
        self._git(repo, "commit", "-qm", "start")
        self._git(repo, "config", "filter.nbstripout.clean", f'"{python}" -m nbstripout')
        self._git(repo, "config", "filter.nbstripout.required", "true")
        self._git(repo, "config", "diff.ipynb.textconv", f'"{python}" -m nbstripout -t')
        # Saved again by JupyterLab, unchanged: git must run the filter to know.
        notebook = repo / "paper.ipynb"
        notebook.write_bytes(notebook.read_bytes())
        os.utime(notebook, (notebook.stat().st_atime + 5, notebook.stat().st_mtime + 5))
        return repo

    def test_git_works_after_make_clean(self, tmp_path):
        if shutil.which("git") is None or shutil.which("make") is None:
            pytest.skip("git and make are needed")
        repo = self._project_with_filter(tmp_path, str(tmp_path / "project/.venv-lab/bin/python"))
        assert self._git(repo, "status").returncode != 0  # the filter's Python is missing
        cleaned = subprocess.run(
            ["make", "-s", "-f", str(PROJECT_ROOT / "Makefile"), "clean"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        )
        assert "Removed git's notebook filter" in cleaned.stdout
        assert not (repo / ".venv-lab").exists()
        assert self._git(repo, "status", "--short").stdout == ""  # nothing to commit
        assert self._git(repo, "add", "paper.ipynb").returncode == 0
        assert self._git(repo, "config", "--get-regexp", "filter|diff").stdout == ""

    def test_a_filter_of_another_checkout_is_left_alone(self, tmp_path):
        if shutil.which("git") is None or shutil.which("make") is None:
            pytest.skip("git and make are needed")
        elsewhere = str(tmp_path / "other-checkout/.venv-lab/bin/python")
        repo = self._project_with_filter(tmp_path, elsewhere)
        subprocess.run(
            ["make", "-s", "-f", str(PROJECT_ROOT / "Makefile"), "clean"],
            cwd=repo,
            capture_output=True,
            check=True,
        )
        assert elsewhere in self._git(repo, "config", "filter.nbstripout.clean").stdout


class TestRunning:
    def test_a_server_on_this_project_is_found_and_others_are_not(self, tmp_path):
        other = tmp_path / "other"
        servers = [
            {"root_dir": str(PROJECT_ROOT), "port": 8888},
            {"root_dir": str(other), "port": 8889},
        ]
        assert lab.running_on(PROJECT_ROOT, servers) == [servers[0]]
        assert lab.running_on(other / "x", servers) == []

    def test_make_lab_starts_none_when_one_runs(self, monkeypatch, capsys):
        from pipeline import cli

        monkeypatch.setattr(lab, "check_running", lambda: True)
        assert cli.main(["lab-check"]) == lab.ALREADY_RUNNING
        monkeypatch.setattr(lab, "check_running", lambda: False)
        assert cli.main(["lab-check"]) == 0
        recipe = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
        assert f"if [ $$status -eq {lab.ALREADY_RUNNING} ]; then exit 0;" in recipe
