"""The reference lists, the population, the targets and ``report.toml``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.sample_data.common import write_csv
from pipeline.spec.contract import BOROUGH_WIDE

__all__ = [
    "AREA_ASSEMBLIES",
    "BOROUGH_WIDE",
    "COMMUNITIES",
    "ELECTIONS",
    "PA_WEIGHTS",
    "POPULATION",
    "PROGRAMME_AREAS",
    "TARGETS",
    "write_reference",
]

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
# staff in each programme area, as weights for where activities, sessions and staff replies are
PA_WEIGHTS = np.array([12, 20, 22, 20, 14, 4, 8], dtype=float)

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
    ("PA4.4", "75", "10"),
    ("PA5.1", "40", "10"),
    ("PA5.2", "45", "5"),
    ("PA5.3", "30", "5"),
    ("PA5.4", "75", "5"),
)

# The borough's polling days over the records' span: English local elections fall on the first
# Thursday of May (Rotherham elects a third of its council in most years; 2005 had none, but
# the general election of 5 May 2005 brought its own pre-election period).
ELECTIONS = (
    ("General election 2005", "2005-05-05"),
    ("Borough council elections 2006", "2006-05-04"),
    ("Borough council elections 2007", "2007-05-03"),
)

REPORT_TOML = """\
# What the committee paper says about itself (this file follows docs/data-contract.md).
organisation = "Rotherham Metropolitan Borough Council"
committee = "Cabinet Member for Community Cohesion"
meeting_date = 2007-02-12
data_from = "2005-04"
data_to = "2007-03"
programme_area_label = "Programme Area"
programme_area = "Chief Executive's"
author = "Principal Community Involvement Officer"
contact = "Community Involvement Team, Chief Executive's Department"
contact_phone = "01709 000000"
contact_email = "consultation@example.gov.uk"
website = "https://www.example.gov.uk/consultation"
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


def write_reference(out: Path) -> dict[str, int]:
    """Write ``reference/``: the lists, the population, the targets, the polling days and
    report.toml.

    Returns the data rows written per file (report.toml has none and is not counted).
    """
    ref = out / "reference"
    lists = {
        "area_assemblies.csv": AREA_ASSEMBLIES,
        "communities_of_interest.csv": COMMUNITIES,
        "programme_areas.csv": PROGRAMME_AREAS,
    }
    for name, values in lists.items():
        write_csv(pd.DataFrame({"name": list(values)}, dtype=object), ref / name)
    rows = [
        (dimension, category, str(count))
        for dimension, categories in POPULATION.items()
        for category, count in categories.items()
    ]
    write_csv(
        pd.DataFrame(rows, columns=["dimension", "category", "population"]), ref / "population.csv"
    )
    write_csv(
        pd.DataFrame(list(TARGETS), columns=["indicator_id", "target", "tolerance"]),
        ref / "targets.csv",
    )
    write_csv(pd.DataFrame(list(ELECTIONS), columns=["name", "polling_day"]), ref / "elections.csv")
    (ref / "report.toml").write_text(REPORT_TOML, encoding="utf-8", newline="\n")
    counts = {f"reference/{name}": len(values) for name, values in lists.items()}
    counts["reference/population.csv"] = len(rows)
    counts["reference/targets.csv"] = len(TARGETS)
    counts["reference/elections.csv"] = len(ELECTIONS)
    return counts
