"""5. Risks and uncertainties: Red indicators, actions not on track, set-aside rows, low bases."""

from __future__ import annotations

from pipeline.measures.view import ReportView
from pipeline.paper.filters import agree, format_count, format_date, plural
from pipeline.paper.sections.summary import finding
from pipeline.spec.thresholds import LOW_BASE
from pipeline.spec.vocabulary import Rating


def _set_aside_item(rows: int) -> str:
    return (
        f"{plural(rows, 'record')} with errors {agree(rows, 'was', 'were')} not counted in the "
        "figures (Appendix B lists the errors)."
    )


def _decided_early_item(view: ReportView) -> str:
    early, checked = view.decisions.early_count, view.decisions.checked
    return (
        f"{format_count(early)} of the {plural(checked, 'activity', 'activities')} closed in the "
        f"period with a listed decision {agree(early, 'was', 'were')} decided too early for "
        f"{agree(early, 'its', 'their')} results to inform it (section 3.1)."
    )


def risk_items(view: ReportView) -> list[str]:
    items = [
        f"{i.name} ({i.id}) is rated Red: {finding(view, i)}."
        for i in view.indicators
        if i.rating == Rating.RED
    ]
    items += [
        f"Action {e.id} ({e.action}) is {e.status}; it was due on {format_date(e.due)}."
        for e in view.actions.exceptions
    ]
    if view.decisions.early_count:
        items.append(_decided_early_item(view))
    if view.set_aside_total:
        items.append(_set_aside_item(view.set_aside_total))
    items += [
        f"{i.name} ({i.id}) rests on fewer than {LOW_BASE} survey responses, so it is not rated."
        for i in view.indicators
        if i.low_base and i.value is not None
    ]
    if not items:
        decisions = (
            " no decision checked was taken before its consultation could inform it,"
            if view.decisions.provided
            else ""
        )
        items.append(
            "No indicator is rated Red, no action is overdue or at risk,"
            f"{decisions} and every record was counted."
        )
    return items


def context(view: ReportView) -> dict:
    return {"items": risk_items(view)}
