"""The benchmark's machinery on tiny inputs (the benchmark itself is `make bench`, not a test)."""

from __future__ import annotations

import json
import sys

import pytest

from pipeline.bench import bench, floor
from pipeline.bench import table as bench_table
from pipeline.bench.table import Measurement, Series


def _notebook() -> dict:
    return {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
            {
                "cell_type": "code",
                "metadata": {"tags": ["parameters"]},
                "source": "period = None",
                "outputs": [],
                "execution_count": None,
            },
            {
                "cell_type": "code",
                "metadata": {},
                "source": "import pandas",
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "x"}],
                "execution_count": 3,
            },
        ],
        "metadata": {"title": "kept"},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


class TestEmptyNotebook:
    def test_code_cells_emptied_markdown_and_tags_kept(self):
        emptied = floor.empty_notebook(_notebook())
        markdown, parameters, code = emptied["cells"]
        assert markdown["source"] == "# Title"
        assert parameters["source"] == ""
        assert parameters["metadata"]["tags"] == ["parameters"]
        assert code["source"] == ""
        assert code["outputs"] == []
        assert code["execution_count"] is None
        assert emptied["metadata"] == {"title": "kept"}

    def test_original_unchanged(self):
        original = _notebook()
        floor.empty_notebook(original)
        assert original["cells"][2]["source"] == "import pandas"


class TestWriteFloorNotebooks:
    def test_every_notebook_copied_empty(self, tmp_path):
        source = tmp_path / "notebooks"
        source.mkdir()
        for name in ("01_a.ipynb", "02_b.ipynb"):
            (source / name).write_text(json.dumps(_notebook()), encoding="utf-8")
        written = floor.write_floor_notebooks(
            tmp_path / "floor", source, ("01_a.ipynb", "02_b.ipynb")
        )
        assert [p.name for p in written] == ["01_a.ipynb", "02_b.ipynb"]
        cells = json.loads(written[0].read_text(encoding="utf-8"))["cells"]
        assert [c["source"] for c in cells] == ["# Title", "", ""]


def _series(name: str, walls: list[float], stages: dict[str, float] | None = None) -> Series:
    return Series(name, runs=[Measurement(w, 100.0 * w, stages or {}) for w in walls])


class TestSummarise:
    def test_medians_and_ratios(self):
        floor = _series("floor", [4.0, 5.0, 100.0])  # median 5
        one = _series("1x", [6.0, 7.5, 9.0], {"pdf": 1.0})  # median 7.5: 1.5 x floor
        one.repeats = [Measurement(0.5, 50.0), Measurement(0.7, 60.0), Measurement(0.6, 55.0)]
        hundred = _series("100x", [15.0, 15.0, 15.0])  # 3 x floor, 2 x 1x
        rows = bench_table.summarise(floor, [one, hundred])
        by_run = {row["run"]: row for row in rows}
        assert by_run["floor"]["wall_s"] == 5.0
        assert by_run["floor"]["x_floor"] == 1.0
        assert by_run["floor"]["x_1x"] is None
        assert by_run["1x"]["x_floor"] == 1.5
        assert by_run["1x"]["pdf_s"] == 1.0
        assert by_run["1x"]["repeat_s"] == 0.6
        assert by_run["1x"]["repeat_peak_mb"] == 55.0
        assert by_run["100x"]["x_1x"] == 2.0
        assert by_run["100x"]["peak_mb"] == 1500.0  # 100 MB per second in _series
        assert by_run["100x"]["repeat_s"] is None

    def test_a_partnership_row_is_compared_with_the_partnership_at_1x(self):
        floor = _series("floor", [5.0])
        rows = bench_table.summarise(
            floor,
            [
                _series("1x", [7.0]),
                _series("partnership 1x", [8.0]),
                _series("partnership 10x", [10.0]),
            ],
        )
        by_run = {row["run"]: row for row in rows}
        assert by_run["partnership 1x"]["x_1x"] == 1.0
        assert by_run["partnership 10x"]["x_1x"] == 1.25  # 10 / 8, not 10 / 7
        assert by_run["partnership 10x"]["x_floor"] == 2.0


class TestTables:
    @pytest.fixture
    def rows(self):
        floor = _series("floor", [5.0])
        one = _series("1x", [7.0])
        one.repeats = [Measurement(2.0, 10.0)]
        return bench_table.summarise(floor, [one, _series("100x", [7.7])])

    def test_targets_met_and_missed(self, rows):
        lines = bench_table.target_lines(rows)
        # 7 / 5 = 1.4 < 1.8: met; 7.7 / 7 = 1.1: met; 770 MB: met; repeat 2.0 s: missed.
        assert lines[0].startswith("- 1x within 1.8x the floor: met")
        assert lines[1].startswith("- 100x within 1.5x the 1x time: met")
        assert lines[2].startswith("- 100x peak memory under 1.5 GB: met")
        assert lines[3].startswith("- repeat run under 1 s (1x): MISSED")

    def test_markdown_has_one_line_per_run(self, rows):
        text = bench_table.markdown_table(rows, repeats=1, machine="test")
        table = [line for line in text.splitlines() if line.startswith("| ")]
        assert len(table) == 1 + 3  # header and floor, 1x, 100x
        assert table[1].startswith("| floor | 5.00 |")

    def test_csv_header_and_rows(self, rows):
        lines = bench_table.csv_table(rows).splitlines()
        assert lines[0].split(",")[:3] == ["run", "wall_s", "peak_mb"]
        assert lines[2].startswith("1x,7.0,700.0,")


class TestMeasure:
    def test_wall_time_and_memory_of_a_process(self):
        wall, peak = bench.measure([sys.executable, "-c", "import time; time.sleep(0.2)"])
        assert wall >= 0.2
        assert peak > 0

    def test_failure_raises_with_stderr(self):
        with pytest.raises(RuntimeError, match="boom"):
            bench.measure([sys.executable, "-c", "raise SystemExit('boom')"])


class TestEmptySite:
    def test_a_folder_with_no_records_gives_pages_with_no_entries(self, tmp_path):
        from pipeline.paths import DEFAULT_DATA

        site = floor.empty_site(tmp_path, DEFAULT_DATA, bench_table.BENCH_PERIOD)
        assert site.figures.results.entries == ()
        assert site.figures.plan.entries == ()
