"""Hand-made typed frames and :class:`Inputs` for unit tests.

Frames follow the conventions of ``pipeline/contract.py``: dates datetime64,
bools ``boolean``, ints ``Int64``, text ``str``; every column of the contract is
present. Each builder takes a list of dicts overriding a valid default row.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.ingest.inputs import Inputs, ReportSettings
from pipeline.spec.contract import ACTION_PLAN, ACTIVITY_REGISTER, SURVEYS, TRAINING_LOG, Dataset
from pipeline.spec.period import parse_period

AREAS = ("Rother Valley South", "Wentworth North", "Wath")
COMMUNITIES = ("Older people", "Young people", "Disabled people")
PROGRAMME_AREAS = ("Chief Executive's", "Children and Young People's Services", "Housing")

PERIOD = parse_period("2006-04..2006-09")  # ps 2006-04-01, pe 2006-09-30; previous 2005-04..2005-09

_DTYPES = {
    "text": "str",
    "category": "str",
    "list": "str",
    "date": "datetime64[ns]",
    "bool": "boolean",
    "int": "Int64",
    "number": "float64",
}

ACTIVITY_DEFAULTS: dict[str, Any] = {
    "title": "A consultation",
    "programme_area": "Housing",
    "activity_type": "consultation",
    "method": "postal survey",
    "formal": False,
    "registered_date": "2006-03-01",
    "start_date": "2006-05-01",
    "end_date": "2006-05-31",
    "status": "live",
    "area_assembly": "Wath",
}
ACTION_DEFAULTS: dict[str, Any] = {
    "priority_area": 1,
    "action": "An action",
    "lead": "Community Involvement Team",
    "due_date": "2007-03-31",
    "status": "on track",
}
TRAINING_DEFAULTS: dict[str, Any] = {
    "date": "2006-05-10",
    "title": "Consultation toolkit",
    "audience": "staff",
    "programme_area": "Housing",
    "attendees": 10,
}
SURVEY_DEFAULTS: dict[str, Any] = {
    "survey_id": "QOL-2006",
    "survey_kind": "resident",
    "fieldwork_date": "2006-06-15",
    "weight": 1.0,
}


def typed_frame(
    dataset: Dataset, rows: list[dict[str, Any]], defaults: dict[str, Any]
) -> pd.DataFrame:
    """A frame with every column of ``dataset`` typed as ingest hands it on."""
    columns = [c for c in dataset.columns if c.name != "respondent_id"]
    records = [{**defaults, **row} for row in rows]
    data = {}
    for column in columns:
        values = [record.get(column.name) for record in records]
        dtype = _DTYPES[column.kind]
        if column.kind == "date":
            data[column.name] = pd.to_datetime(pd.Series(values, dtype=object)).astype(dtype)
        else:
            data[column.name] = pd.Series(values, dtype=object).astype(dtype)
    frame = pd.DataFrame(data)
    for column in columns:
        if column.kind in ("text", "category", "list"):
            frame[column.name] = frame[column.name].where(frame[column.name].notna(), pd.NA)
    extra = {k for record in records for k in record} - {c.name for c in columns}
    for name in sorted(extra):
        frame[name] = pd.Series([record.get(name) for record in records], dtype=object)
    return frame


def activities(*rows: dict[str, Any]) -> pd.DataFrame:
    """Activities; ids default to ``ACT-001``, ``ACT-002``... in row order."""
    rows_with_ids = [{"activity_id": f"ACT-{i:03d}", **row} for i, row in enumerate(rows, 1)]
    return typed_frame(ACTIVITY_REGISTER, rows_with_ids, ACTIVITY_DEFAULTS)


def actions(*rows: dict[str, Any]) -> pd.DataFrame:
    rows_with_ids = [{"action_id": f"A{i}", **row} for i, row in enumerate(rows, 1)]
    return typed_frame(ACTION_PLAN, rows_with_ids, ACTION_DEFAULTS)


def training(*rows: dict[str, Any]) -> pd.DataFrame:
    rows_with_ids = [{"session_id": f"T{i}", **row} for i, row in enumerate(rows, 1)]
    return typed_frame(TRAINING_LOG, rows_with_ids, TRAINING_DEFAULTS)


def surveys(*rows: dict[str, Any]) -> pd.DataFrame:
    return typed_frame(SURVEYS, list(rows), SURVEY_DEFAULTS)


def respondents(n: int, **values: Any) -> list[dict[str, Any]]:
    """``n`` identical respondent rows."""
    return [dict(values) for _ in range(n)]


def population(*rows: tuple[str, str, int]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["dimension", "category", "population"])
    return frame.astype({"dimension": "str", "category": "str", "population": "int64"})


def decisions(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    """decisions.csv as ingest hands it on: (decision_ref, decision_date, decision_maker)."""
    frame = pd.DataFrame(rows, columns=["decision_ref", "decision_date", "decision_maker"])
    frame["title"] = pd.NA
    return frame.astype(
        {"decision_ref": "str", "decision_date": "datetime64[ns]", "decision_maker": "str"}
    )


def targets(*rows: tuple[str, float, float | None]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["indicator_id", "target", "tolerance"])
    frame = frame.astype({"indicator_id": "str", "target": "float64", "tolerance": "float64"})
    frame["tolerance"] = frame["tolerance"].fillna(0.0)
    return frame


def settings(**overrides: Any) -> ReportSettings:
    values: dict[str, Any] = {
        "organisation": "Rotherham Metropolitan Borough Council",
        "committee": "Cabinet Member for Community Cohesion",
        "data_from": "2005-04",
        "programme_area_label": "Programme Area",
        "programme_area": "Chief Executive's",
        "author": "Principal Community Involvement Officer",
        "contact": "Community Involvement Team",
        "policy_implications": "How the framework serves the Community Strategy.",
        "background_papers": ("Corporate CCI Framework",),
    }
    return ReportSettings(**{**values, **overrides})


def make_inputs(**overrides: Any) -> Inputs:
    """A valid, empty :class:`Inputs`; pass frames or lists to override any field."""
    values: dict[str, Any] = {
        "activities": activities(),
        "actions": actions(),
        "training": training(),
        "surveys": surveys(),
        "area_assemblies": AREAS,
        "communities": COMMUNITIES,
        "programme_areas": PROGRAMME_AREAS,
        "population": population(),
        "targets": targets(),
        "settings": settings(),
    }
    return Inputs(**{**values, **overrides})
