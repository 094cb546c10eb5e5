"""The lab kernel's IPython extension: the analyst's loop in JupyterLab.

``make lab``'s kernel loads it (:mod:`pipeline.install.lab`); a run's kernels never do.

- **Edits anywhere in** ``pipeline/`` **show on the next Run All, no restart.** Before each
  cell, if any of the package's files (code, templates, stylesheets, TOML and JSON) changed
  since the cell before, every ``pipeline`` module is dropped from ``sys.modules``, so the next
  ``import`` reads them all afresh: values imported by name (``from ... import LIMIT``) and
  module-level caches included, which IPython's autoreload cannot promise. Names a notebook bound
  before the edit keep the old code until the cell that imports them runs again (Run All does).
- **Errors as the console gives them.** A :class:`~pipeline.errors.PipelineError` shows as the
  same plain ``Error:`` lines ``make report`` prints, with no traceback (still an error output,
  so Jupyter stops Run All there and papermill reports its name and message). A notebook run
  out of order (a name an earlier cell of the project's notebooks sets, not set since the
  kernel started) says which cell to run first. ``CCI_DEBUG=1`` in the environment (or
  ``%env CCI_DEBUG=1`` in the notebook) shows the full traceback instead, as ``--debug`` does.
- The pipeline's ``Note:`` lines reach the notebook as they reach the console.
"""

from __future__ import annotations

import ast
import json
import os
import sys
from pathlib import Path

# What the kernel watches: the package's code, templates, stylesheets and settings.
WATCHED_SUFFIXES = frozenset({".py", ".j2", ".css", ".toml", ".json"})
DEBUG_VARIABLE = "CCI_DEBUG"
PACKAGE = Path(__file__).resolve().parents[1]  # the pipeline/ this kernel imports
NOTEBOOKS = PACKAGE.parent / "notebooks"


def snapshot(folder: Path = PACKAGE) -> dict[str, tuple[int, int]]:
    """Each watched file of ``folder`` with its modification time and size."""
    found = {}
    for path in folder.rglob("*"):
        if path.suffix in WATCHED_SUFFIXES and "__pycache__" not in path.parts:
            try:
                stat = path.stat()
            except OSError:  # removed while we looked
                continue
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def forget_pipeline() -> list[str]:
    """Drop every ``pipeline`` module (but this one) from ``sys.modules``; returns their names."""
    names = [
        name
        for name in list(sys.modules)
        if (name == "pipeline" or name.startswith("pipeline.")) and name != __name__
    ]
    for name in names:
        del sys.modules[name]
    return names


class FreshPipeline:
    """The ``pre_run_cell`` callback: forgets the pipeline's modules when its files changed."""

    def __init__(self, folder: Path = PACKAGE) -> None:
        self.folder = folder
        self.seen = snapshot(folder)

    def __call__(self, *_info: object) -> None:
        now = snapshot(self.folder)
        if now != self.seen:
            self.seen = now
            forget_pipeline()


def _is_pipeline_error(value: BaseException) -> bool:
    """A PipelineError of this kernel's pipeline, whichever copy of the module raised it (the
    class is a new one each time the modules are read afresh)."""
    return any(
        kind.__module__ == "pipeline.errors" and kind.__name__ == "PipelineError"
        for kind in type(value).__mro__
    )


def _bound_names(source: str) -> set[str]:
    """The names a cell's code sets at its top level (assignments, imports, definitions)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        else:
            for target in ast.walk(node):
                if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store):
                    names.add(target.id)
    return names


def _notebooks() -> list[Path]:
    """The notebook this kernel runs, as JupyterLab names it; else the project's notebooks."""
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb"):
        return [Path(session)]
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def setting_cell(name: str) -> str | None:
    """The first line of the first code cell of the notebooks that sets ``name``, if any."""
    for path in _notebooks():
        try:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            continue
        for cell in cells:
            source = "".join(cell.get("source", ""))
            if cell.get("cell_type") == "code" and name in _bound_names(source):
                lines = [line for line in source.splitlines() if line.strip()]
                return lines[0] if lines else None
    return None


def _run_first(shell, value: BaseException, tb) -> str | None:
    """What to say of a name a cell uses that an earlier cell sets but has not set yet."""
    if not isinstance(value, NameError) or not getattr(value, "name", None):
        return None
    while tb.tb_next is not None:
        tb = tb.tb_next
    if tb.tb_frame.f_globals is not shell.user_ns:  # raised inside the pipeline: a real fault
        return None
    first = setting_cell(value.name)
    if first is None:
        return None
    return (
        f"Error: '{value.name}' is not set yet. The cell above that begins `{first}` sets it, "
        "and it has not run since the kernel started. Run the notebook from the top: "
        "Run > Run All Cells."
    )


def debugging() -> bool:
    """Whether the analyst asked for tracebacks (``CCI_DEBUG=1``)."""
    return os.environ.get(DEBUG_VARIABLE, "").strip() not in {"", "0"}


def plain_errors(shell, etype, value, tb, tb_offset=None) -> list[str] | None:
    """The custom exception handler: the console's plain lines where it has them."""
    lines = None
    if debugging():
        pass
    elif _is_pipeline_error(value):
        lines = [f"Error: {problem}" for problem in value.problems]
    else:
        hint = _run_first(shell, value, tb)
        lines = [hint] if hint else None
    if lines is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
        return None
    # The shell's own way to show an error: an error output carrying the exception's name and
    # message, as any error has, with these lines as its traceback.
    shell._showtraceback(etype, value, lines)
    return lines


def load_ipython_extension(shell) -> None:
    """Called by IPython when the kernel starts (the kernel spec names this module)."""
    from pipeline.log import configure_logging

    shell.events.register("pre_run_cell", FreshPipeline())
    shell.set_custom_exc((Exception,), plain_errors)
    configure_logging(debug=debugging())
