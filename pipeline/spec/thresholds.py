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

SMALLEST_BREAKDOWN = 10
"""A survey breakdown whose respondents number from 1 to ``SMALLEST_BREAKDOWN - 1`` in all is
not shown at all, nor is its total: its cells would describe the few people in it."""

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

LARGEST_NUMBER = 10**12
"""The largest count, cost, weight or population read (a million million, more than any
council's records hold): a larger one is a typing or export error, set aside. A million rows
of such numbers still add up within the 64-bit whole numbers counts are kept in."""
COMING_MONTHS = 6
"""The action plan's "What comes next": the actions not complete that fall due in this many
months after the period end."""

DECIDED_EARLY_SHOWN = 10
"""The paper lists this many of the most recent activities decided early (PA4.4);
decided_early.csv holds all."""

CLASHES_SHOWN = 10
"""The paper lists this many of the longest coordination clashes; clashes.csv holds all."""


def breakdown_withheld(total: int) -> bool:
    """Whether a survey breakdown of ``total`` respondents in all is too small to show at all."""
    return 1 <= total < SMALLEST_BREAKDOWN


def weeks(days: int) -> int:
    """Whole weeks in ``days``, for prose: 84 days are 12 weeks."""
    return days // 7
