"""The partnership run's CSV files and its summary for the manifest.

``standards.csv`` (the columns of ``indicators.csv`` with ``organisation`` first),
``clashes.csv`` and ``duplicates.csv`` (every pair, with both organisations), ``load.csv``
(``area, month, activities, over_limit``) and ``set_aside.csv`` (the council's columns with the
``partner`` first).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.ingest.inputs import SET_ASIDE_COLUMNS
from pipeline.ingest.partnership import PartnershipInputs
from pipeline.measures.duplicates import DUPLICATE_COLUMNS
from pipeline.measures.partnership import CROSS_CLASH_COLUMNS, LOAD_COLUMNS, STANDARDS_COLUMNS
from pipeline.measures.partnership_view import PartnershipFrames, PartnershipView
from pipeline.measures.progress import set_aside_counts
from pipeline.measures.scorecard import NUMERIC_COLUMNS
from pipeline.publish.csvout import write_csv
from pipeline.publish.outputs import write_run_summary


def set_aside_by_partner(set_aside: pd.DataFrame) -> list[dict[str, object]]:
    """Set-aside rows counted by partner and file (as ``dataset``, for the console) and reason."""
    named = set_aside.assign(dataset=set_aside["partner"] + " (" + set_aside["file"] + ")")
    return set_aside_counts(named)


def write_partnership_outputs(
    partnership: PartnershipInputs, frames: PartnershipFrames, run_dir: Path
) -> None:
    """Write the run's CSV files into ``run_dir``."""
    run_dir.mkdir(parents=True, exist_ok=True)
    write_csv(frames.standards[list(STANDARDS_COLUMNS)], run_dir / "standards.csv", NUMERIC_COLUMNS)
    write_csv(frames.clashes[list(CROSS_CLASH_COLUMNS)], run_dir / "clashes.csv", ("overlap_days",))
    write_csv(
        frames.duplicates[list(DUPLICATE_COLUMNS)],
        run_dir / "duplicates.csv",
        ("shared_words", "similarity"),
    )
    load = frames.load[list(LOAD_COLUMNS)]
    # true/false as the booleans of the data contract; empty when there is no limit to be over
    over = load["over_limit"].map({True: "true", False: "false"}, na_action="ignore")
    write_csv(load.assign(over_limit=over.fillna("")), run_dir / "load.csv", ("activities",))
    set_aside = partnership.inputs.set_aside
    write_csv(
        set_aside.loc[:, ["partner", *SET_ASIDE_COLUMNS]], run_dir / "set_aside.csv", ("row",)
    )


def write_summary(partnership: PartnershipInputs, view: PartnershipView, handoff: Path) -> None:
    """What the orchestrator puts in the manifest: the inputs, headline figures, set-aside rows."""
    inputs = partnership.inputs
    headline = {
        "Clashes across partners": str(view.clash_count),
        "Possible duplicates": str(view.duplicate_count),
        "Red standards": str(sum(len(p.red) for p in view.partners)),
    }
    write_run_summary(inputs, headline, set_aside_by_partner(inputs.set_aside), handoff)
