"""The corpus of bad inputs (tests/corpus.py) run through the real ``report`` entry point.

Stops: ``pipeline.cli.main`` in-process; the run must end with exit 2, one plain
``Error:`` line per problem naming file (column, row) and no traceback, before any
notebook executes, and the archive exactly as it was. Row faults are checked where
they are decided (``load_inputs``, fast), then all at once by one shared full run,
whose paper must disclose each. Scale edge cases share two more full runs.
"""

from __future__ import annotations

import csv
import hashlib
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli
from pipeline.errors import InputError, StrictModeError
from pipeline.ingest.load import load_inputs, preflight
from pipeline.paths import DEFAULT_DATA, PROJECT_ROOT
from tests import corpus
from tests.conftest import SAMPLE_PERIOD
from tests.html_text import plain_text

# --------------------------------------------------------------------------- helpers


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root``: relative path -> sha256 (or 'dir')."""
    if not root.exists():
        return {}
    found = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        found[name] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def seeded_archive(tmp_path: Path) -> Path:
    """An archive that already holds a run, as an officer's output folder does."""
    out = tmp_path / "archive"
    run = out / SAMPLE_PERIOD / "0123456789ab"
    (run / "notebooks").mkdir(parents=True)
    (run / "report.html").write_text("<p>An earlier paper</p>\n", encoding="utf-8")
    (run / "manifest.json").write_text('{"run_id": "0123456789ab"}\n', encoding="utf-8")
    (out / "index.csv").write_text("period,run_id\n2006-04..2007-01,0123456789ab\n", "utf-8")
    return out


@pytest.fixture
def no_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if any notebook is executed."""

    def refuse(notebook: str, *args: object, **kwargs: object) -> None:
        pytest.fail(f"a kernel was started for {notebook} although the run should stop before")

    monkeypatch.setattr("pipeline.run.produce.execute_notebook", refuse)


def assert_plain_stop(rc: int, captured: pytest.CaptureResult, expect: tuple[str, ...]) -> None:
    err = captured.err
    assert rc == 2, err
    assert "Traceback" not in err + captured.out
    errors = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert errors, err
    assert not re.search(r'File ".*", line \d+', err)
    text = "\n".join(errors)
    for fragment in expect:
        assert fragment in text, f"{fragment!r} not in {text!r}"
    assert "Paper archived" not in captured.out


def report(data: Path, out: Path, *extra: str) -> int:
    args = ["report", "--period", SAMPLE_PERIOD, "--data", str(data), "--output", str(out)]
    return cli.main([*args, *extra])


# --------------------------------------------------------------------------- stops


@pytest.mark.parametrize("case", corpus.STOPS, ids=lambda c: c.id)
def test_stop_refused_before_any_kernel_archive_unchanged(case, tmp_path, capsys, no_kernel):
    data = corpus.sample_copy(tmp_path)
    case.fault(data)
    out = seeded_archive(tmp_path)
    before = snapshot(out)

    rc = report(data, out)

    assert_plain_stop(rc, capsys.readouterr(), case.expect)
    assert snapshot(out) == before


@pytest.mark.parametrize("case", corpus.PARAMETERS, ids=lambda c: c.id)
def test_parameter_refused_plainly_nothing_written(case, tmp_path, capsys, no_kernel):
    out = seeded_archive(tmp_path)
    (tmp_path / "file.txt").write_text("not a folder\n", encoding="utf-8")
    fill = {"tmp": str(tmp_path)}
    args = {"--period": SAMPLE_PERIOD, "--data": str(DEFAULT_DATA), "--output": str(out)}
    given = dict(zip(case.args[::2], case.args[1::2], strict=True))
    args |= {key: value.format(**fill) for key, value in given.items()}
    before = snapshot(tmp_path)

    rc = cli.main(["report", *[x for pair in args.items() for x in pair]])

    assert_plain_stop(rc, capsys.readouterr(), tuple(e.format(**fill) for e in case.expect))
    assert snapshot(tmp_path) == before  # no file made, not even tmp/pwned


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize(
    "template",
    [
        "2006-04..2007-01; touch {x}",
        "$(touch {x})",
        "`touch {x}`",
        "2006-04..2007-01' && touch {x} && echo '",
        '2006-04..2007-01" ; touch {x} ; echo "',
    ],
    ids=["semicolon", "dollar-paren", "backticks", "single-quotes", "double-quotes"],
)
def test_make_report_period_with_shell_text_runs_nothing(template, tmp_path):
    marker = tmp_path / "x"
    out = tmp_path / "out"
    env = {**os.environ, "PERIOD": template.format(x=marker), "OUTPUT": str(out)}
    env.pop("MAKEFLAGS", None)
    # -o: never (re)build the virtual environment from inside a test.
    done = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "report"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert not marker.exists()
    assert "not a period the report understands" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(p.name != ".tmp" for p in out.iterdir())


# --------------------------------------------------------------------------- set aside


@pytest.fixture(scope="module")
def sample_set_aside() -> pd.DataFrame:
    return load_inputs(DEFAULT_DATA).set_aside


@pytest.mark.parametrize("case", corpus.SET_ASIDE, ids=lambda c: c.id)
def test_row_fault_set_aside_with_reason(case, tmp_path, sample_set_aside):
    data = corpus.sample_copy(tmp_path)
    rows = case.apply(data)
    inputs = load_inputs(data)
    set_aside = inputs.set_aside

    found = set_aside[set_aside["file"].eq(case.file) & set_aside["row"].isin(rows)]
    assert sorted(found["row"]) == sorted(rows)
    assert found["column"].eq(case.column).all(), found
    assert found["reason"].str.contains(case.reason, regex=False).all(), found["reason"].tolist()
    # Only these rows are new: the rest of the folder is read as before.
    assert len(set_aside) == len(sample_set_aside) + len(rows)
    with pytest.raises(StrictModeError, match=re.escape(f"{case.file} row {rows[0]}")):
        load_inputs(data, strict=True)
    if case.private:  # survey rows: no respondent data in the record or the reason
        assert found["record"].eq("").all()
        for value in case.changes.values():  # never quoted back
            assert not found["reason"].str.contains(f"'{value}'", regex=False).any()


def test_every_required_cell_empty_is_a_fault_through_a_whole_column(tmp_path):
    # Every row would be set aside for the same column and reason: a paper built on none of
    # the training log would mislead, so the run stops (data contract: whole-column faults).
    data = corpus.sample_copy(tmp_path)
    count = corpus.every_required_empty(data)
    with pytest.raises(InputError) as caught:
        load_inputs(data)
    (problem,) = caught.value.problems
    assert problem == (
        f"{corpus.TRAINING}: {count} of its {count} rows have the same problem in the column "
        "session_id (session_id is required but empty). A fault through a whole column usually "
        "comes from how the file was exported: correct the column and run the report again"
    )


@pytest.mark.parametrize("file", [corpus.ACTIVITIES, corpus.ACTIONS, corpus.TRAINING, corpus.QOL])
def test_header_only_file_is_no_records_not_an_error(file, tmp_path):
    data = corpus.sample_copy(tmp_path)
    corpus.write_rows(data / file, corpus.read_rows(data / file)[:1])
    preflight(data)
    inputs = load_inputs(data)
    read = {f.name: f.rows_read for f in inputs.files}
    assert read[file] == 0


# --------------------------------------------------------------------------- shared runs

HOSTILE = (
    "<script>alert('cci')</script> Youth forum",
    '<img src=x onerror="alert(1)"> Carers drop-in',
    "**Bold claim** and [a link](http://example.invalid/x) # not a heading",
    "{{ 'pwn' ~ 'ed' }} {% if true %}jinja{% endif %} survey",
    '=HYPERLINK("http://example.invalid","click") workshop',
    "+44 public meeting",
    "-1 focus group",
    "@SUM(A1:A9) forum",
    "Long " + "very " * 600 + "long title",
)
ACHIEVEMENTS = (*HOSTILE[:5], HOSTILE[-1])
EMPTY_AREA = "Wentworth Valley"
WEB_PAGES = ("you-said-we-did", "forward-plan")


def _hostile_text(data: Path) -> None:
    """Every activity title and the in-period achievements replaced by hostile text."""
    rows = corpus.read_rows(data / corpus.ACTIVITIES)
    title = rows[0].index("title")
    for number, row in enumerate(rows[1:]):
        if row[title].strip():
            row[title] = f"{HOSTILE[number % len(HOSTILE)]} #{number}"
    corpus.write_rows(data / corpus.ACTIVITIES, rows)
    rows = corpus.read_rows(data / corpus.ACTIONS)
    achievement = rows[0].index("achievement")
    hostile = [row for row in rows[1:] if row[achievement].strip()]
    for number, row in enumerate(hostile):
        row[achievement] = ACHIEVEMENTS[number % len(ACHIEVEMENTS)]
    corpus.write_rows(data / corpus.ACTIONS, rows)


def _empty_area(data: Path) -> None:
    """No resident of one area assembly answered (their area left blank: unknown)."""
    rows = corpus.read_rows(data / corpus.QOL)
    area = rows[0].index("area_assembly")
    for row in rows[1:]:
        if row[area] == EMPTY_AREA:
            row[area] = ""
    corpus.write_rows(data / corpus.QOL, rows)


@pytest.fixture(scope="session")
def faulty_run(tmp_path_factory: pytest.TempPathFactory):
    """ONE full run on a folder carrying every shared row fault, hostile text and an empty area."""
    from pipeline.run.report import run_report

    tmp = tmp_path_factory.mktemp("faulty")
    data = corpus.sample_copy(tmp)
    expected = {}
    for case in corpus.SET_ASIDE:
        if case.shared:
            expected[case.id] = (case, case.apply(data))
    _hostile_text(data)
    _empty_area(data)
    result = run_report(SAMPLE_PERIOD, data_dir=data, output_dir=tmp / "archive")
    return result, expected


def paper_text(folder: Path) -> str:
    """The paper's visible text, tags removed and entities decoded."""
    raw = (folder / "report.html").read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL)
    raw = re.sub(r'src="data:[^"]*"', "", raw)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.e2e
class TestSharedRowFaultRun:
    def test_run_archives_paper(self, faulty_run):
        result, _ = faulty_run
        assert (result.folder / "report.html").is_file()
        assert not result.reused

    def test_set_aside_csv_lists_every_fault(self, faulty_run):
        result, expected = faulty_run
        listed = pd.read_csv(result.folder / "set_aside.csv", dtype=str, keep_default_na=False)
        for case, rows in expected.values():
            mine = listed[listed["file"].eq(case.file) & listed["row"].isin(map(str, rows))]
            assert len(mine) == len(rows), case.id
            assert mine["column"].eq(case.column).all(), case.id
            assert mine["reason"].str.contains(case.reason, regex=False).all(), case.id
        surveys = listed[listed["dataset"].eq("surveys")]
        assert len(surveys)
        assert surveys["record"].eq("").all()

    def test_appendix_discloses_every_reason(self, faulty_run):
        result, expected = faulty_run
        text = _squash(paper_text(result.folder))
        listed = pd.read_csv(result.folder / "set_aside.csv", dtype=str, keep_default_na=False)
        for case, _rows in expected.values():
            reasons = listed.loc[listed["file"].eq(case.file), "reason"]
            reason = reasons[reasons.str.contains(case.reason, regex=False)].iloc[0]
            # The paper writes column names as words ("end date", not end_date).
            assert _squash(reason).replace("_", " ") in text.replace("_", " "), (case.id, reason)
        assert f"{len(listed)} records with errors were not counted" in text

    def test_hostile_text_is_escaped_never_markup(self, faulty_run):
        result, _ = faulty_run
        raw = (result.folder / "report.html").read_text(encoding="utf-8")
        text = _squash(paper_text(result.folder))
        for dangerous in ("<script>alert", "<img src=x", '<a href="http://example'):
            assert dangerous not in raw
        assert not re.search(r"<[a-zA-Z][^<>]*\bonerror\s*=", raw)  # no live handler
        assert "pwned" not in text  # Jinja syntax is not evaluated
        assert "<strong>Bold claim" not in raw
        assert "<b>Bold claim" not in raw
        # Each hostile achievement is shown, whole, as text.
        for hostile in ACHIEVEMENTS:
            assert _squash(hostile) in text, hostile[:40]
        assert "&lt;script&gt;" in raw or "&#60;script&#62;" in raw

    def test_hostile_titles_are_text_on_the_web_pages(self, faulty_run):
        result, _ = faulty_run
        pages = [result.folder / "website" / f"{name}.html" for name in WEB_PAGES]
        raws = [page.read_text(encoding="utf-8") for page in pages]
        for raw in raws:
            for dangerous in ("<script>alert", "<img src=x", '<a href="http://example'):
                assert dangerous not in raw
            assert not re.search(r"<[a-zA-Z][^<>]*\bonerror\s*=", raw)
        text = " ".join(plain_text(raw) for raw in raws)
        assert "pwned" not in text
        for hostile in HOSTILE:
            assert " ".join(hostile.split()) in text, hostile[:40]

    def test_hostile_method_in_appendix_escaped(self, faulty_run):
        result, _ = faulty_run
        text = paper_text(result.folder)
        assert "'<script>alert('method')</script>' is not a valid method" in text

    def test_csv_outputs_neutralise_formulae(self, faulty_run):
        result, _ = faulty_run
        archive = result.folder.parent.parent
        files = [*result.folder.glob("*.csv"), *result.folder.glob("website/*.csv")]
        files.append(archive / "index.csv")
        assert {f.name for f in files} >= {
            "indicators.csv",
            "set_aside.csv",
            "clashes.csv",
            "index.csv",
            "you-said-we-did.csv",
            "forward-plan.csv",
        }
        for path in files:
            assert_no_formula_cells(path)
        clashes = (result.folder / "clashes.csv").read_text(encoding="utf-8")
        assert "'=HYPERLINK(" in clashes or "'+44" in clashes or "'-1 focus" in clashes
        plan = (result.folder / "website" / "forward-plan.csv").read_text(encoding="utf-8")
        assert "'=HYPERLINK(" in plan

    def test_area_without_respondents_is_shown_without_value(self, faulty_run):
        result, _ = faulty_run
        text = _squash(paper_text(result.folder))
        assert EMPTY_AREA in text
        assert "[x]" in text

    def test_no_respondent_id_in_any_file(self, faulty_run):
        result, _ = faulty_run
        assert_no_respondent_ids(result.folder.parent.parent)


NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def assert_no_formula_cells(path: Path) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            for cell in row:
                if NUMBER.match(cell):
                    continue
                assert not cell.startswith(("=", "+", "-", "@")), (path.name, number, cell)


def respondent_ids() -> set[str]:
    ids: set[str] = set()
    for path in sorted((DEFAULT_DATA / "surveys").glob("*.csv")):
        ids |= set(pd.read_csv(path, dtype=str, usecols=["respondent_id"])["respondent_id"])
    return ids


def assert_no_respondent_ids(folder: Path) -> None:
    """No file under ``folder`` (notebooks, PDF, CSV, manifest...) holds a sample respondent id."""
    ids = respondent_ids()
    assert len(ids) > 1000
    pattern = re.compile(rb"R\d{6}")
    checked = 0
    for path in folder.rglob("*"):
        if path.is_file():
            checked += 1
            found = {m.decode() for m in pattern.findall(path.read_bytes())} & ids
            assert not found, (path.relative_to(folder).as_posix(), sorted(found)[:5])
    assert checked >= 9


@pytest.mark.e2e
def test_sample_run_holds_no_respondent_id(sample_run):
    assert_no_respondent_ids(sample_run.folder)


@pytest.mark.e2e
def test_strict_stops_inside_ingest_with_plain_message(tmp_path, capsys):
    out = seeded_archive(tmp_path)
    before = snapshot(out)

    rc = report(DEFAULT_DATA, out, "--strict")

    # The sample's three deliberately broken rows (data/README.md).
    captured = capsys.readouterr()
    assert_plain_stop(
        rc, captured, ("activity_register.csv row", "end_date", "start_date", "programme_area")
    )
    # The stop names the folder holding what the run left (the executed notebook).
    (kept,) = (out / ".failed").iterdir()
    assert f"Error: What the run left is in {kept} (nothing was archived)." in captured.err
    assert (kept / "run" / "notebooks" / "01_ingest.ipynb").is_file()
    after = {k: v for k, v in snapshot(out).items() if not k.startswith((".failed", ".tmp"))}
    assert after == before


# --------------------------------------------------------------------------- scale edge cases


@pytest.fixture(scope="session")
def empty_run(tmp_path_factory: pytest.TempPathFactory):
    """A header-only activity register and no surveys folder: nothing to count, not an error."""
    from pipeline.run.report import run_report

    tmp = tmp_path_factory.mktemp("empty")
    data = corpus.sample_copy(tmp)
    corpus.write_rows(data / corpus.ACTIVITIES, corpus.read_rows(data / corpus.ACTIVITIES)[:1])
    shutil.rmtree(data / "surveys")
    return run_report(SAMPLE_PERIOD, data_dir=data, output_dir=tmp / "archive")


@pytest.mark.e2e
class TestNothingToCount:
    def test_paper_produced(self, empty_run):
        assert (empty_run.folder / "report.html").is_file()

    def test_paper_says_no_activities_in_words(self, empty_run):
        text = _squash(paper_text(empty_run.folder)).lower()
        assert re.search(r"\bno (consultation|activit)", text), text[:2000]

    def test_values_missing_shown_as_x(self, empty_run):
        text = paper_text(empty_run.folder)
        assert text.count("[x]") >= 5

    def test_indicators_csv_has_empty_values_not_zero_percent(self, empty_run):
        indicators = pd.read_csv(empty_run.folder / "indicators.csv", dtype=str)
        assert len(indicators) == 19


@pytest.mark.e2e
def test_period_without_survey_paper_says_so(tmp_path):
    """April-May 2005 (the data's first months): no residents' or staff survey in the period."""
    from pipeline.run.report import run_report

    result = run_report("2005-04..2005-05", data_dir=DEFAULT_DATA, output_dir=tmp_path)
    text = _squash(paper_text(result.folder)).lower()
    assert "[x]" in text
    assert re.search(r"no (residents'? )?survey|survey[^.]{0,80}(no|not) ", text), text[:3000]
