"""What the register records about each activity besides its subject and dates.

The decision it informs, the communities it targets, its size and cost, and what happened
after it (results, feedback, influence, evaluation). Each function draws from the register's
stream for all rows at once; ``activities.build_activity_register`` calls them in a fixed order.
"""

from __future__ import annotations

import numpy as np

from pipeline.sample_data.activity_vocabulary import COST, FOCUS, PARTICIPANTS
from pipeline.sample_data.common import EXTRACT, NAT, ints, log_uniform, padded, pick, year_of
from pipeline.sample_data.reference import COMMUNITIES

INFLUENCE_NAMES = np.array(["changed", "informed", "no change", "pending", ""], dtype=object)


def decisions(
    rng: np.random.Generator, start: np.ndarray, consultation: np.ndarray, current: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Whether each activity informs a decision, and its forward-plan or Cabinet reference."""
    n = len(start)
    has_decision = rng.random(n) < np.where(
        consultation, np.where(current, 0.86, 0.72), np.where(current, 0.52, 0.40)
    )
    year = year_of(start).astype(str)
    number = 1 + np.floor(rng.random(n) * 140).astype(int)
    forward_plan = np.char.add(np.char.add(np.char.add("FP/", year), "/"), padded(number, 3))
    minute = np.char.add(
        np.char.add(np.char.add("Cabinet minute ", year), "/"), (number + 20).astype(str)
    )
    decision = np.where(rng.random(n) < 0.65, forward_plan, minute).astype(object)
    return has_decision, np.where(has_decision, decision, "")


def target_groups(rng: np.random.Generator, natural: np.ndarray) -> np.ndarray:
    """``;``-separated communities: the topic's own one mostly, a few others at random."""
    n = len(natural)
    member = np.zeros((n, len(COMMUNITIES)), dtype=bool)
    has_natural = natural >= 0
    keep_natural = has_natural & (rng.random(n) < 0.62)
    member[np.flatnonzero(keep_natural), natural[keep_natural]] = True
    # a few general activities reach out to one or two communities
    extra = rng.random(n)
    first = pick(rng, [5, 4, 3, 3, 2, 1, 3], n)
    second = pick(rng, [5, 4, 3, 3, 2, 1, 3], n)
    add_first = np.where(has_natural, extra < 0.06, extra < 0.045)
    add_second = add_first & (rng.random(n) < 0.25)
    member[np.flatnonzero(add_first), first[add_first]] = True
    member[np.flatnonzero(add_second), second[add_second]] = True
    names = np.array(COMMUNITIES, dtype=object)
    joined = np.full(n, "", dtype=object)
    for index in range(len(COMMUNITIES)):  # columns, not rows
        sep = np.where(joined == "", "", "; ")
        joined = np.where(member[:, index], joined + sep + names[index], joined)
    return joined


def size_and_cost(
    rng: np.random.Generator, method: np.ndarray, status: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Participants and direct cost as text, often blank, blank when cancelled or planned."""
    n = len(method)
    closed = status == "closed"
    took_place = closed | (status == "live")
    participants = log_uniform(rng, PARTICIPANTS[method])
    keep_participants = took_place & (rng.random(n) < np.where(closed, 0.9, 0.45))
    cost = log_uniform(rng, COST[method])
    cost = np.where(cost > 1000, np.round(cost / 50) * 50, np.round(cost / 5) * 5)
    keep_cost = (took_place | (rng.random(n) < 0.3)) & (rng.random(n) < 0.75)
    keep_cost &= status != "cancelled"
    return ints(participants, keep_participants), ints(cost, keep_cost)


def results_and_feedback(
    rng: np.random.Generator, end: np.ndarray, closed: np.ndarray, current: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """When results were published and feedback given, as known at the extract date."""
    n = len(end)
    published = closed & (rng.random(n) < np.where(current, 0.80, 0.70))
    results = np.where(published, end + 7 + np.floor(rng.random(n) * 63).astype(np.int64), NAT)
    results = np.where(results <= EXTRACT, results, NAT)
    fed_back = closed & (rng.random(n) < np.where(current, 0.62, 0.52))
    on_time = rng.random(n) < 0.78
    delay = np.where(on_time, 10 + np.floor(rng.random(n) * 74), 85 + np.floor(rng.random(n) * 70))
    feedback = np.where(fed_back, end + delay.astype(np.int64), NAT)
    return results, np.where(feedback <= EXTRACT, feedback, NAT)


def influence_and_evaluated(
    rng: np.random.Generator,
    method: np.ndarray,
    status: np.ndarray,
    has_decision: np.ndarray,
    current: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The recorded influence on the decision, and whether the activity was evaluated."""
    n = len(method)
    closed = status == "closed"
    decided = INFLUENCE_NAMES[pick(rng, [22, 52, 12, 10, 4], n)]
    other = INFLUENCE_NAMES[pick(rng, [0, 30, 5, 15, 50], n)]
    influence = np.where(has_decision, decided, other)
    pending = np.where(has_decision & (rng.random(n) < 0.6), "pending", "")
    influence = np.where(closed, influence, np.where(status == "live", pending, ""))
    evaluated_p = np.where(method >= FOCUS, 0.55, 0.30) * np.where(current, 1.0, 0.75)
    evaluated = closed & (rng.random(n) < evaluated_p)
    evaluated_text = np.where(evaluated, "yes", np.where(closed & (rng.random(n) < 0.5), "no", ""))
    return influence, evaluated_text
