"""The paper's sections: each a template (``<name>.html.j2``) beside the small function that
gives it its context (``<name>.py``), in the order the paper prints them."""

SECTIONS = (
    "header",
    "summary",
    "recommendations",
    "scorecard",
    "action_plan",
    "achievements",
    "activity",
    "who_took_part",
    "what_people_said",
    "finance",
    "risks",
    "implications",
    "background",
    "appendix_definitions",
    "appendix_data_quality",
    "appendix_provenance",
    "appendix_who_took_part",
)
