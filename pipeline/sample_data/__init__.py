"""The sample data folder: invented records in the shape of Rotherham MBC's, 2005-2007.

The files follow ``docs/data-contract.md`` and read like a council's extracts taken in early
March 2007 (see ``data/README.md`` for what is real and what is invented). Every random draw
comes from ``numpy.random.default_rng`` seeded with fixed numbers, so a re-run reproduces every
file byte for byte::

    python -m pipeline.sample_data                      # rewrites data/
    python -m pipeline.sample_data --out /tmp/big --scale 100

``scale`` multiplies the activities, training sessions and survey respondents (same
distributions); scale 1 gives the committed ``data/`` files. The reference lists, the targets,
the action plan (``seeds/action_plan.csv``) and the three deliberately broken register rows do
not scale.

Modules, by what they build: ``reference`` (reference lists, population, targets,
report.toml), ``activities`` (the register, with ``activity_vocabulary``), ``decisions`` (the
committee system's export of the decisions the register informs), ``actions`` (the action
plan), ``training`` (the training log), ``surveys`` (the survey deliveries); ``common`` holds
the random streams, date helpers and the CSV writer. The package imports nothing from the
rest of the pipeline but ``pipeline.spec``.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.sample_data.actions import build_action_plan
from pipeline.sample_data.activities import build_activity_register
from pipeline.sample_data.common import write_csv
from pipeline.sample_data.decisions import build_decisions
from pipeline.sample_data.partnership import write_partnership
from pipeline.sample_data.reference import write_reference
from pipeline.sample_data.surveys import (
    build_evaluation_forms,
    build_quality_of_life,
    build_reach_in,
)
from pipeline.sample_data.training import build_training_log

__all__ = ["DEFAULT_OUT", "generate"]

# the repository's data/ folder (the default of ``make sample-data``)
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data"


def generate(out: Path = DEFAULT_OUT, scale: int = 1) -> dict[str, int]:
    """Write the whole sample data folder into ``out``; return the data rows written per file.

    Raises ``ValueError`` when ``scale`` is below 1. Files already in ``out`` with the same
    names are overwritten; other files are left alone.
    """
    if scale < 1:
        msg = f"--scale must be a whole number of at least 1, not {scale}"
        raise ValueError(msg)
    out = Path(out)
    counts = write_reference(out)
    register, end = build_activity_register(scale)
    files = {
        "activity_register.csv": register,
        "action_plan.csv": build_action_plan(),
        "training_log.csv": build_training_log(scale),
        "decisions.csv": build_decisions(register),
        "surveys/qol_2006.csv": build_quality_of_life(scale),
        **{f"surveys/{name}": wave for name, wave in build_reach_in(scale).items()},
        "surveys/evaluation_forms.csv": build_evaluation_forms(register, end),
    }
    for name, frame in files.items():
        write_csv(frame, out / name)
        counts[name] = len(frame)
    counts |= write_partnership(out, scale)
    return counts
