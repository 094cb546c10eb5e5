import csv
import io

from pipeline.cli import main
from pipeline.indicators import INDICATOR_COLUMNS


class TestIndicatorsCommand:
    def test_prints_indicators_csv_for_the_sample(self, capsys):
        assert main(["indicators", "--period", "2006-04..2007-01"]) == 0
        out = capsys.readouterr().out
        rows = list(csv.DictReader(io.StringIO(out)))
        assert out.splitlines()[0] == ",".join(INDICATOR_COLUMNS)
        assert [r["indicator_id"] for r in rows][:2] == ["PA1.1", "PA1.2"]
        assert len(rows) == 18

    def test_writes_to_a_file(self, tmp_path, capsys):
        target = tmp_path / "indicators.csv"
        assert main(["indicators", "--period", "2006/07", "--out", str(target)]) == 0
        assert capsys.readouterr().out == ""
        assert target.read_text(encoding="utf-8").startswith("indicator_id,priority_area,")

    def test_bad_period_is_one_plain_line(self, capsys):
        assert main(["indicators", "--period", "2006-13"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("Error: The period '2006-13' is not a period")
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
