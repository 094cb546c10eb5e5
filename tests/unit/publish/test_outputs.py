"""The run's CSV files: clashes.csv the same whether written at once or from the table handed on."""

from __future__ import annotations

from pipeline.measures.progress import compute_progress
from pipeline.publish.outputs import CLASH_TABLE, write_handed_clashes, write_run_outputs
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
    def test_handed_on_and_written_after_gives_the_same_file(self, tmp_path):
        inputs = clashing_inputs()
        progress = compute_progress(inputs, f.PERIOD)
        at_once, handoff, later = tmp_path / "at_once", tmp_path / "handoff", tmp_path / "later"
        for folder in (at_once, handoff, later):
            folder.mkdir()
        write_run_outputs(inputs, progress, at_once, handoff)
        write_run_outputs(inputs, progress, later, handoff, clashes_csv=False)
        assert not (later / "clashes.csv").exists()
        assert (handoff / CLASH_TABLE).is_file()
        write_handed_clashes(handoff, later)
        text = (later / "clashes.csv").read_text(encoding="utf-8")
        assert text == (at_once / "clashes.csv").read_text(encoding="utf-8")
        assert text.splitlines()[1:] == [
            'ACT-001,A consultation,ACT-002,"Parks, paths and trails",'
            "2006-05-01,2006-05-31,31,Young people,Wath",
            'ACT-002,"Parks, paths and trails",ACT-003,A consultation,'
            "2006-06-21,2006-06-30,10,Young people,Wath",
        ]
