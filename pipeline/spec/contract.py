"""The data contract (documented in ``docs/data-contract.md``) as data.

Ingest reads these specifications; nothing else in the package re-states a column
name, a type or an allowed value list. Typed frames handed on by ingest follow
these conventions:

- ``text`` and ``category`` columns: pandas string dtype, ``<NA>`` when empty;
  categories carry their canonical spelling (as listed here, or as spelled in
  the reference file they come from).
- ``date`` columns: ``datetime64[ns]``, ``NaT`` when empty.
- ``bool`` columns: pandas ``boolean`` (nullable).
- ``int`` columns: pandas ``Int64`` (nullable); ``number`` columns: ``float64``.
- ``list`` columns (``target_groups``): canonical names joined by ``;`` in the
  reference file's order, ``<NA>`` when empty (the general public).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ACTIVITY_TYPES = ("consultation", "involvement")
METHODS = (
    "postal survey",
    "online survey",
    "face-to-face survey",
    "focus group",
    "public meeting",
    "forum",
    "citizens panel",
    "workshop",
    "drop-in",
    "area assembly",
    "other",
)
ACTIVITY_STATUSES = ("planned", "live", "closed", "cancelled")
INFLUENCE = ("changed", "informed", "no change", "pending")
ACTION_STATUSES = ("not started", "on track", "at risk", "complete")
AUDIENCES = ("staff", "member")
SURVEY_KINDS = ("resident", "staff", "evaluation")
SATISFACTION = (
    "very satisfied",
    "fairly satisfied",
    "neither",
    "fairly dissatisfied",
    "very dissatisfied",
    "don't know",
)
AGREEMENT = (
    "definitely agree",
    "tend to agree",
    "tend to disagree",
    "definitely disagree",
    "don't know",
)
PRIORITY_AREAS = (1, 2, 3, 4, 5)
POPULATION_DIMENSIONS = ("age_band", "sex", "ethnic_group", "disability", "area_assembly")
BOROUGH_WIDE = "Borough-wide"
PREFER_NOT_TO_SAY = "prefer not to say"

TRUE_WORDS = ("true", "yes", "y", "1")
FALSE_WORDS = ("false", "no", "n", "0")

# Reference lists: file name (in reference/) -> the column holding the names.
REFERENCE_LISTS = {
    "area_assemblies": "area_assemblies.csv",
    "communities_of_interest": "communities_of_interest.csv",
    "programme_areas": "programme_areas.csv",
}


@dataclass(frozen=True)
class Column:
    """One column of a dataset.

    ``kind`` is one of ``text``, ``category``, ``date``, ``bool``, ``int``,
    ``number``, ``list``. ``values`` holds the allowed values of a category, or
    ``ref`` names a reference list (``area_assemblies`` ...) they come from;
    ``extra`` adds values allowed beside a reference list (``Borough-wide``).
    ``required``: ``True`` (every row), ``False``, or a condition handled by
    ingest (``"complete"``: when status is complete; ``"staff"``: when the
    audience is staff; ``"evaluation"``: for evaluation surveys).
    ``header``: the column must be present in the header row (by default, when
    it is required, conditionally or not; optional columns may be absent and
    are then empty).
    """

    name: str
    kind: str
    required: bool | str = False
    header: bool | None = None
    values: tuple[str, ...] = ()
    ref: str | None = None
    extra: tuple[str, ...] = ()
    minimum: float | None = None
    positive: bool = False
    unique: bool = False

    @property
    def in_header(self) -> bool:
        return self.required is not False if self.header is None else self.header


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def required_headers(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.in_header)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


ACTIVITY_REGISTER = Dataset(
    "activity_register",
    (
        Column("activity_id", "text", required=True, unique=True),
        Column("title", "text", required=True),
        Column("programme_area", "category", required=True, ref="programme_areas"),
        Column("organisation", "text"),
        Column("activity_type", "category", required=True, values=ACTIVITY_TYPES),
        Column("method", "category", required=True, values=METHODS),
        Column("formal", "bool", required=True),
        Column("registered_date", "date", required=True),
        Column("start_date", "date", required=True),
        Column("end_date", "date", required=True),
        Column("status", "category", required=True, values=ACTIVITY_STATUSES),
        Column("decision_ref", "text"),
        Column("target_groups", "list", ref="communities_of_interest"),
        Column(
            "area_assembly", "category", required=True, ref="area_assemblies", extra=(BOROUGH_WIDE,)
        ),
        Column("participants", "int", minimum=0),
        Column("cost_gbp", "number", minimum=0),
        Column("results_published_date", "date"),
        Column("feedback_date", "date"),
        Column("influence", "category", values=INFLUENCE),
        Column("evaluated", "bool"),
        Column("you_said", "text"),
        Column("we_did", "text"),
    ),
)

ACTION_PLAN = Dataset(
    "action_plan",
    (
        Column("action_id", "text", required=True, unique=True),
        Column("priority_area", "int", required=True, values=tuple(str(p) for p in PRIORITY_AREAS)),
        Column("action", "text", required=True),
        Column("lead", "text", required=True),
        Column("due_date", "date", required=True),
        Column("status", "category", required=True, values=ACTION_STATUSES),
        Column("completed_date", "date", required="complete"),
        Column("achievement", "text"),
    ),
)

TRAINING_LOG = Dataset(
    "training_log",
    (
        Column("session_id", "text", required=True, unique=True),
        Column("date", "date", required=True),
        Column("title", "text", required=True),
        Column("audience", "category", required=True, values=AUDIENCES),
        Column("programme_area", "category", required="staff", ref="programme_areas"),
        Column("attendees", "int", required=True, minimum=0),
    ),
)

SURVEYS = Dataset(
    "surveys",
    (
        Column("survey_id", "text", required=True),
        Column("survey_kind", "category", required=True, values=SURVEY_KINDS),
        Column("fieldwork_date", "date", required=True),
        # Unique within survey_id; used for that check only and dropped at ingest.
        Column("respondent_id", "text", required=True),
        Column("weight", "number", positive=True),
        Column("activity_id", "text", required="evaluation", header=False),
        Column("area_assembly", "text"),
        Column("age_band", "text"),
        Column("sex", "text"),
        Column("ethnic_group", "text"),
        Column("disability", "text"),
        Column("programme_area", "category", ref="programme_areas"),
        Column("q_consult_satisfaction", "category", values=SATISFACTION),
        Column("q_influence", "category", values=AGREEMENT),
        Column("q_aware_cci", "bool"),
    ),
)

DECISIONS = Dataset(
    "decisions",
    (
        Column("decision_ref", "text", required=True, unique=True),
        Column("decision_date", "date", required=True),
        Column("decision_maker", "text"),
        Column("title", "text"),
    ),
)

DATASETS = {d.name: d for d in (ACTIVITY_REGISTER, ACTION_PLAN, TRAINING_LOG, DECISIONS, SURVEYS)}
# Datasets a data folder may leave out: without decisions, PA4.4 has no value.
OPTIONAL_DATASETS = (DECISIONS.name,)

# reference/ files other than the lists: file -> required headers.
REFERENCE_TABLES = {
    "population.csv": ("dimension", "category", "population"),
    "targets.csv": ("indicator_id", "target", "tolerance"),
}
# Optional reference/ files: file -> required headers (without the file, nothing is assumed).
REFERENCE_OPTIONAL_TABLES = {
    "elections.csv": ("name", "polling_day"),
}
# The council's Word template (optional): the Word version of the paper is built on it.
PAPER_TEMPLATE_FILE = "paper_template.docx"
REFERENCE_OPTIONAL_FILES = (*REFERENCE_OPTIONAL_TABLES, PAPER_TEMPLATE_FILE)
REFERENCE_CSV_TABLES = REFERENCE_TABLES | REFERENCE_OPTIONAL_TABLES
REPORT_SETTINGS_FILE = "report.toml"
REPORT_SETTINGS_REQUIRED = (
    "organisation",
    "committee",
    "data_from",
    "programme_area_label",
    "programme_area",
    "author",
    "contact",
    "policy_implications",
    "background_papers",
)
# Optional keys of report.toml: each a non-empty text when given.
REPORT_SETTINGS_OPTIONAL = ("data_to", "contact_phone", "contact_email", "website")
