"""The register's ``you_said`` and ``we_did`` text, for the "we asked, you said, we did" page.

Written for part of the closed activities whose results were published, as a council's
officers would write it: a plain sentence or two on what people said and on what the council
did. Drawn from its own random stream (``rng_for(6)``) after the register is complete, so that
adding it changed no other value of any file. ``we_did`` agrees with the recorded ``influence``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.sample_data.common import rng_for

SHARE_SAID = 0.55  # closed activities with published results that say what people said
SHARE_DID = 0.8  # of those, the share that also say what the council did

YOU_SAID = (
    "Most of you supported the proposals, but many wanted more say over how they are put "
    "into practice.",
    "You told us that information was hard to find, and asked for it in plain English and in "
    "community languages.",
    "You asked us to hold meetings at times and places that suit working people and parents.",
    "Many of you were worried about the cost, and asked for any changes to be phased in.",
    "Getting there without a car is difficult, you said, and you asked for sessions closer "
    "to home.",
    "Most of you said the service had improved, but that waiting times were still too long.",
    "You wanted us to work more closely with local groups and to keep you informed as the "
    "plans develop.",
    'Many of you said the "one-stop shop" idea was right, but that it must be easy to reach '
    "by bus.",
    "Many of you asked for a named person to contact rather than a call centre.",
    "You asked for the plans to be explained at local venues, not only online.",
)
# by the recorded influence: changed, informed, no change, pending, none recorded
WE_DID = {
    "changed": (
        "We changed the proposals before the decision was taken, taking up the main points "
        "you raised.",
        "We are phasing the changes in over two years, as many of you asked.",
        "We added evening and weekend sessions, and published a plain-English summary in five "
        "community languages.",
    ),
    "informed": (
        "Your views went to councillors with the proposals and shaped the final plan.",
        "We used what you told us to set the priorities in the final strategy.",
        "The report to Cabinet set out your views beside each option.",
    ),
    "no change": (
        "The decision was taken as proposed. We wrote to everyone who took part to explain why.",
        "Councillors kept the original proposal because of its cost; the reasons are in the "
        "published report.",
    ),
    "pending": (
        "Your views will go to councillors before the decision is taken.",
        "We are still weighing up the options and will tell you when the decision is made.",
    ),
    "": (
        "We shared a summary of your views with the managers of the services concerned.",
        "We published a summary of what you told us and sent it to the groups that took part.",
    ),
}


def _choose(options: tuple[str, ...], draws: np.ndarray) -> np.ndarray:
    return np.array(options, dtype=object)[np.floor(draws * len(options)).astype(int)]


def add_you_said_we_did(register: pd.DataFrame) -> pd.DataFrame:
    """The register with ``you_said`` and ``we_did`` added as its last columns."""
    rng = rng_for(6)
    n = len(register)
    said_draw, did_draw, said_pick, did_pick = (rng.random(n) for _ in range(4))
    published = (register["status"].to_numpy() == "closed") & (
        register["results_published_date"].to_numpy() != ""
    )
    said = published & (said_draw < SHARE_SAID)
    did = said & (did_draw < SHARE_DID)
    influence = register["influence"].to_numpy()
    we_did = np.full(n, "", dtype=object)
    for value, options in WE_DID.items():  # five kinds of influence, not rows
        rows = did & (influence == value)
        we_did = np.where(rows, _choose(options, did_pick), we_did)
    return register.assign(
        you_said=np.where(said, _choose(YOU_SAID, said_pick), ""),
        we_did=we_did,
    )
