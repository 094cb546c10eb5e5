"""The partnership paper for the partnership's board, rendered from a
:class:`~pipeline.measures.partnership_view.PartnershipView`.

In the council paper's form: each section is a template in this folder and a function of
:mod:`pipeline.paper.partnership.contexts` that gives it its context; the filters, the rating
macros, the tables' scrolling regions and the nbconvert template are the council paper's.
"""

from __future__ import annotations

import functools

from IPython.display import HTML
from jinja2 import Environment, FileSystemLoader

from pipeline.measures.partnership_view import PartnershipView
from pipeline.paper.paper import _TABLE, _scrollable
from pipeline.paper.partnership import contexts
from pipeline.paper.templating import SECTIONS_FOLDER, environment, html_environment
from pipeline.paths import PACKAGE

FOLDER = PACKAGE / "paper" / "partnership"
SECTIONS = (
    "header",
    "summary",
    "recommendations",
    "standards",
    "working_together",
    "forward_plan",
    "background",
    "appendix_definitions",
    "appendix_data_quality",
    "appendix_provenance",
)


def partnership_title(view: PartnershipView) -> str:
    return contexts.title(view.period)


@functools.cache
def _environment() -> Environment:
    env = html_environment(FOLDER)
    env.loader = FileSystemLoader([FOLDER, SECTIONS_FOLDER])  # the council's macros too
    env.globals.update(environment().globals)
    return env


def section_html(name: str, view: PartnershipView) -> str:
    """Section ``name`` of the partnership paper as HTML."""
    if name not in SECTIONS:
        msg = f"The partnership paper has no section named {name!r}."
        raise KeyError(msg)
    context = getattr(contexts, name)(view)
    html = _environment().get_template(f"{name}.html.j2").render(**context)
    return _TABLE.sub(_scrollable, html)


class PartnershipPaper:
    """The partnership paper for one view; :meth:`section` gives each section in turn."""

    def __init__(self, view: PartnershipView) -> None:
        self.view = view

    @property
    def title(self) -> str:
        return partnership_title(self.view)

    def section(self, name: str) -> HTML:
        return HTML(section_html(name, self.view))
