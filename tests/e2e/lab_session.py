"""A notebook open in JupyterLab, as a kernel client sees it: the lab's kernel spec, one kernel
per notebook, its code cells run in order as Run All runs them (stopping at the first error)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager

from pipeline.install import lab
from pipeline.paths import DEFAULT_DATA, NOTEBOOKS, PACKAGE

SHOWN = ("stream", "display_data", "execute_result", "error")


def fresh_clone(root: Path) -> Path:
    """The project as a fresh clone has it: the package, the notebooks and the sample data,
    no output/ folder. Tests edit this copy, never the real pipeline/."""
    shutil.copytree(PACKAGE, root / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(NOTEBOOKS, root / "notebooks")
    shutil.copytree(DEFAULT_DATA, root / "data")
    return root


class OpenNotebook:
    """One notebook of the project at ``root`` with its own lab kernel, started as JupyterLab
    starts it (working in the notebook's folder, told the notebook's path)."""

    def __init__(self, root: Path, name: str, **environment: str) -> None:
        self.path = root / "notebooks" / name
        specs = lab.install_kernel(root / ".kernel", sys.executable).parent
        env = {k: v for k, v in os.environ.items() if k not in {"CCI_PREVIEW_DIR", "CCI_DEBUG"}}
        env |= {"PYTHONPATH": str(root), "JPY_SESSION_NAME": str(self.path), **environment}
        self.manager = KernelManager(
            kernel_name=lab.KERNEL_NAME,
            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)]),
        )
        # What the kernel process prints itself (its start-up notices) is not the notebook's.
        self.manager.start_kernel(cwd=str(self.path.parent), env=env, stderr=subprocess.DEVNULL)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=120)

    def cells(self) -> list[str]:
        notebook = json.loads(self.path.read_text(encoding="utf-8"))
        return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]

    def run(self, source: str) -> list[dict]:
        """Run one cell; what it shows (its outputs' messages' content, with their type)."""
        shown = []

        def keep(message: dict) -> None:
            kind = message["header"]["msg_type"]
            if kind in SHOWN:
                shown.append({"output_type": kind, **message["content"]})

        self.client.execute_interactive(source, output_hook=keep, timeout=300)
        return shown

    def run_all(self, **parameters: object) -> list[list[dict]]:
        """Run All: every code cell in order, the parameters cell as the analyst edited it,
        stopping after the first cell that fails."""
        outputs = []
        for number, source in enumerate(self.cells()):
            if number == 0 and parameters:
                source += "".join(f"\n{k} = {v!r}" for k, v in parameters.items())
            outputs.append(self.run(source))
            if any(o["output_type"] == "error" for o in outputs[-1]):
                break
        return outputs

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def html_of(outputs: list[dict]) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in outputs)


def errors_of(outputs: list[list[dict]]) -> list[dict]:
    return [o for cell in outputs for o in cell if o["output_type"] == "error"]
