"""The run's CSV files: clashes.csv, longest overlap first, text quoted as a spreadsheet expects."""

from __future__ import annotations

from pipeline.measures.progress import compute_progress
from pipeline.publish.outputs import write_run_outputs
from tests.unit import factories as f


def clashing_inputs():
    # Two pairs: ACT-001 with ACT-002 (31 days in May) and ACT-002 with ACT-003 (10 days).
    return f.make_inputs(
        activities=f.activities(
            {"start_date": "2006-05-01", "end_date": "2006-05-31", "target_groups": "Young people"},
            {
                "title": "Parks, paths and trails",
                "start_date": "2006-05-01",
                "end_date": "2006-06-30",
                "target_groups": "Young people",
            },
            {"start_date": "2006-06-21", "end_date": "2006-07-31", "target_groups": "Young people"},
        )
    )


class TestClashesCsv:
    def test_every_clash_longest_overlap_first(self, tmp_path):
        inputs = clashing_inputs()
        progress = compute_progress(inputs, f.PERIOD)
        run, handoff = tmp_path / "run", tmp_path / "handoff"
        handoff.mkdir()
        write_run_outputs(inputs, progress, run, handoff)
        text = (run / "clashes.csv").read_text(encoding="utf-8")
        assert text.splitlines()[1:] == [
            'ACT-001,A consultation,ACT-002,"Parks, paths and trails",'
            "2006-05-01,2006-05-31,31,Young people,Wath",
            'ACT-002,"Parks, paths and trails",ACT-003,A consultation,'
            "2006-06-21,2006-06-30,10,Young people,Wath",
        ]
        assert (handoff / "run_summary.json").is_file()
