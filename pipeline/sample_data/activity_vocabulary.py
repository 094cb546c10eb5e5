"""The activity register's vocabulary: topics, partners, standing groups and the methods' ranges.

Indices (``CE``, ``OLDER``, ``POSTAL``...) point into ``reference.PROGRAMME_AREAS``,
``reference.COMMUNITIES`` and ``pipeline.spec.contract.METHODS``; ``-1`` means none.
"""

from __future__ import annotations

import numpy as np

from pipeline.sample_data.reference import (
    ADULT,
    BME,
    CARERS,
    CE,
    CORP,
    CYPS,
    DISABLED,
    EDS,
    FAITH,
    FIN,
    LGB,
    NBH,
    OLDER,
    YOUNG,
)

# (programme area, topic, community the topic is about or -1)
TOPICS = (
    (CE, "Community Strategy refresh", -1),
    (CE, "Corporate Plan priorities", -1),
    (CE, "Local Area Agreement priorities", -1),
    (CE, "Council budget priorities", -1),
    (CE, "Corporate Equality Scheme", BME),
    (CE, "Community cohesion", FAITH),
    (CE, "Parish Charter", -1),
    (CE, "Area Assembly community plans", -1),
    (CE, "Race Equality Scheme review", BME),
    (CE, "Sexual orientation equality", LGB),
    (CYPS, "Children and Young People's Plan", YOUNG),
    (CYPS, "Youth service review", YOUNG),
    (CYPS, "School admissions arrangements", -1),
    (CYPS, "Play strategy", YOUNG),
    (CYPS, "Building Schools for the Future", -1),
    (CYPS, "Extended schools", -1),
    (CYPS, "Children's centres", -1),
    (CYPS, "Special educational needs provision", DISABLED),
    (CYPS, "Home to school transport policy", -1),
    (CYPS, "Young carers support", CARERS),
    (EDS, "Rotherham Local Transport Plan 2006-11", -1),
    (EDS, "Town centre masterplan", -1),
    (EDS, "Rotherham Renaissance", -1),
    (EDS, "Local Development Framework core strategy", -1),
    (EDS, "Statement of Community Involvement", -1),
    (EDS, "Waste collection and recycling", -1),
    (EDS, "Parks and green spaces strategy", -1),
    (EDS, "Library opening hours", -1),
    (EDS, "Cultural strategy", -1),
    (EDS, "Road safety schemes", YOUNG),
    (EDS, "Conservation area appraisal", -1),
    (EDS, "Highway maintenance priorities", -1),
    (EDS, "Sports and leisure facilities review", -1),
    (EDS, "Accessible bus services", DISABLED),
    (NBH, "Housing allocations policy review", -1),
    (NBH, "Decent Homes programme", -1),
    (NBH, "Tenant participation compact", -1),
    (NBH, "Anti-social behaviour strategy", -1),
    (NBH, "Neighbourhood renewal priorities", -1),
    (NBH, "Housing market renewal", -1),
    (NBH, "Homelessness strategy", -1),
    (NBH, "Estate improvement priorities", -1),
    (NBH, "Sheltered housing review", OLDER),
    (NBH, "Private sector housing renewal", -1),
    (NBH, "Gypsy and Traveller accommodation", BME),
    (ADULT, "Older people's services strategy", OLDER),
    (ADULT, "Home care review", OLDER),
    (ADULT, "Carers' strategy", CARERS),
    (ADULT, "Day services modernisation", DISABLED),
    (ADULT, "Learning disability services", DISABLED),
    (ADULT, "Supporting People strategy", -1),
    (ADULT, "Direct payments", DISABLED),
    (ADULT, "Mental health services", -1),
    (ADULT, "Intermediate care", OLDER),
    (FIN, "Council Tax and budget", -1),
    (FIN, "Benefits take-up", -1),
    (FIN, "Revenues and benefits customer service", -1),
    (FIN, "Procurement strategy", -1),
    (CORP, "Customer Access Strategy", -1),
    (CORP, "Customer Charters", -1),
    (CORP, "Council website review", -1),
    (CORP, "Customer service centres", -1),
    (CORP, "Disability Equality Scheme", DISABLED),
    (CORP, "Council newspaper readership", -1),
)
PARTNERS = ("South Yorkshire Police", "Rotherham PCT", "Voluntary Action Rotherham")
PARTNER_AREA = (NBH, ADULT, CE)
PARTNER_TOPICS = (
    (0, "Neighbourhood policing priorities", -1),
    (0, "Partners and Communities Together priorities", -1),
    (0, "Hate crime reporting", BME),
    (0, "Safer Neighbourhoods", YOUNG),
    (1, "Community health centre plans", -1),
    (1, "Access to GP services", -1),
    (1, "Stop smoking services", -1),
    (1, "Patient and public involvement", OLDER),
    (2, "Voluntary sector Compact", -1),
    (2, "Community Empowerment Network", -1),
    (2, "Volunteering strategy", -1),
)
# Standing groups that meet as forums: (name, community or -1, programme area, from, else name)
FORUM_GROUPS = (
    ("Older People's Forum", OLDER, ADULT, "2006-10-01", "Older people's reference group"),
    ("Disability Network", DISABLED, ADULT, "2007-04-01", "Disability consultative group"),
    ("Youth Cabinet", YOUNG, CYPS, "2005-01-01", ""),
    ("Ethnic minority liaison group", BME, CE, "2005-01-01", ""),
    ("Carers' Forum", CARERS, ADULT, "2005-01-01", ""),
    ("Inter-faith forum", FAITH, CE, "2005-01-01", ""),
    ("LGB community forum", LGB, CE, "2005-01-01", ""),
    ("Tenants' and residents' associations forum", -1, NBH, "2005-01-01", ""),
    ("Parish councils liaison forum", -1, CE, "2005-01-01", ""),
    ("Business forum", -1, EDS, "2005-01-01", ""),
)

(POSTAL, ONLINE, F2F, FOCUS, PUBLIC, FORUM, PANEL, WORKSHOP, DROPIN, ASSEMBLY, OTHER) = range(11)
METHOD_WEIGHTS = np.array([12, 5, 7, 14, 11, 11, 3, 12, 9, 10, 6], dtype=float)
METHOD_PHRASE = (
    "postal survey",
    "online survey",
    "street survey",
    "focus groups",
    "public meeting",
    "",
    "",
    "workshop",
    "drop-in",
    "",
    "consultation",
)
# share of activities that are consultations (the rest are involvement), by method
CONSULTATION_SHARE = np.array([1, 1, 1, 0.8, 0.75, 0.1, 0.7, 0.5, 0.7, 0.15, 0.5])
# participants: (low, high) drawn log-uniformly, by method
PARTICIPANTS = np.array(
    [
        [150, 1400],
        [40, 450],
        [100, 600],
        [6, 16],
        [15, 140],
        [8, 40],
        [350, 900],
        [10, 45],
        [20, 180],
        [25, 90],
        [10, 120],
    ],
    dtype=float,
)
# direct cost in pounds: (low, high) drawn log-uniformly, by method
COST = np.array(
    [
        [1500, 12000],
        [150, 1500],
        [1200, 8000],
        [300, 1800],
        [150, 1200],
        [50, 400],
        [2500, 7000],
        [200, 1500],
        [150, 900],
        [200, 700],
        [100, 2500],
    ],
    dtype=float,
)
# activities starting in each month, 2005-04 .. 2007-07 (scale 1); the last four months are the
# few planned ones the register already holds
MONTHLY_STARTS = (
    *(28, 31, 32, 27, 17, 31, 34, 32, 17, 28, 31, 30),  # 2005-06
    *(30, 33, 35, 29, 19, 34, 36, 34, 18, 31, 33, 31),  # 2006-07
    *(9, 5, 3, 2),  # April to July 2007
)
