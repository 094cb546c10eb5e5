import argparse
import csv
import io
import logging

import pytest

from pipeline.cli import _parser, main
from pipeline.log import configure_logging
from pipeline.measures.scorecard import INDICATOR_COLUMNS


class TestIndicatorsCommand:
    def test_prints_indicators_csv_for_the_sample(self, capsys):
        assert main(["indicators", "--period", "2006-04..2007-01"]) == 0
        out = capsys.readouterr().out
        rows = list(csv.DictReader(io.StringIO(out)))
        assert out.splitlines()[0] == ",".join(INDICATOR_COLUMNS)
        assert [r["indicator_id"] for r in rows][:2] == ["PA1.1", "PA1.2"]
        assert len(rows) == 19

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


COMMANDS = (
    "report",
    "partnership",
    "reports",
    "indicators",
    "bench",
    "docs",
    "warm-caches",
    "lab-setup",
    "lab-check",
)


class TestHelp:
    @pytest.mark.parametrize("command", [None, *COMMANDS])
    def test_plain_text_without_markup(self, command, capsys):
        with pytest.raises(SystemExit) as stopped:
            main([command, "--help"] if command else ["--help"])
        assert stopped.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("usage: python -m pipeline")
        for markup in ("``", ":class:", ":func:", "`~", "%("):
            assert markup not in out

    def test_every_option_of_every_command_has_help(self):
        parser = _parser()
        (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        assert set(commands.choices) == set(COMMANDS)
        missing = [
            f"{name} {'/'.join(action.option_strings)}"
            for name, sub in commands.choices.items()
            for action in sub._actions
            if not action.help
        ]
        assert missing == []
        assert all(choice.help for choice in commands._choices_actions)

    def test_period_help_shows_the_three_forms(self, capsys):
        with pytest.raises(SystemExit):
            main(["report", "--help"])
        out = capsys.readouterr().out
        assert "2006-04..2007-01" in out
        assert "2006/07" in out


@pytest.fixture
def root_logging():
    """Put the console back as it was after a test that configures it."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = saved[0], saved[1]
    configure_logging()


class TestConsoleLabels:
    def test_each_line_carries_its_period(self, root_logging, capsys):
        configure_logging(label="2006/07")
        logging.getLogger("pipeline.run.report").info("[1/9] Checking")
        assert capsys.readouterr().err == "[2006/07] [1/9] Checking\n"

    def test_libraries_speak_only_when_something_is_wrong(self, root_logging, capsys):
        configure_logging()
        logging.getLogger("weasyprint").info("Step 1 - Fetching and parsing HTML")
        logging.getLogger("papermill").info("Executing notebook")
        logging.getLogger("weasyprint").error("Failed to load image")
        assert capsys.readouterr().err == "Failed to load image\n"


class TestIndicatorsRefusesAPeriodBeforeTheData:
    def test_period_before_data_from_is_a_plain_stop(self, capsys):
        # The sample folder's data_from is 2005-04.
        assert main(["indicators", "--period", "2004-04..2005-03"]) == 2
        err = capsys.readouterr().err
        assert "Error: The period 2004-04..2005-03 starts before 2005-04" in err
        assert "Traceback" not in err


class TestDebugConsole:
    def test_an_interrupted_kernels_leftover_tasks_are_not_the_officers_business(
        self, root_logging, capsys
    ):
        configure_logging()
        logging.getLogger("asyncio").error("Task exception was never retrieved")
        assert capsys.readouterr().err == ""

    def test_debug_lets_every_library_speak(self, root_logging, capsys):
        configure_logging(debug=True)
        logging.getLogger("weasyprint").info("Step 1 - Fetching and parsing HTML")
        logging.getLogger("asyncio").error("Task exception was never retrieved")
        err = capsys.readouterr().err
        assert "Step 1" in err
        assert "never retrieved" in err
