"""The package's shape: the stages' import direction and the size of modules and functions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pipeline.paths import NOTEBOOKS, PACKAGE

# The data flows spec -> ingest -> measures -> paper -> publish, with run on top.
STAGES = {
    "errors": 0,
    "paths": 0,
    "log": 0,
    "spec": 1,
    "ingest": 2,
    "sample_data": 2,
    "measures": 3,
    "paper": 4,
    "publish": 5,
    "run": 6,
    "bench": 7,
    "install": 7,
    "docs": 7,
    "cli": 8,
    "__main__": 9,
}
NEVER = {"paper": {"ingest", "run"}, "run": {"bench"}}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _imports(text: str) -> set[str]:
    """The first part below ``pipeline`` of every pipeline module ``text`` imports."""
    found = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "pipeline":
                names = [f"pipeline.{alias.name}" for alias in node.names]
            else:
                names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {n.split(".")[1] for n in names if n.startswith("pipeline.")}
    return found


def layout_problems(name: str, text: str) -> list[str]:
    """What module ``name`` (``measures/figures.py``) imports against the stages' order."""
    source = name.split("/")[0].removesuffix(".py")
    if source == "__init__":
        return []
    problems = []
    for target in sorted(_imports(text) - {source}):
        upward = STAGES[target] >= STAGES[source]
        if upward or target in NEVER.get(source, ()):
            problems.append(f"{name} imports pipeline.{target}")
    return problems


def _function_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """A function's lines, its docstring left out."""
    lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
    first = node.body[0]
    docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
    if docstring and isinstance(first.value.value, str):  # type: ignore[attr-defined]
        lines -= first.end_lineno - first.lineno + 1  # type: ignore[operator]
    return lines


def size_problems(name: str, text: str) -> list[str]:
    problems = []
    if (count := text.count("\n")) > MAX_MODULE_LINES:
        problems.append(f"{name} has {count} lines")
    for node in ast.walk(ast.parse(text)):
        function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if function and (lines := _function_lines(node)) > MAX_FUNCTION_LINES:
            problems.append(f"{name}: {node.name} has {lines} lines")
    return problems


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class TestStages:
    def test_every_part_of_the_package_has_a_stage(self):
        parts = {_name(p).split("/")[0].removesuffix(".py") for p in MODULES}
        assert parts - {"__init__"} <= set(STAGES)

    def test_a_stage_imports_only_stages_below_it(self):
        assert [x for p in MODULES for x in layout_problems(_name(p), _read(p))] == []

    def test_the_check_catches_an_upward_import(self):
        text = "from pipeline.paper.filters import plural\nfrom pipeline.spec import thresholds\n"
        assert layout_problems("measures/figures.py", text) == [
            "measures/figures.py imports pipeline.paper"
        ]

    def test_the_check_catches_a_sideways_import(self):
        text = "def f():\n    from pipeline import sample_data\n"
        assert layout_problems("ingest/load.py", text) == [
            "ingest/load.py imports pipeline.sample_data"
        ]

    def test_the_paper_imports_nothing_from_ingest_or_run(self):
        paper = [p for p in MODULES if _name(p).startswith("paper/")]
        assert paper
        assert not any(_imports(_read(p)) & {"ingest", "run"} for p in paper)
        assert layout_problems("paper/x.py", "from pipeline.ingest import load\n") == [
            "paper/x.py imports pipeline.ingest"
        ]


class TestSizes:
    @pytest.mark.parametrize("path", MODULES, ids=_name)
    def test_modules_and_functions_are_small(self, path):
        assert size_problems(_name(path), _read(path)) == []

    def test_the_check_counts_a_long_function_without_its_docstring(self):
        body = "\n".join(f"    x = {i}" for i in range(61))
        text = f'def f():\n    """Doc\n    string."""\n{body}\n'
        assert size_problems("m.py", text) == ["m.py: f has 62 lines"]
        short = 'def f():\n    """Doc."""\n' + "\n".join(f"    x = {i}" for i in range(59))
        assert size_problems("m.py", short) == []


def unused_definitions(texts: dict[str, str], elsewhere: str) -> list[str]:
    """Module-level names (functions, classes, constants) no other code or template uses.

    Tests do not count as a use: a definition only the tests call is a twin of the code the
    pipeline really runs. Decorated functions are registered by their decorator.
    """
    unused = []
    for name, text in texts.items():
        for node in ast.parse(text).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.decorator_list:
                defined = [node.name]
            elif isinstance(node, ast.Assign):
                defined = [t.id for t in node.targets if isinstance(t, ast.Name)]
            else:
                continue
            for word in (w for w in defined if w != "log" and not w.startswith("__")):
                pattern = re.compile(rf"\b{re.escape(word)}\b")
                uses = len(pattern.findall(text)) - 1 + len(pattern.findall(elsewhere))
                uses += sum(len(pattern.findall(t)) for other, t in texts.items() if other != name)
                if uses == 0:
                    unused.append(f"{name}: {word}")
    return unused


class TestNoDeadCode:
    def test_every_definition_is_used_by_the_pipeline(self):
        texts = {_name(p): _read(p) for p in MODULES}
        templates = [*PACKAGE.rglob("*.j2"), *NOTEBOOKS.glob("*.ipynb")]
        elsewhere = "\n".join(_read(p) for p in templates)
        assert unused_definitions(texts, elsewhere) == []

    def test_the_check_finds_a_definition_only_tests_would_call(self):
        texts = {"a.py": "def used():\n    pass\n\n\ndef twin():\n    pass\n", "b.py": "used()\n"}
        assert unused_definitions(texts, "") == ["a.py: twin"]


# What a plain, portable run never needs: system calls, the allocator, Linux's /proc, an exit
# that skips Python's own, or a standard library patched at run time.
MACHINERY = re.compile(
    r"\bctypes\b|\bprctl\b|pidfd|autogroup|mallopt|os\._exit|/proc\b|\bsetpriority\b"
    r"|\bos\.nice\b|\bpass_fds\b|\bos\.fork\b"
)
# pipeline/run/ but handoff.py, which the notebooks import (the orchestrator does not run it),
# and partnership.py, the partnership paper's own steps on the same run.
ORCHESTRATION_LINES = 850


class TestPlainAndPortable:
    def test_no_system_level_machinery_in_the_package(self):
        found = [
            f"{_name(p)}:{n}: {line.strip()}"
            for p in MODULES
            for n, line in enumerate(_read(p).splitlines(), 1)
            if MACHINERY.search(line)
        ]
        assert found == []

    def test_the_check_finds_machinery(self):
        assert MACHINERY.search("libc = ctypes.CDLL(None)")
        assert MACHINERY.search('Path(f"/proc/{pid}/autogroup").write_text("8")')
        assert not MACHINERY.search("process = subprocess.Popen(command)")

    def test_the_orchestration_is_short(self):
        others = {"handoff.py", "partnership.py"}
        run = [p for p in (PACKAGE / "run").glob("*.py") if p.name not in others]
        assert sum(_read(p).count("\n") for p in run) < ORCHESTRATION_LINES
