"""Every number the definitions turn on, written once: code, prose and documentation read them.

Changing one here changes the computation, the paper's wording and ``docs/`` together.
"""

from __future__ import annotations

ADVANCE_NOTICE_DAYS = 28
"""PA1.1: an activity is registered in advance when registered at least this many days
before it starts (4 weeks)."""

FULL_CONSULTATION_DAYS = 84
"""PA1.3: a formal consultation runs its full period when it lasts at least this many days,
first and last included (12 weeks)."""

FEEDBACK_DAYS = 84
"""PA4.1: feedback is due this many days after an activity closes (12 weeks)."""

LOW_BASE = 50
"""A survey measure or share based on fewer responses than this is shown as [low], unrated."""

SMALL_ACTIVITY_BASE = 10
"""An activity-based percentage (of S or C) whose denominator is below this is not rated and is
shown as its numerator and denominator ("3 of 7"); its direction of travel is Not comparable
when either period's denominator is below this."""

SHORT_PERIOD_MONTHS = 6
"""The coverage indicators (programme areas, communities and area assemblies reached), whose
targets assume a year's activity, are not rated for a period of fewer months than this."""

SMALLEST_SHOWN = 5
"""Survey counts from 1 to ``SMALLEST_SHOWN - 1`` are suppressed ([c])."""

UNDER_REPRESENTED = 0.8
"""PA3.3: a group whose respondents' share over its population share is below this is
under-represented."""

MIN_EXPECTED = 5
"""PA3.3: a group with fewer respondents expected than this is left out of the ratio."""

Z_95 = 1.96
"""The normal quantile of a two-sided 95% confidence interval."""

PERCENT_POINTS_THRESHOLD = 2.0
"""Direction of travel: a percentage must move by more than this many points to change."""

RATIO_THRESHOLD = 0.05
"""Direction of travel: a ratio must move by more than this to change."""

COUNT_SHARE_THRESHOLD = 0.05
"""Direction of travel: a count must move by more than this share of its previous value
(and by more than 1) to change."""

PRE_ELECTION_DAYS = 42
"""The forward plan: the pre-election period is this many days up to and including polling day
(6 weeks). The forward plan's other flags reuse ``ADVANCE_NOTICE_DAYS`` (late to the register)
and ``FULL_CONSULTATION_DAYS`` (a short formal consultation)."""

COMING_MONTHS = 6
"""The action plan's "What comes next": the actions not complete that fall due in this many
months after the period end."""

DECIDED_EARLY_SHOWN = 10
"""The paper lists this many of the most recent activities decided early (PA4.4);
decided_early.csv holds all."""

CLASHES_SHOWN = 10
"""The paper lists this many of the longest coordination clashes; clashes.csv holds all."""


def weeks(days: int) -> int:
    """Whole weeks in ``days``, for prose: 84 days are 12 weeks."""
    return days // 7
