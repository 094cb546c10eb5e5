"""Generate the sample data folder: invented records in the shape of Rotherham MBC's, 2005-2007.

The files honour ``shared/spec/data-contract.md`` and read like a council's extracts taken in
early March 2007 (see ``data/README.md`` for what is real and what is invented). Every random
draw comes from ``numpy.random.default_rng`` seeded with fixed numbers, so a re-run reproduces
every file byte for byte::

    python scripts/generate_sample_data.py                 # rewrites data/
    python scripts/generate_sample_data.py /tmp/big --scale 100

``--scale N`` multiplies the activities, training sessions and survey respondents (same
distributions); scale 1 gives the committed ``data/`` files. The reference lists, the targets,
the action plan and the three deliberately broken register rows do not scale.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.spec import contract
from pipeline.spec.contract import METHODS

log = logging.getLogger("generate_sample_data")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = PROJECT_ROOT / "data"
SEED = 20070212  # the meeting date; any fixed number would do
EXTRACT = np.datetime64("2007-03-05")  # the day the extracts were taken
PERIOD_START = np.datetime64("2006-04-01")  # the paper's period, used to shift some rates
NAT = np.datetime64("NaT", "D")

# --- reference lists --------------------------------------------------------------------------

AREA_ASSEMBLIES = (
    "Rotherham North",
    "Rotherham South",
    "Rother Valley South",
    "Rother Valley West",
    "Wentworth North",
    "Wentworth South",
    "Wentworth Valley",
)
COMMUNITIES = (
    "Older people",
    "Disabled people",
    "Black and minority ethnic communities",
    "Young people",
    "Faith communities",
    "Lesbian, gay and bisexual people",
    "Carers",
)
OLDER, DISABLED, BME, YOUNG, FAITH, LGB, CARERS = range(7)
PROGRAMME_AREAS = (
    "Chief Executive's",
    "Children and Young People's Services",
    "Economic and Development Services",
    "Neighbourhoods",
    "Adult Social Services",
    "Finance",
    "Corporate Services",
)
CE, CYPS, EDS, NBH, ADULT, FIN, CORP = range(7)
BOROUGH_WIDE = "Borough-wide"

# Residents aged 16+ by dimension. Approximate, in the proportions of the 2001 Census for
# Rotherham (all ages: 248,175); every dimension sums to the same 192,300.
POPULATION = {
    "age_band": {
        "16-24": 26850,
        "25-34": 31420,
        "35-44": 37260,
        "45-54": 33890,
        "55-64": 28140,
        "65-74": 19770,
        "75+": 14970,
    },
    "sex": {"Male": 93100, "Female": 99200},
    "ethnic_group": {
        "White British": 186010,
        "Other White": 1560,
        "Mixed": 770,
        "Asian or Asian British": 3050,
        "Black or Black British": 450,
        "Chinese or other ethnic group": 460,
    },
    "disability": {"Limiting long-term illness": 45800, "No limiting long-term illness": 146500},
    "area_assembly": {
        "Rotherham North": 28400,
        "Rotherham South": 29100,
        "Rother Valley South": 26300,
        "Rother Valley West": 28900,
        "Wentworth North": 25700,
        "Wentworth South": 27600,
        "Wentworth Valley": 26300,
    },
}

# indicator -> (target, tolerance); counts (PA1.4, PA2.1, PA2.2) are annual.
TARGETS = (
    ("PA1.1", "80", "5"),
    ("PA1.2", "75", "5"),
    ("PA1.3", "80", "5"),
    ("PA1.4", "90", "30"),
    ("PA2.1", "700", "100"),
    ("PA2.2", "72", "12"),
    ("PA2.3", "100", "15"),
    ("PA2.4", "60", "10"),
    ("PA3.1", "100", "15"),
    ("PA3.2", "100", "15"),
    ("PA3.3", "0.8", "0.1"),
    ("PA4.1", "70", "10"),
    ("PA4.2", "75", "5"),
    ("PA4.3", "70", "5"),
    ("PA5.1", "40", "10"),
    ("PA5.2", "45", "5"),
    ("PA5.3", "30", "5"),
    ("PA5.4", "75", "5"),
)

REPORT_TOML = """\
# What the committee paper says about itself (see shared/spec/data-contract.md).
organisation = "Rotherham Metropolitan Borough Council"
committee = "Cabinet Member for Community Cohesion"
meeting_date = 2007-02-12
data_from = "2005-04"
programme_area_label = "Programme Area"
programme_area = "Chief Executive's"
author = "Principal Community Involvement Officer"
contact = "Community Involvement Team, Chief Executive's Department"
policy_implications = \"\"\"\
Consultation and community involvement sits at the centre of the Community Strategy's aim that \
active citizenship and democracy underpin how Rotherham works. The Local Area Agreement commits \
the council and its partners to turn the Corporate CCI Framework into a Partnership CCI Framework \
by November 2007, and the Partnership Board agreed to that in September 2006. The framework's \
progress is also evidence for the Comprehensive Performance Assessment, where user focus and \
community engagement are assessed.\"\"\"
background_papers = [
    "Corporate Consultation and Community Involvement (CCI) Framework",
    "Community involvement and consultation position statements",
    "Good practice guide to consultation",
    "Rotherham Community Strategy",
    "Rotherham Local Area Agreement",
]
"""

# --- activity register vocabulary -------------------------------------------------------------

# (programme area, topic, community the topic is about or -1)
TOPICS = (
    (CE, "Community Strategy refresh", -1),
    (CE, "Corporate Plan priorities", -1),
    (CE, "Local Area Agreement priorities", -1),
    (CE, "Council budget priorities", -1),
    (CE, "Corporate Equality Scheme", BME),
    (CE, "Community cohesion", FAITH),
    (CE, "Parish Charter", -1),
    (CE, "Area Assembly community plans", -1),
    (CE, "Race Equality Scheme review", BME),
    (CE, "Sexual orientation equality", LGB),
    (CYPS, "Children and Young People's Plan", YOUNG),
    (CYPS, "Youth service review", YOUNG),
    (CYPS, "School admissions arrangements", -1),
    (CYPS, "Play strategy", YOUNG),
    (CYPS, "Building Schools for the Future", -1),
    (CYPS, "Extended schools", -1),
    (CYPS, "Children's centres", -1),
    (CYPS, "Special educational needs provision", DISABLED),
    (CYPS, "Home to school transport policy", -1),
    (CYPS, "Young carers support", CARERS),
    (EDS, "Rotherham Local Transport Plan 2006-11", -1),
    (EDS, "Town centre masterplan", -1),
    (EDS, "Rotherham Renaissance", -1),
    (EDS, "Local Development Framework core strategy", -1),
    (EDS, "Statement of Community Involvement", -1),
    (EDS, "Waste collection and recycling", -1),
    (EDS, "Parks and green spaces strategy", -1),
    (EDS, "Library opening hours", -1),
    (EDS, "Cultural strategy", -1),
    (EDS, "Road safety schemes", YOUNG),
    (EDS, "Conservation area appraisal", -1),
    (EDS, "Highway maintenance priorities", -1),
    (EDS, "Sports and leisure facilities review", -1),
    (EDS, "Accessible bus services", DISABLED),
    (NBH, "Housing allocations policy review", -1),
    (NBH, "Decent Homes programme", -1),
    (NBH, "Tenant participation compact", -1),
    (NBH, "Anti-social behaviour strategy", -1),
    (NBH, "Neighbourhood renewal priorities", -1),
    (NBH, "Housing market renewal", -1),
    (NBH, "Homelessness strategy", -1),
    (NBH, "Estate improvement priorities", -1),
    (NBH, "Sheltered housing review", OLDER),
    (NBH, "Private sector housing renewal", -1),
    (NBH, "Gypsy and Traveller accommodation", BME),
    (ADULT, "Older people's services strategy", OLDER),
    (ADULT, "Home care review", OLDER),
    (ADULT, "Carers' strategy", CARERS),
    (ADULT, "Day services modernisation", DISABLED),
    (ADULT, "Learning disability services", DISABLED),
    (ADULT, "Supporting People strategy", -1),
    (ADULT, "Direct payments", DISABLED),
    (ADULT, "Mental health services", -1),
    (ADULT, "Intermediate care", OLDER),
    (FIN, "Council Tax and budget", -1),
    (FIN, "Benefits take-up", -1),
    (FIN, "Revenues and benefits customer service", -1),
    (FIN, "Procurement strategy", -1),
    (CORP, "Customer Access Strategy", -1),
    (CORP, "Customer Charters", -1),
    (CORP, "Council website review", -1),
    (CORP, "Customer service centres", -1),
    (CORP, "Disability Equality Scheme", DISABLED),
    (CORP, "Council newspaper readership", -1),
)
PARTNERS = ("South Yorkshire Police", "Rotherham PCT", "Voluntary Action Rotherham")
PARTNER_AREA = (NBH, ADULT, CE)
PARTNER_TOPICS = (
    (0, "Neighbourhood policing priorities", -1),
    (0, "Partners and Communities Together priorities", -1),
    (0, "Hate crime reporting", BME),
    (0, "Safer Neighbourhoods", YOUNG),
    (1, "Community health centre plans", -1),
    (1, "Access to GP services", -1),
    (1, "Stop smoking services", -1),
    (1, "Patient and public involvement", OLDER),
    (2, "Voluntary sector Compact", -1),
    (2, "Community Empowerment Network", -1),
    (2, "Volunteering strategy", -1),
)
# Standing groups that meet as forums: (name, community or -1, programme area, from, else name)
FORUM_GROUPS = (
    ("Older People's Forum", OLDER, ADULT, "2006-10-01", "Older people's reference group"),
    ("Disability Network", DISABLED, ADULT, "2007-04-01", "Disability consultative group"),
    ("Youth Cabinet", YOUNG, CYPS, "2005-01-01", ""),
    ("Ethnic minority liaison group", BME, CE, "2005-01-01", ""),
    ("Carers' Forum", CARERS, ADULT, "2005-01-01", ""),
    ("Inter-faith forum", FAITH, CE, "2005-01-01", ""),
    ("LGB community forum", LGB, CE, "2005-01-01", ""),
    ("Tenants' and residents' associations forum", -1, NBH, "2005-01-01", ""),
    ("Parish councils liaison forum", -1, CE, "2005-01-01", ""),
    ("Business forum", -1, EDS, "2005-01-01", ""),
)

(POSTAL, ONLINE, F2F, FOCUS, PUBLIC, FORUM, PANEL, WORKSHOP, DROPIN, ASSEMBLY, OTHER) = range(11)
METHOD_WEIGHTS = np.array([12, 5, 7, 14, 11, 11, 3, 12, 9, 10, 6], dtype=float)
METHOD_PHRASE = (
    "postal survey",
    "online survey",
    "street survey",
    "focus groups",
    "public meeting",
    "",
    "",
    "workshop",
    "drop-in",
    "",
    "consultation",
)
# share of activities that are consultations (the rest are involvement), by method
CONSULTATION_SHARE = np.array([1, 1, 1, 0.8, 0.75, 0.1, 0.7, 0.5, 0.7, 0.15, 0.5])
# participants: (low, high) drawn log-uniformly, by method
PARTICIPANTS = np.array(
    [
        [150, 1400],
        [40, 450],
        [100, 600],
        [6, 16],
        [15, 140],
        [8, 40],
        [350, 900],
        [10, 45],
        [20, 180],
        [25, 90],
        [10, 120],
    ],
    dtype=float,
)
# direct cost in pounds: (low, high) drawn log-uniformly, by method
COST = np.array(
    [
        [1500, 12000],
        [150, 1500],
        [1200, 8000],
        [300, 1800],
        [150, 1200],
        [50, 400],
        [2500, 7000],
        [200, 1500],
        [150, 900],
        [200, 700],
        [100, 2500],
    ],
    dtype=float,
)
# activities starting in each month, 2005-04 .. 2007-07 (scale 1); the last four months are the
# few planned ones the register already holds
MONTHLY_STARTS = (
    *(28, 31, 32, 27, 17, 31, 34, 32, 17, 28, 31, 30),  # 2005-06
    *(30, 33, 35, 29, 19, 34, 36, 34, 18, 31, 33, 31),  # 2006-07
    *(9, 5, 3, 2),  # April to July 2007
)
FIRST_MONTH = np.datetime64("2005-04", "M")

# --- action plan --------------------------------------------------------------------------------

# (action_id, priority area, action, lead, due, status, completed, achievement)
ACTIONS = (
    (
        "A1.1",
        1,
        "Publish and disseminate the Corporate CCI Framework",
        "Principal Community Involvement Officer",
        "2005-09-30",
        "complete",
        "2005-09-12",
        "",
    ),
    (
        "A1.2",
        1,
        "Set up a corporate register of consultation and involvement activity",
        "Corporate Consultation Officer",
        "2005-12-31",
        "complete",
        "2005-11-28",
        "",
    ),
    (
        "A1.3",
        1,
        "Set up a Corporate CCI Officers Group to coordinate activity across programme areas",
        "Principal Community Involvement Officer",
        "2006-12-31",
        "complete",
        "2006-12-14",
        "A Corporate CCI Officers Group has been set up and has met five times",
    ),
    (
        "A1.4",
        1,
        "Complete the CCI Toolkit for staff planning consultation",
        "Corporate Consultation Officer",
        "2006-11-30",
        "complete",
        "2006-11-20",
        "The CCI Toolkit is complete and ready for dissemination",
    ),
    (
        "A1.5",
        1,
        "Launch corporate CCI pages on the council website",
        "Community Involvement Team",
        "2006-08-31",
        "complete",
        "2006-07-24",
        "The Corporate CCI Website is up and running on the council's website",
    ),
    (
        "A1.6",
        1,
        "Disseminate the CCI Toolkit to every programme area",
        "Corporate Consultation Officer",
        "2007-06-30",
        "on track",
        "",
        "",
    ),
    (
        "A1.7",
        1,
        "Publish the consultation register on the council website",
        "Community Involvement Team",
        "2007-09-30",
        "not started",
        "",
        "",
    ),
    (
        "A1.8",
        1,
        "Develop the Corporate CCI Framework into a Partnership CCI Framework",
        "Principal Community Involvement Officer",
        "2007-11-30",
        "on track",
        "",
        "",
    ),
    (
        "A1.9",
        1,
        "Agree a joint consultation calendar with Local Strategic Partnership partners",
        "Corporate Consultation Officer",
        "2008-03-31",
        "not started",
        "",
        "",
    ),
    (
        "A2.1",
        2,
        "Hold a corporate CCI training event for managers and run regular staff training sessions",
        "Community Involvement Team",
        "2006-07-31",
        "complete",
        "2006-06-23",
        "A CCI Training Event took place and staff training sessions have continued since",
    ),
    (
        "A2.2",
        2,
        "Induction briefing on consultation standards for new managers",
        "Human Resources (Training and Development)",
        "2006-02-28",
        "complete",
        "2006-02-17",
        "",
    ),
    (
        "A2.3",
        2,
        "Hold an all-member seminar on consultation and community involvement",
        "Democratic Services",
        "2007-05-31",
        "not started",
        "",
        "",
    ),
    (
        "A2.4",
        2,
        "Build CCI skills into the member development programme",
        "Democratic Services",
        "2007-09-30",
        "not started",
        "",
        "",
    ),
    (
        "A2.5",
        2,
        "Publish a guide to feeding back results to participants",
        "Corporate Consultation Officer",
        "2007-02-28",
        "complete",
        "2007-02-16",
        "",
    ),
    (
        "A2.6",
        2,
        "Set up a network of CCI champions in programme areas",
        "Community Involvement Team",
        "2007-07-31",
        "on track",
        "",
        "",
    ),
    (
        "A3.1",
        3,
        "Review Area Assemblies with the Democratic Renewal Scrutiny Panel",
        "Area Assemblies Team",
        "2005-12-31",
        "complete",
        "2005-12-09",
        "",
    ),
    (
        "A3.2",
        3,
        "Launch the Parish Charter",
        "Area Assemblies Team",
        "2006-03-31",
        "complete",
        "2006-03-20",
        "The Parish Charter was launched following a scrutiny review",
    ),
    (
        "A3.3",
        3,
        "Launch the new Area Assemblies structure",
        "Area Assemblies Team",
        "2006-09-30",
        "complete",
        "2006-09-18",
        "The new Area Assemblies structure was launched in September 2006",
    ),
    (
        "A3.4",
        3,
        "Secure funding for an Older People's Forum and a Disability Network",
        "Principal Community Involvement Officer",
        "2006-06-30",
        "complete",
        "2006-05-26",
        "Neighbourhood Renewal Strategy funding secured to develop an Older People's Forum and a "
        "Disability Network",
    ),
    (
        "A3.5",
        3,
        "Develop profiles of the seven Communities of Interest",
        "Community Involvement Team",
        "2006-10-31",
        "complete",
        "2006-10-13",
        "Seven Communities of Interest profiles developed and disseminated",
    ),
    (
        "A3.6",
        3,
        "Refresh the Reach Out programme of outreach to communities",
        "Community Involvement Team",
        "2006-09-30",
        "complete",
        "2006-08-25",
        "Reach Out has been refreshed",
    ),
    (
        "A3.7",
        3,
        "Develop the Older People's Forum",
        "Older People's Services Manager",
        "2007-01-31",
        "complete",
        "2007-01-19",
        "The Older People's Forum has been developed",
    ),
    (
        "A3.8",
        3,
        "Establish the Disability Network",
        "Equalities and Diversity Officer",
        "2007-06-30",
        "on track",
        "",
        "",
    ),
    (
        "A3.9",
        3,
        "Agree a protocol for involving black and minority ethnic communities with "
        "Rotherham Ethnic Minority Alliance",
        "Equalities and Diversity Officer",
        "2007-12-31",
        "not started",
        "",
        "",
    ),
    (
        "A4.1",
        4,
        "Make Customer Charters live in every customer-facing service",
        "Customer Services Manager",
        "2006-12-31",
        "complete",
        "2006-11-30",
        "Customer Charters are now live",
    ),
    (
        "A4.2",
        4,
        "Revise service planning so that plans show how consultation shaped them",
        "Corporate Policy and Performance Team",
        "2007-01-31",
        "complete",
        "2007-01-12",
        "Service planning revised to build in consultation results",
    ),
    (
        "A4.3",
        4,
        "Require a decision reference for every activity on the consultation register",
        "Corporate Consultation Officer",
        "2005-10-31",
        "complete",
        "2005-10-21",
        "",
    ),
    (
        "A4.4",
        4,
        "Adopt a 'you said, we did' feedback standard across the council",
        "Community Involvement Team",
        "2007-03-31",
        "on track",
        "",
        "",
    ),
    (
        "A4.5",
        4,
        "Report consultation results to members with every key decision",
        "Democratic Services",
        "2007-10-31",
        "not started",
        "",
        "",
    ),
    (
        "A5.1",
        5,
        "Carry out the first Quality of Life Survey to set a baseline",
        "Corporate Policy and Performance Team",
        "2006-12-31",
        "complete",
        "2006-11-24",
        "The first Quality of Life Survey was undertaken and its results disseminated, "
        "establishing a baseline",
    ),
    (
        "A5.2",
        5,
        "Run Reach In staff surveys on awareness of the framework",
        "Community Involvement Team",
        "2007-01-31",
        "complete",
        "2007-01-26",
        "Three Reach In staff surveys completed",
    ),
    (
        "A5.3",
        5,
        "Run a baseline Reach In staff survey",
        "Community Involvement Team",
        "2005-12-31",
        "complete",
        "2005-12-02",
        "",
    ),
    (
        "A5.4",
        5,
        "Set CCI performance indicators in every programme area's service plan",
        "Corporate Policy and Performance Team",
        "2007-04-30",
        "on track",
        "",
        "",
    ),
    (
        "A5.5",
        5,
        "Introduce a common evaluation form for consultation events",
        "Corporate Consultation Officer",
        "2007-02-28",
        "complete",
        "2007-02-23",
        "",
    ),
    (
        "A5.6",
        5,
        "Review the framework after its first full year",
        "Principal Community Involvement Officer",
        "2007-04-30",
        "on track",
        "",
        "",
    ),
    (
        "A5.7",
        5,
        "Repeat the Quality of Life Survey",
        "Corporate Policy and Performance Team",
        "2007-10-31",
        "not started",
        "",
        "",
    ),
)

# --- training log ------------------------------------------------------------------------------

STAFF_COURSES = (
    "Introduction to consultation and community involvement",
    "Planning a consultation: the 12-week standard",
    "Running focus groups",
    "Questionnaire design",
    "Involving hard-to-reach groups",
    "Feeding back results: you said, we did",
    "Using the consultation register",
    "Analysing and reporting consultation results",
    "Using the CCI Toolkit",
)
MEMBER_COURSES = (
    "Members' briefing: the CCI Framework",
    "Community leadership and Area Assemblies",
    "Members' seminar: consultation and the Community Strategy",
    "Members' briefing: involving communities of interest",
)
TRAINING_EVENT_DATE = "2006-06-21"
# staff sessions per month, 2005-04 .. 2007-03 (scale 1): few before the event, more after
STAFF_SESSIONS = (*(2, 2, 1, 2, 0, 2, 3, 2, 1, 2, 2, 3), *(4, 4, 3, 3, 1, 5, 5, 5, 2, 5, 5, 4))
MEMBER_SESSIONS = (*(0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0), *(0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1))
# staff in each programme area, as weights for where sessions happen
PA_WEIGHTS = np.array([12, 20, 22, 20, 14, 4, 8], dtype=float)

# --- surveys -----------------------------------------------------------------------------------

# Answer options, with "" for a question left blank.
SATISFACTION = (*contract.SATISFACTION, "")
AGREEMENT = (*contract.AGREEMENT, "")
# Reach In waves: (survey_id, file, first fieldwork day, days, respondents, share aware)
REACH_IN = (
    ("REACHIN-0", "reach_in_2005_11.csv", "2005-11-14", 12, 176, 0.37),
    ("REACHIN-1", "reach_in_2006_06.csv", "2006-06-05", 12, 238, 0.51),
    ("REACHIN-2", "reach_in_2006_10.csv", "2006-10-09", 12, 207, 0.60),
    ("REACHIN-3", "reach_in_2007_01.csv", "2007-01-08", 12, 263, 0.67),
)
QOL_RESPONDENTS = 1152
QOL_FIRST_DAY = "2006-06-26"
QOL_DAYS = 42


# --- helpers -----------------------------------------------------------------------------------


def _rng(stream: int) -> np.random.Generator:
    """An independent generator per dataset, so one dataset's draws never shift another's."""
    return np.random.default_rng([SEED, stream])


def _iso(days: np.ndarray) -> np.ndarray:
    """``YYYY-MM-DD`` text for datetime64[D] values; empty text for NaT."""
    text = np.datetime_as_string(days.astype("datetime64[D]"), unit="D")
    return np.where(np.isnat(days), "", text)


def _uk(days: np.ndarray) -> np.ndarray:
    """``DD/MM/YYYY`` text for datetime64[D] values; empty text for NaT."""
    iso = np.datetime_as_string(days.astype("datetime64[D]"), unit="D").astype("<U10")
    chars = iso.view("<U1").reshape(len(iso), 10)[:, [8, 9, 4, 5, 6, 7, 0, 1, 2, 3]].copy()
    chars[:, [2, 5]] = "/"
    text = chars.view("<U10").ravel()
    return np.where(np.isnat(days), "", text).astype(object)


def _log_uniform(rng: np.random.Generator, bounds: np.ndarray) -> np.ndarray:
    """One draw per row between ``bounds[:, 0]`` and ``bounds[:, 1]``, uniform on a log scale."""
    low, high = np.log(bounds[:, 0]), np.log(bounds[:, 1])
    return np.exp(low + rng.random(len(bounds)) * (high - low))


def _pick(rng: np.random.Generator, weights: np.ndarray, n: int) -> np.ndarray:
    """``n`` indices drawn with the given (unnormalised) weights."""
    return rng.choice(len(weights), size=n, p=np.asarray(weights, dtype=float) / np.sum(weights))


def _ints(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Whole numbers as text where ``keep``, else empty text."""
    return np.where(keep, np.round(values).astype(np.int64).astype(str), "")


def _respondent_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` distinct ids like ``R000123``, sorted: an agency's serial numbers with gaps."""
    width = max(6, len(str(3 * n)))
    serials = np.sort(rng.choice(np.arange(1, 3 * n + 1), size=n, replace=False))
    return np.char.add("R", np.char.zfill(serials.astype(str), width))


def _weekday(days: np.ndarray) -> np.ndarray:
    """Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday)."""
    return (days.astype(np.int64) + 3) % 7


def _write(frame: pd.DataFrame, path: Path) -> None:
    """Write text columns as CSV: UTF-8 without BOM, ``\\n`` line endings, empty for missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


# --- reference ---------------------------------------------------------------------------------


def write_reference(out: Path) -> dict[str, int]:
    """The reference lists, the population, the targets and report.toml."""
    ref = out / "reference"
    lists = {
        "area_assemblies.csv": AREA_ASSEMBLIES,
        "communities_of_interest.csv": COMMUNITIES,
        "programme_areas.csv": PROGRAMME_AREAS,
    }
    for name, values in lists.items():
        _write(pd.DataFrame({"name": list(values)}, dtype=object), ref / name)
    rows = [
        (dimension, category, str(count))
        for dimension, categories in POPULATION.items()
        for category, count in categories.items()
    ]
    _write(
        pd.DataFrame(rows, columns=["dimension", "category", "population"]), ref / "population.csv"
    )
    _write(
        pd.DataFrame(list(TARGETS), columns=["indicator_id", "target", "tolerance"]),
        ref / "targets.csv",
    )
    (ref / "report.toml").write_text(REPORT_TOML, encoding="utf-8", newline="\n")
    counts = {f"reference/{name}": len(values) for name, values in lists.items()}
    counts["reference/population.csv"] = len(rows)
    counts["reference/targets.csv"] = len(TARGETS)
    return counts


# --- activity register -------------------------------------------------------------------------


def _start_dates(rng: np.random.Generator, scale: int) -> np.ndarray:
    """Start dates, month by month, no Sundays."""
    counts = np.array(MONTHLY_STARTS) * scale
    months = FIRST_MONTH + np.repeat(np.arange(len(counts)), counts)
    first = months.astype("datetime64[D]")
    length = ((months + 1).astype("datetime64[D]") - first).astype(np.int64)
    start = first + np.floor(rng.random(len(months)) * length).astype(np.int64)
    return start + (_weekday(start) == 6)  # a Sunday moves to the Monday


def _target_groups(rng: np.random.Generator, natural: np.ndarray) -> np.ndarray:
    """``;``-separated communities: the topic's own one mostly, a few others at random."""
    n = len(natural)
    member = np.zeros((n, len(COMMUNITIES)), dtype=bool)
    has_natural = natural >= 0
    keep_natural = has_natural & (rng.random(n) < 0.62)
    member[np.flatnonzero(keep_natural), natural[keep_natural]] = True
    # a few general activities reach out to one or two communities
    extra = rng.random(n)
    first = _pick(rng, [5, 4, 3, 3, 2, 1, 3], n)
    second = _pick(rng, [5, 4, 3, 3, 2, 1, 3], n)
    add_first = np.where(has_natural, extra < 0.06, extra < 0.045)
    add_second = add_first & (rng.random(n) < 0.25)
    member[np.flatnonzero(add_first), first[add_first]] = True
    member[np.flatnonzero(add_second), second[add_second]] = True
    names = np.array(COMMUNITIES, dtype=object)
    joined = np.full(n, "", dtype=object)
    for index in range(len(COMMUNITIES)):  # columns, not rows
        sep = np.where(joined == "", "", "; ")
        joined = np.where(member[:, index], joined + sep + names[index], joined)
    return joined


def build_activity_register(scale: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The activity register, and the rows' end dates (NaT for the broken rows)."""
    rng = _rng(1)
    start = _start_dates(rng, scale)
    n = len(start)
    current = start >= PERIOD_START  # record keeping improved in 2006-07

    # who: partners log about one activity in twelve
    partner = np.where(rng.random(n) < 0.085, _pick(rng, [5, 4, 3], n), -1)
    method = _pick(rng, METHOD_WEIGHTS, n)
    method = np.where((partner >= 0) & (method == ASSEMBLY), PUBLIC, method)

    # topic: from the programme area's own list, or the partner's
    topic_pa = np.array([t[0] for t in TOPICS])
    programme = _pick(rng, PA_WEIGHTS, n)
    order = np.argsort(topic_pa, kind="stable")
    offsets = np.searchsorted(topic_pa[order], np.arange(len(PROGRAMME_AREAS)))
    sizes = np.bincount(topic_pa, minlength=len(PROGRAMME_AREAS))
    topic = order[offsets[programme] + np.floor(rng.random(n) * sizes[programme]).astype(int)]
    topic_text = np.array([t[1] for t in TOPICS], dtype=object)[topic]
    natural = np.array([t[2] for t in TOPICS])[topic]

    partner_of = np.array([t[0] for t in PARTNER_TOPICS])
    p_order = np.argsort(partner_of, kind="stable")
    p_offsets = np.searchsorted(partner_of[p_order], np.arange(len(PARTNERS)))
    p_sizes = np.bincount(partner_of, minlength=len(PARTNERS))
    safe_partner = np.maximum(partner, 0)
    p_topic = p_order[
        p_offsets[safe_partner] + np.floor(rng.random(n) * p_sizes[safe_partner]).astype(int)
    ]
    is_partner = partner >= 0
    programme = np.where(is_partner, np.array(PARTNER_AREA)[safe_partner], programme)
    topic_text = np.where(
        is_partner, np.array([t[1] for t in PARTNER_TOPICS], dtype=object)[p_topic], topic_text
    )
    natural = np.where(is_partner, np.array([t[2] for t in PARTNER_TOPICS])[p_topic], natural)
    organisation = np.where(is_partner, np.array(PARTNERS, dtype=object)[safe_partner], "")

    # forums: a standing group meets about a topic; the group sets the community
    group = _pick(rng, [6, 4, 6, 4, 4, 3, 2, 5, 3, 2], n)
    available = np.array([np.datetime64(g[3]) for g in FORUM_GROUPS])[group]
    group_name = np.array([g[0] for g in FORUM_GROUPS], dtype=object)[group]
    fallback = np.array([g[4] for g in FORUM_GROUPS], dtype=object)[group]
    group_name = np.where(start < available, fallback, group_name)
    is_forum = method == FORUM
    natural = np.where(is_forum, np.array([g[1] for g in FORUM_GROUPS])[group], natural)
    programme = np.where(
        is_forum & ~is_partner, np.array([g[2] for g in FORUM_GROUPS])[group], programme
    )

    # where: area assemblies meet in their own area; a third of the rest is borough-wide
    area = np.where(rng.random(n) < 0.36, -1, _pick(rng, np.ones(7), n))
    area = np.where(method == ASSEMBLY, _pick(rng, np.ones(7), n), area)
    area_names = np.array([*AREA_ASSEMBLIES, BOROUGH_WIDE], dtype=object)
    area_text = area_names[area]  # -1 picks Borough-wide

    # what kind: a formal consultation runs for weeks; its title names the consultation
    consultation = rng.random(n) < CONSULTATION_SHARE[method]
    activity_type = np.where(consultation, "consultation", "involvement")
    formal = (
        consultation
        & np.isin(method, [POSTAL, ONLINE, PUBLIC, OTHER, DROPIN])
        & (rng.random(n) < 0.55)
    )
    phrase = np.array(METHOD_PHRASE, dtype=object)[method]
    title = topic_text + " " + phrase
    formal_event = formal & np.isin(method, [PUBLIC, DROPIN, OTHER])
    title = np.where(formal_event, topic_text + " consultation", title)
    title = np.where((method == OTHER) & ~consultation, topic_text + " steering group", title)
    title = np.where(method == FORUM, group_name + ": " + topic_text, title)
    title = np.where(method == PANEL, "Citizens' Panel survey: " + topic_text, title)
    title = np.where(method == ASSEMBLY, area_text + " Area Assembly: " + topic_text, title)

    # how long: formal consultations aim at 12 weeks; events last a day
    u = rng.random(n)
    short_formal = u < np.where(current, 0.17, 0.30)
    formal_days = np.where(
        short_formal, 28 + np.floor(rng.random(n) * 50), 84 + np.floor(rng.random(n) ** 3 * 40)
    )
    survey_days = 14 + np.floor(rng.random(n) * 35)
    event_days = np.where(
        (method == DROPIN) & (rng.random(n) < 0.3), 2 + np.floor(rng.random(n) * 5), 1
    )
    long_days = 30 + np.floor(rng.random(n) ** 2 * 300)
    days = np.select(
        [
            formal,
            np.isin(method, [POSTAL, ONLINE, F2F, PANEL]),
            (method == OTHER) & ~consultation,
        ],
        [formal_days, survey_days, long_days],
        event_days,
    ).astype(np.int64)
    end = start + days - 1

    # registration: most four weeks or more ahead, some late, a few after the event
    late = rng.random(n) < np.where(current, 0.16, 0.29)
    after = late & (rng.random(n) < 0.2)
    lead = np.where(late, np.floor(rng.random(n) * 28), 28 + np.floor(rng.random(n) ** 2 * 120))
    lead = np.where(after, -1 - np.floor(rng.random(n) * 21), lead).astype(np.int64)
    registered = np.minimum(start - lead, EXTRACT - np.floor(rng.random(n) * 10).astype(np.int64))

    status = np.select([end < EXTRACT, start <= EXTRACT], ["closed", "live"], "planned").astype(
        object
    )
    cancelled = rng.random(n) < 0.02
    status = np.where(cancelled, "cancelled", status)
    closed = status == "closed"

    # the decision it informs
    has_decision = rng.random(n) < np.where(
        consultation, np.where(current, 0.86, 0.72), np.where(current, 0.52, 0.40)
    )
    year = start.astype("datetime64[Y]").astype(int) + 1970
    number = 1 + np.floor(rng.random(n) * 140).astype(int)
    forward_plan = np.char.add(
        np.char.add(np.char.add("FP/", year.astype(str)), "/"), np.char.zfill(number.astype(str), 3)
    )
    minute = np.char.add(
        np.char.add(np.char.add("Cabinet minute ", year.astype(str)), "/"),
        (number + 20).astype(str),
    )
    decision = np.where(rng.random(n) < 0.65, forward_plan, minute).astype(object)
    decision = np.where(has_decision, decision, "")

    target_groups = _target_groups(rng, natural)

    took_place = closed | (status == "live")
    participants = _log_uniform(rng, PARTICIPANTS[method])
    keep_participants = took_place & (rng.random(n) < np.where(closed, 0.9, 0.45))
    cost = _log_uniform(rng, COST[method])
    cost = np.where(cost > 1000, np.round(cost / 50) * 50, np.round(cost / 5) * 5)
    keep_cost = (took_place | (rng.random(n) < 0.3)) & (rng.random(n) < 0.75) & ~cancelled

    # what happened after: results, feedback, influence, evaluation (as known at the extract)
    published = closed & (rng.random(n) < np.where(current, 0.80, 0.70))
    results = np.where(published, end + 7 + np.floor(rng.random(n) * 63).astype(np.int64), NAT)
    results = np.where(results <= EXTRACT, results, NAT)
    fed_back = closed & (rng.random(n) < np.where(current, 0.62, 0.52))
    on_time = rng.random(n) < 0.78
    delay = np.where(on_time, 10 + np.floor(rng.random(n) * 74), 85 + np.floor(rng.random(n) * 70))
    feedback = np.where(fed_back, end + delay.astype(np.int64), NAT)
    feedback = np.where(feedback <= EXTRACT, feedback, NAT)

    influence_decided = _pick(rng, [22, 52, 12, 10, 4], n)
    influence_other = _pick(rng, [0, 30, 5, 15, 50], n)
    influence_names = np.array(["changed", "informed", "no change", "pending", ""], dtype=object)
    influence = np.where(
        has_decision, influence_names[influence_decided], influence_names[influence_other]
    )
    influence = np.where(
        closed,
        influence,
        np.where(
            status == "live", np.where(has_decision & (rng.random(n) < 0.6), "pending", ""), ""
        ),
    )
    evaluated_p = np.where(method >= FOCUS, 0.55, 0.30) * np.where(current, 1.0, 0.75)
    evaluated = closed & (rng.random(n) < evaluated_p)
    evaluated_text = np.where(evaluated, "yes", np.where(closed & (rng.random(n) < 0.5), "no", ""))

    # ids: numbered within the year the activity starts, in order of registration
    order = np.lexsort((np.arange(n), start, registered, year))
    frame = pd.DataFrame({"year": year[order]})
    sequence = frame.groupby("year").cumcount().to_numpy() + 1
    width = max(3, len(str(int(sequence.max()))))
    ids = np.empty(n, dtype=object)
    ids[order] = (
        "CCI-"
        + frame["year"].astype(str).to_numpy(dtype=object)
        + "-"
        + np.char.zfill(sequence.astype(str), width).astype(object)
    )

    # dates as typed: one row in twenty came from a sheet kept in UK form
    uk = rng.random(n) < 0.05

    def as_typed(values: np.ndarray) -> np.ndarray:
        return np.where(uk, _uk(values), _iso(values))

    register = pd.DataFrame(
        {
            "activity_id": ids,
            "title": title,
            "programme_area": np.array(PROGRAMME_AREAS, dtype=object)[programme],
            "organisation": organisation,
            "activity_type": activity_type,
            "method": np.array(METHODS, dtype=object)[method],
            "formal": np.where(formal, "yes", "no"),
            "registered_date": as_typed(registered),
            "start_date": as_typed(start),
            "end_date": as_typed(end),
            "status": status,
            "decision_ref": decision,
            "target_groups": target_groups,
            "area_assembly": area_text,
            "participants": _ints(participants, keep_participants),
            "cost_gbp": _ints(cost, keep_cost),
            "results_published_date": as_typed(results),
            "feedback_date": as_typed(feedback),
            "influence": influence,
            "evaluated": evaluated_text,
        }
    ).astype(object)
    register = register.iloc[order].reset_index(drop=True)
    end_sorted = end[order]
    start_sorted = start[order]
    return _break_three_rows(register, start_sorted, end_sorted)


def _break_three_rows(
    register: pd.DataFrame, start: np.ndarray, end: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    """Three rows that break the contract, as real registers have (see data/README.md)."""
    in_period = (
        (start >= PERIOD_START)
        & (start <= np.datetime64("2007-01-31"))
        & (register["status"].to_numpy() == "closed")
    )
    eds = register["programme_area"].to_numpy() == PROGRAMME_AREAS[EDS]
    rows, eds_rows = np.flatnonzero(in_period & ~eds), np.flatnonzero(in_period & eds)
    picks = np.array([rows[len(rows) // 5], eds_rows[len(eds_rows) // 2], rows[4 * len(rows) // 5]])
    register = register.copy()
    end = end.copy()
    broken_end, unknown_area, impossible = picks
    # 1. end date typed a year early: before the start date
    wrong_end = end[broken_end] - np.timedelta64(365, "D")
    register.loc[broken_end, "end_date"] = str(wrong_end)
    # 2. a programme area spelt in a way the reference list does not know
    register.loc[unknown_area, "programme_area"] = "Economic & Development Services"
    # 3. an impossible date: the 31st of a 30-day month, typed in UK form
    month = str(start[impossible].astype("datetime64[M]"))
    register.loc[impossible, "start_date"] = f"31/{month[5:7]}/{month[:4]}"
    if month[5:7] not in ("04", "06", "09", "11"):
        register.loc[impossible, "start_date"] = f"31/06/{month[:4]}"
    end[picks] = NAT
    return register, end


# --- action plan and training ------------------------------------------------------------------


def build_action_plan() -> pd.DataFrame:
    """The framework's action plan as recorded by the leads in early March 2007."""
    columns = [
        "action_id",
        "priority_area",
        "action",
        "lead",
        "due_date",
        "status",
        "completed_date",
        "achievement",
    ]
    rows = [(a, str(p), *rest) for a, p, *rest in ACTIONS]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def build_training_log(scale: int) -> pd.DataFrame:
    """The CCI Training Event, staff sessions across programme areas and member sessions."""
    rng = _rng(2)
    frames = []
    for audience, per_month, courses, stream in (
        ("staff", STAFF_SESSIONS, STAFF_COURSES, 0),
        ("member", MEMBER_SESSIONS, MEMBER_COURSES, 1),
    ):
        counts = np.array(per_month) * scale
        months = FIRST_MONTH + np.repeat(np.arange(len(counts)), counts)
        first = months.astype("datetime64[D]")
        length = ((months + 1).astype("datetime64[D]") - first).astype(np.int64)
        day = first + np.floor(rng.random(len(months)) * length).astype(np.int64)
        weekday = _weekday(day)
        day = day + np.where(weekday >= 5, 7 - weekday, 0)  # weekends move to the Monday
        n = len(day)
        course = np.floor(rng.random(n) * len(courses)).astype(int)
        if audience == "staff":
            # the toolkit course only once the toolkit existed
            toolkit = course == len(courses) - 1
            course = np.where(toolkit & (day < np.datetime64("2006-11-20")), 0, course)
            area = np.array(PROGRAMME_AREAS, dtype=object)[_pick(rng, PA_WEIGHTS, n)]
            attendees = 6 + np.floor(rng.random(n) * 15)
        else:
            area = np.full(n, "", dtype=object)
            attendees = 4 + np.floor(rng.random(n) * 12)
        frames.append(
            pd.DataFrame(
                {
                    "day": day,
                    "stream": stream,
                    "title": np.array(courses, dtype=object)[course],
                    "audience": audience,
                    "programme_area": area,
                    "attendees": attendees.astype(np.int64),
                }
            )
        )
    # the CCI Training Event: one row per programme area, so attendance counts by area
    event_attendees = np.array([24, 31, 29, 27, 22, 8, 13])
    frames.append(
        pd.DataFrame(
            {
                "day": np.datetime64(TRAINING_EVENT_DATE),
                "stream": 2,
                "title": "CCI Training Event 2006",
                "audience": "staff",
                "programme_area": np.array(PROGRAMME_AREAS, dtype=object),
                "attendees": event_attendees,
            }
        )
    )
    log_frame = pd.concat(frames, ignore_index=True)
    log_frame = log_frame.sort_values(["day", "stream"], kind="stable").reset_index(drop=True)
    days = log_frame["day"].to_numpy().astype("datetime64[D]")
    year = days.astype("datetime64[Y]").astype(int) + 1970
    sequence = log_frame.groupby(year).cumcount().to_numpy() + 1
    width = max(3, len(str(int(sequence.max()))))
    session = np.char.add(
        np.char.add(np.char.add("TRN-", year.astype(str)), "-"),
        np.char.zfill(sequence.astype(str), width),
    )
    return pd.DataFrame(
        {
            "session_id": session.astype(object),
            "date": _iso(days),
            "title": log_frame["title"].to_numpy(dtype=object),
            "audience": log_frame["audience"].to_numpy(dtype=object),
            "programme_area": log_frame["programme_area"].to_numpy(dtype=object),
            "attendees": log_frame["attendees"].astype(str).to_numpy(dtype=object),
        }
    )


# --- surveys -----------------------------------------------------------------------------------


def _rake(frame: pd.DataFrame, dimensions: tuple[str, ...], iterations: int = 8) -> np.ndarray:
    """Weights that bring the known profile of each dimension towards the population's."""
    weight = np.ones(len(frame))
    for _ in range(iterations):
        for dimension in dimensions:
            target = POPULATION[dimension]
            codes = pd.Index(list(target)).get_indexer(frame[dimension].to_numpy(dtype=object))
            known = codes >= 0
            sums = np.bincount(codes[known], weights=weight[known], minlength=len(target))
            share = np.array(list(target.values()), float) / sum(target.values())
            factor = np.where(sums > 0, share / np.maximum(sums, 1e-12) * sums.sum(), 1.0)
            weight[known] *= factor[codes[known]]
    weight = np.clip(weight / weight.mean(), 0.5, 2.5)
    return weight / weight.mean()


def build_quality_of_life(scale: int) -> pd.DataFrame:
    """The first Quality of Life residents' survey, summer 2006."""
    rng = _rng(3)
    n = QOL_RESPONDENTS * scale
    profile: dict[str, np.ndarray] = {}
    # who replies: older residents more, young people and minority groups less
    propensity = {
        "age_band": [0.75, 0.82, 0.96, 1.04, 1.16, 1.2, 0.95],
        "sex": [0.92, 1.07],
        "ethnic_group": [1.0, 0.85, 0.7, 0.72, 0.7, 0.7],
        "disability": [1.08, 0.98],
        "area_assembly": [0.88, 0.86, 1.04, 1.06, 1.02, 0.98, 1.06],
    }
    missing = {  # (share empty, share "prefer not to say")
        "age_band": (0.015, 0.01),
        "sex": (0.01, 0.0),
        "ethnic_group": (0.02, 0.02),
        "disability": (0.03, 0.025),
        "area_assembly": (0.012, 0.0),
    }
    for dimension, categories in POPULATION.items():
        weights = np.array(list(categories.values()), float) * np.array(propensity[dimension])
        value = np.array(list(categories), dtype=object)[_pick(rng, weights, n)]
        u = rng.random(n)
        empty, refused = missing[dimension]
        value = np.where(u < empty, "", np.where(u < empty + refused, "prefer not to say", value))
        profile[dimension] = value
    frame = pd.DataFrame(profile)
    weight = _rake(frame, ("age_band", "sex", "area_assembly"))

    # answers lean with age: older residents a little more satisfied
    age_index = (
        pd.Series(frame["age_band"])
        .map({c: i for i, c in enumerate(POPULATION["age_band"])})
        .fillna(3)
        .to_numpy(dtype=float)
    )
    lean = (age_index - 3) / 3  # -1 (16-24) .. +1 (75+)
    u = rng.random(n) + 0.05 * lean
    satisfaction_cuts = np.cumsum([0.08, 0.31, 0.26, 0.13, 0.08, 0.12])
    satisfaction = np.array(SATISFACTION, dtype=object)[
        np.searchsorted(satisfaction_cuts, 1 - np.clip(u, 0, 0.99999))
    ]
    influence_cuts = np.cumsum([0.06, 0.245, 0.30, 0.22, 0.155])
    influence = np.array(AGREEMENT, dtype=object)[np.searchsorted(influence_cuts, rng.random(n))]

    first = np.datetime64(QOL_FIRST_DAY)
    fieldwork = first + np.floor(rng.random(n) ** 1.8 * QOL_DAYS).astype(np.int64)
    return pd.DataFrame(
        {
            "survey_id": "QOL-2006",
            "survey_kind": "resident",
            "fieldwork_date": _iso(fieldwork),
            "respondent_id": _respondent_ids(rng, n),
            "weight": np.char.mod("%.4f", weight),
            **{dimension: frame[dimension].to_numpy(dtype=object) for dimension in POPULATION},
            "q_consult_satisfaction": satisfaction,
            "q_influence": influence,
        }
    ).astype(object)


def build_reach_in(scale: int) -> dict[str, pd.DataFrame]:
    """Reach In staff surveys: a late-2005 baseline and three waves in 2006-07."""
    rng = _rng(4)
    waves = {}
    for survey_id, file_name, first_day, days, respondents, aware_share in REACH_IN:
        n = respondents * scale
        fieldwork = np.datetime64(first_day) + np.floor(rng.random(n) * days).astype(np.int64)
        area = np.array(PROGRAMME_AREAS, dtype=object)[_pick(rng, PA_WEIGHTS, n)]
        area = np.where(rng.random(n) < 0.04, "", area)
        u = rng.random(n)
        aware = np.where(u < 0.03, "", np.where(rng.random(n) < aware_share, "yes", "no"))
        waves[file_name] = pd.DataFrame(
            {
                "survey_id": survey_id,
                "survey_kind": "staff",
                "fieldwork_date": _iso(fieldwork),
                "respondent_id": _respondent_ids(rng, n),
                "programme_area": area,
                "q_aware_cci": aware,
            }
        ).astype(object)
    return waves


def build_evaluation_forms(register: pd.DataFrame, end: np.ndarray) -> pd.DataFrame:
    """Participants' evaluation forms from evaluated events on the register."""
    rng = _rng(5)
    methods = register["method"].to_numpy(dtype=object)
    participants = pd.to_numeric(register["participants"].replace("", None)).to_numpy(float)
    eligible = (
        (register["evaluated"].to_numpy(dtype=object) == "yes")
        & np.isin(methods, ["focus group", "public meeting", "workshop", "drop-in", "forum"])
        & ~np.isnat(end)
        & (rng.random(len(register)) < 0.6)
    )
    rows = np.flatnonzero(eligible)
    forms = np.minimum(
        rng.poisson(9, len(rows)), np.nan_to_num(participants[rows], nan=12).astype(np.int64)
    )
    row = np.repeat(rows, forms)
    n = len(row)
    activity_end = end[row]
    fieldwork = np.minimum(activity_end + (rng.random(n) < 0.1), EXTRACT - 1)
    survey_year = fieldwork.astype("datetime64[Y]").astype(int) + 1970
    survey_id = np.char.add("EVAL-", survey_year.astype(str))
    cuts = np.cumsum([0.30, 0.44, 0.12, 0.05, 0.03, 0.04])
    satisfaction = np.array(SATISFACTION, dtype=object)[np.searchsorted(cuts, rng.random(n))]
    frame = pd.DataFrame(
        {
            "survey_id": survey_id.astype(object),
            "survey_kind": "evaluation",
            "fieldwork_date": _iso(fieldwork),
            "activity_id": register["activity_id"].to_numpy(dtype=object)[row],
            "q_consult_satisfaction": satisfaction,
        }
    )
    # respondent ids: numbered within each survey, in order of fieldwork
    frame = frame.sort_values(["survey_id", "fieldwork_date"], kind="stable").reset_index(drop=True)
    serial = frame.groupby("survey_id").cumcount().to_numpy() + 1
    width = max(6, len(str(int(serial.max()))))
    frame.insert(3, "respondent_id", np.char.add("R", np.char.zfill(serial.astype(str), width)))
    return frame.astype(object)


# --- entry point -------------------------------------------------------------------------------


def generate(out: Path = DEFAULT_OUT, scale: int = 1) -> dict[str, int]:
    """Write the whole sample data folder into ``out``; return the data rows written per file."""
    if scale < 1:
        msg = f"--scale must be a whole number of at least 1, not {scale}"
        raise ValueError(msg)
    out = Path(out)
    counts = write_reference(out)
    register, end = build_activity_register(scale)
    files = {
        "activity_register.csv": register,
        "action_plan.csv": build_action_plan(),
        "training_log.csv": build_training_log(scale),
        "surveys/qol_2006.csv": build_quality_of_life(scale),
        **{f"surveys/{name}": wave for name, wave in build_reach_in(scale).items()},
        "surveys/evaluation_forms.csv": build_evaluation_forms(register, end),
    }
    for name, frame in files.items():
        _write(frame, out / name)
        counts[name] = len(frame)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--scale", type=int, default=1, help="multiply activities, sessions, respondents"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = generate(args.out, args.scale)
    for name, rows in counts.items():
        log.info("%-40s %8d rows", name, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
