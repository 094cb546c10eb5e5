"""What each indicator's value says, in a clause a councillor reads without its code.

The summary and the risks write an indicator's finding against its target or limit:
"55% of the activities that closed told participants the outcome within 12 weeks, against a
target of 70%". ``{value}`` stands for the value as the scorecard shows it. A test holds that
every indicator of the registry has one; an indicator without one would read "<name>: <value>".
"""

from __future__ import annotations

from pipeline.spec.thresholds import (
    ADVANCE_NOTICE_DAYS,
    FEEDBACK_DAYS,
    FULL_CONSULTATION_DAYS,
    weeks,
)

FINDINGS: dict[str, str] = {
    "PA1.1": "{value} of the activities started were entered on the register at least "
    f"{weeks(ADVANCE_NOTICE_DAYS)} weeks before they started",
    "PA1.2": "{value} of the activities started named the decision they inform",
    "PA1.3": "{value} of the formal consultations started ran for the full "
    f"{weeks(FULL_CONSULTATION_DAYS)} weeks",
    "PA1.4": "{value} pairs of activities clashed (at the same time, in the same area, for the "
    "same community)",
    "PA2.1": "staff training had {value} attendances",
    "PA2.2": "councillors' training had {value} attendances",
    "PA2.3": "staff training reached {value} of the programme areas",
    "PA2.4": "{value} of staff surveyed knew of the framework and its toolkit",
    "PA3.1": "activities reached {value} of the communities of interest",
    "PA3.2": "activities reached {value} of the area assemblies",
    "PA3.3": "the group least represented among residents answering the survey answered at "
    "{value} times its share of the population",
    "PA4.1": "{value} of the activities that closed told participants the outcome within "
    f"{weeks(FEEDBACK_DAYS)} weeks",
    "PA4.2": "{value} of the activities whose results were due had published them",
    "PA4.3": "{value} of the decisions consulted on were changed or informed by the results",
    "PA4.4": "{value} of the decisions checked were taken after the consultation closed and "
    "its results were published",
    "PA5.1": "{value} of the activities that closed were evaluated",
    "PA5.2": "{value} of residents were satisfied with the way the council consults",
    "PA5.3": "{value} of residents felt they could influence decisions in their area",
    "PA5.4": "{value} of participants were satisfied with the activity they took part in",
}
