"""The partnership run's CSV files, and the archive's index listing a partnership run."""

from __future__ import annotations

import csv
import json

import pandas as pd

from pipeline.ingest.partnership import PartnershipInputs
from pipeline.measures.partnership_view import compute_partnership
from pipeline.publish import archive
from pipeline.publish.partnership import write_partnership_outputs
from pipeline.spec.partnership import Partner, PartnershipSettings
from tests.unit.factories import PERIOD, activities, make_inputs

PARTNERS = (Partner("Council X", "x", "council"), Partner("Police Y", "y", "police"))


def _partnership(load_limit):
    register = activities(
        {
            "organisation": "Council X",
            "title": "=cmd| hours survey",
            "target_groups": "Older people",
        },
        {"organisation": "Police Y", "title": "Hours survey", "target_groups": "Older people"},
    )
    set_aside = pd.DataFrame(
        {
            "partner": ["Police Y"],
            "dataset": ["activity_register"],
            "file": ["partners/y.csv"],
            "row": [7],
            "column": ["start_date"],
            "reason": ["date '31/11/2006' is not a real date"],
            "record": ['{"start_date": "31/11/2006"}'],
        }
    )
    inputs = make_inputs(activities=register, set_aside=set_aside)
    settings = PartnershipSettings("P", "B", "A", "C", load_limit=load_limit)
    return PartnershipInputs(inputs, PARTNERS, settings)


def _read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class TestCsvFiles:
    def test_every_file_with_its_columns(self, tmp_path):
        partnership = _partnership(load_limit=1)
        write_partnership_outputs(partnership, compute_partnership(partnership, PERIOD), tmp_path)
        standards = _read(tmp_path / "standards.csv")
        assert list(standards[0])[:3] == ["organisation", "indicator_id", "priority_area"]
        clashes = _read(tmp_path / "clashes.csv")
        assert [(r["organisation_a"], r["organisation_b"]) for r in clashes] == [
            ("Council X", "Police Y")
        ]
        assert clashes[0]["title_a"] == "'=cmd| hours survey"  # a formula is neutralised
        duplicates = _read(tmp_path / "duplicates.csv")
        # {cmd, hours, survey} and {hours, survey}: 2 shared of 3
        assert [(d["shared_words"], d["similarity"]) for d in duplicates] == [
            ("2", "0.6666666666666666")
        ]
        load = _read(tmp_path / "load.csv")
        wath_may = next(r for r in load if (r["area"], r["month"]) == ("Wath", "2006-05"))
        assert wath_may == {
            "area": "Wath",
            "month": "2006-05",
            "activities": "2",
            "over_limit": "true",
        }
        assert {r["over_limit"] for r in load} == {"true", "false"}
        set_aside = _read(tmp_path / "set_aside.csv")
        assert list(set_aside[0]) == [
            "partner",
            "dataset",
            "file",
            "row",
            "column",
            "reason",
            "record",
        ]
        assert set_aside[0]["partner"] == "Police Y"

    def test_without_a_limit_over_limit_is_empty(self, tmp_path):
        partnership = _partnership(load_limit=None)
        write_partnership_outputs(partnership, compute_partnership(partnership, PERIOD), tmp_path)
        assert {r["over_limit"] for r in _read(tmp_path / "load.csv")} == {""}


class TestIndex:
    def test_a_partnership_run_is_listed_with_its_kind(self, tmp_path):
        for folder, kind in (
            (tmp_path / "2006-04..2007-01" / "aaa", None),
            (tmp_path / "partnership" / "2006-04..2007-01" / "bbb", "partnership"),
        ):
            folder.mkdir(parents=True)
            manifest = {
                "parameters": {"period": "2006-04..2007-01", "data_folder": "data"},
                "started": f"2026-01-0{1 if kind is None else 2}T09:00:00+00:00",
                "headline_ratings": {},
            }
            if kind:
                manifest["kind"] = kind
            (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
            (folder / "report.html").write_text("<!DOCTYPE html>", encoding="utf-8")
        assert archive.repair_index(tmp_path)
        index = _read(tmp_path / "index.csv")
        assert [(r["kind"], r["run_id"], r["paper"]) for r in index] == [
            ("partnership", "bbb", "partnership/2006-04..2007-01/bbb/report.html"),
            ("council", "aaa", "2006-04..2007-01/aaa/report.html"),
        ]
        html = (tmp_path / "index.html").read_text(encoding="utf-8")
        assert "<td>Partnership</td>" in html
