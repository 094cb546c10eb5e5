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


class TestDecidedEarlyCsv:
    def test_every_activity_decided_early_with_iso_dates_and_safe_cells(self, tmp_path):
        from tests.unit.measures.test_decisions import DECISIONS, REGISTER

        register = REGISTER.copy()
        register.loc[4, "title"] = "=HYPERLINK(x)"  # activity 5, decided before the results
        inputs = f.make_inputs(activities=register, decisions=DECISIONS)
        write_run_outputs(inputs, compute_progress(inputs, f.PERIOD), tmp_path, tmp_path)
        assert (tmp_path / "decided_early.csv").read_text(encoding="utf-8").splitlines() == [
            "activity_id,title,end_date,results_published_date,decision_ref,decision_date,"
            "decision_maker,reason",
            "ACT-005,'=HYPERLINK(x),2006-06-30,,D5,2006-08-01,Planning Board,before the results",
            "ACT-003,A consultation,2006-06-30,2006-07-15,D3,2006-07-14,"
            "Cabinet Member for Neighbourhoods,before the results",
            "ACT-004,A consultation,2006-06-30,2006-07-15,D4,2006-06-29,Cabinet,before closing",
        ]

    def test_a_header_alone_without_a_list_of_decisions(self, tmp_path):
        inputs = clashing_inputs()
        write_run_outputs(inputs, compute_progress(inputs, f.PERIOD), tmp_path, tmp_path)
        assert (tmp_path / "decided_early.csv").read_text(encoding="utf-8") == (
            "activity_id,title,end_date,results_published_date,decision_ref,decision_date,"
            "decision_maker,reason\n"
        )
