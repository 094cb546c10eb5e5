"""The partnership's pairs and load against an independent reference: every pair of activities
compared by hand (quadratic, as the code must never be), on random registers of four partners."""

from __future__ import annotations

import re
from datetime import date, timedelta
from fractions import Fraction
from itertools import combinations

import numpy as np
import pytest

from pipeline.measures.duplicates import find_duplicates
from pipeline.measures.partnership import clashes_across, consultation_load
from pipeline.spec.period import parse_period
from tests.unit.factories import AREAS, COMMUNITIES, activities, make_inputs

PERIOD = parse_period("2006-04..2006-12")
ORGANISATIONS = ("Council", "Police", "Health trust", "Voluntary action")
WORDS = ("library", "hours", "youth", "forum", "crime", "survey", "the", "of", "bus", "plan", "GP")


def _register(seed: int, n: int = 160):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        start = date(2006, 1, 1) + timedelta(days=int(rng.integers(0, 420)))
        end = start + timedelta(days=int(rng.integers(0, 60)))
        groups = [g for g in COMMUNITIES if rng.random() < 0.3]
        title = " ".join(rng.choice(WORDS, size=int(rng.integers(1, 8))))
        rows.append(
            {
                "activity_id": f"A{i:04d}",
                "organisation": str(rng.choice(ORGANISATIONS)),
                "title": title,
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "status": "cancelled" if rng.random() < 0.1 else "live",
                "area_assembly": str(rng.choice([*AREAS, "Borough-wide"])),
                "target_groups": ";".join(groups) or None,
            }
        )
    return rows


def _active(rows):
    first, last = PERIOD.start.date().isoformat(), PERIOD.end.date().isoformat()
    return [
        r
        for r in rows
        if r["status"] != "cancelled" and r["start_date"] <= last and r["end_date"] >= first
    ]


def _meet(a, b) -> bool:
    """Dates overlap and areas match (the same, or either borough-wide)."""
    areas = a["area_assembly"] == b["area_assembly"] or "Borough-wide" in (
        a["area_assembly"],
        b["area_assembly"],
    )
    return areas and a["start_date"] <= b["end_date"] and b["start_date"] <= a["end_date"]


def _words(title: str) -> set[str]:
    ignored = {"the", "and", "for", "with", "of", "on", "in", "to"}
    return {w for w in re.findall(r"[^\W_]+", title.lower()) if len(w) >= 3 and w not in ignored}


def _pair(a, b) -> tuple[str, str]:
    return tuple(sorted((a["activity_id"], b["activity_id"])))


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
class TestAgainstReference:
    def test_clashes_across_partners(self, seed):
        rows = _register(seed)
        expected = {
            _pair(a, b)
            for a, b in combinations(_active(rows), 2)
            if a["organisation"] != b["organisation"]
            and _meet(a, b)
            and set((a["target_groups"] or "").split(";"))
            & set((b["target_groups"] or "").split(";")) - {""}
        }
        found = clashes_across(make_inputs(activities=activities(*rows)), PERIOD)
        assert set(zip(found["activity_id_a"], found["activity_id_b"], strict=True)) == expected
        assert expected  # the random register has some

    def test_possible_duplicates(self, seed):
        rows = _register(seed)
        expected = {}
        for a, b in combinations(_active(rows), 2):
            wa, wb = _words(a["title"]), _words(b["title"])
            alike = wa | wb and Fraction(len(wa & wb), len(wa | wb)) >= Fraction(1, 2)
            if a["organisation"] != b["organisation"] and _meet(a, b) and alike:
                expected[_pair(a, b)] = len(wa & wb) / len(wa | wb)
        found = find_duplicates(activities(*rows), PERIOD)
        got = dict(
            zip(
                zip(found["activity_id_a"], found["activity_id_b"], strict=True),
                found["similarity"],
                strict=True,
            )
        )
        assert got.keys() == expected.keys()
        assert all(abs(got[k] - expected[k]) < 1e-12 for k in expected)
        assert expected

    def test_load(self, seed):
        rows = _register(seed)
        live = [r for r in rows if r["status"] != "cancelled"]
        load = consultation_load(make_inputs(activities=activities(*rows)), PERIOD)
        for area, month, count in zip(load["area"], load["month"], load["activities"], strict=True):
            first = date.fromisoformat(f"{month}-01")
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            expected = sum(
                r["start_date"] <= last.isoformat()
                and r["end_date"] >= first.isoformat()
                and r["area_assembly"] in (area, "Borough-wide")
                for r in live
            )
            assert count == expected, (area, month)
