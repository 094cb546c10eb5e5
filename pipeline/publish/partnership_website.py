"""The partnership's web pages: the joint forward plan and "we asked, you said, we did".

The council's pages (:mod:`pipeline.publish.web_pages`) written over every partner's activities,
in the partnership's name. Each entry's title names the organisation that leads it, so an entry
reads "Hate crime reporting survey (South Yorkshire Police)", and the forward plan's clash flag
names the other entry's organisation with its title.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.ingest.partnership import PartnershipInputs
from pipeline.publish.web_pages import Site, write_website
from pipeline.spec.period import Period

INPUTS_FOLDER = "inputs"  # where the partnership's ingest notebook saved the inputs


def write_partnership_website(handoff: Path, run_dir: Path, period: Period) -> Path:
    """Write ``website/`` into ``run_dir`` from the inputs saved in ``handoff``."""
    partnership = PartnershipInputs.load(handoff / INPUTS_FOLDER)
    inputs = partnership.inputs
    activities = inputs.activities
    named = activities.assign(title=activities["title"] + " (" + activities["organisation"] + ")")
    settings = replace(inputs.settings, organisation=partnership.settings.name)
    site = Site.of(replace(inputs, activities=named, settings=settings), period)
    return write_website(site, run_dir)
