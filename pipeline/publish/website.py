"""The CCI web pages (``website.md``): two public pages, their CSV files and the forward plan's
calendar, written from the view into the run's ``website/`` folder.

The entries, their order and their flags are the view's
(:class:`~pipeline.measures.website_view.WebsiteFigures`); this module only words and formats
them, through the paper's filters (:mod:`pipeline.paper.filters`), so that a date or a count
reads the same on the pages as in the paper. Templates are in ``publish/templates/website/``,
autoescaped: text from the register is always text. The pages make no request (the stylesheet
is inlined, there is no script), and the same view always gives the same bytes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pipeline.errors import RunError
from pipeline.measures.view import ReportView
from pipeline.measures.website_view import ForwardPlan, PlannedEntry, ResultsEntry, YouSaidWeDid
from pipeline.paper.filters import FILTERS
from pipeline.paths import PACKAGE
from pipeline.publish.calendar_file import forward_plan_calendar
from pipeline.publish.csvout import write_csv
from pipeline.publish.render import publishing_problems
from pipeline.publish.website_words import (
    CLASH_WORDS,
    dates,
    flags,
    groups,
    period_words,
    plan_counts,
    results_counts,
    we_did,
    you_said,
)

log = logging.getLogger(__name__)

WEBSITE_FOLDER = "website"
TEMPLATES = PACKAGE / "publish" / "templates" / WEBSITE_FOLDER
YOU_SAID, FORWARD_PLAN = "you-said-we-did", "forward-plan"
HEADINGS = {YOU_SAID: "We asked, you said, we did", FORWARD_PLAN: "Forward plan of consultation"}

RESULTS_COLUMNS = (
    "activity_id",
    "title",
    "programme_area",
    "area_assembly",
    "method",
    "start_date",
    "end_date",
    "participants",
    "results_published_date",
    "feedback_date",
    "influence",
    "decision_ref",
    "you_said",
    "we_did",
)
PLAN_COLUMNS = (
    "activity_id",
    "title",
    "programme_area",
    "area_assembly",
    "method",
    "start_date",
    "end_date",
    "target_groups",
    "formal",
    "clashes_with",
    "short",
    "late_to_register",
    "pre_election",
)


def by_month(entries: Sequence[ResultsEntry | PlannedEntry], day: str) -> list[tuple[date, list]]:
    """Runs of entries (already in order) by the month of their ``day`` attribute."""
    months: dict[date, list] = {}
    for entry in entries:
        months.setdefault(getattr(entry, day).replace(day=1), []).append(entry)
    return list(months.items())


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(
        dates=dates,
        you_said=you_said,
        we_did=we_did,
        groups=groups,
        flags=flags,
        clash_words=CLASH_WORDS,
    )
    return env


def _page(name: str, view: ReportView, **context: object) -> str:
    details = view.details
    html = (
        _environment()
        .get_template(f"{name}.html.j2")
        .render(
            heading=HEADINGS[name],
            organisation=details.organisation,
            website=details.website,
            pages=[{"file": f"{page}.html", "heading": HEADINGS[page]} for page in HEADINGS],
            current=f"{name}.html",
            as_at=view.period.end.date(),
            csv=f"{name}.csv",
            **context,
        )
    )
    problems = publishing_problems(html)
    if problems:
        raise RunError([f"The web page {name}.html cannot be published.", *problems])
    return html


def you_said_page(view: ReportView) -> str:
    results = view.website.results
    return _page(
        YOU_SAID,
        view,
        when=period_words(view.period),
        counts=results_counts(results, view.period),
        months=by_month(results.entries, "end"),
    )


def forward_plan_page(view: ReportView) -> str:
    plan = view.website.plan
    return _page(
        FORWARD_PLAN,
        view,
        plan=plan,
        counts=plan_counts(plan),
        later=by_month(plan.starting_later, "start"),
        ics=f"{FORWARD_PLAN}.ics",
    )


def _true_false(values: list[bool]) -> list[str]:
    return ["true" if v else "false" for v in values]


def results_table(results: YouSaidWeDid) -> pd.DataFrame:
    """``you-said-we-did.csv``: one row per entry, in the page's order, the raw values."""
    e = results.entries
    frame = pd.DataFrame(
        {
            "activity_id": [x.activity_id for x in e],
            "title": [x.title for x in e],
            "programme_area": [x.programme_area for x in e],
            "area_assembly": [x.area for x in e],
            "method": [x.method for x in e],
            "start_date": [x.start.isoformat() for x in e],
            "end_date": [x.end.isoformat() for x in e],
            "participants": pd.array([x.participants for x in e], dtype="Int64"),
            "results_published_date": [x.results_published.isoformat() for x in e],
            "feedback_date": [x.feedback.isoformat() if x.feedback else None for x in e],
            "influence": [x.influence for x in e],
            "decision_ref": [x.decision_ref for x in e],
            "you_said": [x.you_said for x in e],
            "we_did": [x.we_did for x in e],
        },
        columns=list(RESULTS_COLUMNS),
    )
    return frame.astype({c: "string" for c in RESULTS_COLUMNS if c != "participants"})


def plan_table(plan: ForwardPlan) -> pd.DataFrame:
    """``forward-plan.csv``: one row per entry of F, in order; flags ``true``/``false``."""
    e = plan.entries
    frame = pd.DataFrame(
        {
            "activity_id": [x.activity_id for x in e],
            "title": [x.title for x in e],
            "programme_area": [x.programme_area for x in e],
            "area_assembly": [x.area for x in e],
            "method": [x.method for x in e],
            "start_date": [x.start.isoformat() for x in e],
            "end_date": [x.end.isoformat() for x in e],
            "target_groups": [";".join(x.target_groups) for x in e],
            "formal": _true_false([x.formal for x in e]),
            "clashes_with": [";".join(x.clashes_with) for x in e],
            "short": _true_false([x.short for x in e]),
            "late_to_register": _true_false([x.late_to_register for x in e]),
            "pre_election": [x.election for x in e],
        },
        columns=list(PLAN_COLUMNS),
    )
    return frame.astype("string")


def write_website(view: ReportView, run_dir: Path) -> Path:
    """Write ``website/`` into the run folder: both pages, their CSV files and the calendar."""
    folder = run_dir / WEBSITE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{YOU_SAID}.html").write_text(you_said_page(view), encoding="utf-8")
    (folder / f"{FORWARD_PLAN}.html").write_text(forward_plan_page(view), encoding="utf-8")
    write_csv(results_table(view.website.results), folder / f"{YOU_SAID}.csv", ("participants",))
    write_csv(plan_table(view.website.plan), folder / f"{FORWARD_PLAN}.csv")
    (folder / f"{FORWARD_PLAN}.ics").write_bytes(
        forward_plan_calendar(view.website.plan, view.details.organisation)
    )
    log.debug("Wrote the web pages into %s", folder)
    return folder
