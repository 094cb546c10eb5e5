"""What ``make lab`` sets up once: the project's kernel and the filter that keeps notebooks clean.

- The kernel is the lab environment's ``python3``, shown as "Python 3 (CCI pipeline)", with
  the project's IPython extension (:mod:`pipeline.install.lab_kernel`): an edit anywhere in
  ``pipeline/`` shows on the next Run All, no restart, and the pipeline's errors show as the
  console's plain lines. Its name stays ``python3``, so opening a notebook does not rewrite its
  kernel metadata.
- nbstripout is installed as this repository's git filter for ``*.ipynb`` (``.gitattributes``
  names it): outputs, execution counts and volatile metadata are stripped on the way into git,
  whatever JupyterLab's autosave wrote.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from pipeline.paths import PROJECT_ROOT

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
# What JupyterLab writes into a notebook's metadata on save, besides outputs: stripped too, so
# that opening, running and saving a notebook leaves git with nothing to commit. (The committed
# notebooks name the lab's kernel as it shows itself, so saving does not change that either.)
VOLATILE_KEYS = "metadata.language_info"
KERNEL_DISPLAY_NAME = "Python 3 (CCI pipeline)"
# Loaded by the kernel as it starts: IPython calls its load_ipython_extension.
EXTENSION = "pipeline.install.lab_kernel"
EXTENSION_ARGUMENT = f"--IPKernelApp.extensions=['{EXTENSION}']"


def kernel_spec(python: str) -> dict:
    return {
        "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}", EXTENSION_ARGUMENT],
        "display_name": KERNEL_DISPLAY_NAME,
        "language": "python",
        "metadata": {"debugger": True},
    }


def install_kernel(prefix: Path = Path(sys.prefix), python: str = sys.executable) -> Path:
    """Write the project's kernel into the environment at ``prefix``; returns its folder."""
    folder = prefix / "share" / "jupyter" / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    # Written beside it and moved into place, never rewritten in place: the installer may have
    # hard-linked ipykernel's own kernel.json from its cache, shared with every environment
    # installed from it (.venv/ included), which would all be changed too.
    written = folder / "kernel.json.new"
    written.write_text(json.dumps(kernel_spec(python), indent=1) + "\n")
    os.replace(written, folder / "kernel.json")
    return folder


def filter_command(python: str = sys.executable) -> str:
    """nbstripout as the filter runs it: cell ids kept, JupyterLab's volatile metadata dropped."""
    return f'"{python}" -m nbstripout --keep-id --extra-keys "{VOLATILE_KEYS}"'


def install_filter(root: Path = PROJECT_ROOT) -> None:
    """Configure nbstripout as this repository's ``*.ipynb`` filter (in ``.git/config``).

    ``.gitattributes`` (committed) names the filter; this says what it runs.
    """
    if not (root / ".git").exists():
        log.info("Not a git repository, so no notebook filter is installed")
        return
    settings = {
        "filter.nbstripout.clean": filter_command(),
        "filter.nbstripout.smudge": "cat",
        "filter.nbstripout.required": "true",
        # git diff shows what git stores: the filter's own command, writing to its output.
        "diff.ipynb.textconv": f"{filter_command()} -t",
    }
    for key, value in settings.items():
        subprocess.run(["git", "config", key, value], cwd=root, check=True, capture_output=True)


def set_up() -> None:
    log.info("  Kernel: %s in %s", KERNEL_DISPLAY_NAME, install_kernel())
    install_filter()
    log.info("  Git filter: nbstripout strips notebook outputs on the way into git")


# The exit status of ``python -m pipeline lab-check`` when a server already runs on the project
# (``make lab`` then starts none); any other failure keeps its own status.
ALREADY_RUNNING = 3


def running_on(root: Path, servers: list[dict]) -> list[dict]:
    """Of the Jupyter servers listed, those serving the project at ``root``."""
    return [s for s in servers if Path(s.get("root_dir", "")).resolve() == root.resolve()]


def check_running(root: Path = PROJECT_ROOT) -> bool:
    """Say so when JupyterLab already runs on this project (True: a second one is not started).

    Two servers on the same notebooks each save over what the other's kernel wrote.
    """
    from jupyter_server.serverapp import list_running_servers

    running = running_on(root, list(list_running_servers()))
    for server in running:
        token = f"lab?token={server['token']}" if server.get("token") else "lab"
        log.warning(
            "JupyterLab is already running on this project (process %s): open %s%s\n"
            "A second server on the same notebooks would save over the first one's work, so "
            "none is started. To start afresh, stop that one first (Ctrl-C twice in its "
            "terminal, or .venv-lab/bin/jupyter server stop %s).",
            server.get("pid"),
            server.get("url", ""),
            token,
            server.get("port", ""),
        )
    return bool(running)
