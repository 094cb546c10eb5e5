"""Tests for pipeline.ingest.load: the data folder's layout, headers, rows and set-aside rows."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pandas as pd
import pytest

from pipeline.errors import InputError, StrictModeError
from pipeline.ingest.load import load_inputs, preflight
from tests.unit.ingest_data import (
    ACTION,
    ACTION_2,
    ACTIVITY,
    ACTIVITY_2,
    AREAS,
    RESIDENT,
    RESIDENT_2,
    TRAINING,
    csv_text,
    names_csv,
    write_folder,
)


def problems_of(error: pytest.ExceptionInfo) -> str:
    return "\n".join(error.value.problems)


class TestPreflight:
    def test_preflight_valid_folder_passes(self, tmp_path):
        checked = preflight(write_folder(tmp_path))
        assert "activity_register.csv" in checked.files
        assert "reference/report.toml" in checked.files
        assert checked.settings.data_from

    def test_preflight_missing_folder_is_an_error(self, tmp_path):
        with pytest.raises(InputError, match="does not exist"):
            preflight(tmp_path / "nowhere")

    def test_preflight_missing_dataset_is_an_error(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "action_plan.csv").unlink()
        with pytest.raises(InputError, match=r"action_plan is missing.*action_plan\.xlsx"):
            preflight(folder)

    def test_preflight_csv_and_xlsx_both_present_names_both(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "training_log.xlsx").write_bytes(b"")
        with pytest.raises(InputError, match=r"Both training_log\.csv and training_log\.xlsx"):
            preflight(folder)

    def test_preflight_folder_where_file_should_be_is_an_error(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "reference" / "targets.csv").unlink()
        (folder / "reference" / "targets.csv").mkdir()
        with pytest.raises(InputError, match=r"reference/targets\.csv is a folder, not a file"):
            preflight(folder)

    def test_preflight_missing_reference_file_is_an_error(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "reference" / "population.csv").unlink()
        with pytest.raises(InputError, match=r"reference/population\.csv is missing"):
            preflight(folder)

    def test_preflight_missing_reference_folder_is_an_error(self, tmp_path):
        folder = write_folder(tmp_path)
        for path in (folder / "reference").iterdir():
            path.unlink()
        (folder / "reference").rmdir()
        with pytest.raises(InputError, match="The reference folder is missing"):
            preflight(folder)

    def test_preflight_empty_file_is_an_error(self, tmp_path):
        folder = write_folder(tmp_path, actions="")
        with pytest.raises(InputError, match=r"action_plan\.csv has no header row"):
            preflight(folder)

    def test_preflight_non_utf8_file_is_refused(self, tmp_path):
        folder = write_folder(tmp_path)
        (folder / "training_log.csv").write_bytes(
            csv_text([TRAINING | {"title": "Caf\u00e9 session"}]).encode("cp1252")
        )
        with pytest.raises(InputError, match=r"training_log\.csv is not UTF-8.*UTF-8"):
            preflight(folder)

    def test_preflight_missing_required_header_names_file_and_column(self, tmp_path):
        rows = [{k: v for k, v in ACTIVITY.items() if k != "start_date"}]
        with pytest.raises(InputError, match=r"activity_register\.csv has no 'start_date' column"):
            preflight(write_folder(tmp_path, activities=rows))

    def test_preflight_duplicate_header_after_normalising_names_both(self, tmp_path):
        header = [*ACTION, "Due Date"]
        folder = write_folder(tmp_path, actions=csv_text([ACTION], header=header))
        with pytest.raises(InputError, match="'due_date' and 'Due Date' both mean due_date"):
            preflight(folder)

    def test_preflight_lists_every_problem(self, tmp_path):
        folder = write_folder(tmp_path, actions="")
        (folder / "reference" / "targets.csv").unlink()
        with pytest.raises(InputError) as error:
            preflight(folder)
        assert len(error.value.problems) == 2

    def test_preflight_surveys_folder_may_be_missing(self, tmp_path):
        folder = write_folder(tmp_path, surveys={})
        (folder / "surveys").rmdir()
        preflight(folder)

    def test_preflight_optional_survey_column_may_be_absent(self, tmp_path):
        rows = [{k: v for k, v in RESIDENT.items() if k != "q_influence"}]
        preflight(write_folder(tmp_path, surveys={"s.csv": rows}))

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ('data_from = "2005-13"', "data_from '2005-13' must be a month"),
            ('meeting_date = "2007-02-12"', "meeting_date must be a date written without quotes"),
            ("author = 7", "author must be a non-empty text"),
        ],
    )
    def test_preflight_bad_report_settings_are_errors(self, tmp_path, line, expected):
        from tests.unit.ingest_data import REPORT_TOML

        key = line.split(" ")[0]
        kept = [x for x in REPORT_TOML.splitlines() if not x.startswith(key + " ")]
        toml = "\n".join([*kept, line]) + "\n"
        with pytest.raises(InputError, match=expected):
            preflight(write_folder(tmp_path, reference={"report.toml": toml}))

    def test_preflight_report_settings_missing_key_is_an_error(self, tmp_path):
        from tests.unit.ingest_data import REPORT_TOML

        toml = "\n".join(x for x in REPORT_TOML.splitlines() if not x.startswith("committee"))
        with pytest.raises(InputError, match=r"report\.toml has no 'committee'"):
            preflight(write_folder(tmp_path, reference={"report.toml": toml}))


class TestLoadInputsTyping:
    def test_load_inputs_types_activities(self, tmp_path):
        inputs = load_inputs(write_folder(tmp_path))
        first, second = inputs.activities.iloc[0], inputs.activities.iloc[1]
        assert first["start_date"] == pd.Timestamp("2006-04-03")
        # 01/04/2006 is the UK form of 1 April 2006.
        assert second["registered_date"] == pd.Timestamp("2006-04-01")
        assert inputs.activities["formal"].tolist() == [True, False]
        assert first["participants"] == 120
        assert first["cost_gbp"] == 1500.5
        assert inputs.activities["start_date"].dtype == "datetime64[ns]"
        assert inputs.activities["participants"].dtype == "Int64"
        assert inputs.activities["formal"].dtype == "boolean"

    def test_load_inputs_organisation_defaults_to_report_settings(self, tmp_path):
        organisations = load_inputs(write_folder(tmp_path)).activities["organisation"].tolist()
        assert organisations == ["Rotherham Metropolitan Borough Council", "South Yorkshire Police"]

    def test_load_inputs_evaluated_empty_is_false(self, tmp_path):
        assert load_inputs(write_folder(tmp_path)).activities["evaluated"].tolist() == [True, False]

    def test_load_inputs_target_groups_canonical_in_reference_order(self, tmp_path):
        rows = [ACTIVITY | {"target_groups": " young PEOPLE ;older people"}, ACTIVITY_2]
        groups = load_inputs(write_folder(tmp_path, activities=rows)).activities["target_groups"]
        # communities_of_interest.csv lists Older people before Young people.
        assert groups.iloc[0] == "Older people;Young people"
        assert pd.isna(groups.iloc[1])

    def test_load_inputs_categories_stored_in_canonical_spelling(self, tmp_path):
        row = ACTIVITY | {
            "programme_area": "culture AND leisure",
            "status": " CLOSED ",
            "method": "Postal Survey",
            "area_assembly": "borough-wide",
        }
        activity = load_inputs(write_folder(tmp_path, activities=[row])).activities.iloc[0]
        assert activity["programme_area"] == "Culture and Leisure"
        assert activity["status"] == "closed"
        assert activity["method"] == "postal survey"
        assert activity["area_assembly"] == "Borough-wide"

    def test_load_inputs_curly_apostrophe_matches_reference(self, tmp_path):
        row = ACTIVITY | {"programme_area": "Children and Young People\u2019s Services"}
        activity = load_inputs(write_folder(tmp_path, activities=[row])).activities.iloc[0]
        assert activity["programme_area"] == "Children and Young People's Services"

    def test_load_inputs_empty_text_is_missing(self, tmp_path):
        decision = load_inputs(write_folder(tmp_path)).activities["decision_ref"]
        assert pd.isna(decision.iloc[1])

    def test_load_inputs_keeps_file_and_row_columns(self, tmp_path):
        actions = load_inputs(write_folder(tmp_path)).actions
        assert actions["file"].tolist() == ["action_plan.csv", "action_plan.csv"]
        assert actions["row"].tolist() == [2, 3]

    def test_load_inputs_extra_columns_ignored(self, tmp_path):
        rows = [TRAINING | {"Venue": "Town Hall"}]
        training = load_inputs(write_folder(tmp_path, training=rows)).training
        assert "Venue" not in training.columns
        assert training["attendees"].tolist() == [14]

    def test_load_inputs_header_only_file_gives_zero_rows(self, tmp_path):
        folder = write_folder(tmp_path, actions=csv_text([], header=list(ACTION)))
        inputs = load_inputs(folder)
        assert len(inputs.actions) == 0
        assert list(inputs.actions.columns)[:2] == ["action_id", "priority_area"]

    def test_load_inputs_files_have_hash_and_counts(self, tmp_path):
        rows = [ACTION, ACTION_2 | {"priority_area": "9"}]
        folder = write_folder(tmp_path, actions=rows)
        files = {f.name: f for f in load_inputs(folder).files}
        action_file = files["action_plan.csv"]
        expected = hashlib.sha256((folder / "action_plan.csv").read_bytes()).hexdigest()
        assert action_file.sha256 == expected
        assert (action_file.rows_read, action_file.rows_set_aside) == (2, 1)
        assert "surveys/qol_2006.csv" in files
        assert "reference/report.toml" in files

    def test_load_inputs_reference_lists_in_file_order(self, tmp_path):
        inputs = load_inputs(write_folder(tmp_path))
        assert inputs.area_assemblies == AREAS
        assert inputs.settings.meeting_date == date(2007, 2, 12)

    def test_load_inputs_targets_empty_tolerance_is_zero(self, tmp_path):
        targets = load_inputs(write_folder(tmp_path)).targets
        assert targets["tolerance"].tolist() == [5.0, 0.0]

    def test_load_inputs_council_with_own_lists_and_title_case_headers(self, tmp_path):
        areas = ("North", "South", "East", "West", "Central")
        communities = ("Carers", "Travellers", "Young people", "Older people", "Women", "Faith")
        activity = ACTIVITY | {"target_groups": "carers;Travellers", "area_assembly": "central"}
        header = [k.replace("_", " ").title() for k in activity]
        folder = write_folder(
            tmp_path,
            activities=csv_text([dict(zip(header, activity.values(), strict=True))]),
            reference={
                "area_assemblies.csv": names_csv(areas),
                "communities_of_interest.csv": names_csv(communities),
            },
        )
        inputs = load_inputs(folder)
        assert inputs.area_assemblies == areas
        assert inputs.communities == communities
        assert inputs.activities["target_groups"].tolist() == ["Carers;Travellers"]
        assert inputs.activities["area_assembly"].tolist() == ["Central"]
        assert inputs.set_aside.empty


class TestLoadInputsSurveys:
    def test_load_inputs_surveys_drop_respondent_id(self, tmp_path):
        surveys = load_inputs(write_folder(tmp_path)).surveys
        assert "respondent_id" not in surveys.columns
        assert "file" not in surveys.columns
        assert "row" not in surveys.columns

    def test_load_inputs_survey_weight_defaults_to_one(self, tmp_path):
        assert load_inputs(write_folder(tmp_path)).surveys["weight"].tolist() == [1.2, 1.0]

    def test_load_inputs_survey_profile_outside_population_is_unknown(self, tmp_path):
        # RESIDENT_2: age_band "prefer not to say", sex "Other" (not in population.csv).
        inputs = load_inputs(write_folder(tmp_path))
        second = inputs.surveys.iloc[1]
        assert pd.isna(second["age_band"])
        assert pd.isna(second["sex"])
        assert inputs.set_aside.empty

    def test_load_inputs_survey_profile_matched_case_insensitively(self, tmp_path):
        rows = [RESIDENT | {"sex": "female", "area_assembly": "ROTHERHAM NORTH"}]
        first = load_inputs(write_folder(tmp_path, surveys={"s.csv": rows})).surveys.iloc[0]
        assert (first["sex"], first["area_assembly"]) == ("Female", "Rotherham North")

    def test_load_inputs_survey_files_stacked(self, tmp_path):
        folder = write_folder(
            tmp_path,
            surveys={"a.csv": [RESIDENT], "b.csv": [RESIDENT | {"survey_id": "QOL-2007"}]},
        )
        assert load_inputs(folder).surveys["survey_id"].tolist() == ["QOL-2006", "QOL-2007"]

    def test_load_inputs_empty_surveys_folder_gives_empty_frame(self, tmp_path):
        surveys = load_inputs(write_folder(tmp_path, surveys={})).surveys
        assert len(surveys) == 0
        assert "q_influence" in surveys.columns

    def test_load_inputs_same_respondent_in_different_surveys_is_fine(self, tmp_path):
        rows = [RESIDENT, RESIDENT | {"survey_id": "QOL-2007"}]
        inputs = load_inputs(write_folder(tmp_path, surveys={"s.csv": rows}))
        assert inputs.set_aside.empty


def set_aside_of(tmp_path, **files) -> pd.DataFrame:
    return load_inputs(write_folder(tmp_path, **files)).set_aside


class TestSetAside:
    @pytest.mark.parametrize(
        ("changes", "column", "reason"),
        [
            ({"end_date": "2006-04-01"}, "end_date", "end_date is before start_date"),
            (
                {"programme_area": "Neighbourhood Services"},
                "programme_area",
                "'Neighbourhood Services' is not a programme area in reference/programme_areas.csv",
            ),
            ({"start_date": "31/02/2006"}, "start_date", "date '31/02/2006' is not a real date"),
            (
                {"start_date": "April 2006"},
                "start_date",
                "'April 2006' is not a date: use YYYY-MM-DD or DD/MM/YYYY",
            ),
            (
                {"participants": "-3"},
                "participants",
                "participants must be a whole number of 0 or more",
            ),
            (
                {"participants": "12.5"},
                "participants",
                "participants must be a whole number of 0 or more",
            ),
            ({"cost_gbp": "-1"}, "cost_gbp", "cost_gbp must be a number of 0 or more"),
            ({"title": "  "}, "title", "title is required but empty"),
            (
                {"formal": "maybe"},
                "formal",
                "formal must be true/false, yes/no, y/n or 1/0, not 'maybe'",
            ),
            (
                {"status": "finished"},
                "status",
                "'finished' is not a valid status: use one of planned, live, closed, cancelled",
            ),
            (
                {"target_groups": "Women;Carers"},
                "target_groups",
                "'Carers' is not a community of interest in reference/communities_of_interest.csv",
            ),
            (
                {"area_assembly": "Maltby"},
                "area_assembly",
                "'Maltby' is not an area assembly in reference/area_assemblies.csv "
                "(or Borough-wide)",
            ),
        ],
    )
    def test_set_aside_activity_reason(self, tmp_path, changes, column, reason):
        set_aside = set_aside_of(tmp_path, activities=[ACTIVITY_2, ACTIVITY | changes])
        assert set_aside[["dataset", "file", "row", "column", "reason"]].values.tolist() == [
            ["activity_register", "activity_register.csv", 3, column, reason]
        ]

    def test_set_aside_row_not_in_typed_frame(self, tmp_path):
        inputs = load_inputs(
            write_folder(tmp_path, activities=[ACTIVITY | {"participants": "x"}, ACTIVITY_2])
        )
        assert inputs.activities["activity_id"].tolist() == ["CCI-2006-002"]

    def test_set_aside_first_problem_is_reported(self, tmp_path):
        # Two problems; title comes before participants in the contract.
        rows = [ACTIVITY | {"title": "", "participants": "-1"}]
        assert set_aside_of(tmp_path, activities=rows)["column"].tolist() == ["title"]

    def test_set_aside_duplicate_id_sets_aside_every_row(self, tmp_path):
        rows = [ACTIVITY, ACTIVITY_2, ACTIVITY | {"title": "Another"}]
        set_aside = set_aside_of(tmp_path, activities=rows)
        assert set_aside["row"].tolist() == [2, 4]
        assert set(set_aside["reason"]) == {
            "duplicate activity_id: every row with this id is set aside"
        }

    def test_set_aside_record_holds_original_cells_by_original_header(self, tmp_path):
        row = TRAINING | {"Attendees": " -2 "}
        del row["attendees"]
        set_aside = set_aside_of(tmp_path, training=[row])
        record = json.loads(set_aside["record"].iloc[0])
        assert record["Attendees"] == " -2 "
        assert record["date"] == "2006-05-10"
        assert set_aside["reason"].iloc[0] == "attendees must be a whole number of 0 or more"

    def test_set_aside_action_complete_without_completed_date(self, tmp_path):
        set_aside = set_aside_of(tmp_path, actions=[ACTION | {"completed_date": ""}])
        assert set_aside[["column", "reason"]].values.tolist() == [
            ["completed_date", "status is complete but completed_date is empty"]
        ]

    def test_set_aside_priority_area_outside_1_to_5(self, tmp_path):
        set_aside = set_aside_of(tmp_path, actions=[ACTION | {"priority_area": "6"}])
        assert set_aside["reason"].tolist() == ["priority_area must be a whole number from 1 to 5"]

    def test_set_aside_staff_training_without_programme_area(self, tmp_path):
        set_aside = set_aside_of(tmp_path, training=[TRAINING | {"programme_area": ""}])
        assert set_aside["reason"].tolist() == ["programme_area is required when audience is staff"]

    @pytest.mark.parametrize(
        ("changes", "column", "reason"),
        [
            ({"weight": "0"}, "weight", "weight must be greater than 0"),
            ({"weight": "heavy"}, "weight", "weight must be a number greater than 0"),
            (
                {"q_influence": "strongly agree"},
                "q_influence",
                "q_influence answer is not on its scale: definitely agree, tend to agree, "
                "tend to disagree, definitely disagree, don't know",
            ),
            (
                {"fieldwork_date": "31/02/2006"},
                "fieldwork_date",
                "fieldwork_date is not a real date",
            ),
            (
                {"survey_kind": "panel"},
                "survey_kind",
                "survey_kind must be one of: resident, staff, evaluation",
            ),
            ({"respondent_id": ""}, "respondent_id", "respondent_id is required but empty"),
            (
                {"survey_kind": "evaluation", "activity_id": ""},
                "activity_id",
                "activity_id is required for an evaluation survey",
            ),
        ],
    )
    def test_set_aside_survey_reason_without_respondent_data(
        self, tmp_path, changes, column, reason
    ):
        set_aside = set_aside_of(tmp_path, surveys={"s.csv": [RESIDENT_2, RESIDENT | changes]})
        assert set_aside[
            ["dataset", "file", "row", "column", "reason", "record"]
        ].values.tolist() == [["surveys", "surveys/s.csv", 3, column, reason, ""]]

    def test_set_aside_duplicate_respondent_within_survey_sets_aside_all(self, tmp_path):
        rows = [RESIDENT, RESIDENT_2, RESIDENT | {"weight": "2"}]
        inputs = load_inputs(write_folder(tmp_path, surveys={"s.csv": rows}))
        assert inputs.set_aside["row"].tolist() == [2, 4]
        assert inputs.set_aside["record"].tolist() == ["", ""]
        assert len(inputs.surveys) == 1


class TestStrictMode:
    def test_strict_clean_folder_loads(self, tmp_path):
        assert len(load_inputs(write_folder(tmp_path), strict=True).activities) == 2

    def test_strict_set_aside_row_stops_with_file_row_column(self, tmp_path):
        folder = write_folder(tmp_path, actions=[ACTION, ACTION_2 | {"priority_area": "0"}])
        with pytest.raises(StrictModeError) as error:
            load_inputs(folder, strict=True)
        assert (
            "action_plan.csv row 3, column priority_area: "
            "priority_area must be a whole number from 1 to 5"
        ) in error.value.problems

    def test_strict_lists_twenty_and_counts_the_rest(self, tmp_path):
        rows = [ACTIVITY | {"activity_id": f"X{i}", "participants": "-1"} for i in range(25)]
        with pytest.raises(StrictModeError) as error:
            load_inputs(write_folder(tmp_path, activities=rows), strict=True)
        listed = [p for p in error.value.problems if p.startswith("activity_register.csv row")]
        assert len(listed) == 20
        assert error.value.problems[-1] == "and 5 more"


class TestReferenceProblems:
    def test_population_unknown_dimension_stops(self, tmp_path):
        text = "dimension,category,population\nward,Maltby,100\n"
        with pytest.raises(InputError, match=r"population\.csv row 2, column dimension: 'ward'"):
            load_inputs(write_folder(tmp_path, reference={"population.csv": text}))

    def test_population_negative_count_stops(self, tmp_path):
        text = "dimension,category,population\nsex,Female,-5\n"
        with pytest.raises(
            InputError, match="population must be a whole number from 0 to 1,000,000,000,000"
        ):
            load_inputs(write_folder(tmp_path, reference={"population.csv": text}))

    def test_targets_bad_target_stops(self, tmp_path):
        text = "indicator_id,target,tolerance\nPA1.1,eighty,\n"
        with pytest.raises(InputError, match=r"targets\.csv row 2, column target"):
            load_inputs(write_folder(tmp_path, reference={"targets.csv": text}))

    def test_reference_list_duplicate_name_stops(self, tmp_path):
        text = "name\nNorth\nnorth\n"
        with pytest.raises(InputError, match="'north' is listed more than once"):
            load_inputs(write_folder(tmp_path, reference={"area_assemblies.csv": text}))
