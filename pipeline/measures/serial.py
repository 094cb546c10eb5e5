"""Frozen dataclasses to JSON and back, by their type hints: how the view travels between stages.

Handles what the view is made of: dataclasses, ``tuple[X, ...]``, ``dict[K, V]``, ``X | None``,
string enums, dates, periods and plain numbers, text and booleans. The JSON is sorted and
indented, so the same view always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from datetime import date
from enum import Enum
from pathlib import Path

from pipeline.spec.period import Period, parse_period


def to_data(value: object) -> object:
    """``value`` as JSON-ready data (dicts, lists, text, numbers, booleans, None)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, Period)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(to_data(key)): to_data(item) for key, item in value.items()}
    return value


@functools.cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _from_generic(kind: object, data: object) -> object:
    """``X | None``, ``tuple[X, ...]`` and ``dict[K, V]``."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple:
        return tuple(from_data(args[0], item) for item in data)  # type: ignore[union-attr]
    if origin is dict:
        key, item = args
        return {from_data(key, k): from_data(item, v) for k, v in data.items()}  # type: ignore[union-attr]
    if data is None:
        return None
    (inner,) = (a for a in args if a is not type(None))
    return from_data(inner, data)


@functools.cache
def _init_fields(kind: type) -> tuple[tuple[str, object], ...]:
    """The fields a dataclass is built from, with their types (worked out once per class)."""
    hints = _hints(kind)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(kind) if f.init)


def _from_dataclass(kind: type, data: dict) -> object:
    return kind(**{name: from_data(hint, data[name]) for name, hint in _init_fields(kind)})


_SCALARS = {
    date: date.fromisoformat,
    Period: parse_period,
    int: int,
    float: float,
}


def from_data(kind: object, data: object) -> object:
    """Rebuild a value of type ``kind`` from what :func:`to_data` made of it."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType, tuple, dict):
        return _from_generic(kind, data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _from_dataclass(kind, data)  # type: ignore[arg-type]
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind in _SCALARS and data is not None:
        return _SCALARS[kind](data)  # type: ignore[index]
    return data


def save(value: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_data(value), indent=1, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def load(kind: type, path: Path) -> object:
    return from_data(kind, json.loads(path.read_text(encoding="utf-8")))
