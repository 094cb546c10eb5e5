"""The sample data folder: reproducible from ``pipeline.sample_data``, shaped as the spec needs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import sample_data

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DATA = PROJECT_ROOT / "data"
EXTRACT_DAY = pd.Timestamp("2007-03-05")


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def _dates(column: pd.Series) -> pd.Series:
    """ISO or UK dates as the contract allows; NaT for empty or impossible ones."""
    iso = pd.to_datetime(column.where(column.str.contains("-")), format="%Y-%m-%d", errors="coerce")
    uk = pd.to_datetime(column.where(column.str.contains("/")), format="%d/%m/%Y", errors="coerce")
    return iso.fillna(uk)


def _committed_files() -> list[str]:
    return sorted(
        p.relative_to(DATA).as_posix()
        for p in DATA.rglob("*")
        if p.is_file() and p.name != "README.md"
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    sample_data.generate(out, scale=1)
    return out


class TestGenerate:
    def test_generate_scale_one_is_byte_identical_to_committed_data(self, generated):
        produced = sorted(p.relative_to(generated).as_posix() for p in generated.rglob("*.*"))
        assert produced == _committed_files()
        for name in produced:
            assert (generated / name).read_bytes() == (DATA / name).read_bytes(), name

    def test_generate_files_are_utf8_without_bom_and_crlf(self, generated):
        for path in generated.rglob("*.*"):
            if path.suffix == ".xlsx":  # a partner's workbook: zipped XML
                continue
            data = path.read_bytes()
            assert not data.startswith(b"\xef\xbb\xbf"), path
            assert b"\r" not in data, path
            data.decode("utf-8")

    def test_generate_scale_two_doubles_activities_and_respondents(self, tmp_path):
        # Monthly starts at scale 1: 338 (2005/06) + 363 (2006/07) + 19 planned = 720 rows;
        # the Quality of Life survey has 1,152 respondents. Scale 2 doubles both.
        sample_data.generate(tmp_path, scale=2)
        register = pd.read_csv(tmp_path / "activity_register.csv", dtype=str)
        qol = pd.read_csv(tmp_path / "surveys" / "qol_2006.csv", dtype=str)
        assert len(register) == 1440
        assert len(qol) == 2304
        assert register["activity_id"].is_unique

    def test_generate_scale_zero_is_refused(self, tmp_path):
        with pytest.raises(ValueError, match="at least 1"):
            sample_data.generate(tmp_path, scale=0)


class TestReferenceLists:
    def test_area_assemblies_are_rotherhams_seven(self):
        assert _read("reference/area_assemblies.csv")["name"].tolist() == [
            "Rotherham North",
            "Rotherham South",
            "Rother Valley South",
            "Rother Valley West",
            "Wentworth North",
            "Wentworth South",
            "Wentworth Valley",
        ]

    def test_communities_of_interest_are_seven(self):
        names = _read("reference/communities_of_interest.csv")["name"]
        assert len(names) == 7
        assert "Lesbian, gay and bisexual people" in set(names)

    def test_population_dimensions_sum_to_the_same_total(self):
        population = _read("reference/population.csv")
        totals = population["population"].astype(int).groupby(population["dimension"]).sum()
        # Every dimension describes the same residents aged 16+: 192,300.
        assert set(totals) == {192300}
        assert len(totals) == 5

    def test_targets_cover_every_indicator(self):
        ids = _read("reference/targets.csv")["indicator_id"].tolist()
        # PA1: 4 indicators, PA2: 4, PA3: 3, PA4: 4, PA5: 4 -> 19
        assert len(ids) == 19
        assert ids[0] == "PA1.1"
        assert ids[-1] == "PA5.4"


class TestActionPlan:
    def test_action_plan_has_thirteen_achievements_in_the_period(self):
        actions = _read("action_plan.csv")
        completed = pd.to_datetime(actions["completed_date"].replace("", None))
        in_period = actions[(completed >= "2006-04-01") & (completed <= "2007-01-31")]
        assert len(in_period) == 13
        assert (in_period["achievement"] != "").all()
        assert in_period["achievement"].str.contains("Reach In").sum() == 1

    def test_action_plan_is_on_track_at_end_of_january_2007(self):
        actions = _read("action_plan.csv")
        due = pd.to_datetime(actions["due_date"])
        completed = pd.to_datetime(actions["completed_date"].replace("", None))
        due_by_then = actions[due < "2007-01-31"]
        assert (due_by_then["status"] == "complete").all()
        assert (completed[due < "2007-01-31"] <= "2007-01-31").all()
        assert "at risk" not in set(actions["status"])

    def test_action_plan_parish_charter_completed_march_2006(self):
        actions = _read("action_plan.csv")
        charter = actions[actions["action"].str.contains("Parish Charter")]
        assert charter["completed_date"].tolist() == ["2006-03-20"]


class TestActivityRegister:
    def test_activity_register_has_exactly_three_broken_rows(self):
        register = _read("activity_register.csv")
        start, end = _dates(register["start_date"]), _dates(register["end_date"])
        areas = set(_read("reference/programme_areas.csv")["name"])
        assert start.isna().sum() == 1  # 31/11/2006 does not exist
        assert (end < start).sum() == 1
        assert (~register["programme_area"].isin(areas)).sum() == 1

    def test_activity_register_statuses_match_an_early_march_2007_extract(self):
        register = _read("activity_register.csv")
        start, end = _dates(register["start_date"]), _dates(register["end_date"])
        valid = start.notna() & (end >= start)
        status = register["status"]
        assert (end[valid & (status == "closed")] < EXTRACT_DAY).all()
        assert (start[valid & (status == "planned")] > EXTRACT_DAY).all()
        live = valid & (status == "live")
        assert ((start[live] <= EXTRACT_DAY) & (end[live] >= EXTRACT_DAY)).all()
        for column in ("registered_date", "results_published_date", "feedback_date"):
            assert (_dates(register[column]).dropna() <= EXTRACT_DAY).all(), column

    def test_activity_register_ids_are_unique(self):
        assert _read("activity_register.csv")["activity_id"].is_unique


class TestSurveys:
    def test_surveys_respondent_ids_unique_within_each_survey(self):
        stacked = pd.concat(
            [pd.read_csv(p, dtype=str) for p in sorted((DATA / "surveys").glob("*.csv"))]
        )
        assert not stacked.duplicated(["survey_id", "respondent_id"]).any()

    def test_surveys_evaluation_forms_name_closed_evaluated_activities(self):
        forms = _read("surveys/evaluation_forms.csv")
        register = _read("activity_register.csv").set_index("activity_id")
        evaluated = register.loc[forms["activity_id"].unique()]
        assert (evaluated["status"] == "closed").all()
        assert (evaluated["evaluated"] == "yes").all()

    def test_surveys_reach_in_awareness_rises_across_waves(self):
        shares = []
        for name in ("2005_11", "2006_06", "2006_10", "2007_01"):
            wave = _read(f"surveys/reach_in_{name}.csv")
            answered = wave[wave["q_aware_cci"] != ""]
            shares.append((answered["q_aware_cci"] == "yes").mean())
        assert shares == sorted(shares)


class TestReadme:
    def test_readme_names_the_broken_rows_that_break(self):
        readme = (DATA / "README.md").read_text(encoding="utf-8")
        register = _read("activity_register.csv")
        start, end = _dates(register["start_date"]), _dates(register["end_date"])
        areas = set(_read("reference/programme_areas.csv")["name"])
        broken = start.isna() | (end < start) | ~register["programme_area"].isin(areas)
        for activity_id in register.loc[broken, "activity_id"]:
            assert f"`{activity_id}`" in readme


class TestDecisions:
    """decisions.csv as a committee system exports it, checked against the register's dates."""

    @pytest.fixture(scope="class")
    @classmethod
    def joined(cls) -> pd.DataFrame:
        decisions = _read("decisions.csv")
        register = _read("activity_register.csv")
        register = register[register["decision_ref"].ne("")]
        joined = register.merge(
            decisions, left_on="decision_ref", right_on="Decision Ref", how="left"
        )
        return joined.assign(
            decided=pd.to_datetime(joined["Decision Date"], format="%d/%m/%Y"),
            end=_dates(joined["end_date"]),
            results=_dates(joined["results_published_date"]),
        )

    def test_exported_with_the_committee_systems_headings_and_uk_dates(self):
        decisions = _read("decisions.csv")
        assert list(decisions.columns[:4]) == [
            "Decision Ref",
            "Decision Date",
            "Decision Maker",
            "Title",
        ]
        assert decisions["Decision Date"].str.fullmatch(r"\d{2}/\d{2}/\d{4}").all()
        assert decisions["Decision Ref"].is_unique
        dates = pd.to_datetime(decisions["Decision Date"], format="%d/%m/%Y")
        assert dates.is_monotonic_increasing
        assert dates.max() <= EXTRACT_DAY  # none taken after the extract

    def test_most_after_the_results_some_before_closing_or_results_some_unlisted(self, joined):
        closed = joined[joined["status"].eq("closed") & joined["end"].notna()]
        listed = closed[closed["decided"].notna()]
        before_closing = listed["decided"] < listed["end"]
        before_results = ~before_closing & ~(listed["decided"] >= listed["results"])
        after = ~before_closing & ~before_results
        assert before_closing.sum() >= 5
        assert before_results.sum() >= 5
        assert after.mean() > 0.6
        unlisted = closed.loc[closed["decided"].isna(), "decision_ref"].nunique()
        assert unlisted >= 5
