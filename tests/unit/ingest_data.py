"""A small valid data folder, written into ``tmp_path`` by the ingest tests.

Every dataset has one or two hand-made rows; tests replace a file's rows (or
its whole text) to make the case they check.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

AREAS = (
    "Rother Valley South",
    "Rother Valley West",
    "Rotherham North",
    "Rotherham South",
    "Wentworth North",
    "Wentworth South",
    "Wentworth Valley",
)
COMMUNITIES = (
    "Black and minority ethnic communities",
    "Disabled people",
    "Faith communities",
    "Lesbian, gay and bisexual people",
    "Older people",
    "Women",
    "Young people",
)
PROGRAMME_AREAS = (
    "Chief Executive's",
    "Children and Young People's Services",
    "Culture and Leisure",
    "Neighbourhoods",
)

ACTIVITY = {
    "activity_id": "CCI-2006-001",
    "title": "Library opening hours",
    "programme_area": "Culture and Leisure",
    "organisation": "",
    "activity_type": "consultation",
    "method": "postal survey",
    "formal": "yes",
    "registered_date": "2006-03-01",
    "start_date": "2006-04-03",
    "end_date": "2006-06-30",
    "status": "closed",
    "decision_ref": "CAB-06-12",
    "target_groups": "Young people;Older people",
    "area_assembly": "Rother Valley South",
    "participants": "120",
    "cost_gbp": "1500.50",
    "results_published_date": "2006-07-15",
    "feedback_date": "2006-08-01",
    "influence": "changed",
    "evaluated": "y",
}
ACTIVITY_2 = ACTIVITY | {
    "activity_id": "CCI-2006-002",
    "title": "Youth forum",
    "programme_area": "Children and Young People's Services",
    "organisation": "South Yorkshire Police",
    "activity_type": "involvement",
    "method": "forum",
    "formal": "no",
    "registered_date": "01/04/2006",
    "start_date": "10/04/2006",
    "end_date": "31/03/2007",
    "status": "live",
    "decision_ref": "",
    "target_groups": "",
    "area_assembly": "Borough-wide",
    "participants": "",
    "cost_gbp": "",
    "results_published_date": "",
    "feedback_date": "",
    "influence": "",
    "evaluated": "",
}
ACTION = {
    "action_id": "A1.1",
    "priority_area": "1",
    "action": "Publish the consultation register",
    "lead": "Community Involvement Team",
    "due_date": "2006-09-30",
    "status": "complete",
    "completed_date": "2006-09-01",
    "achievement": "Register published on the council website",
}
ACTION_2 = ACTION | {
    "action_id": "A2.1",
    "priority_area": "2",
    "action": "Train staff in the toolkit",
    "status": "on track",
    "completed_date": "",
    "achievement": "",
}
TRAINING = {
    "session_id": "T-001",
    "date": "2006-05-10",
    "title": "Consultation toolkit",
    "audience": "staff",
    "programme_area": "Neighbourhoods",
    "attendees": "14",
}
TRAINING_2 = TRAINING | {
    "session_id": "T-002",
    "audience": "member",
    "programme_area": "",
    "attendees": "9",
}
RESIDENT = {
    "survey_id": "QOL-2006",
    "survey_kind": "resident",
    "fieldwork_date": "2006-10-01",
    "respondent_id": "R1",
    "weight": "1.2",
    "area_assembly": "Rotherham North",
    "age_band": "16-34",
    "sex": "Female",
    "ethnic_group": "White British",
    "disability": "No",
    "q_consult_satisfaction": "fairly satisfied",
    "q_influence": "tend to agree",
}
RESIDENT_2 = RESIDENT | {
    "respondent_id": "R2",
    "weight": "",
    "age_band": "prefer not to say",
    "sex": "Other",
    "q_consult_satisfaction": "don't know",
    "q_influence": "",
}
POPULATION = [
    {"dimension": dimension, "category": category, "population": population}
    for dimension, category, population in (
        ("age_band", "16-34", "60000"),
        ("age_band", "35-64", "90000"),
        ("age_band", "65+", "40000"),
        ("sex", "Female", "97000"),
        ("sex", "Male", "93000"),
        ("ethnic_group", "White British", "180000"),
        ("ethnic_group", "Other", "10000"),
        ("disability", "Yes", "35000"),
        ("disability", "No", "155000"),
        *(("area_assembly", area, "27000") for area in AREAS),
    )
]
TARGETS = [
    {"indicator_id": "PA1.1", "target": "80", "tolerance": "5"},
    {"indicator_id": "PA1.4", "target": "12", "tolerance": ""},
]
REPORT_TOML = """\
organisation = "Rotherham Metropolitan Borough Council"
committee = "Cabinet Member for Community Cohesion"
meeting_date = 2007-02-12
data_from = "2005-04"
programme_area_label = "Programme Area"
programme_area = "Chief Executive's"
author = "Principal Community Involvement Officer"
contact = "Community Involvement Team"
policy_implications = "The framework serves the Community Strategy."
background_papers = ["Corporate CCI Framework"]
"""


def csv_text(rows: list[dict[str, str]], header: list[str] | None = None) -> str:
    """CSV text with a header row (the first row's keys unless ``header`` is given)."""
    if header is None:
        header = list(rows[0]) if rows else []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([row.get(h, "") for h in header] for row in rows)
    return out.getvalue()


def names_csv(names: tuple[str, ...]) -> str:
    return csv_text([{"name": n} for n in names])


def write_folder(
    root: Path,
    *,
    activities: list[dict[str, str]] | str | None = None,
    actions: list[dict[str, str]] | str | None = None,
    training: list[dict[str, str]] | str | None = None,
    surveys: dict[str, list[dict[str, str]] | str] | None = None,
    reference: dict[str, str] | None = None,
) -> Path:
    """Write a valid data folder into ``root``; each argument replaces a file's rows or text."""
    files = {
        "activity_register.csv": [ACTIVITY, ACTIVITY_2] if activities is None else activities,
        "action_plan.csv": [ACTION, ACTION_2] if actions is None else actions,
        "training_log.csv": [TRAINING, TRAINING_2] if training is None else training,
    }
    survey_files = {"qol_2006.csv": [RESIDENT, RESIDENT_2]} if surveys is None else surveys
    files |= {f"surveys/{name}": rows for name, rows in survey_files.items()}
    files |= {
        "reference/area_assemblies.csv": names_csv(AREAS),
        "reference/communities_of_interest.csv": names_csv(COMMUNITIES),
        "reference/programme_areas.csv": names_csv(PROGRAMME_AREAS),
        "reference/population.csv": csv_text(POPULATION),
        "reference/targets.csv": csv_text(TARGETS),
        "reference/report.toml": REPORT_TOML,
    }
    files |= {f"reference/{name}": text for name, text in (reference or {}).items()}
    (root / "surveys").mkdir(parents=True, exist_ok=True)
    (root / "reference").mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        text = content if isinstance(content, str) else csv_text(content)
        (root / name).write_text(text, encoding="utf-8")
    return root
