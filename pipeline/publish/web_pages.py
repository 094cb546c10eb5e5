"""The CCI web pages (``website.md``): two public pages, their CSV files and the forward plan's
calendar, written from the register into the run's ``website/`` folder.

The entries, their order and their flags are worked out by
:func:`~pipeline.measures.page_entries.website_figures` (a :class:`Site` holds them with the
council's settings and the period); this module only words and formats them, through the
paper's filters (:mod:`pipeline.paper.filters`), so that a date or a count reads the same on the
pages as in the paper. Templates are in ``publish/templates/website/``,
autoescaped: text from the register is always text. The pages make no request (the stylesheet
is inlined, there is no script), and the same register and period always give the same bytes.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from jinja2 import Environment
from markupsafe import Markup

from pipeline.errors import RunError
from pipeline.ingest.inputs import Inputs
from pipeline.measures import serial
from pipeline.measures.page_entries import FACT_COLUMNS, RESULT_COLUMNS, website_figures
from pipeline.measures.page_entries_view import (
    ForwardPlan,
    PlannedEntry,
    ResultsEntry,
    WebsiteFigures,
    YouSaidWeDid,
)
from pipeline.paper.templating import html_environment
from pipeline.paths import PACKAGE
from pipeline.publish.calendar_file import forward_plan_calendar
from pipeline.publish.checks import publishing_problems
from pipeline.publish.csvout import write_csv
from pipeline.publish.web_page_words import (
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
from pipeline.spec.period import Period
from pipeline.spec.settings import ReportSettings, is_web_address

log = logging.getLogger(__name__)

WEBSITE_FOLDER = "website"
TEMPLATES = PACKAGE / "publish" / "templates" / WEBSITE_FOLDER
YOU_SAID, FORWARD_PLAN = "you-said-we-did", "forward-plan"
HEADINGS = {YOU_SAID: "We asked, you said, we did", FORWARD_PLAN: "Forward plan of consultation"}

# The entries' fields under the register's names.
RESULTS_NAMES = {
    "area": "area_assembly",
    "start": "start_date",
    "end": "end_date",
    "results_published": "results_published_date",
    "feedback": "feedback_date",
}
PLAN_NAMES = {
    "area": "area_assembly",
    "start": "start_date",
    "end": "end_date",
    "election": "pre_election",
}
# The CSV files' columns: the register's names, an entry's facts first.
RESULTS_COLUMNS = (*FACT_COLUMNS, *RESULT_COLUMNS)
PLAN_COLUMNS = (
    *FACT_COLUMNS,
    "target_groups",
    "formal",
    "clashes_with",
    "short",
    "late_to_register",
    "pre_election",
)


@dataclass(frozen=True)
class Site:
    """What the web pages are written from: their entries, the council's settings (its name and
    website) and the period, whose end the pages are as at."""

    figures: WebsiteFigures
    details: ReportSettings
    period: Period

    @classmethod
    def of(cls, inputs: Inputs, period: Period, figures: WebsiteFigures | None = None) -> Site:
        """The pages of ``inputs`` for ``period`` (``figures``: their entries, when they are
        worked out already)."""
        if figures is None:
            figures = website_figures(inputs.activities, inputs.elections, period)
        return cls(figures, inputs.settings, period)

    def save(self, path: Path) -> None:
        """Saved as JSON, for the run to write the pages from (see :meth:`load`)."""
        serial.save(self, path)

    @classmethod
    def load(cls, path: Path) -> Site:
        return serial.load(cls, path)  # type: ignore[return-value]


def by_month(entries: Sequence[ResultsEntry | PlannedEntry], day: str) -> list[tuple[date, list]]:
    """Runs of entries (already in order) by the month of their ``day`` attribute."""
    months: dict[date, list] = {}
    for entry in entries:
        months.setdefault(getattr(entry, day).replace(day=1), []).append(entry)
    return list(months.items())


@functools.cache
def _environment() -> Environment:
    env = html_environment(TEMPLATES, trailing_newline=True)
    env.globals.update(
        dates=dates,
        you_said=you_said,
        we_did=we_did,
        groups=groups,
        flags=flags,
        clash_words=CLASH_WORDS,
        clash_list=clash_list,
    )
    return env


def _page(name: str, site: Site, **context: object) -> str:
    details = site.details
    html = (
        _environment()
        .get_template(f"{name}.html.j2")
        .render(
            heading=HEADINGS[name],
            organisation=details.organisation,
            # Checked when report.toml was read; checked again where it becomes a link.
            website=details.website
            if details.website and is_web_address(details.website)
            else None,
            pages=[{"file": f"{page}.html", "heading": HEADINGS[page]} for page in HEADINGS],
            current=f"{name}.html",
            as_at=site.period.end.date(),
            csv=f"{name}.csv",
            **context,
        )
    )
    problems = publishing_problems(html)
    if problems:
        raise RunError([f"The web page {name}.html cannot be published.", *problems])
    return html


def you_said_page(site: Site) -> str:
    results = site.figures.results
    return _page(
        YOU_SAID,
        site,
        when=period_words(site.period),
        counts=results_counts(results, site.period),
        months=by_month(results.entries, "end"),
    )


def clash_mentions(plan: ForwardPlan) -> dict[str, Markup]:
    """Each entry as another names it, ``Title (<span class="id">id</span>)``, escaped once.

    A dense plan names the same entries hundreds of thousands of times (at a hundred times the
    sample, 241,710 mentions of 7,196 entries); each is escaped and laid out once here."""
    mention = Markup('{} (<span class="id">{}</span>)')
    return {e.activity_id: mention.format(e.title, e.activity_id) for e in plan.entries}


def clash_list(others: Sequence[str], mentions: dict[str, Markup]) -> Markup:
    """The entries ``others`` named in turn: ``A, B and C`` (as ``join_words`` joins words)."""
    named = [mentions[other] for other in others]
    # Every mention is already markup, so plain joins (which escape nothing) keep it so.
    if len(named) <= 1:
        return Markup("".join(named))
    return Markup(" and ".join([", ".join(named[:-1]), named[-1]]))


def forward_plan_page(site: Site) -> str:
    plan = site.figures.plan
    return _page(
        FORWARD_PLAN,
        site,
        plan=plan,
        mentions=clash_mentions(plan),
        counts=plan_counts(plan),
        later=by_month(plan.starting_later, "start"),
        ics=f"{FORWARD_PLAN}.ics",
    )


def _frame(entries: Sequence[ResultsEntry | PlannedEntry], kind: type, names: dict) -> pd.DataFrame:
    """The entries' fields as columns (text), renamed to the register's column names."""
    columns = [f.name for f in dataclasses.fields(kind)]
    # Each entry's own field values (dataclasses.astuple would deep-copy every one).
    frame = pd.DataFrame([tuple(getattr(e, c) for c in columns) for e in entries], columns=columns)
    return frame.rename(columns=names).astype("string")


def results_table(results: YouSaidWeDid) -> pd.DataFrame:
    """``you-said-we-did.csv``: one row per entry, in the page's order, the raw values."""
    frame = _frame(results.entries, ResultsEntry, RESULTS_NAMES)
    frame["participants"] = pd.array([e.participants for e in results.entries], dtype="Int64")
    return frame[list(RESULTS_COLUMNS)]


def plan_table(plan: ForwardPlan) -> pd.DataFrame:
    """``forward-plan.csv``: one row per entry of F, in order; flags ``true``/``false``."""
    frame = _frame(plan.entries, PlannedEntry, PLAN_NAMES)
    for column in ("target_groups", "clashes_with"):
        frame[column] = [";".join(getattr(e, column)) for e in plan.entries]
    for column in ("formal", "short", "late_to_register"):
        frame[column] = frame[column].map({"True": "true", "False": "false"})
    return frame[list(PLAN_COLUMNS)]


def write_website(site: Site, run_dir: Path) -> Path:
    """Write ``website/`` into the run folder: both pages, their CSV files and the calendar."""
    folder = run_dir / WEBSITE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    figures = site.figures
    (folder / f"{YOU_SAID}.html").write_text(you_said_page(site), encoding="utf-8")
    (folder / f"{FORWARD_PLAN}.html").write_text(forward_plan_page(site), encoding="utf-8")
    write_csv(results_table(figures.results), folder / f"{YOU_SAID}.csv", ("participants",))
    write_csv(plan_table(figures.plan), folder / f"{FORWARD_PLAN}.csv")
    (folder / f"{FORWARD_PLAN}.ics").write_bytes(
        forward_plan_calendar(figures.plan, site.details.organisation)
    )
    log.debug("Wrote the web pages into %s", folder)
    return folder
