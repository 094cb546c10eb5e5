"""The framework's action plan, as the leads recorded it in early March 2007.

The 36 actions are hand-written, not drawn: they live in ``seeds/action_plan.csv`` (edit that
file to change them) and are written to the data folder unchanged, whatever the scale.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

from pipeline.spec.contract import ACTION_PLAN, ACTION_STATUSES

SEED_FILE = "action_plan.csv"


def build_action_plan() -> pd.DataFrame:
    """The action plan from the seed file, every cell as text (empty for blank)."""
    seed = resources.files(__package__) / "seeds" / SEED_FILE
    with seed.open("r", encoding="utf-8", newline="") as handle:
        actions = pd.read_csv(handle, dtype=str, keep_default_na=False)
    expected = [column.name for column in ACTION_PLAN.columns]
    if list(actions.columns) != expected:
        msg = f"seeds/{SEED_FILE} must have the columns {expected}, not {list(actions.columns)}"
        raise ValueError(msg)
    unknown = sorted(set(actions["status"]) - set(ACTION_STATUSES))
    if unknown:
        msg = f"seeds/{SEED_FILE} has statuses the contract does not allow: {unknown}"
        raise ValueError(msg)
    return actions.astype(object)
