"""docs/ is generated from the code, covers the contract and the registry, and stands on its own.

Each check is a small function tested on a bad example first, so that a check that could
never fail would be caught too.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from pipeline.docs.build import (
    DOC_FILES,
    DOCS_DIR,
    DocsError,
    dataset_table_markdown,
    indicator_notes,
    render_docs,
    write_docs,
)
from pipeline.ingest.inputs import ReportSettings
from pipeline.measures.indicators import REGISTRY, Indicator
from pipeline.measures.scorecard import INDICATOR_COLUMNS
from pipeline.paths import PACKAGE, PROJECT_ROOT
from pipeline.spec import contract
from pipeline.spec.contract import Column, Dataset
from pipeline.spec.vocabulary import Better, Unit

REGENERATE = ".venv/bin/python -m pipeline docs"
CONTRACT_DOC = DOCS_DIR / "data-contract.md"
INDICATORS_DOC = DOCS_DIR / "indicators.md"
DOC_PATHS = [DOCS_DIR / name for name in DOC_FILES]
STANDALONE_PATHS = [*DOC_PATHS, PROJECT_ROOT / "README.md"]

_FENCED = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HREF = re.compile(r"""href=["']([^"']+)["']""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_OUTSIDE = re.compile(r"\.\./|(?<![\w.-])shared/")


# --------------------------------------------------------------------------- the checks


def stale_docs(rendered: dict[Path, str], folder: Path) -> list[str]:
    """Docs files in ``folder`` that differ from ``rendered``, are missing, or are not rendered."""
    problems = []
    for path, text in rendered.items():
        written = folder / path.name
        if not written.exists():
            problems.append(f"{path.name} is missing")
        elif written.read_bytes() != text.encode("utf-8"):
            problems.append(f"{path.name} differs from what render_docs() produces")
    names = {p.name for p in rendered}
    strays = [p.name for p in sorted(folder.glob("*.md")) if p.name not in names]
    return problems + [f"{name} is not produced by render_docs()" for name in strays]


def missing_terms(text: str, terms: list[str]) -> list[str]:
    """The terms that do not appear in ``text`` as code (`` `term` ``)."""
    return [term for term in terms if f"`{term}`" not in text]


def outside_paths(text: str) -> list[str]:
    """Lines that point outside the repository (``../``) or at a ``shared/`` folder."""
    return [line.strip() for line in text.splitlines() if _OUTSIDE.search(line)]


def _prose(text: str) -> str:
    """``text`` without code blocks and code spans, where a link is not a link."""
    return _INLINE_CODE.sub("", _FENCED.sub("", text))


def links(text: str) -> list[str]:
    """Every link target of a Markdown text: inline, reference-style and HTML ``href``."""
    prose = _prose(text)
    return [*_LINK.findall(prose), *_REFERENCE_LINK.findall(prose), *_HREF.findall(prose)]


def heading_anchors(text: str) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings (duplicates get ``-1``, ``-2`` ...)."""
    anchors: set[str] = set()
    for line in _FENCED.sub("", text).splitlines():
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not heading:
            continue
        slug = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-")
        candidate, number = slug, 0
        while candidate in anchors:
            number += 1
            candidate = f"{slug}-{number}"
        anchors.add(candidate)
    return anchors


def broken_links(path: Path, text: str, root: Path = PROJECT_ROOT) -> list[str]:
    """Relative links of ``text`` (the file ``path``) to no file of ``root``, or to no heading."""
    problems = []
    for target in links(text):
        if _SCHEME.match(target):
            continue  # https:, mailto: ...: not a file of the repository
        file_part, _, anchor = target.partition("#")
        if not file_part:
            if anchor not in heading_anchors(text):
                problems.append(f"{target}: no such heading")
            continue
        linked = (path.parent / file_part).resolve()
        if not linked.is_relative_to(root.resolve()):
            problems.append(f"{target}: outside the repository")
        elif not linked.is_file():
            problems.append(f"{target}: no such file")
        elif anchor and anchor not in heading_anchors(linked.read_text(encoding="utf-8")):
            problems.append(f"{target}: no heading #{anchor} in {linked.name}")
    return problems


# --------------------------------------------------------------------------- the checks can fail


class TestChecksCanFail:
    def test_stale_docs_names_a_changed_a_missing_and_a_stray_file(self, tmp_path):
        rendered = {DOCS_DIR / "a.md": "new\n", DOCS_DIR / "b.md": "same\n"}
        (tmp_path / "a.md").write_text("old\n", encoding="utf-8")
        (tmp_path / "c.md").write_text("hand-written\n", encoding="utf-8")
        assert stale_docs(rendered, tmp_path) == [
            "a.md differs from what render_docs() produces",
            "b.md is missing",
            "c.md is not produced by render_docs()",
        ]
        (tmp_path / "a.md").write_text("new\n", encoding="utf-8")
        (tmp_path / "b.md").write_text("same\n", encoding="utf-8")
        (tmp_path / "c.md").unlink()
        assert stale_docs(rendered, tmp_path) == []

    def test_missing_terms_wants_each_term_as_code(self):
        assert missing_terms("`start_date` and end_date", ["start_date", "end_date"]) == [
            "end_date"
        ]

    def test_outside_paths_finds_parent_and_shared_paths(self):
        text = "see ../shared/spec/a.md\nsee shared/spec/b.md\nsee docs/indicators.md\n"
        assert outside_paths(text) == ["see ../shared/spec/a.md", "see shared/spec/b.md"]

    def test_broken_links_finds_missing_files_headings_and_escapes(self, tmp_path):
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs" / "other.md").write_text("# A heading\n", encoding="utf-8")
        page = tmp_path / "docs" / "page.md"
        text = (
            "# Page\n[ok](other.md#a-heading) [self](#page) [web](https://example.org/x)\n"
            "[gone](missing.md) [no anchor](other.md#nope) [up](../../etc/passwd) [x](#x)\n"
            "`[in code](missing.md)`\n```\n[in a block](missing.md)\n```\n"
        )
        assert broken_links(page, text, tmp_path) == [
            "missing.md: no such file",
            "other.md#nope: no heading #nope in other.md",
            "../../etc/passwd: outside the repository",
            "#x: no such heading",
        ]

    def test_heading_anchors_follow_github(self):
        text = "# Preparing a data folder\n## `activity_register`\n### report.toml\n## Dates\n"
        assert heading_anchors(text + "## Dates\n") == {
            "preparing-a-data-folder",
            "activity_register",
            "reporttoml",
            "dates",
            "dates-1",
        }

    def test_a_column_without_a_note_stops_the_build(self):
        with pytest.raises(DocsError, match="no \\[activity_register\\] entry for 'new_column'"):
            dataset_table_markdown(Dataset("activity_register", (Column("new_column", "text"),)))

    def test_a_column_of_an_unknown_kind_stops_the_build(self):
        with pytest.raises(DocsError, match="no \\[kinds\\] entry for 'money'"):
            dataset_table_markdown(Dataset("activity_register", (Column("cost_gbp", "money"),)))

    def test_an_indicator_without_notes_stops_the_build(self):
        new = Indicator(
            id="PA9.9",
            priority_area=5,
            name="New",
            definition="A new one.",
            unit=Unit.PERCENT,
            better=Better.HIGHER,
            survey=False,
            compute=REGISTRY[0].compute,
        )
        with pytest.raises(DocsError, match=r"\[PA9.9\] needs scope, numerator, denominator"):
            indicator_notes(new)


# --------------------------------------------------------------------------- (a) up to date


@pytest.fixture(scope="module")
def rendered() -> dict[Path, str]:
    return render_docs()


def test_committed_docs_are_what_render_docs_produces(rendered):
    problems = stale_docs(rendered, DOCS_DIR)
    assert problems == [], f"docs/ is out of date ({'; '.join(problems)}): run `{REGENERATE}`"


def test_write_docs_writes_render_docs_and_then_nothing(tmp_path, rendered):
    assert sorted(p.name for p in write_docs(tmp_path)) == sorted(DOC_FILES)
    assert stale_docs(rendered, tmp_path) == []
    assert write_docs(tmp_path) == []


# --------------------------------------------------------------------------- (b) the contract


@pytest.mark.parametrize("dataset", contract.DATASETS.values(), ids=lambda d: d.name)
def test_contract_doc_covers_every_column_and_allowed_value(dataset):
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    assert f"### `{dataset.name}`" in text
    assert [c.name for c in dataset.columns if f"| `{c.name}` |" not in text] == []
    values = [v for c in dataset.columns for v in (*c.values, *c.extra)]
    assert missing_terms(text, values) == []
    references = [f"reference/{contract.REFERENCE_LISTS[c.ref]}" for c in dataset.columns if c.ref]
    assert missing_terms(text, references) == []


def test_contract_doc_covers_every_reference_file_and_report_key():
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    files = [*contract.REFERENCE_LISTS.values(), *contract.REFERENCE_TABLES]
    assert [name for name in files if f"reference/{name}" not in text] == []
    columns = [c for headers in contract.REFERENCE_TABLES.values() for c in headers]
    terms = [*columns, *contract.REPORT_SETTINGS_REQUIRED, "meeting_date"]
    assert missing_terms(text, [*terms, *contract.POPULATION_DIMENSIONS]) == []


def test_report_toml_example_has_every_required_key_and_no_unknown_one():
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    example = re.search(r"^```toml\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert example, "docs/data-contract.md has no report.toml example"
    keys = set(tomllib.loads(example.group(1)))
    assert set(contract.REPORT_SETTINGS_REQUIRED) <= keys
    assert keys <= {f.name for f in dataclasses.fields(ReportSettings)}


def test_every_column_note_names_a_column_of_the_contract():
    with (PACKAGE / "docs" / "columns.toml").open("rb") as file:
        notes = tomllib.load(file)
    for name, dataset in contract.DATASETS.items():
        assert set(notes[name]) == {c.name for c in dataset.columns}, name


# --------------------------------------------------------------------------- (c) the indicators


@pytest.mark.parametrize("item", REGISTRY, ids=lambda i: i.id)
def test_indicators_doc_defines_every_indicator(item):
    text = INDICATORS_DOC.read_text(encoding="utf-8")
    assert f"#### {item.id} {item.name}\n" in text
    assert f"| {item.id} | {item.name} |" in text


def test_every_indicator_note_names_an_indicator_of_the_registry():
    with (PACKAGE / "docs" / "indicators.toml").open("rb") as file:
        notes = tomllib.load(file)
    assert set(notes) - {"csv_columns"} == {i.id for i in REGISTRY}
    assert list(notes["csv_columns"]) == list(INDICATOR_COLUMNS)


# --------------------------------------------------------------------------- (d) and (e)


@pytest.mark.parametrize("path", STANDALONE_PATHS, ids=lambda p: p.name)
def test_no_path_outside_the_repository(path):
    assert outside_paths(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", DOC_PATHS, ids=lambda p: p.name)
def test_docs_do_not_refer_to_a_specification(path):
    # The package's own spec/ folder (pipeline/spec/contract.py) is a path, not a reference.
    text = re.sub(r"pipeline[/.]spec[/.]", "", path.read_text(encoding="utf-8"))
    assert re.findall(r"(?i)\bspec(?:ification)?s?\b", text) == []


@pytest.mark.parametrize("path", DOC_PATHS, ids=lambda p: p.name)
def test_relative_links_point_at_files_of_the_repository(path):
    text = path.read_text(encoding="utf-8")
    assert links(text), f"{path.name} has no links: the link check would check nothing"
    assert broken_links(path, text) == []
