"""The datasets' rows: each column typed per the contract, then the rules between columns.

:func:`read_dataset` turns a dataset's table(s) of text cells into a typed frame
of the rows kept and a frame of the rows set aside, with the reason, so that
nothing is dropped silently. Each column is typed per its kind in
:mod:`pipeline.spec.contract` (:func:`_typed_column`); then one function per
dataset applies the rules between columns and the defaults (end before start,
``complete`` without a ``completed_date`` ...); then ids are checked for
duplicates. A row is set aside once, with the *first* problem found in it, in
that order (:class:`_Checks`). Survey rows are set aside with an empty
``record`` and reasons that never quote a respondent's answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pipeline.errors import InputError
from pipeline.ingest.cells import (
    match_categories,
    match_lists,
    normalise_text,
    parse_bools,
    parse_dates,
    parse_numbers,
    too_large,
)
from pipeline.ingest.folder import REFERENCE_FOLDER, header_map
from pipeline.ingest.inputs import SET_ASIDE_COLUMNS
from pipeline.ingest.readers import Table
from pipeline.ingest.reference import Reference
from pipeline.spec import contract
from pipeline.spec.contract import Column, Dataset
from pipeline.spec.thresholds import LARGEST_NUMBER

PROFILE_COLUMNS = ("area_assembly", "age_band", "sex", "ethnic_group", "disability")

# How a reference list is named in a reason: "'X' is not <label> in reference/<file>".
REFERENCE_LABELS = {
    "area_assemblies": "an area assembly",
    "communities_of_interest": "a community of interest",
    "programme_areas": "a programme area",
}


@dataclass
class _Checks:
    """The problems found in a dataset's rows, in the order they are looked for."""

    index: pd.Index
    show_values: bool
    found: list[tuple[str, pd.Series]] = field(default_factory=list)

    def add(self, column: str, mask: pd.Series, reason: str | pd.Series) -> None:
        mask = pd.Series(np.asarray(mask, dtype=bool), index=self.index)
        if mask.any():
            reasons = pd.Series(pd.NA, index=self.index, dtype="str")
            self.found.append((column, reasons.mask(mask, reason)))

    def quoted(self, text: pd.Series, then: str, otherwise: str) -> str | pd.Series:
        """``'<cell>' <then>`` naming the cell, or ``otherwise`` where values are kept private."""
        return "'" + text + "' " + then if self.show_values else otherwise

    def first(self) -> tuple[pd.Series, pd.Series]:
        """(column, reason) of each row's first problem; NA for rows without one."""
        column = pd.Series(pd.NA, index=self.index, dtype="str")
        reason = pd.Series(pd.NA, index=self.index, dtype="str")
        for name, reasons in self.found:
            new = reason.isna() & reasons.notna()
            column = column.mask(new, name)
            reason = reason.mask(new, reasons)
        return column, reason


def read_dataset(
    dataset: Dataset, tables: list[Table], reference: Reference
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(typed frame of the rows kept, set-aside rows) for one dataset from its file(s)."""
    texts = [_contract_text(dataset, t) for t in tables]
    text = pd.concat(texts, ignore_index=True) if texts else _empty_text(dataset)
    files = pd.Series(
        np.repeat([t.name for t in tables], [len(t) for t in tables]), dtype="str"
    ).reindex(text.index)
    rows = pd.Series(np.concatenate([t.rows for t in tables]) if tables else [], dtype="int64")
    is_surveys = dataset.name == contract.SURVEYS.name
    checks = _Checks(text.index, show_values=not is_surveys)

    typed = {c.name: _typed_column(c, text[c.name], reference, checks) for c in dataset.columns}
    _DATASET_RULES[dataset.name](typed, text, reference, checks)
    for column in dataset.columns:
        if column.unique:
            ids = text[column.name]
            checks.add(
                column.name,
                ids.ne("") & ids.duplicated(keep=False),
                f"duplicate {column.name}: every row with this id is set aside",
            )

    bad_column, reason = checks.first()
    bad = reason.notna().to_numpy(dtype=bool)
    frame = pd.DataFrame(typed, index=text.index)
    if is_surveys:
        frame = frame.drop(columns="respondent_id")
        records = pd.Series("", index=text.index, dtype="str")[bad]
    else:
        frame["file"] = files
        frame["row"] = rows
        records = _records(tables[0], bad)
    set_aside = pd.DataFrame(
        {
            "dataset": pd.Series(dataset.name, index=range(int(bad.sum())), dtype="str"),
            "file": files[bad].to_numpy(),
            "row": rows[bad].to_numpy(),
            "column": bad_column[bad].to_numpy(),
            "reason": reason[bad].to_numpy(),
            "record": records.to_numpy(),
        },
        columns=list(SET_ASIDE_COLUMNS),
    ).astype({"file": "str", "row": "int64", "column": "str", "reason": "str", "record": "str"})
    return frame.loc[~bad].reset_index(drop=True), set_aside


def _empty_text(dataset: Dataset) -> pd.DataFrame:
    return pd.DataFrame({c.name: pd.Series([], dtype="str") for c in dataset.columns})


def _contract_text(dataset: Dataset, table: Table) -> pd.DataFrame:
    """The contract's columns of a table as normalised text; absent optional columns empty."""
    positions, problems = header_map(table.headers, table.name, dataset.required_headers)
    if problems:  # the file changed since preflight
        raise InputError(problems)
    empty = pd.Series("", index=table.cells.index, dtype="str")
    return pd.DataFrame(
        {
            c.name: normalise_text(table.cells[positions[c.name]]) if c.name in positions else empty
            for c in dataset.columns
        },
        index=table.cells.index,
    )


def _records(table: Table, bad: np.ndarray) -> pd.Series:
    """The set-aside rows' original cells as JSON objects keyed by the original headers."""
    if not bad.any():
        return pd.Series([], dtype="str")
    named = [i for i, header in enumerate(table.headers) if header.strip()]
    cells = table.cells.loc[bad, named]
    cells.columns = [table.headers[i] for i in named]
    lines = cells.to_json(orient="records", lines=True, force_ascii=False).splitlines()
    # pandas escapes "/" as "\/" (valid JSON, but hard to read in a spreadsheet).
    return pd.Series([line.replace("\\/", "/") for line in lines], dtype="str")


# --------------------------------------------------------------------------- columns


def _typed_column(
    column: Column, text: pd.Series, reference: Reference, checks: _Checks
) -> pd.Series:
    """One column typed per its kind; its problems added to ``checks``."""
    name = column.name
    if column.required is True:
        checks.add(name, text.eq(""), f"{name} is required but empty")
    typed = _TYPED.get(column.kind)
    if typed is None:
        msg = f"contract column {name} has unknown kind {column.kind!r}"  # a programming error
        raise ValueError(msg)
    return typed(column, text, reference, checks)


def _typed_text(
    column: Column, text: pd.Series, reference: Reference, checks: _Checks
) -> pd.Series:
    return text.where(~text.eq("")).astype("str")


def _typed_list(
    column: Column, text: pd.Series, reference: Reference, checks: _Checks
) -> pd.Series:
    name = column.name
    allowed = reference.lists[column.ref]
    values, bad, unknown = match_lists(text, allowed)
    checks.add(
        name,
        bad,
        checks.quoted(unknown, _not_in_reference(column), _not_in_reference(column, name)),
    )
    return values


def _typed_date(
    column: Column, text: pd.Series, reference: Reference, checks: _Checks
) -> pd.Series:
    name = column.name
    parsed = parse_dates(text)
    checks.add(
        name,
        parsed.malformed,
        checks.quoted(
            text,
            "is not a date: use YYYY-MM-DD or DD/MM/YYYY",
            f"{name} is not a date: use YYYY-MM-DD or DD/MM/YYYY",
        ),
    )
    checks.add(
        name,
        parsed.impossible,
        "date '" + text + "' is not a real date"
        if checks.show_values
        else f"{name} is not a real date",
    )
    return parsed.values


def _typed_bool(
    column: Column, text: pd.Series, reference: Reference, checks: _Checks
) -> pd.Series:
    name = column.name
    values, bad = parse_bools(text)
    words = "true/false, yes/no, y/n or 1/0"
    reason = f"{name} must be {words}"
    checks.add(name, bad, reason + ", not '" + text + "'" if checks.show_values else reason)
    return values


def _too_large(name: str) -> str:
    return f"{name} is too large to be real (more than {LARGEST_NUMBER:,})"


def _typed_int(column: Column, text: pd.Series, reference: Reference, checks: _Checks) -> pd.Series:
    name = column.name
    numbers, not_number = parse_numbers(text)
    huge = too_large(numbers)
    checks.add(name, huge, _too_large(name))
    bad = huge | not_number | (numbers.notna() & (numbers % 1 != 0))
    if column.values:
        allowed = [int(v) for v in column.values]
        bad |= numbers.notna() & ~numbers.isin(allowed)
        reason = f"{name} must be a whole number from {min(allowed)} to {max(allowed)}"
    elif column.minimum is not None:
        bad |= numbers < column.minimum
        reason = f"{name} must be a whole number of {column.minimum:g} or more"
    else:
        reason = f"{name} must be a whole number"
    checks.add(name, bad, reason)
    return numbers.where(~bad).astype("Int64")


def _typed_number(
    column: Column, text: pd.Series, reference: Reference, checks: _Checks
) -> pd.Series:
    name = column.name
    numbers, not_number = parse_numbers(text, pounds=name.endswith("_gbp"))
    huge = too_large(numbers)
    checks.add(name, huge, _too_large(name))
    numbers = numbers.mask(huge)
    if column.positive:
        checks.add(name, not_number, f"{name} must be a number greater than 0")
        checks.add(name, numbers <= 0, f"{name} must be greater than 0")
    elif column.minimum is not None:
        checks.add(
            name,
            not_number | (numbers < column.minimum),
            f"{name} must be a number of {column.minimum:g} or more",
        )
    else:
        checks.add(name, not_number, f"{name} must be a number")
    return numbers


def _not_in_reference(column: Column, name: str | None = None) -> str:
    """``is not an area assembly in reference/area_assemblies.csv (or Borough-wide)``."""
    where = f"{REFERENCE_FOLDER}/{contract.REFERENCE_LISTS[column.ref]}"
    text = f"is not {REFERENCE_LABELS[column.ref]} in {where}"
    if column.extra:
        text += " (or " + ", ".join(column.extra) + ")"
    return f"{name} {text}" if name else text


def _typed_category(
    column: Column, text: pd.Series, reference: Reference, checks: _Checks
) -> pd.Series:
    name = column.name
    if column.ref:
        allowed = (*reference.lists[column.ref], *column.extra)
        values, bad = match_categories(text, allowed)
        checks.add(
            name,
            bad,
            checks.quoted(text, _not_in_reference(column), _not_in_reference(column, name)),
        )
        return values
    values, bad = match_categories(text, column.values)
    choices = ", ".join(column.values)
    if name.startswith("q_"):
        private = f"{name} answer is not on its scale: {choices}"
        shown = f"is not on the {name} scale: use one of {choices}"
    else:
        private = f"{name} must be one of: {choices}"
        shown = f"is not a valid {name}: use one of {choices}"
    checks.add(name, bad, checks.quoted(text, shown, private))
    return values


# Column kind in the contract -> the function that types a column of that kind.
_TYPED = {
    "text": _typed_text,
    "category": _typed_category,
    "list": _typed_list,
    "date": _typed_date,
    "bool": _typed_bool,
    "int": _typed_int,
    "number": _typed_number,
}


# --------------------------------------------------------------------------- rules between columns
# Rules between columns and defaults, one function per dataset; each adds to ``checks``.


def _activity_rules(typed: dict, text: pd.DataFrame, reference: Reference, checks: _Checks) -> None:
    typed["organisation"] = typed["organisation"].fillna(reference.settings.organisation)
    typed["evaluated"] = typed["evaluated"].fillna(False)
    checks.add("end_date", typed["end_date"] < typed["start_date"], "end_date is before start_date")


def _action_rules(typed: dict, text: pd.DataFrame, reference: Reference, checks: _Checks) -> None:
    checks.add(
        "completed_date",
        typed["status"].eq("complete") & text["completed_date"].eq(""),
        "status is complete but completed_date is empty",
    )


def _training_rules(typed: dict, text: pd.DataFrame, reference: Reference, checks: _Checks) -> None:
    checks.add(
        "programme_area",
        typed["audience"].eq("staff") & text["programme_area"].eq(""),
        "programme_area is required when audience is staff",
    )


def _survey_rules(typed: dict, text: pd.DataFrame, reference: Reference, checks: _Checks) -> None:
    typed["weight"] = typed["weight"].where(text["weight"].ne(""), 1.0)
    checks.add(
        "activity_id",
        typed["survey_kind"].eq("evaluation") & text["activity_id"].eq(""),
        "activity_id is required for an evaluation survey",
    )
    for dimension in PROFILE_COLUMNS:
        # Not a category of population.csv (or "prefer not to say"): unknown, not an error.
        categories = tuple(
            c
            for c in reference.population_categories[dimension]
            if c.lower() != contract.PREFER_NOT_TO_SAY
        )
        typed[dimension] = match_categories(text[dimension], categories)[0]
    ids = text[["survey_id", "respondent_id"]]
    checks.add(
        "respondent_id",
        ids["respondent_id"].ne("") & ids["survey_id"].ne("") & ids.duplicated(keep=False),
        "duplicate respondent_id within survey_id: every row with this id is set aside",
    )


def _no_rules(typed: dict, text: pd.DataFrame, reference: Reference, checks: _Checks) -> None:
    """Decisions: each column's own rules only."""


_DATASET_RULES = {
    "decisions": _no_rules,
    "activity_register": _activity_rules,
    "action_plan": _action_rules,
    "training_log": _training_rules,
    "surveys": _survey_rules,
}
