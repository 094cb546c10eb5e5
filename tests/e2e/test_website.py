"""The sample run's CCI web pages: entries recomputed from the register by the spec's words, the
pages checked by axe-core, the Nu Html Checker and Chromium, the calendar by calcurse.

Shares the one sample run (April 2006 to January 2007, pe 2007-01-31).
"""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path

import icalendar
import pandas as pd
import pytest

from pipeline.paths import DEFAULT_DATA
from tests.browser.checks import (
    calcurse_import,
    require_tools,
    run_axe,
    run_layout,
    run_vnu,
)
from tests.e2e.test_bad_inputs import assert_no_formula_cells
from tests.html_text import plain_text

pytestmark = pytest.mark.e2e

PS, PE = pd.Timestamp("2006-04-01"), pd.Timestamp("2007-01-31")
PAGES = ("you-said-we-did.html", "forward-plan.html")


def _dates(column: pd.Series) -> pd.Series:
    """ISO or UK dates as the sample writes them; NaT for empty or impossible ones."""
    iso = pd.to_datetime(column.where(column.str.contains("-")), format="%Y-%m-%d", errors="coerce")
    uk = pd.to_datetime(column.where(column.str.contains("/")), format="%d/%m/%Y", errors="coerce")
    return iso.fillna(uk)


@pytest.fixture(scope="module")
def register() -> pd.DataFrame:
    """The sample register read plainly, without its three broken rows (set aside)."""
    raw = pd.read_csv(DEFAULT_DATA / "activity_register.csv", dtype=str, keep_default_na=False)
    for column in ("registered_date", "start_date", "end_date", "results_published_date"):
        raw[column] = _dates(raw[column])
    raw["feedback_date"] = _dates(raw["feedback_date"])
    areas = pd.read_csv(DEFAULT_DATA / "reference" / "programme_areas.csv")["name"]
    ok = raw["start_date"].notna() & (raw["end_date"] >= raw["start_date"])
    return raw[ok & raw["programme_area"].isin(areas)]


@pytest.fixture(scope="module")
def website(sample_run) -> Path:
    return sample_run.folder / "website"


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def results(website) -> list[dict[str, str]]:
    return _csv(website / "you-said-we-did.csv")


@pytest.fixture(scope="module")
def plan(website) -> list[dict[str, str]]:
    return _csv(website / "forward-plan.csv")


class TestEntries:
    def test_the_folder_holds_both_pages_their_csv_files_and_the_calendar(self, website):
        assert sorted(p.name for p in website.iterdir()) == [
            "forward-plan.csv",
            "forward-plan.html",
            "forward-plan.ics",
            "you-said-we-did.csv",
            "you-said-we-did.html",
        ]

    def test_you_said_entries_are_closed_activities_with_results_by_the_period_end(
        self, register, results
    ):
        closed = register[(register["status"] == "closed") & register["end_date"].between(PS, PE)]
        entries = closed[closed["results_published_date"] <= PE]
        entries = entries.sort_values(["end_date", "activity_id"], ascending=[False, True])
        assert [r["activity_id"] for r in results] == entries["activity_id"].tolist()

    def test_forward_plan_is_registered_by_the_end_and_running_past_it(self, register, plan):
        live = register[register["status"] != "cancelled"]
        f = live[(live["registered_date"] <= PE) & (live["end_date"] > PE)]
        f = f.sort_values(["start_date", "activity_id"])
        assert [r["activity_id"] for r in plan] == f["activity_id"].tolist()

    def test_flags_recomputed_one_entry_at_a_time(self, register, plan):
        rows = register.set_index("activity_id").loc[[r["activity_id"] for r in plan]]
        polls = pd.read_csv(DEFAULT_DATA / "reference" / "elections.csv", parse_dates=[1])
        for entry, (_, row) in zip(plan, rows.iterrows(), strict=True):
            days = (row["end_date"] - row["start_date"]).days + 1
            assert entry["short"] == str(row["formal"] == "yes" and days < 84).lower()
            late = row["registered_date"] > row["start_date"] - pd.Timedelta(days=28)
            assert entry["late_to_register"] == str(late).lower()
            # Only what is still to come of it: from the later of its start and the day
            # after the period end.
            to_come = max(row["start_date"], PE + pd.Timedelta(days=1))
            hit = [
                p["name"]
                for _, p in polls.iterrows()
                if to_come <= p["polling_day"]
                and row["end_date"] >= p["polling_day"] - pd.Timedelta(days=41)
            ]
            assert entry["pre_election"] == (hit[-1] if hit else "")

    def test_clashes_are_every_pair_of_the_plan_checked_one_by_one(self, register, plan):
        rows = register.set_index("activity_id").loc[[r["activity_id"] for r in plan]]
        expected: dict[str, list[str]] = {r["activity_id"]: [] for r in plan}
        for (a, x), (b, y) in itertools.combinations(rows.iterrows(), 2):
            groups = {g.strip() for g in x["target_groups"].split(";") if g.strip()}
            shared = groups & {g.strip() for g in y["target_groups"].split(";") if g.strip()}
            area = x["area_assembly"] == y["area_assembly"] or "Borough-wide" in (
                x["area_assembly"],
                y["area_assembly"],
            )
            overlap = x["start_date"] <= y["end_date"] and y["start_date"] <= x["end_date"]
            if shared and area and overlap:
                expected[a].append(b)
                expected[b].append(a)
        order = [r["activity_id"] for r in plan]
        found = {r["activity_id"]: [c for c in r["clashes_with"].split(";") if c] for r in plan}
        assert found == {k: sorted(v, key=order.index) for k, v in expected.items()}

    def test_the_sample_shows_every_kind_of_entry_and_flag(self, results, plan):
        assert any(r["you_said"] and r["we_did"] for r in results)
        assert any(not r["we_did"] and r["influence"] for r in results)
        assert any(not r["we_did"] and not r["influence"] for r in results)
        starts = [pd.Timestamp(r["start_date"]) for r in plan]
        assert min(starts) <= PE < max(starts)  # under way, and starting later
        assert any(r["clashes_with"] for r in plan)
        for flag in ("short", "late_to_register"):
            assert any(r[flag] == "true" for r in plan), flag
        assert any(r["pre_election"] == "Borough council elections 2007" for r in plan)

    def test_csv_files_neutralise_formulas(self, website):
        for name in ("you-said-we-did.csv", "forward-plan.csv"):
            assert_no_formula_cells(website / name)


class TestWords:
    def test_counts_sentences_agree_with_the_csv_files(self, website, register, results, plan):
        closed = register[(register["status"] == "closed") & register["end_date"].between(PS, PE)]
        told = sum(bool(r["feedback_date"]) for r in results)
        text = plain_text((website / "you-said-we-did.html").read_text(encoding="utf-8"))
        assert (
            f"{len(closed)} activities closed between April 2006 and January 2007. "
            f"{len(results)} of them have published their results, shown on this page, and "
            f"{told} of those have told the people who took part what happened." in text
        )
        text = plain_text((website / "forward-plan.html").read_text(encoding="utf-8"))
        assert f"{len(plan)} activities are on the forward plan." in text

    @pytest.mark.parametrize("page", PAGES)
    def test_plain_english_and_nothing_from_the_surveys(self, website, page):
        text = plain_text((website / page).read_text(encoding="utf-8"))
        assert "Rotherham Metropolitan Borough Council" in text
        assert "As at 31 January 2007" in text
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text)  # no column names
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # dates as people write them
        for word in ("None", "nan", "NaT", "QOL-2006", "REACHIN", "EVAL-20"):
            assert not re.search(rf"\b{word}\b", text), word

    def test_the_paper_counts_the_upcoming_clashes_and_points_to_the_plan(self, sample_run, plan):
        text = plain_text(sample_run.paper.read_text(encoding="utf-8"))
        clashing = sum(bool(r["clashes_with"]) for r in plan)
        assert (
            f"Looking ahead, {len(plan)} activities are planned or still running after "
            f"31 January 2007: {clashing} of them clash with another" in text
        )
        assert "The council's forward plan of consultation, published on its website" in text


class TestCalendar:
    def test_one_event_per_entry_of_the_plan_in_order(self, website, plan):
        ics = (website / "forward-plan.ics").read_bytes()
        events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
        assert [str(e["UID"]) for e in events] == [
            f"{r['activity_id']}@rotherham-metropolitan-borough-council" for r in plan
        ]
        assert all(len(line) <= 75 for line in ics.split(b"\r\n"))

    def test_calcurse_imports_every_event(self, website, plan, tmp_path):
        require_tools("calendar")
        report = calcurse_import(website / "forward-plan.ics", tmp_path / "calcurse")
        assert f"{len(plan)} events" in report
        assert "0 skipped" in report


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES)
class TestAccessiblePages:
    def test_axe_finds_no_violations_and_no_request_is_made(self, website, page):
        require_tools("axe")
        report = run_axe(website / page)
        assert [(v["id"], len(v["nodes"])) for v in report["violations"]] == []
        assert report["blockedRequests"] == []

    def test_nu_checker_finds_no_errors(self, website, page):
        require_tools("vnu")
        assert run_vnu(website / page) == []

    def test_fits_a_laptop_and_a_phone_without_sideways_scrolling(self, website, page):
        require_tools("layout")
        layout = run_layout(website / page, (1280, 390))
        for width in ("1280", "390"):
            assert layout[width]["outside"] == [], width
            assert layout[width]["scrolled"] == [], width
            assert layout[width]["scrollWidth"] == layout[width]["viewport"], width
