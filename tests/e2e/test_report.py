"""End to end: the real papermill + nbconvert + PDF pipeline on the sample data.

One shared run (the ``sample_run`` fixture) serves most checks; the few tests that
need another run say why.
"""

from __future__ import annotations

import base64
import csv
import json
import re
import shutil
import subprocess
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from pipeline.errors import RunError
from pipeline.paths import DEFAULT_DATA, NOTEBOOKS, PROJECT_ROOT
from pipeline.run.report import run_report
from tests.conftest import SAMPLE_PERIOD
from tests.html_text import parse_paper, plain_text

pytestmark = pytest.mark.e2e

SECTIONS = [
    "1. Summary",
    "2. Recommendations",
    "3. Proposals and details",
    "4. Finance",
    "5. Risks and uncertainties",
    "6. Policy and performance agenda implications",
    "7. Background papers and consultation",
    "Contact name and details",
    "Appendix A. Indicator definitions",
    "Appendix B. Data quality",
    "Appendix C. Provenance",
    "Appendix D. Who took part: the full tables",
]
SCORECARD = "Scorecard: every indicator, April 2006 to January 2007"
SUBSECTIONS = [
    "3.1 Progress against the five priority areas",
    "3.2 The action plan",
    "3.3 Key achievements this period",
    "3.4 Activity",
    "3.5 Who took part",
    "3.6 What residents and staff said",
]
# The council's own progress report for April 2006 - January 2007 listed these.
ACHIEVEMENT_PHRASES = [
    "Training Event",
    "Officers Group",
    "Neighbourhood Renewal Strategy funding",
    "Toolkit",
    "Area Assemblies",
    "Website",
    "Communities of Interest profiles",
    "Quality of Life Survey",
    "Reach Out",
    "Reach In",
    "Customer Charters",
    "Older People's Forum",
    "ervice planning",
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def html(sample_run) -> str:
    return sample_run.paper.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def paper(html):
    return parse_paper(html)


@pytest.fixture(scope="module")
def indicators(sample_run) -> list[dict]:
    with open(sample_run.folder / "indicators.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _text_of(path: Path) -> str:
    """A file's text; a Word document's is the text of the XML parts inside it."""
    if path.suffix != ".docx":
        return path.read_text(encoding="utf-8")
    with zipfile.ZipFile(path) as package:
        parts = [n for n in package.namelist() if n.endswith((".xml", ".rels"))]
        return "\n".join(package.read(n).decode("utf-8") for n in parts)


class TestArchive:
    def test_run_folder_holds_every_product(self, sample_run):
        names = {p.relative_to(sample_run.folder).as_posix() for p in sample_run.folder.rglob("*")}
        assert {
            "report.html",
            "report.pdf",
            "report.docx",
            "indicators.csv",
            "set_aside.csv",
            "clashes.csv",
            "manifest.json",
            "notebooks/01_ingest.ipynb",
            "notebooks/02_progress.ipynb",
            "notebooks/03_paper.ipynb",
            "website/you-said-we-did.html",
            "website/you-said-we-did.csv",
            "website/forward-plan.html",
            "website/forward-plan.csv",
            "website/forward-plan.ics",
        } <= names

    def test_folder_is_period_then_run_id(self, sample_run, sample_archive):
        assert sample_run.folder.parent == sample_archive / SAMPLE_PERIOD
        assert len(sample_run.folder.name) == 12

    def test_manifest_records_parameters_inputs_code_and_timings(self, sample_run):
        manifest = json.loads((sample_run.folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["parameters"]["period"] == SAMPLE_PERIOD
        assert manifest["parameters"]["data_folder"] == str(DEFAULT_DATA)
        register = next(i for i in manifest["inputs"] if i["file"] == "activity_register.csv")
        assert register["rows_read"] == 720
        assert register["rows_set_aside"] == 3
        raw = (DEFAULT_DATA / "activity_register.csv").read_bytes()
        import hashlib

        assert register["sha256"] == hashlib.sha256(raw).hexdigest()
        assert set(manifest["code"]) == {"commit", "dirty", "content_sha256"}
        assert manifest["packages"]["papermill"]
        lock = (PROJECT_ROOT / "uv.lock").read_bytes()
        assert manifest["environment_lock"] == {
            "file": "uv.lock",
            "sha256": hashlib.sha256(lock).hexdigest(),
        }
        assert manifest["started"] <= manifest["ended"]
        assert {"check", "ingest", "progress", "paper", "html", "website"} <= set(
            manifest["stages_seconds"]
        )
        # The sample's three deliberately broken register rows, counted by reason.
        assert sum(c["rows"] for c in manifest["set_aside"]) == 3
        assert {c["dataset"] for c in manifest["set_aside"]} == {"activity_register"}

    def test_work_in_progress_is_cleaned_up(self, sample_run, sample_archive):
        assert list((sample_archive / ".tmp").iterdir()) == []
        assert not (sample_archive / ".failed").exists()

    def test_index_lists_the_run(self, sample_run, sample_archive):
        with open(sample_archive / "index.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [r["run_id"] for r in rows] == [sample_run.folder.name]
        assert rows[0]["period"] == SAMPLE_PERIOD
        assert "Priority area 1:" in rows[0]["headline_ratings"]
        index_html = (sample_archive / "index.html").read_text(encoding="utf-8")
        assert f'href="{SAMPLE_PERIOD}/{sample_run.folder.name}/report.html"' in index_html

    def test_executed_notebooks_carry_no_respondent_ids(self, sample_run):
        ids = set()
        for survey in (DEFAULT_DATA / "surveys").glob("*.csv"):
            with open(survey, encoding="utf-8", newline="") as handle:
                ids |= {row["respondent_id"] for row in csv.DictReader(handle)}
        assert ids
        for path in sample_run.folder.rglob("*"):
            if path.is_file() and path.suffix != ".pdf":
                text = _text_of(path)
                assert not [i for i in ids if f'"{i}"' in text or f",{i}," in text], path

    def test_paper_carries_no_machine_path(self, html):
        assert str(PROJECT_ROOT) not in html
        assert "/tmp" not in html


class TestPaperContent:
    def test_one_h1_the_title(self, paper):
        h1 = [text for tag, text in paper.headings if tag == "h1"]
        assert h1 == [
            "Corporate Consultation and Community Involvement (CCI) Framework Progress Report "
            "(April 2006 - January 2007)"
        ]

    def test_numbered_sections_and_appendices_in_order(self, paper):
        h2 = [text for tag, text in paper.headings if tag == "h2"]
        assert h2 == SECTIONS

    def test_subsections_in_order(self, paper):
        h3 = [text for tag, text in paper.headings if tag == "h3"]
        assert h3 == SUBSECTIONS

    def test_header_block_from_report_toml(self, paper):
        header = dict(paper.tables["Report details"])
        assert header["Meeting"] == "Cabinet Member for Community Cohesion"
        assert header["Date"] == "12 February 2007"
        assert header["Programme Area"] == "Chief Executive's"
        assert header["Report author"] == "Principal Community Involvement Officer"

    def test_every_action_on_track(self, html):
        assert "All actions in the action plan are on track" in plain_text(html)

    def test_thirteen_key_achievements(self, html):
        text = plain_text(html)
        start = text.index("3.3 Key achievements this period")
        section = text[start : text.index("3.4 Activity")]
        for phrase in ACHIEVEMENT_PHRASES:
            assert phrase in section, phrase
        assert "Parish Charter" not in section  # completed in March 2006, before the period
        assert html.count("<li>", html.index('class="achievements"'), html.index('id="s3-4"')) == 13

    def test_first_recommendation_notes_progress(self, html):
        assert (
            "That the progress made on the Corporate CCI Framework's Action Plan from "
            "April 2006 to January 2007 be noted." in plain_text(html)
        )

    def test_red_priority_area_gets_a_remedial_recommendation(self, paper, html):
        scorecard = paper.tables[SCORECARD]
        red = [
            row[0] for row in scorecard if row[0].startswith("Priority area") and "Red" in row[0]
        ]
        assert red  # the sample has one Red area (4)
        text = plain_text(html)
        for area in red:
            number = area.split(":")[0].removeprefix("Priority area ")
            assert f"That a remedial plan for priority area {number} (" in text

    def test_no_code_prompts_tracebacks_or_warnings(self, html):
        text = plain_text(html)
        for forbidden in ("In [", "Out[", "Traceback", "Warning", "import ", "def ", "<matplotlib"):
            assert forbidden not in text
        assert "<script" not in html


# The percentages of activities, shown as counts on a base under 10 (indicators.md).
ACTIVITY_BASED = {"PA1.1", "PA1.2", "PA1.3", "PA4.1", "PA4.2", "PA4.3", "PA4.4", "PA5.1"}


def _expected_display(row: dict) -> str:
    """The spec's display rules, worked independently of pipeline.paper.filters."""
    if row["value"] == "":
        return "[x]"
    if row["base"] and int(row["base"]) < 50:
        return "[low]"
    if row["indicator_id"] in ACTIVITY_BASED and float(row["denominator"]) < 10:
        return f"{float(row['numerator']):,.0f} of {float(row['denominator']):,.0f}"
    value = Decimal(row["value"])
    places = {"%": 1 if row["ci_low"] or row["base"] else 0, "ratio": 2, "count": 0}[row["unit"]]
    shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    target = Decimal(row["target"]) if row["target"] else None
    misses = target is not None and (
        value < target if row["better"] == "higher" else value > target
    )
    if misses and row["unit"] != "count" and shown == target:
        shown = value.quantize(Decimal(1).scaleb(-places - 1), rounding=ROUND_HALF_UP)
    text = f"{shown:,}"
    return text + "%" if row["unit"] == "%" else text


class TestScorecard:
    def test_every_indicator_once(self, paper, indicators):
        rows = list(paper.tables[SCORECARD])
        shown = [r[0].split(" ")[0] for r in rows if r[0].startswith("PA")]
        assert shown == [row["indicator_id"] for row in indicators]
        assert len(shown) == 19

    def test_values_and_ratings_match_indicators_csv(self, paper, indicators):
        table = paper.tables[SCORECARD]
        by_id = {r[0].split(" ")[0]: r for r in table if r[0].startswith("PA")}
        for row in indicators:
            cells = by_id[row["indicator_id"]]
            assert cells[1] == _expected_display(row), row["indicator_id"]
            assert cells[3].endswith(row["rating"]), row["indicator_id"]
            assert cells[5].endswith(row["direction"]), row["indicator_id"]

    def test_ratings_carry_a_symbol_as_well_as_a_word(self, paper):
        table = paper.tables[SCORECARD]
        for row in table:
            if row[0].startswith("PA"):
                assert row[3][0] in "✔▲✖○"


class TestReruns:
    def test_same_inputs_are_recognised_and_archive_nothing_new(self, sample_run, sample_archive):
        before = snapshot(sample_archive)
        again = run_report(SAMPLE_PERIOD, data_dir=DEFAULT_DATA, output_dir=sample_archive)
        assert again.reused
        assert again.folder == sample_run.folder
        assert "Nothing has changed" in again.summary_lines[0]
        assert snapshot(sample_archive) == before

    def test_make_report_target_finds_the_archived_paper(self, sample_run, sample_archive):
        result = subprocess.run(
            ["make", "-s", "report", f"PERIOD={SAMPLE_PERIOD}", f"OUTPUT={sample_archive}"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        folder = sample_run.folder
        assert result.stdout.splitlines() == [
            f"Nothing has changed since this paper was archived ({SAMPLE_PERIOD}):",
            f"  Run folder: {folder}",
            f"  HTML paper: {folder}/report.html",
            f"  PDF paper:  {folder}/report.pdf",
            f"  Word paper: {folder}/report.docx",
            f"  Web pages:  {folder}/website/",
        ]

    def test_a_changed_input_archives_a_new_run_beside_the_old(self, tmp_path):
        # Own archive and data copy: this needs a second full run.
        data = tmp_path / "data"
        shutil.copytree(DEFAULT_DATA, data)
        output = tmp_path / "archive"
        first = run_report(SAMPLE_PERIOD, data_dir=data, output_dir=output)
        kept = snapshot(first.folder)
        toml = data / "reference" / "report.toml"
        toml.write_text(
            toml.read_text(encoding="utf-8").replace("2007-02-12", "2007-03-12"), encoding="utf-8"
        )
        second = run_report(SAMPLE_PERIOD, data_dir=data, output_dir=output)
        assert not second.reused
        assert second.folder != first.folder
        assert snapshot(first.folder) == kept
        assert "12 March 2007" in second.paper.read_text(encoding="utf-8")
        # Byte-identical: the first run rendered again into a separate archive.
        toml.write_text(
            toml.read_text(encoding="utf-8").replace("2007-03-12", "2007-02-12"), encoding="utf-8"
        )
        third = run_report(SAMPLE_PERIOD, data_dir=data, output_dir=tmp_path / "other")
        assert third.paper.read_bytes() == first.paper.read_bytes()
        assert snapshot(third.folder / "website") == snapshot(first.folder / "website")


class TestFailure:
    def test_failing_notebook_archives_nothing_and_names_the_notebook(
        self, tmp_path, monkeypatch, sample_archive
    ):
        notebooks = tmp_path / "notebooks"
        shutil.copytree(NOTEBOOKS, notebooks)
        broken = json.loads((notebooks / "01_ingest.ipynb").read_text(encoding="utf-8"))
        broken["cells"].append(
            {
                "cell_type": "code",
                "id": "broken",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": ["1 / 0"],
            }
        )
        (notebooks / "01_ingest.ipynb").write_text(json.dumps(broken), encoding="utf-8")
        monkeypatch.setattr("pipeline.run.notebooks.NOTEBOOKS", notebooks)
        output = tmp_path / "archive"
        with pytest.raises(RunError) as caught:
            run_report(SAMPLE_PERIOD, data_dir=DEFAULT_DATA, output_dir=output)
        message = "\n".join(caught.value.problems)
        assert "01_ingest.ipynb" in message
        assert "ZeroDivisionError" in message
        assert ".failed" in message
        assert not (output / SAMPLE_PERIOD).exists()
        failed = list((output / ".failed").iterdir())
        assert len(failed) == 1
        assert (failed[0] / "run" / "notebooks" / "01_ingest.ipynb").is_file()


class TestWithoutPdfRenderer:
    def test_html_archived_as_a_different_run_and_the_officer_told(
        self, sample_run, tmp_path, monkeypatch, caplog
    ):
        # WeasyPrint cannot load (its system libraries are missing, say).
        monkeypatch.setattr("pipeline.publish.render.pdf_renderer", lambda: None)
        monkeypatch.setattr("pipeline.run.report._installed_renderer", lambda: None)
        with caplog.at_level("WARNING", logger="pipeline.run.report"):
            result = run_report(SAMPLE_PERIOD, data_dir=DEFAULT_DATA, output_dir=tmp_path)
        assert result.paper.is_file()
        assert not (result.folder / "report.pdf").exists()
        assert result.folder.name != sample_run.folder.name  # installing it gives a new run
        assert "archived without a PDF" in caplog.text
        assert "WeasyPrint" in caplog.text
        manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["pdf_renderer"] is None
        # The paper itself is the same paper.
        assert result.paper.read_bytes() == sample_run.paper.read_bytes()

    def test_a_renderer_installed_that_will_not_load_gives_the_html_only_run(
        self, tmp_path, monkeypatch
    ):
        # The run is named by the installed renderer; it turns out not to load.
        monkeypatch.setattr("pipeline.publish.render.pdf_renderer", lambda: None)
        first = run_report(SAMPLE_PERIOD, data_dir=DEFAULT_DATA, output_dir=tmp_path)
        assert not first.pdf
        assert not (first.folder / "report.pdf").exists()
        assert (first.folder / "report.docx").is_file()
        manifest = json.loads((first.folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["pdf_renderer"] is None
        # Named as a run without a renderer: the same report without one finds it.
        monkeypatch.setattr("pipeline.run.report._installed_renderer", lambda: None)
        again = run_report(SAMPLE_PERIOD, data_dir=DEFAULT_DATA, output_dir=tmp_path)
        assert again.reused
        assert again.folder == first.folder


@pytest.fixture(scope="module")
def svgs(html) -> list[str]:
    """The archived paper's charts, as SVG documents."""
    found = re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)
    return [base64.b64decode(data).decode("utf-8") for data in found]


class TestChartsInThePaper:
    """The archived paper's charts, read from its SVG: the Analysis Function style in force."""

    def test_one_chart_of_activity_and_one_per_under_represented_dimension(self, svgs, paper):
        dimensions = paper.tables["Under-represented groups, by dimension"][1:]
        under = [row for row in dimensions if row[1] != "None"]
        assert [row[0] for row in under] == ["Age"]  # 16-24 in the sample
        assert len(svgs) == 1 + len(under)

    def test_af_text_size_and_font(self, svgs):
        for svg in svgs:
            assert "font-size: 14px" in svg
            assert "font-size: 10px" not in svg  # matplotlib's default
            assert "'Arial'" in svg

    def test_line_chart_draws_no_left_spine(self, svgs):
        # Figure and axes backgrounds and the bottom spine; matplotlib's default draws four.
        assert svgs[0].count('<g id="patch_') == 3
