"""The analysts' documentation in ``docs/``, built from the code so that the two cannot drift.

Jinja templates in ``pipeline/docs/`` surround blocks built from :mod:`pipeline.spec.contract` and
:data:`pipeline.measures.indicators.REGISTRY`; ``columns.toml`` and ``indicators.toml`` say what
each column, file and indicator means, and anything the code names without a note there stops
the build (:class:`DocsError`). :func:`render_docs` returns every file's text and
:func:`write_docs` writes them; a unit test compares the two."""

from __future__ import annotations

import csv
import dataclasses
import functools
import logging
import re
import tomllib
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipeline.docs.bounds import bounds
from pipeline.ingest import load as ingest
from pipeline.ingest.inputs import SET_ASIDE_COLUMNS, ReportSettings
from pipeline.measures import indicators as ind
from pipeline.measures import ratings
from pipeline.measures.scorecard import INDICATOR_COLUMNS
from pipeline.paper import filters as formatting
from pipeline.paths import DEFAULT_DATA, PACKAGE, PROJECT_ROOT
from pipeline.spec import contract, partnership
from pipeline.spec import thresholds as limits
from pipeline.spec.contract import Column, Dataset
from pipeline.spec.vocabulary import PRIORITY_AREA_NAMES, ActionStatus, Direction, Rating

log = logging.getLogger(__name__)

DOCS_DIR = PROJECT_ROOT / "docs"
DOCS_TEMPLATES = PACKAGE / "docs"
DOC_FILES = ("data-contract.md", "indicators.md")
SAMPLE_TARGETS = DEFAULT_DATA / ingest.REFERENCE_FOLDER / "targets.csv"
EXAMPLE_MONTHS = 10  # the sample paper's period, April to January
YES_NO = {True: "yes", False: "no"}

# What each kind of indicator's notes must say (indicators.toml).
NEEDED_NOTES = {
    "%": ("scope", "numerator", "denominator"),
    "count": ("scope", "counted"),
    "ratio": ("scope", "counted"),
}
# (better, target, tolerance, values): the worked examples of the ratings section.
RATING_EXAMPLES = (("higher", 80, 5, (85, 80, 77, 75, 74)), ("lower", 20, 5, (15, 20, 23, 25, 26)))


class DocsError(ValueError):
    """The code names something the hand-written notes do not describe."""


# --------------------------------------------------------------------------- markdown


@functools.cache
def _notes(name: str) -> dict:
    with (DOCS_TEMPLATES / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def note(section: str, key: str, file: str = "columns") -> str:
    """The plain-words note for ``key`` in ``[section]`` of ``<file>.toml``; DocsError if none."""
    try:
        return _notes(file)[section][key]
    except KeyError:
        msg = f"pipeline/docs/{file}.toml has no [{section}] entry for {key!r}"
        raise DocsError(msg) from None


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_table(headers: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    """A Markdown table; ``|`` in a cell is escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def code_list(values: tuple[object, ...] | list[object], last: str = ", ") -> str:
    """`` `a`, `b`, `c` ``, or with ``last`` (``" or "``) before the final item."""
    items = [f"`{v}`" for v in values]
    return ", ".join(items[:-1]) + last + items[-1] if len(items) > 1 else "".join(items)


def words(values: list[str], last: str = " and ") -> str:
    """``a, b and c`` (or ``a, b or c``)."""
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + last + values[-1]


# --------------------------------------------------------------------------- data contract


def reference_path(ref: str) -> str:
    return f"{ingest.REFERENCE_FOLDER}/{contract.REFERENCE_LISTS[ref]}"


def column_type(column: Column) -> str:
    """``whole number, 0 or more``, ``date``, ``yes/no`` ..."""
    kind = note("kinds", column.kind)
    if column.minimum is not None:
        return f"{kind}, {column.minimum:g} or more"
    return f"{kind}, more than 0" if column.positive else kind


def column_required(column: Column) -> str:
    """``yes``, ``yes, unique``, ``no`` or the condition under which a value is needed."""
    if isinstance(column.required, bool):
        text = "yes" if column.required else "no"
    else:
        text = note("conditions", column.required)
    return f"{text}, unique" if column.unique else text


def column_values(column: Column) -> str:
    """The values a column accepts, or the reference list they come from."""
    if column.ref:
        where = f"`{reference_path(column.ref)}`"
        text = (
            f"names in {where}, separated by `;`" if column.kind == "list" else f"a name in {where}"
        )
        return text + (", or " + code_list(column.extra) if column.extra else "")
    if column.values:
        return "one of " + code_list(column.values)
    if column.kind == "bool":
        pairs = zip(contract.TRUE_WORDS, contract.FALSE_WORDS, strict=True)
        return ", ".join(f"`{yes}`/`{no}`" for yes, no in pairs) + ", any case"
    return "see [Dates](#dates)" if column.kind == "date" else ""


def dataset_table_markdown(dataset: Dataset) -> str:
    """One dataset's columns: type, whether required, allowed values, meaning."""
    headers = ("Column", "Type", "Value required", "Column required", "Allowed values", "Meaning")
    rows = [
        (
            f"`{c.name}`",
            column_type(c),
            column_required(c),
            YES_NO[c.in_header],
            column_values(c),
            note(dataset.name, c.name),
        )
        for c in dataset.columns
    ]
    return markdown_table(headers, rows)


def layout_markdown() -> str:
    """The folder's tree, from the contract's datasets and reference files."""
    first, *others = ingest.DATASET_SUFFIXES
    also = f"(or {words(others, ' or ')})"
    entries = [
        (f"{name}{first}", f"{also} {note('datasets', name)}")
        for name in contract.DATASETS
        if name != contract.SURVEYS.name
    ]
    surveys = f"any number of {words(list(ingest.SURVEY_SUFFIXES), ' or ')} files,"
    entries.append((f"{ingest.SURVEYS_FOLDER}/", f"{surveys} {note('datasets', 'surveys')}"))
    entries.append((f"{ingest.REFERENCE_FOLDER}/", note("datasets", "reference")))
    files = (*contract.REFERENCE_LISTS.values(), *contract.REFERENCE_TABLES)
    entries += [(f"  {name}", "") for name in (*files, contract.REPORT_SETTINGS_FILE)]
    entries += [(f"  {name}", "(optional)") for name in contract.REFERENCE_OPTIONAL_FILES]
    width = max(len(path) for path, _ in entries) + 4
    lines = [f"  {path.ljust(width)}{what}".rstrip() for path, what in entries]
    return "\n".join(["```text", "<data folder>/", *lines, "```"])


def formats_markdown() -> str:
    both = "datasets and survey files"
    rows = [
        (
            f"`{s}`",
            both if s in ingest.DATASET_SUFFIXES else "survey files only",
            note("formats", s),
        )
        for s in ingest.SURVEY_SUFFIXES
    ]
    return markdown_table(("File name ends", "Accepted for", "How to save it"), rows)


def reference_tables_markdown() -> dict[str, str]:
    """The three reference lists, and one table per other reference CSV file (by its stem)."""
    column = f"`{ingest.REFERENCE_LIST_COLUMN}`"
    lists = [
        (f"`{reference_path(key)}`", column, note("reference_lists", key))
        for key in contract.REFERENCE_LISTS
    ]
    blocks = {"reference_lists": markdown_table(("File", "Column", "Holds"), lists)}
    for file_name, columns in contract.REFERENCE_CSV_TABLES.items():
        stem = Path(file_name).stem
        rows = [(f"`{c}`", note(stem, c)) for c in columns]
        blocks[stem] = markdown_table(("Column", "Meaning"), rows)
    return blocks


def report_settings_markdown() -> str:
    """The keys of report.toml, from :class:`~pipeline.ingest.inputs.ReportSettings`."""
    fields = dataclasses.fields(ReportSettings)
    missing = set(contract.REPORT_SETTINGS_REQUIRED) - {f.name for f in fields}
    if missing:
        msg = f"report.toml keys without a ReportSettings field: {sorted(missing)}"
        raise DocsError(msg)
    rows = [
        (
            f"`{f.name}`",
            YES_NO[f.name in contract.REPORT_SETTINGS_REQUIRED],
            note("setting_types", str(f.type)),
            note("report_toml", f.name),
        )
        for f in fields
    ]
    return markdown_table(("Key", "Required", "Type", "Meaning"), rows)


def contract_tables_markdown() -> dict[str, str]:
    """Every generated block of ``docs/data-contract.md``, by name: one table per dataset (by
    its name), ``reference_lists``, ``population``, ``targets``, ``report_toml``, ``set_aside``,
    and the ``layout`` and ``formats`` blocks."""
    blocks = {name: dataset_table_markdown(d) for name, d in contract.DATASETS.items()}
    blocks |= reference_tables_markdown()
    blocks["report_toml"] = report_settings_markdown()
    blocks["set_aside"] = markdown_table(
        ("Column", "Meaning"), [(f"`{c}`", note("set_aside", c)) for c in SET_ASIDE_COLUMNS]
    )
    return blocks | {"layout": layout_markdown(), "formats": formats_markdown()}


# --------------------------------------------------------------------------- indicators


def figures() -> dict[str, object]:
    """The figures the indicators' notes and prose quote, taken from the code."""
    return {
        "four_weeks": limits.ADVANCE_NOTICE_DAYS,
        "twelve_weeks": limits.FULL_CONSULTATION_DAYS,
        "feedback_days": limits.FEEDBACK_DAYS,
        "borough_wide": contract.BOROUGH_WIDE,
        "satisfied": code_list(ind.SATISFIED, " or "),
        "agree": code_list(ind.AGREE, " or "),
        "dont_know": ind.DONT_KNOW,
        "min_expected": limits.MIN_EXPECTED,
        "under_represented": f"{limits.UNDER_REPRESENTED:g}",
        "low_base": limits.LOW_BASE,
        "limits": limits,
        "z": f"{limits.Z_95:g}",
        "pp_threshold": f"{limits.PERCENT_POINTS_THRESHOLD:g}",
        "ratio_threshold": f"{limits.RATIO_THRESHOLD:g}",
        "count_share": f"{limits.COUNT_SHARE_THRESHOLD:.0%}",
        "suppressed_range": f"1 to {limits.SMALLEST_SHOWN - 1}",
        "withheld_range": f"1 to {limits.SMALLEST_BREAKDOWN - 1}",
        "example_months": EXAMPLE_MONTHS,
    }


def indicator_notes(item: ind.Indicator) -> dict[str, str]:
    """The counting rules of ``item`` from indicators.toml, rendered; DocsError if incomplete."""
    raw = _notes("indicators").get(item.id, {})
    needed = NEEDED_NOTES[item.unit]
    missing = [key for key in needed if key not in raw]
    if missing:
        msg = f"pipeline/docs/indicators.toml: [{item.id}] needs {', '.join(missing)}"
        raise DocsError(msg)
    return {key: _environment().from_string(raw[key]).render(**figures()) for key in needed}


def indicator_definitions_markdown() -> str:
    """Every indicator of the registry, grouped by priority area, in the registry's order."""
    areas = [
        (number, name, [(i, indicator_notes(i)) for i in ind.REGISTRY if i.priority_area == number])
        for number, name in PRIORITY_AREA_NAMES.items()
    ]
    template = _environment().get_template("_indicator_definitions.md.j2")
    return template.render(
        areas=areas, units=_notes("columns")["units"], low=formatting.LOW, **figures()
    ).strip()


def indicator_summary_markdown() -> str:
    headers = ("Id", "Name", "Priority area", "Unit", "Better", "Survey measure")
    rows = [
        (i.id, i.name, i.priority_area, note("units", i.unit), i.better, YES_NO[i.survey])
        for i in ind.REGISTRY
    ]
    return markdown_table(headers, rows)


def rating_examples_markdown() -> str:
    """Worked examples of the rating rule, rated by :func:`~pipeline.measures.ratings.rate`."""
    rows = [
        (better, target, tolerance, value, ratings.rate(value, target, tolerance, better))
        for better, target, tolerance, values in RATING_EXAMPLES
        for value in values
    ]
    return markdown_table(("Better", "Target", "Tolerance", "Value", "Rating"), rows)


def sample_targets_markdown(path: Path = SAMPLE_TARGETS) -> str:
    """A targets.csv as written, with count targets as applied to a 10-month period."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = {row["indicator_id"].strip(): row for row in csv.DictReader(file)}
    frame = pd.DataFrame(list(rows.values()), columns=["indicator_id", "target", "tolerance"])
    for column in ("target", "tolerance"):
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    table = []
    for item in ind.REGISTRY:
        target, tolerance = ratings.applied_target(frame, item.id, item.unit, EXAMPLE_MONTHS)
        applied = "no target" if target is None else "the same"
        if target is not None and item.unit == "count":
            applied = f"{target:.1f}, tolerance {tolerance:.1f}"
        row = rows.get(item.id, {})
        table.append((item.id, row.get("target", ""), row.get("tolerance", ""), applied))
    headers = ("Indicator", "Target", "Tolerance", f"Applied to a {EXAMPLE_MONTHS}-month period")
    return markdown_table(headers, table)


def indicator_tables_markdown() -> dict[str, str]:
    """Every generated block of ``docs/indicators.md``, by name."""
    csv_columns = [(f"`{c}`", note("csv_columns", c, "indicators")) for c in INDICATOR_COLUMNS]
    return {
        "summary": indicator_summary_markdown(),
        "definitions": indicator_definitions_markdown(),
        "rating_examples": rating_examples_markdown(),
        "sample_targets": sample_targets_markdown(),
        "csv_columns": markdown_table(("Column", "Meaning"), csv_columns),
    }


# --------------------------------------------------------------------------- files


@functools.cache
def _environment() -> Environment:
    # Markdown, not HTML, so nothing is escaped: every value put in comes from the code.
    return Environment(
        loader=FileSystemLoader(DOCS_TEMPLATES),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def _context(name: str) -> dict[str, object]:
    """What the template of docs file ``name`` is rendered with."""
    common = {"contract": contract, "ingest": ingest, "code_list": code_list, **figures()}
    common["partnership"] = partnership
    if name == "data-contract.md":
        return common | {"blocks": contract_tables_markdown(), "bounds": bounds()}
    kinds = {kind for i in ind.REGISTRY for kind in i.kinds}
    ids = {kind: words([i.id for i in ind.REGISTRY if kind in i.kinds]) for kind in kinds}
    return common | {
        "blocks": indicator_tables_markdown(),
        "count": len(ind.REGISTRY),
        "areas": PRIORITY_AREA_NAMES,
        "ids": ids,
        "survey_ids": words([i.id for i in ind.REGISTRY if i.survey]),
        "ratings": list(Rating),
        "directions": list(Direction),
        "actions": ActionStatus,
        "formatting": formatting,
    }


def _tidy(text: str) -> str:
    """No trailing spaces, no runs of blank lines, one newline at the end."""
    text = "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def render_docs() -> dict[Path, str]:
    """The full text of every file of ``docs/``, by its path."""
    environment = _environment()
    return {
        DOCS_DIR / name: _tidy(environment.get_template(f"{name}.j2").render(**_context(name)))
        for name in DOC_FILES
    }


def write_docs(docs_dir: Path | None = None) -> list[Path]:
    """Write :func:`render_docs` into ``docs_dir`` (default ``docs/``); return the files changed."""
    folder = DOCS_DIR if docs_dir is None else Path(docs_dir)
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for path, text in render_docs().items():
        target = folder / path.name
        if target.exists() and target.read_bytes() == text.encode("utf-8"):
            log.info("%s is up to date", target)
            continue
        target.write_text(text, encoding="utf-8", newline="\n")
        log.info("Wrote %s", target)
        changed.append(target)
    return changed
