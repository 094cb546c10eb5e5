"""The committee paper's sections, written from the figures.

Each public method of :class:`Paper` returns one section as HTML (an
``IPython.display.HTML``), rendered from a Jinja template in
``paper/sections/`` with autoescaping on: text from the inputs is always
data, never markup. The ``*_context`` functions hold the logic and are tested on
their own; the notebook ``03_paper`` only calls the methods in order.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd
from IPython.display import HTML
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pipeline.ingest.inputs import Inputs
from pipeline.measures.actions import (
    AT_RISK,
    EFFECTIVE_STATUSES,
    ON_TRACK_FOR_COMMITTEE,
    OVERDUE,
)
from pipeline.measures.activity_sets import (
    activities_active_in,
    activities_closed_in,
    activities_started_in,
)
from pipeline.measures.disclosure import disclose_representation
from pipeline.measures.indicators import REGISTRY
from pipeline.measures.progress import CLASHES_SHOWN, Progress, set_aside_counts
from pipeline.measures.representation import UNDER_REPRESENTED
from pipeline.paper import charts
from pipeline.paper.filters import format_count, format_date, format_money, format_value
from pipeline.paths import PACKAGE
from pipeline.publish.archive import code_version
from pipeline.spec.period import Period, parse_period
from pipeline.spec.vocabulary import PRIORITY_AREA_NAMES

log = logging.getLogger(__name__)

ACTIVITY_WORD = "consultation and involvement activity"
ACTIVITIES_WORD = "consultation and involvement activities"
UNDER_REPRESENTED_NOTE = f"{UNDER_REPRESENTED}, under-represented below it"
RATING_SYMBOLS = {"Green": "✔", "Amber": "▲", "Red": "✖", "No rating": "○"}
DIRECTION_SYMBOLS = {"Improving": "↑", "Worsening": "↓", "No change": "→", "Not comparable": "–"}
DIMENSION_LABELS = {
    "age_band": "Age",
    "sex": "Sex",
    "ethnic_group": "Ethnic group",
    "disability": "Disability",
    "area_assembly": "Area Assembly",
}

_ENVIRONMENT = Environment(
    loader=FileSystemLoader(PACKAGE / "paper" / "sections"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


_SNAKE_CASE = re.compile(r"\b([a-z]+(?:_[a-z]+)+)\b(?![./])")


def plain_reason(reason: str) -> str:
    """A set-aside reason for the paper: ``end_date is before start_date`` reads
    ``end date is before start date``; file names are left as they are."""
    return _SNAKE_CASE.sub(lambda match: match.group(1).replace("_", " "), reason)


def dataset_label(dataset: str) -> str:
    """``activity_register`` as a reader sees it: ``Activity register``."""
    return dataset.replace("_", " ").capitalize()


def paper_title(period: Period) -> str:
    return (
        "Corporate Consultation and Community Involvement (CCI) Framework Progress Report "
        f"({period.label})"
    )


def render_section(name: str, **context: object) -> str:
    return _ENVIRONMENT.get_template(f"{name}.html.j2").render(**context)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 activity``, ``3 activities``, with the number formatted for a committee."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{format_count(count)} {word}"


def rating_badge(rating: str) -> dict[str, str]:
    return {
        "word": rating,
        "symbol": RATING_SYMBOLS.get(rating, ""),
        "css": "rating-" + rating.lower().replace(" ", "-").replace("no-rating", "none"),
    }


@dataclass
class Paper:
    inputs: Inputs
    progress: Progress
    period: Period
    meeting_date: date | None = None

    @classmethod
    def load(
        cls, inputs: Inputs, progress: Progress, period: str, meeting_date: str | None
    ) -> Paper:
        meeting = date.fromisoformat(meeting_date) if meeting_date else None
        return cls(inputs, progress, parse_period(period), meeting or inputs.settings.meeting_date)

    # -- shared pieces ----------------------------------------------------------------------
    @property
    def title(self) -> str:
        return paper_title(self.period)

    @cached_property
    def scorecard_rows(self) -> list[dict]:
        rows = []
        registry = {indicator.id: indicator for indicator in REGISTRY}
        for record in self.progress.indicators.to_dict("records"):
            indicator = registry[record["indicator_id"]]
            survey = indicator.survey
            rows.append(
                {
                    "id": indicator.id,
                    "priority_area": indicator.priority_area,
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "better": indicator.better,
                    "value": format_value(
                        _number(record["value"]),
                        indicator.unit,
                        target=_number(record["target"]),
                        survey=survey,
                        base=_number(record["base"]),
                        better=indicator.better,
                    ),
                    "target": format_target(_number(record["target"]), indicator.unit),
                    "previous": format_value(
                        _number(record["previous_value"]), indicator.unit, survey=survey
                    ),
                    "rating": rating_badge(record["rating"]),
                    "direction": {
                        "word": record["direction"],
                        "symbol": DIRECTION_SYMBOLS.get(record["direction"], ""),
                    },
                    "ci": _ci_text(record) if survey else "",
                    "base": format_count(int(record["base"]))
                    if _number(record["base"]) is not None
                    else "",
                    "raw": record,
                }
            )
        return rows

    @cached_property
    def area_status(self) -> list[dict]:
        return [
            {
                "number": int(row["priority_area"]),
                "name": row["name"],
                "rating": rating_badge(row["status"]),
            }
            for row in self.progress.priority_areas.to_dict("records")
        ]

    @cached_property
    def activity_sets(self) -> dict[str, pd.DataFrame]:
        activities = self.inputs.activities
        return {
            "active": activities_active_in(activities, self.period),
            "started": activities_started_in(activities, self.period),
            "closed": activities_closed_in(activities, self.period),
        }

    @cached_property
    def actions_on_track(self) -> tuple[int, int]:
        status = self.progress.actions["effective_status"]
        return int(status.isin(ON_TRACK_FOR_COMMITTEE).sum()), len(status)

    # -- sections ---------------------------------------------------------------------------
    def header(self) -> HTML:
        settings = self.inputs.settings
        return HTML(
            render_section(
                "header",
                organisation=settings.organisation,
                title=self.title,
                rows=[
                    ("Meeting", settings.committee),
                    (
                        "Date",
                        format_date(self.meeting_date) if self.meeting_date else "To be confirmed",
                    ),
                    ("Title", self.title),
                    (settings.programme_area_label, settings.programme_area),
                    ("Report author", settings.author),
                ],
            )
        )

    def summary(self) -> HTML:
        return HTML(render_section("summary", sentences=summary_sentences(self)))

    def recommendations(self) -> HTML:
        return HTML(render_section("recommendations", items=recommendations(self)))

    def scorecard(self) -> HTML:
        groups = [
            {
                "number": area,
                "name": name,
                "rows": [r for r in self.scorecard_rows if r["priority_area"] == area],
            }
            for area, name in PRIORITY_AREA_NAMES.items()
        ]
        return HTML(
            render_section(
                "scorecard",
                groups=groups,
                areas=self.area_status,
                period=self.period.label,
                previous=self.period.previous().label,
            )
        )

    def action_plan(self) -> HTML:
        table = self.progress.action_table
        actions = self.progress.actions
        exceptions = actions[actions["effective_status"].isin([OVERDUE, AT_RISK])].sort_values(
            ["priority_area", "action_id"]
        )
        on_track, total = self.actions_on_track
        return HTML(
            render_section(
                "action_plan",
                statuses=[s.capitalize() for s in EFFECTIVE_STATUSES],
                rows=[
                    {
                        "area": _area_label(int(r["priority_area"])),
                        "counts": [format_count(int(r[s])) for s in EFFECTIVE_STATUSES],
                        "total": format_count(int(r["total"])),
                    }
                    for r in table.to_dict("records")
                ],
                totals=[format_count(int(table[s].sum())) for s in EFFECTIVE_STATUSES],
                grand_total=format_count(int(table["total"].sum())),
                all_on_track=total > 0 and on_track == total,
                no_actions=total == 0,
                on_track=format_count(on_track),
                total=format_count(total),
                period_end=format_date(self.period.end),
                exceptions=[
                    {
                        "id": r["action_id"],
                        "area": int(r["priority_area"]),
                        "action": r["action"],
                        "lead": r["lead"],
                        "due": format_date(r["due_date"]),
                        "status": r["effective_status"].capitalize(),
                    }
                    for r in exceptions.to_dict("records")
                ],
            )
        )

    def achievements(self) -> HTML:
        items = self.progress.achievements
        return HTML(
            render_section(
                "achievements",
                items=[
                    {"text": r["text"], "date": format_date(r["completed_date"])}
                    for r in items.to_dict("records")
                ],
                period=self.period.label_to,
            )
        )

    def activity(self) -> HTML:
        return HTML(render_section("activity", **activity_context(self)))

    def who_took_part(self) -> HTML:
        return HTML(render_section("who_took_part", **representation_context(self)))

    def what_people_said(self) -> HTML:
        survey_rows = [r for r in self.scorecard_rows if _is_survey(r["id"])]
        return HTML(
            render_section(
                "what_people_said",
                rows=survey_rows,
                period=self.period.label,
                previous=self.period.previous().label,
                any_value=any(_number(r["raw"]["value"]) is not None for r in survey_rows),
            )
        )

    def finance(self) -> HTML:
        return HTML(render_section("finance", **finance_context(self)))

    def risks(self) -> HTML:
        return HTML(render_section("risks", items=risk_items(self)))

    def implications(self) -> HTML:
        return HTML(
            render_section(
                "implications",
                text=self.inputs.settings.policy_implications,
                areas=self.area_status,
            )
        )

    def background(self) -> HTML:
        return HTML(
            render_section(
                "background",
                files=[
                    {
                        "name": f.name,
                        "dataset": dataset_label(f.dataset),
                        "rows": format_count(f.rows_read),
                        "set_aside": format_count(f.rows_set_aside),
                        "sha256": f.sha256,
                    }
                    for f in self.inputs.files
                ],
                papers=list(self.inputs.settings.background_papers),
                contact=self.inputs.settings.contact,
                author=self.inputs.settings.author,
            )
        )

    def appendix_definitions(self) -> HTML:
        return HTML(
            render_section(
                "appendix_definitions",
                groups=[
                    {
                        "number": area,
                        "name": name,
                        "indicators": [i for i in REGISTRY if i.priority_area == area],
                    }
                    for area, name in PRIORITY_AREA_NAMES.items()
                ],
            )
        )

    def appendix_data_quality(self) -> HTML:
        return HTML(render_section("appendix_data_quality", **data_quality_context(self)))

    def appendix_provenance(self) -> HTML:
        code = code_version()
        return HTML(
            render_section(
                "appendix_provenance",
                period=str(self.period),
                period_label=self.period.label,
                previous=str(self.period.previous()),
                meeting=self.meeting_date.isoformat() if self.meeting_date else "not set",
                commit=code.commit,
                dirty=code.dirty,
                digest=code.digest,
                files=[{"name": f.name, "sha256": f.sha256} for f in self.inputs.files],
            )
        )


# -- section logic (pure functions of the paper's figures) -------------------------------------
def _number(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def format_target(target: float | None, unit: str) -> str:
    """A target as applied: a pro-rated count target keeps one decimal (583.3), not 583."""
    if target is None:
        return "None set"
    if unit == "count" and target != round(target):
        return f"{target:,.1f}"
    return format_value(target, unit)


def _area_label(number: int) -> str:
    return f"{number}. {PRIORITY_AREA_NAMES[number]}"


def _is_survey(indicator_id: str) -> bool:
    return next(i.survey for i in REGISTRY if i.id == indicator_id)


def _ci_text(record: dict) -> str:
    low, high = _number(record["ci_low"]), _number(record["ci_high"])
    base = _number(record["base"])
    if low is None or high is None or base is None or base < 50:
        return ""
    return f"{low:.1f}% to {high:.1f}%"


def summary_sentences(paper: Paper) -> list[str]:
    sets = paper.activity_sets
    active, started, closed = (len(sets[k]) for k in ("active", "started", "closed"))
    sentences = []
    if active == 0:
        sentences.append(
            "No consultation or community involvement activity was recorded for "
            f"{paper.period.label_to}."
        )
    else:
        sentences.append(
            f"{plural(active, ACTIVITY_WORD, ACTIVITIES_WORD)} ran during "
            f"{paper.period.label_to}: {format_count(started)} started and "
            f"{format_count(closed)} closed in the period."
        )
    on_track, total = paper.actions_on_track
    if total:
        sentences.append(
            f"{format_count(on_track)} of the {plural(total, 'action')} in the action plan "
            f"{'is' if on_track == 1 else 'are'} on track."
        )
    ratings = pd.Series([a["rating"]["word"] for a in paper.area_status])
    parts = [
        f"{format_count(int(n))} {word}"
        for word in ("Green", "Amber", "Red", "No rating")
        if (n := int(ratings.eq(word).sum()))
    ]
    sentences.append("The five priority areas are rated " + _join(parts) + ".")
    directions = pd.Series([r["direction"]["word"] for r in paper.scorecard_rows])
    improving, worsening = (
        int(directions.eq("Improving").sum()),
        int(directions.eq("Worsening").sum()),
    )
    comparable = int((~directions.eq("Not comparable")).sum())
    previous = paper.period.previous().label
    if comparable == 0:
        sentences.append(f"No indicator can be compared with the previous period ({previous}).")
    else:
        unchanged = comparable - improving - worsening
        sentences.append(
            f"Compared with the previous period ({previous}), "
            f"{plural(improving, 'indicator')} improved, {format_count(worsening)} worsened and "
            f"{format_count(unchanged)} showed no real change; "
            f"{format_count(len(directions) - comparable)} could not be compared."
        )
    return sentences


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def recommendations(paper: Paper) -> list[str]:
    items = [
        "That the progress made on the Corporate CCI Framework's Action Plan from "
        f"{paper.period.label_to} be noted."
    ]
    for area in paper.area_status:
        if area["rating"]["word"] == "Red":
            items.append(
                f"That a remedial plan for priority area {area['number']} ({area['name']}), "
                "which is rated Red, be reported back to this meeting."
            )
    return items


def activity_context(paper: Paper) -> dict:
    active = paper.activity_sets["active"]
    by_area = (
        pd.crosstab(active["programme_area"], active["method"]) if len(active) else pd.DataFrame()
    )
    areas = [a for a in paper.inputs.programme_areas if a in by_area.index]
    methods = [m for m in _method_order() if m in by_area.columns]
    months = paper.period.month_starts()
    starts = active["start_date"].to_numpy()
    ends = active["end_date"].to_numpy()
    counts = [
        int(
            (
                (starts <= pd.Timestamp(m.last_day).to_datetime64())
                & (ends >= pd.Timestamp(m.first_day).to_datetime64())
            ).sum()
        )
        for m in months
    ]
    labels = [f"{m.label[:3]} {m.year}" for m in months]
    chart = ""
    if len(active):
        peak = max(range(len(counts)), key=lambda i: counts[i])
        under_way = plural(counts[peak], "activity", "activities")
        title = f"Activity peaked in {months[peak].label} with {under_way} under way"
        chart = charts.figure_html(
            charts.line_chart(labels, {"Activities under way": counts}, title),
            alt=f"Line chart. {title}. Monthly figures are in the table below.",
            caption=(
                f"Consultation and involvement activities under way in each month, "
                f"{paper.period.label_to}. Source: activity register (cancelled activities "
                "left out)."
            ),
        )
    # PA1.4 counts the clashes; the progress hands on only the longest (clashes.csv has all).
    clash_count = int(paper.progress.indicators.set_index("indicator_id").loc["PA1.4", "value"])
    shown = paper.progress.clashes.head(CLASHES_SHOWN)
    return {
        "active": format_count(len(active)),
        "started": format_count(len(paper.activity_sets["started"])),
        "closed": format_count(len(paper.activity_sets["closed"])),
        "methods": [m.capitalize() for m in methods],
        "area_rows": [
            {
                "area": area,
                "counts": [format_count(int(by_area.loc[area, m])) for m in methods],
                "total": format_count(int(by_area.loc[area].sum())),
            }
            for area in areas
        ],
        "method_totals": [format_count(int(by_area[m].sum())) for m in methods],
        "chart": chart,
        "months": list(zip(labels, [format_count(c) for c in counts], strict=True)),
        "clash_count": clash_count,
        "clashes": shown.to_dict("records"),
        "clashes_more": max(0, clash_count - CLASHES_SHOWN),
        "format_date": format_date,
    }


def _method_order() -> tuple[str, ...]:
    from pipeline.spec.contract import METHODS

    return METHODS


def representation_context(paper: Paper) -> dict:
    table = paper.progress.representation
    shown = disclose_representation(table)
    dimensions = []
    for dimension, group in table.groupby("dimension", sort=False):
        rows = shown[shown["dimension"].eq(dimension)]
        under = list(rows.loc[rows["under_represented"].astype(bool), "category"])
        label = DIMENSION_LABELS.get(dimension, dimension.replace("_", " ").capitalize())
        plotted = rows["ratio"].str.match(r"^[0-9]").to_numpy()
        chart = ""
        if plotted.any():
            if under:
                title = f"{label}: {_join(under)} under-represented among respondents"
            else:
                title = f"{label}: no group under-represented among respondents"
            chart = charts.figure_html(
                charts.bar_chart(
                    list(group["category"][plotted]),
                    [float(v) for v in group["ratio"][plotted]],
                    title,
                    "Respondents relative to population (1 = in proportion)",
                    highlight=under or None,
                    reference=(UNDER_REPRESENTED, UNDER_REPRESENTED_NOTE),
                    decimals=2,
                ),
                alt=f"Bar chart. {title}. The figures are in the table that follows.",
                caption=(
                    f"{label}: each group's share of the residents' survey respondents divided "
                    "by its share of the population. Source: residents' survey responses in "
                    "the period; population reference table."
                ),
            )
        dimensions.append(
            {
                "label": label,
                "rows": rows.to_dict("records"),
                "known": format_count(int(group["known"].iloc[0])),
                "unknown": format_count(int(group["unknown"].iloc[0])),
                "under": under,
                "chart": chart,
            }
        )
    respondents = int(table["known"].max()) if len(table) else 0
    return {"dimensions": dimensions, "any_respondents": respondents > 0}


def finance_context(paper: Paper) -> dict:
    started = paper.activity_sets["started"]
    costs = started.groupby("programme_area", sort=False)["cost_gbp"]
    totals = costs.sum(min_count=1)
    counted = costs.count()
    numbers = started.groupby("programme_area", sort=False).size()
    rows = [
        {
            "area": area,
            "activities": format_count(int(numbers.get(area, 0))),
            "with_cost": format_count(int(counted.get(area, 0))),
            "total": format_money(totals.get(area)) if pd.notna(totals.get(area)) else "[x]",
        }
        for area in paper.inputs.programme_areas
        if numbers.get(area, 0)
    ]
    total = started["cost_gbp"].sum()
    return {
        "rows": rows,
        "total": format_money(total),
        "activities": format_count(len(started)),
        "with_cost": format_count(int(started["cost_gbp"].notna().sum())),
        "period": paper.period.label_to,
    }


def risk_items(paper: Paper) -> list[str]:
    items = []
    for row in paper.scorecard_rows:
        if row["rating"]["word"] == "Red":
            items.append(
                f"{row['id']} {row['name']} is rated Red: {row['value']} against a target "
                f"of {row['target']}."
            )
    actions = paper.progress.actions
    for record in actions[actions["effective_status"].isin([OVERDUE, AT_RISK])].to_dict("records"):
        items.append(
            f"Action {record['action_id']} ({record['action']}) is {record['effective_status']}; "
            f"it was due on {format_date(record['due_date'])}."
        )
    set_aside = len(paper.inputs.set_aside)
    if set_aside:
        items.append(
            f"{plural(set_aside, 'row')} of the input data broke the data contract and "
            f"{'was' if set_aside == 1 else 'were'} set aside; the figures do not include "
            f"{'it' if set_aside == 1 else 'them'} (Appendix B)."
        )
    for row in paper.scorecard_rows:
        if row["value"] == "[low]":
            items.append(
                f"{row['id']} {row['name']} rests on fewer than 50 survey responses, "
                "so it is not rated."
            )
    if not items:
        items.append(
            "No indicator is rated Red, no action is overdue or at risk, "
            "and no input row was set aside."
        )
    return items


def data_quality_context(paper: Paper) -> dict:
    set_aside = paper.inputs.set_aside
    unknown = (
        paper.progress.representation.drop_duplicates("dimension")[
            ["dimension", "known", "unknown"]
        ]
        if len(paper.progress.representation)
        else pd.DataFrame(columns=["dimension", "known", "unknown"])
    )
    return {
        "set_aside": [
            {
                "dataset": dataset_label(r["dataset"]),
                "reason": plain_reason(r["reason"]),
                "rows": format_count(int(r["rows"])),
            }
            for r in set_aside_counts(set_aside)
        ],
        "total": format_count(len(set_aside)),
        "unknown": [
            {
                "dimension": DIMENSION_LABELS.get(r["dimension"], r["dimension"]),
                "known": format_count(int(r["known"])),
                "unknown": format_count(int(r["unknown"])),
            }
            for r in unknown.to_dict("records")
        ],
    }
