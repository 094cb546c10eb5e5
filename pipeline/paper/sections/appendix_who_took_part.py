"""Appendix D: who took part, the full tables: each group's share of the population and of the
respondents, and their ratio, with disclosure control applied."""

from __future__ import annotations

from pipeline.measures.view import ReportView


def context(view: ReportView) -> dict:
    return {"dimensions": view.dimensions, "any_respondents": view.any_respondents}
