"""``make lab``'s set-up: the project's kernel with its extension, and nbstripout as the git
filter, which git diff runs too."""

from __future__ import annotations

import json
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
