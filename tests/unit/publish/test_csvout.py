import pandas as pd

from pipeline.publish.csvout import plain_number, to_csv_text


class TestPlainNumber:
    def test_small_float_not_in_exponent_form(self):
        assert plain_number(1e-7) == "0.0000001"

    def test_full_precision_kept(self):
        assert plain_number(2 / 3) == "0.6666666666666666"

    def test_whole_float_has_no_trailing_point(self):
        assert plain_number(80.0) == "80"

    def test_missing_is_empty(self):
        assert plain_number(float("nan")) == ""
        assert plain_number(None) == ""


class TestToCsvText:
    def test_formula_cells_neutralised(self):
        frame = pd.DataFrame({"title": ["=HYPERLINK(1)", "+1", "-2", "@SUM", "Plain"]})
        lines = to_csv_text(frame).splitlines()
        assert lines == ["title", "'=HYPERLINK(1)", "'+1", "'-2", "'@SUM", "Plain"]

    def test_numbers_left_as_numbers(self):
        frame = pd.DataFrame({"value": [-1.5, 2.0]})
        assert to_csv_text(frame, numeric=("value",)).splitlines() == ["value", "-1.5", "2"]

    def test_integer_column_with_gaps(self):
        frame = pd.DataFrame({"row": pd.array([2, None], dtype="Int64"), "file": ["a", "b"]})
        assert to_csv_text(frame, numeric=("row",)).splitlines() == ["row,file", "2,a", ",b"]


class TestChunkedColumns:
    def test_columns_stacked_from_several_frames_are_written_whole(self):
        # pd.concat keeps each part's Arrow chunk: the writer must read them all.
        parts = [pd.DataFrame({"a": ["x,1", "y"], "b": ["p", 'q"r']}) for _ in range(2)]
        frame = pd.concat(parts, ignore_index=True)
        assert to_csv_text(frame).splitlines() == [
            "a,b",
            '"x,1",p',
            'y,"q""r"',
            '"x,1",p',
            'y,"q""r"',
        ]


class TestWriteCsvInSlices:
    def test_sliced_file_equals_the_whole_text(self, tmp_path, monkeypatch):
        import pipeline.publish.csvout as csvout

        monkeypatch.setattr(csvout, "ROWS_PER_SLICE", 2)
        frame = pd.DataFrame({"a": ["=x", "b,c", "d", "e", "f"], "n": [1, 2, 3, 4, 5]})
        csvout.write_csv(frame, tmp_path / "out.csv", numeric=("n",))
        written = (tmp_path / "out.csv").read_text(encoding="utf-8")
        assert written.splitlines() == ["a,n", "'=x,1", '"b,c",2', "d,3", "e,4", "f,5"]

    def test_single_column_slices_keep_one_header(self, tmp_path, monkeypatch):
        import pipeline.publish.csvout as csvout

        monkeypatch.setattr(csvout, "ROWS_PER_SLICE", 2)
        frame = pd.DataFrame({"a": ["x", "y", "z"]})
        csvout.write_csv(frame, tmp_path / "out.csv")
        assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines() == [
            "a",
            "x",
            "y",
            "z",
        ]

    def test_empty_frame_is_its_header(self, tmp_path):
        from pipeline.publish.csvout import write_csv

        write_csv(pd.DataFrame({"a": [], "b": []}), tmp_path / "out.csv")
        assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "a,b\n"


class TestRepeatedValuesWordedOnce:
    def test_each_kind_of_column_reads_as_it_does_unrepeated(self):
        # Enough repeats that every column is worded once per distinct value.
        frame = pd.DataFrame(
            {
                "id": pd.array(["A", "=B", None, "A", "A", "=B"], dtype="string"),
                "title": ["Parks, paths", 'The "Hub"', "Plain", "Parks, paths", "Plain", "Plain"],
                "day": pd.to_datetime(["2006-04-01", None] + ["2006-04-01"] * 2 + [None] * 2),
                "n": pd.array([3, 3, None, 3, 4, 4], dtype="Int64"),
                "flag": [True, False, True, True, True, True],
            }
        )
        assert to_csv_text(frame, numeric=("n",)).splitlines() == [
            "id,title,day,n,flag",
            'A,"Parks, paths",2006-04-01,3,True',
            '\'=B,"The ""Hub""",,3,False',
            ",Plain,2006-04-01,,True",
            'A,"Parks, paths",2006-04-01,3,True',
            "A,Plain,,4,True",
            "'=B,Plain,,4,True",
        ]

    def test_equal_values_of_different_text_kept_apart(self):
        # 1, 1.0 and True are equal to Python but read differently; so do 0.0 and -0.0.
        frame = pd.DataFrame(
            {"a": pd.array([1, 1.0, True, 1, 1.0, True], dtype=object), "v": [0.0, -0.0] * 3}
        )
        assert to_csv_text(frame, numeric=("v",)).splitlines() == [
            "a,v",
            "1,0",
            "1.0,-0",
            "True,0",
            "1,-0",
            "1.0,0",
            "True,-0",
        ]
