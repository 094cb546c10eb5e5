"""``python -m pipeline.bench floor WORK DATA PERIOD TIMINGS_JSON``: one run of the floor."""

import json
import logging
import sys
from pathlib import Path

from pipeline.bench.floor import run_floor

if __name__ == "__main__":
    if len(sys.argv) != 6 or sys.argv[1] != "floor":
        sys.exit("usage: python -m pipeline.bench floor WORK DATA PERIOD TIMINGS_JSON")
    logging.basicConfig(level=logging.WARNING)
    work, data_dir, period, timings = sys.argv[2:]
    stages = run_floor(Path(work), Path(data_dir), period)
    Path(timings).write_text(json.dumps(stages), encoding="utf-8")
