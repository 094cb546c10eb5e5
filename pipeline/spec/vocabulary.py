"""The words the paper, the code and the tests share: ratings, directions, statuses, units.

Each is a :class:`~enum.StrEnum`, so a member is also its text (``Rating.GREEN == "Green"``)
and a frame column of them reads and saves as plain text.
"""

from __future__ import annotations

from enum import StrEnum


class Rating(StrEnum):
    """An indicator's or a priority area's rating against its target."""

    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"
    NO_RATING = "No rating"

    @property
    def symbol(self) -> str:
        """Shown beside the word, so that a rating never rests on colour alone."""
        return {"Green": "✔", "Amber": "▲", "Red": "✖", "No rating": "○"}[self.value]

    @property
    def css(self) -> str:
        return {"No rating": "rating-none"}.get(self.value, f"rating-{self.value.lower()}")


class Direction(StrEnum):
    """Direction of travel against the previous period."""

    IMPROVING = "Improving"
    WORSENING = "Worsening"
    NO_CHANGE = "No change"
    NOT_COMPARABLE = "Not comparable"

    @property
    def symbol(self) -> str:
        return {"Improving": "↑", "Worsening": "↓", "No change": "→", "Not comparable": "–"}[
            self.value
        ]


class ActionStatus(StrEnum):
    """An action's effective status as at the period end (the recorded ones, and overdue)."""

    COMPLETE = "complete"
    ON_TRACK = "on track"
    NOT_STARTED = "not started"
    AT_RISK = "at risk"
    OVERDUE = "overdue"


# The order of the action plan table's columns.
EFFECTIVE_STATUSES = tuple(ActionStatus)
# For the committee, "on track" means complete, on track or not started (not yet due).
ON_TRACK_FOR_COMMITTEE = (ActionStatus.COMPLETE, ActionStatus.ON_TRACK, ActionStatus.NOT_STARTED)


class Unit(StrEnum):
    """How an indicator's value is expressed."""

    PERCENT = "%"
    COUNT = "count"
    RATIO = "ratio"

    @property
    def label(self) -> str:
        return {"%": "Percentage", "count": "Count", "ratio": "Ratio"}[self.value]


class Better(StrEnum):
    """Which way an indicator improves."""

    HIGHER = "higher"
    LOWER = "lower"


PRIORITY_AREA_NAMES: dict[int, str] = {
    1: "Quality, effectiveness and coordination",
    2: "Awareness, training and support",
    3: "All communities involved",
    4: "Consultation shapes services and policies",
    5: "Performance management",
}
"""The framework's five priority areas, as the paper names them."""

DIMENSION_LABELS = {
    "age_band": "Age",
    "sex": "Sex",
    "ethnic_group": "Ethnic group",
    "disability": "Disability",
    "area_assembly": "Area Assembly",
}
"""The population dimensions as a reader names them."""
