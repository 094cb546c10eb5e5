"""The lock file: every library the project asks for, as pyproject.toml asks for it."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from pipeline.paths import PROJECT_ROOT

PROJECT = "cci-pipeline"


def asked(pyproject: dict) -> set[tuple[str, str, str]]:
    """(name, version specifier, extra) of every requirement in ``pyproject.toml``."""
    project = pyproject["project"]
    groups = {"": project["dependencies"], **project.get("optional-dependencies", {})}
    return {
        (canonicalize_name(r.name), str(r.specifier), extra)
        for extra, lines in groups.items()
        for r in map(Requirement, lines)
    }


def locked(lock: dict) -> set[tuple[str, str, str]]:
    """The same, as ``uv.lock`` recorded the requirements it was resolved from."""
    (package,) = [p for p in lock["package"] if p["name"] == PROJECT]
    found = set()
    for entry in package["metadata"]["requires-dist"]:
        marker = entry.get("marker", "")
        extra = marker.removeprefix("extra == '").removesuffix("'") if marker else ""
        specifier = str(Requirement(f"x{entry.get('specifier', '')}").specifier)
        found.add((canonicalize_name(entry["name"]), specifier, extra))
    return found


class TestLock:
    def test_the_lock_was_made_from_pyproject_as_it_is(self):
        pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        lock = tomllib.loads((PROJECT_ROOT / "uv.lock").read_text(encoding="utf-8"))
        assert locked(lock) == asked(pyproject), (
            "pyproject.toml and uv.lock disagree: run `.venv/bin/uv lock` and commit uv.lock"
        )

    def test_a_changed_requirement_is_told_apart(self):
        pyproject = {"project": {"dependencies": ["pandas>=3.0"], "optional-dependencies": {}}}
        lock = {
            "package": [
                {
                    "name": PROJECT,
                    "metadata": {"requires-dist": [{"name": "pandas", "specifier": ">=2.2"}]},
                }
            ]
        }
        assert locked(lock) != asked(pyproject)
        lock["package"][0]["metadata"]["requires-dist"][0]["specifier"] = ">=3.0"
        assert locked(lock) == asked(pyproject)

    def test_every_locked_file_has_a_hash(self):
        lock = tomllib.loads((PROJECT_ROOT / "uv.lock").read_text(encoding="utf-8"))
        files = [
            f
            for p in lock["package"]
            for f in [*p.get("wheels", []), *([p["sdist"]] if "sdist" in p else [])]
        ]
        assert files
        assert all(f["hash"].startswith("sha256:") for f in files)
