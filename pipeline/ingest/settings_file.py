"""``reference/report.toml``: what the paper says about itself, read and checked.

:func:`read_settings` gives the :class:`ReportSettings`, or every problem found, in plain
English: required keys missing or not text, months and dates not written as such, a control
character in a text, and a ``website`` that is not an http(s) address (the public pages link
only to those). Every text is normalised as cells are, and shown on one line.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest.cells import normalise_scalar
from pipeline.ingest.files import read_bytes
from pipeline.ingest.inputs import ReportSettings
from pipeline.spec import contract
from pipeline.spec.period import Month
from pipeline.spec.settings import is_web_address

# Characters no setting holds: C0 and C1 controls (a line break, tab or carriage return
# excepted, which are spaces on one line), as a TOML escape such as \u0000 can write them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def read_settings(path: Path, name: str) -> tuple[ReportSettings | None, list[str]]:
    """``report.toml`` as :class:`ReportSettings`, or None and every problem found in it."""
    try:
        raw = read_bytes(path, name)
    except InputError as exc:
        return None, exc.problems
    try:
        values = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, [f"{name} is not UTF-8 text: save it as UTF-8"]
    except tomllib.TOMLDecodeError as exc:
        return None, [f"{name} is not valid TOML: {exc}"]
    problems = (
        _required_settings_problems(values, name)
        + _optional_settings_problems(values, name)
        + _date_settings_problems(values, name)
        + _text_settings_problems(values, name)
    )
    if problems:
        return None, problems
    settings = ReportSettings(
        **{
            key: _setting_text(values[key])
            for key in contract.REPORT_SETTINGS_REQUIRED
            if key != "background_papers"
        },
        background_papers=tuple(_setting_text(v) for v in values["background_papers"]),
        meeting_date=values.get("meeting_date"),
        **{
            key: _setting_text(values[key])
            for key in contract.REPORT_SETTINGS_OPTIONAL
            if key in values
        },
    )
    return settings, []


def _setting_text(value: str) -> str:
    """A setting as the paper, the web pages and the calendar show it: normalised as cells are,
    on one line (a line break, as a multi-line TOML string holds, is a space)."""
    return " ".join(normalise_scalar(value).split())


def _texts(values: dict) -> list[tuple[str, str]]:
    """(key, text) of every text setting, each background paper included."""
    texts = [(key, value) for key, value in values.items() if isinstance(value, str)]
    papers = values.get("background_papers")
    if isinstance(papers, list):
        texts += [("background_papers", v) for v in papers if isinstance(v, str)]
    return texts


def _text_settings_problems(values: dict, name: str) -> list[str]:
    """Control characters (which no title holds, and no page or calendar can show) and a
    ``website`` that is not a web address: the public pages link only to http(s) addresses."""
    problems = [
        f"{name}: {key} holds a control character ({_CONTROL.search(text).group()!r}), which "
        "no title holds: remove it"
        for key, text in _texts(values)
        if _CONTROL.search(text.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    ]
    website = values.get("website")
    if isinstance(website, str) and website.strip() and not is_web_address(website.strip()):
        problems.append(
            f"{name}: website must be a web address starting https:// (or http://), such as "
            f"https://www.example.gov.uk/consultation, not '{website.strip()}'"
        )
    return problems


def _required_settings_problems(values: dict, name: str) -> list[str]:
    """Problems for required settings that are missing or not text (titles for papers)."""
    problems: list[str] = []
    for key in contract.REPORT_SETTINGS_REQUIRED:
        value = values.get(key)
        if key not in values:
            problems.append(f"{name} has no '{key}', which is required")
        elif key == "background_papers":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f'{name}: background_papers must be a list of titles, ["..."]')
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"{name}: {key} must be a non-empty text in quotes")
    return problems


def _optional_settings_problems(values: dict, name: str) -> list[str]:
    """Problems for optional settings given but not as text."""
    return [
        f"{name}: {key} must be a non-empty text in quotes"
        for key in contract.REPORT_SETTINGS_OPTIONAL
        if key in values and (not isinstance(values[key], str) or not values[key].strip())
    ]


def _month_problems(values: dict, name: str) -> list[str]:
    """Problems for a ``data_from`` or ``data_to`` that is not a month, or in the wrong order."""
    problems: list[str] = []
    months = {}
    for key in ("data_from", "data_to"):
        if isinstance(values.get(key), str) and values[key].strip():
            try:
                months[key] = Month.parse(values[key])
            except ValueError:
                month = values[key]
                problems.append(f"{name}: {key} '{month}' must be a month in the form YYYY-MM")
    if len(months) == 2 and months["data_to"] < months["data_from"]:
        first, last = months["data_from"], months["data_to"]
        problems.append(f"{name}: data_to ({last}) is before data_from ({first})")
    return problems


def _date_settings_problems(values: dict, name: str) -> list[str]:
    """Problems for months that are not months and a ``meeting_date`` that is not a date."""
    problems = _month_problems(values, name)
    meeting = values.get("meeting_date")
    if meeting is not None and (not isinstance(meeting, date) or isinstance(meeting, datetime)):
        problems.append(
            f"{name}: meeting_date must be a date written without quotes, e.g. meeting_date = "
            "2007-02-12"
        )
    return problems
