"""Tests for pipeline.ingest.inputs: frames handed on between notebooks come back as they went."""

from __future__ import annotations

import pandas as pd

from pipeline.ingest.inputs import load_frame, save_frame


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "activity_id": pd.Series(["A1", "A2", None], dtype="str"),
            "start_date": pd.to_datetime(["2006-04-03", "2006-05-01", None]),
            "cost": [10.5, None, 3.0],
            "formal": pd.array([True, False, None], dtype="boolean"),
            "area": pd.Categorical(["North", "South", "North"]),
        }
    )


class TestHandOff:
    def test_a_frame_comes_back_with_its_values_and_types(self, tmp_path):
        save_frame(_frame(), tmp_path / "frame.arrow")
        loaded = load_frame(tmp_path / "frame.arrow")
        pd.testing.assert_frame_equal(loaded, _frame())

    def test_only_the_columns_asked_for(self, tmp_path):
        save_frame(_frame(), tmp_path / "frame.arrow")
        loaded = load_frame(tmp_path / "frame.arrow", ("cost", "activity_id"))
        assert list(loaded.columns) == ["cost", "activity_id"]
        assert loaded["cost"].iloc[0] == 10.5

    def test_a_frame_read_from_the_file_can_be_changed_without_changing_the_file(self, tmp_path):
        save_frame(_frame(), tmp_path / "frame.arrow")
        before = (tmp_path / "frame.arrow").read_bytes()
        loaded = load_frame(tmp_path / "frame.arrow")
        loaded.loc[0, "cost"] = 99.0
        loaded["start_date"] = loaded["start_date"] + pd.Timedelta(days=1)
        assert loaded.loc[0, "cost"] == 99.0
        assert (tmp_path / "frame.arrow").read_bytes() == before
        assert load_frame(tmp_path / "frame.arrow").loc[0, "cost"] == 10.5

    def test_the_frame_outlives_its_file(self, tmp_path):
        # The work folder is cleared at the end of a run while frames read from it may live on.
        save_frame(_frame(), tmp_path / "frame.arrow")
        loaded = load_frame(tmp_path / "frame.arrow")
        (tmp_path / "frame.arrow").unlink()
        assert loaded["activity_id"].tolist()[:2] == ["A1", "A2"]
