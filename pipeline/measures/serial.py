"""Frozen dataclasses to JSON and back, by their type hints: how the view travels between stages.

Handles what the view is made of: dataclasses, ``tuple[X, ...]``, ``dict[K, V]``, ``X | None``,
string enums, dates, periods and plain numbers, text and booleans. The JSON is sorted and
compact, so the same view always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path

from pipeline.spec.period import Period, parse_period


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for any other class), worked out once per class."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


def to_data(value: object) -> object:
    """``value`` as JSON-ready data (dicts, lists, text, numbers, booleans, None)."""
    if (isinstance(value, (str, int, float)) and not isinstance(value, Enum)) or value is None:
        return value
    names = _field_names(type(value))
    if names is not None:
        return {name: to_data(getattr(value, name)) for name in names}
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


@functools.cache
def _init_fields(kind: type) -> tuple[tuple[str, object], ...]:
    """The fields a dataclass is built from, with their types (worked out once per class)."""
    hints = _hints(kind)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(kind) if f.init)


_SCALARS = {
    date: date.fromisoformat,
    Period: parse_period,
    int: int,
    float: float,
}


def _same(data: object) -> object:
    return data


def _optional(convert: Callable[[object], object]) -> Callable[[object], object]:
    return lambda data: None if data is None else convert(data)


def _dataclass_converter(kind: type) -> Callable[[object], object]:
    """Builds ``kind`` from a dict; its fields' converters are worked out on first use (so
    that a dataclass may refer to itself)."""
    fields: list[tuple[str, Callable[[object], object]]] = []

    def convert(data: object) -> object:
        if not fields:
            fields.extend((name, _converter(hint)) for name, hint in _init_fields(kind))
        return kind(**{name: field(data[name]) for name, field in fields})  # type: ignore[index]

    return convert


def _generic_converter(kind: object) -> Callable[[object], object]:
    """``tuple[X, ...]``, ``dict[K, V]`` and ``X | None``."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple:
        item = _converter(args[0])
        if item is _same:
            return tuple
        return lambda data: tuple(map(item, data))  # type: ignore[arg-type]
    if origin is dict:
        key, value = (_converter(arg) for arg in args)
        return lambda data: {key(k): value(v) for k, v in data.items()}  # type: ignore[union-attr]
    (inner,) = (a for a in args if a is not type(None))
    return _optional(_converter(inner))


@functools.cache
def _converter(kind: object) -> Callable[[object], object]:
    """How to rebuild a value of type ``kind`` from its JSON data, worked out once per type:
    a large view holds hundreds of thousands of values of a few dozen types."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType, tuple, dict):
        return _generic_converter(kind)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_converter(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind in _SCALARS:
        return _optional(_SCALARS[kind])  # type: ignore[index]
    return _same


def from_data(kind: object, data: object) -> object:
    """Rebuild a value of type ``kind`` from what :func:`to_data` made of it."""
    return _converter(kind)(data)


def save(value: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Compact: Python's JSON encoder writes indented JSON in pure Python, several times slower.
    data = to_data(value)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def load(kind: type, path: Path) -> object:
    return from_data(kind, json.loads(path.read_text(encoding="utf-8")))
