"""The committee paper: each section rendered from the computed view, for notebook 03.

:class:`Paper` holds a :class:`~pipeline.measures.view.ReportView` and nothing else; each
method returns one section as HTML (an ``IPython.display.HTML``), from the template
``sections/<name>.html.j2`` and the context that ``sections/<name>.py`` gives it. Nothing here
computes a figure: the view has them all.
"""

from __future__ import annotations

import importlib
import re

from IPython.display import HTML

from pipeline.measures.view import ReportView
from pipeline.paper.sections import SECTIONS
from pipeline.paper.templating import render_section
from pipeline.paper.title import paper_title

__all__ = ["SECTIONS", "Paper", "paper_title"]


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.DOTALL)


def _scrollable(match: re.Match[str]) -> str:
    """A table inside a region that scrolls sideways on a screen too narrow for it.

    Keyboard users can reach and scroll it (tabindex), and screen readers hear its caption.
    """
    table = match.group(0)
    found = _CAPTION.search(table)
    label = re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else "Table"
    return f'<div class="table-wrap" role="region" tabindex="0" aria-label="{label}">{table}</div>'


def section_html(name: str, view: ReportView) -> str:
    """Section ``name`` of the paper as HTML."""
    if name not in SECTIONS:
        msg = f"The paper has no section named {name!r}."
        raise KeyError(msg)
    module = importlib.import_module(f"pipeline.paper.sections.{name}")
    return _TABLE.sub(_scrollable, render_section(name, **module.context(view)))


class Paper:
    """The paper for one view; one method per section, in the order the paper prints them."""

    def __init__(self, view: ReportView) -> None:
        self.view = view

    @property
    def title(self) -> str:
        return paper_title(self.view.period)

    def section(self, name: str) -> HTML:
        return HTML(section_html(name, self.view))

    def header(self) -> HTML:
        return self.section("header")

    def summary(self) -> HTML:
        return self.section("summary")

    def recommendations(self) -> HTML:
        return self.section("recommendations")

    def scorecard(self) -> HTML:
        return self.section("scorecard")

    def action_plan(self) -> HTML:
        return self.section("action_plan")

    def achievements(self) -> HTML:
        return self.section("achievements")

    def activity(self) -> HTML:
        return self.section("activity")

    def who_took_part(self) -> HTML:
        return self.section("who_took_part")

    def what_people_said(self) -> HTML:
        return self.section("what_people_said")

    def finance(self) -> HTML:
        return self.section("finance")

    def risks(self) -> HTML:
        return self.section("risks")

    def implications(self) -> HTML:
        return self.section("implications")

    def background(self) -> HTML:
        return self.section("background")

    def appendix_definitions(self) -> HTML:
        return self.section("appendix_definitions")

    def appendix_data_quality(self) -> HTML:
        return self.section("appendix_data_quality")

    def appendix_provenance(self) -> HTML:
        return self.section("appendix_provenance")

    def appendix_who_took_part(self) -> HTML:
        return self.section("appendix_who_took_part")
