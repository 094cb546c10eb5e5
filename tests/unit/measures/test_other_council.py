"""Another council's folder: its own reference lists, Excel and SPSS files, title-case headers.

The expected figures are worked out by hand below from the rows written here.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyreadstat
import pytest

from pipeline.ingest.load import load_inputs
from pipeline.measures.scorecard import compute_indicators
from pipeline.spec.period import parse_period
from tests.unit.ingest_data import csv_text, names_csv

AREAS = ("North", "South", "East", "West", "Central")
COMMUNITIES = ("Carers", "Travellers", "Young people", "Older people", "Women", "Faith")
PERIOD = parse_period("2006-04..2006-09")  # ps 1 April 2006, pe 30 September 2006

SETTINGS = """organisation = "Borsetshire County Council"
committee = "Communities Scrutiny Panel"
data_from = "2005-04"
programme_area_label = "Directorate"
programme_area = "Communities"
author = "Consultation Manager"
contact = "Consultation Team"
policy_implications = "Supports the Sustainable Community Strategy."
background_papers = ["Consultation Strategy"]
"""

ACTIVITIES = [
    # A1: formal, 89 days long, registered 36 days ahead, closed with feedback on time.
    {
        "Activity ID": "BC-1",
        "Title": "Library opening hours",
        "Programme Area": "housing",
        "Activity Type": "Consultation",
        "Method": "Postal Survey",
        "Formal": "Yes",
        "Registered Date": date(2006, 2, 26),
        "Start Date": date(2006, 4, 3),
        "End Date": date(2006, 6, 30),
        "Status": "Closed",
        "Decision Ref": "DEC-1",
        "Target Groups": "carers; Travellers",
        "Area Assembly": "north",
        "Results Published Date": date(2006, 7, 1),
        "Feedback Date": date(2006, 7, 15),
        "Influence": "Changed",
        "Evaluated": "Y",
    },
    # A2: registered 11 days ahead, Borough-wide, shares Carers with A1 during May: a clash.
    {
        "Activity ID": "BC-2",
        "Title": "Carers' forum",
        "Programme Area": "Leisure",
        "Activity Type": "involvement",
        "Method": "forum",
        "Formal": "no",
        "Registered Date": "20/04/2006",
        "Start Date": "01/05/2006",
        "End Date": "31/05/2006",
        "Status": "closed",
        "Target Groups": "Carers",
        "Area Assembly": "Borough-wide",
    },
    # A3: formal but only 45 days long, still live at the extract.
    {
        "Activity ID": "BC-3",
        "Title": "Women's safety audit",
        "Programme Area": "Housing",
        "Activity Type": "consultation",
        "Method": "workshop",
        "Formal": "TRUE",
        "Registered Date": "2006-01-01",
        "Start Date": "2006-06-01",
        "End Date": "2006-07-15",
        "Status": "live",
        "Target Groups": "Women",
        "Area Assembly": "East",
    },
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("borsetshire")
    (root / "reference").mkdir()
    (root / "surveys").mkdir()
    pd.DataFrame(ACTIVITIES).to_excel(root / "activity_register.xlsx", index=False)
    pd.DataFrame(
        [
            {
                "Action ID": "B1",
                "Priority Area": 2,
                "Action": "Train staff",
                "Lead": "Consultation Team",
                "Due Date": date(2007, 3, 31),
                "Status": "On Track",
                "Completed Date": None,
            }
        ]
    ).to_excel(root / "action_plan.xlsx", index=False)
    (root / "training_log.csv").write_text(
        csv_text(
            [
                {
                    "Session ID": "S1",
                    "Date": "12/06/2006",
                    "Title": "Consultation basics",
                    "Audience": "Staff",
                    "Programme Area": "Housing",
                    "Attendees": "12",
                }
            ]
        ),
        encoding="utf-8",
    )
    # Residents' survey from the survey agency, as SPSS with value labels:
    # 30 very satisfied, 20 neither, 10 don't know.
    answers = [1] * 30 + [3] * 20 + [6] * 10
    survey = pd.DataFrame(
        {
            "Survey_ID": ["RS-2006"] * 60,
            "Survey_Kind": [1] * 60,
            "Fieldwork_Date": [date(2006, 7, 1)] * 60,
            "Respondent_ID": [f"X{i}" for i in range(60)],
            "Q_Consult_Satisfaction": answers,
        }
    )
    pyreadstat.write_sav(
        survey,
        root / "surveys" / "residents.sav",
        variable_value_labels={
            "Survey_Kind": {1: "resident"},
            "Q_Consult_Satisfaction": {
                1: "Very satisfied",
                2: "Fairly satisfied",
                3: "Neither",
                4: "Fairly dissatisfied",
                5: "Very dissatisfied",
                6: "Don't know",
            },
        },
    )
    reference = root / "reference"
    (reference / "area_assemblies.csv").write_text(names_csv(AREAS), encoding="utf-8")
    (reference / "communities_of_interest.csv").write_text(names_csv(COMMUNITIES), encoding="utf-8")
    (reference / "programme_areas.csv").write_text(
        names_csv(("Housing", "Leisure")), encoding="utf-8"
    )
    (reference / "population.csv").write_text(
        csv_text(
            [{"dimension": "area_assembly", "category": a, "population": "1000"} for a in AREAS]
        ),
        encoding="utf-8",
    )
    (reference / "targets.csv").write_text("indicator_id,target,tolerance\n", encoding="utf-8")
    (reference / "report.toml").write_text(SETTINGS, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def values(folder) -> dict[str, float | None]:
    inputs = load_inputs(folder)
    assert inputs.set_aside.empty
    frame = compute_indicators(inputs, PERIOD)
    return {
        row.indicator_id: (None if pd.isna(row.value) else float(row.value))
        for row in frame.itertuples()
    }


class TestAnotherCouncil:
    def test_own_reference_lists_are_used(self, folder):
        inputs = load_inputs(folder)
        assert inputs.area_assemblies == AREAS
        assert inputs.communities == COMMUNITIES
        assert inputs.settings.programme_area_label == "Directorate"

    def test_registered_in_advance(self, values):
        # S = A1, A2, A3; A1 (36 days) and A3 (151 days) were registered 28+ days ahead.
        assert values["PA1.1"] == pytest.approx(200 / 3)

    def test_full_consultation_period(self, values):
        # Formal in S: A1 (89 days) passes, A3 (45 days) does not.
        assert values["PA1.3"] == 50

    def test_one_clash_through_borough_wide(self, values):
        # A1 and A2 overlap in May and share Carers; A2 is Borough-wide. A3 shares no group.
        assert values["PA1.4"] == 1

    def test_training(self, values):
        # One staff session of 12 in Housing: 1 of the 2 programme areas reached.
        assert values["PA2.1"] == 12
        assert values["PA2.3"] == 50

    def test_communities_and_areas_reached(self, values):
        # Carers, Travellers, Women of 6 communities; North and East of 5 areas.
        assert values["PA3.1"] == 50
        assert values["PA3.2"] == 40

    def test_closed_activity_measures(self, values):
        # C = A1, A2. Both due for feedback and results (end + 84 days is before 30 September);
        # only A1 had it in time. Only A1 published, linked to a decision and evaluated.
        assert values["PA4.1"] == 50
        assert values["PA4.2"] == 50
        assert values["PA4.3"] == 100
        assert values["PA5.1"] == 50

    def test_spss_value_labels_give_the_answers(self, values):
        # 30 satisfied of the 50 who gave a view (don't know left out).
        assert values["PA5.2"] == 60
        # No q_influence in the file: no value.
        assert values["PA5.3"] is None
