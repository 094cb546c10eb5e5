"""The generator as a package: its command, its seed file and the rules it keeps to."""

from __future__ import annotations

import ast
import logging
from importlib import resources
from pathlib import Path

import pytest

from pipeline import sample_data
from pipeline.sample_data import __main__ as command
from pipeline.sample_data.actions import build_action_plan

PACKAGE = Path(sample_data.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))
PIPELINE_ALLOWED = ("pipeline.spec", "pipeline.sample_data")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _function_lengths(path: Path) -> dict[str, int]:
    """Lines of each function, its docstring left out."""
    lengths = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = node.end_lineno - node.lineno + 1
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                lines -= first.end_lineno - first.lineno + 1
            lengths[f"{path.name}:{node.name}"] = lines
    return lengths


class TestCommand:
    def test_out_option_writes_the_folder_and_logs_the_rows(self, tmp_path, caplog):
        with caplog.at_level(logging.INFO, logger="pipeline.sample_data"):
            assert command.main(["--out", str(tmp_path)]) == 0
        assert (tmp_path / "activity_register.csv").is_file()
        assert "activity_register.csv" in caplog.text
        assert "720 rows" in caplog.text

    def test_folder_argument_works_as_before(self, tmp_path):
        assert command.main([str(tmp_path), "--scale", "1"]) == 0
        assert (tmp_path / "reference" / "report.toml").is_file()

    def test_two_different_folders_are_refused(self, tmp_path, capsys):
        with pytest.raises(SystemExit) as stop:
            command.main([str(tmp_path / "a"), "--out", str(tmp_path / "b")])
        assert stop.value.code == 2
        assert "once" in capsys.readouterr().err

    def test_scale_zero_is_a_usage_error(self, tmp_path, capsys):
        with pytest.raises(SystemExit) as stop:
            command.main(["--out", str(tmp_path), "--scale", "0"])
        assert stop.value.code == 2
        assert "at least 1" in capsys.readouterr().err

    def test_default_folder_is_the_repositorys_data(self):
        data = PACKAGE.parents[1] / "data"
        assert data == sample_data.DEFAULT_OUT


class TestSeedFile:
    def test_action_plan_is_the_seed_file_unchanged(self, tmp_path):
        seed = resources.files("pipeline.sample_data") / "seeds" / "action_plan.csv"
        sample_data.generate(tmp_path)
        assert (tmp_path / "action_plan.csv").read_bytes() == seed.read_bytes()

    def test_action_plan_cells_are_text(self):
        plan = build_action_plan()
        assert len(plan) == 36
        assert plan.map(type).eq(str).all().all()


class TestRules:
    @pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
    def test_imports_nothing_from_the_pipeline_but_the_spec(self, path):
        pipeline_imports = {name for name in _imports(path) if name.split(".")[0] == "pipeline"}
        assert not {n for n in pipeline_imports if not n.startswith(PIPELINE_ALLOWED)}

    @pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
    def test_modules_and_functions_stay_short(self, path):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
        too_long = {name: n for name, n in _function_lengths(path).items() if n > 60}
        assert not too_long
