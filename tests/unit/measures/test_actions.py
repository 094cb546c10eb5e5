"""The action plan: effective status, counts and key achievements."""

from __future__ import annotations

import pandas as pd

from pipeline.measures.actions import (
    action_status_table,
    all_actions_on_track,
    effective_status,
    key_achievements,
)
from tests.unit.factories import PERIOD, actions

PE = PERIOD.end  # 2006-09-30


class TestEffectiveStatus:
    def test_rules_in_order(self):
        plan = actions(
            {"status": "complete", "completed_date": "2006-09-30", "due_date": "2006-01-01"},
            {"status": "complete", "completed_date": "2006-10-01", "due_date": "2006-01-01"},
            {"status": "complete", "completed_date": "2006-10-01", "due_date": "2007-01-01"},
            {"status": "on track", "due_date": "2006-09-29"},
            {"status": "at risk", "due_date": "2006-09-30"},  # due on pe: not overdue
            {"status": "not started", "due_date": "2007-01-01"},
        )
        # 1: complete by pe; 2: completed after pe and due before pe -> overdue (rule 2 first);
        # 3: completed after pe, not yet due -> on track; 4: overdue; 5, 6: as recorded.
        assert effective_status(plan, PE).tolist() == [
            "complete", "overdue", "on track", "overdue", "at risk", "not started",
        ]  # fmt: skip


class TestActionStatusTable:
    def test_counts_by_priority_area_and_status(self):
        plan = actions(
            {"priority_area": 1, "status": "on track"},
            {"priority_area": 1, "status": "at risk"},
            {"priority_area": 3, "status": "on track", "due_date": "2006-06-01"},
        )
        table = action_status_table(plan, PERIOD).set_index("priority_area")
        assert table.loc[1, ["on track", "at risk", "total"]].tolist() == [1, 1, 2]
        assert table.loc[3, ["overdue", "total"]].tolist() == [1, 1]
        assert table.loc[5, "total"] == 0
        assert list(table.index) == [1, 2, 3, 4, 5]


class TestAllActionsOnTrack:
    def test_complete_on_track_and_not_started_count(self):
        plan = actions(
            {"status": "complete", "completed_date": "2006-05-01"},
            {"status": "not started"},
            {"status": "on track"},
        )
        assert all_actions_on_track(plan, PERIOD)

    def test_one_at_risk_breaks_it(self):
        assert not all_actions_on_track(actions({}, {"status": "at risk"}), PERIOD)

    def test_no_actions_is_not_all_on_track(self):
        assert not all_actions_on_track(actions(), PERIOD)


class TestKeyAchievements:
    def test_completed_in_period_ordered_with_achievement_or_action(self):
        done = {"status": "complete"}
        plan = actions(
            {**done, "action_id": "A9", "completed_date": "2006-05-01", "achievement": "Toolkit"},
            {**done, "action_id": "A2", "completed_date": "2006-05-01", "action": "Run forum"},
            {**done, "action_id": "A1", "completed_date": "2006-04-01", "achievement": " "},
            {**done, "action_id": "A3", "completed_date": "2006-03-31"},  # before ps
            {**done, "action_id": "A4", "completed_date": "2006-10-01"},  # after pe
        )
        result = key_achievements(plan, PERIOD)
        assert result["action_id"].tolist() == ["A1", "A2", "A9"]
        assert result["text"].tolist() == ["An action", "Run forum", "Toolkit"]
        assert result["completed_date"].iloc[0] == pd.Timestamp("2006-04-01")
