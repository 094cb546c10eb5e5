"""The Jinja environment every section of the paper renders in.

Autoescaping is on: text from the inputs is always data, never markup. Templates format
through the filters of :mod:`pipeline.paper.filters` and quote the thresholds of
:mod:`pipeline.spec.thresholds` (as ``limits``), so no number is typed into the prose.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pipeline.paper.filters import FILTERS
from pipeline.paths import PACKAGE
from pipeline.spec import thresholds
from pipeline.spec.vocabulary import PRIORITY_AREA_NAMES, Direction, Rating

SECTIONS_FOLDER = PACKAGE / "paper" / "sections"


def html_environment(folder: Path, *, trailing_newline: bool = False) -> Environment:
    """A Jinja environment for HTML templates in ``folder``: autoescaped (input text is always
    data, never markup), strict about undefined names, with the paper's filters. The paper's
    sections and the web pages both render in one of these."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=trailing_newline,
    )
    env.filters.update(FILTERS)
    return env


@functools.cache
def environment() -> Environment:
    env = html_environment(SECTIONS_FOLDER)
    env.globals.update(
        limits=thresholds,
        Rating=Rating,
        Direction=Direction,
        PRIORITY_AREA_NAMES=PRIORITY_AREA_NAMES,
    )
    return env


def render_section(name: str, **context: object) -> str:
    return environment().get_template(f"{name}.html.j2").render(**context)
