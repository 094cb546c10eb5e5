"""The partnership paper, made by the real pipeline from the sample partnership (``data/``).

One run, shared by the tests of this module: its archive, its CSV files, the paper's checks (the
council paper's: accessibility, PDF, agenda-ready), and what bad input in a partner's register
gets.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys

import pytest

from pipeline.errors import InputError, StrictModeError
from pipeline.paths import DEFAULT_DATA, PROJECT_ROOT
from tests.browser.checks import (
    pdf_fonts,
    pdf_info,
    require_tools,
    run_axe,
    run_layout,
    run_vnu,
)
from tests.html_text import parse_paper, plain_text
from tests.pdf_layout import (
    first_page_with,
    outside_text_area,
    page_texts,
    pdf_pages,
    squash,
    stranded_headings,
)

pytestmark = pytest.mark.e2e
PERIOD = "2006-04..2007-01"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return tmp_path_factory.mktemp("partnership-archive")


@pytest.fixture(scope="module")
def run(archive):
    from pipeline.run.partnership import run_partnership

    return run_partnership(PERIOD, data_dir=DEFAULT_DATA, output_dir=archive)


def _rows(run, name):
    with open(run.folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class TestArchive:
    def test_archived_under_partnership_period_and_run_id(self, run, archive):
        assert run.folder.parent == archive / "partnership" / PERIOD
        assert re.fullmatch(r"[0-9a-f]{12}", run.folder.name)
        names = {p.name for p in run.folder.iterdir()}
        assert {
            "report.html",
            "report.pdf",
            "report.docx",
            "standards.csv",
            "clashes.csv",
            "duplicates.csv",
            "load.csv",
            "set_aside.csv",
            "manifest.json",
            "notebooks",
            "website",
        } <= names
        assert list((archive / ".tmp").iterdir()) == []

    def test_manifest_and_index_name_the_kind(self, run, archive):
        manifest = json.loads((run.folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["kind"] == "partnership"
        assert "partners/police.csv" in {i["file"] for i in manifest["inputs"]}
        with open(archive / "index.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [(r["kind"], r["run_id"]) for r in rows] == [("partnership", run.folder.name)]

    def test_a_repeat_run_is_recognised_and_changes_nothing(self, run, archive):
        from pipeline.run.partnership import run_partnership

        before = sorted(p.relative_to(archive) for p in archive.rglob("*"))
        again = run_partnership(PERIOD, data_dir=DEFAULT_DATA, output_dir=archive)
        assert again.reused
        assert again.folder == run.folder
        assert sorted(p.relative_to(archive) for p in archive.rglob("*")) == before


class TestDeterministic:
    def test_the_same_inputs_give_the_same_bytes(self, run, tmp_path):
        from pipeline.run.partnership import run_partnership

        again = run_partnership(PERIOD, data_dir=DEFAULT_DATA, output_dir=tmp_path)
        assert again.folder.name == run.folder.name
        for name in (
            "report.html",
            "report.docx",
            "standards.csv",
            "clashes.csv",
            "duplicates.csv",
            "load.csv",
            "set_aside.csv",
            "website/forward-plan.html",
            "website/you-said-we-did.html",
            "website/forward-plan.ics",
        ):
            assert (again.folder / name).read_bytes() == (run.folder / name).read_bytes(), name


class TestOutputs:
    def test_standards_one_row_per_partner_and_the_partnership_per_standard(self, run):
        rows = _rows(run, "standards.csv")
        assert list(rows[0])[:2] == ["organisation", "indicator_id"]
        organisations = list(dict.fromkeys(r["organisation"] for r in rows))
        assert organisations == [
            "Rotherham Metropolitan Borough Council",
            "South Yorkshire Police",
            "Rotherham PCT",
            "Voluntary Action Rotherham",
            "Rotherham Ethnic Minority Alliance",
            "partnership",
        ]
        assert len(rows) == 6 * len({r["indicator_id"] for r in rows})

    def test_clashes_are_across_partners_only(self, run):
        rows = _rows(run, "clashes.csv")
        assert rows
        assert all(r["organisation_a"] != r["organisation_b"] for r in rows)

    def test_the_written_duplicates_and_near_misses(self, run):
        pairs = {(r["activity_id_a"], r["activity_id_b"]): r for r in _rows(run, "duplicates.csv")}
        titles = {(r["title_a"], r["title_b"]) for r in pairs.values()}
        titles |= {(b, a) for a, b in titles}
        # alike, same area, same time, different partners
        assert (
            "Hate crime reporting survey for BME communities",
            "Hate crime reporting in BME communities survey",
        ) in titles
        assert ("Town centre alcohol harm survey", "Town centre safety survey") in titles  # 3/6
        # near misses: another area, another time, the same organisation, not alike enough
        flat = {t for pair in titles for t in pair}
        assert "Neighbourhood policing priorities public meeting" not in flat
        assert "Patient and public involvement forum" not in flat
        assert "Stop smoking services for young people in mosques" not in flat
        assert all(float(r["similarity"]) >= 0.5 for r in pairs.values())

    def test_load_over_the_limit_where_more_than_it(self, run):
        rows = _rows(run, "load.csv")
        assert list(rows[0]) == ["area", "month", "activities", "over_limit"]
        assert len(rows) == 7 * 10
        assert all((int(r["activities"]) > 32) == (r["over_limit"] == "true") for r in rows)
        busiest = max(rows, key=lambda r: int(r["activities"]))
        assert (busiest["area"], busiest["month"]) == ("Rotherham South", "2006-04")

    def test_set_aside_rows_name_partner_file_row_and_column(self, run):
        rows = _rows(run, "set_aside.csv")
        assert list(rows[0])[:5] == ["partner", "dataset", "file", "row", "column"]
        police = [r for r in rows if r["file"] == "partners/police.csv"]
        assert [(r["partner"], r["column"]) for r in police] == [
            ("South Yorkshire Police", "start_date")
        ]
        assert "04/25/2006" in police[0]["reason"]

    def test_web_pages_name_each_organisation(self, run):
        plan = (run.folder / "website" / "forward-plan.html").read_text(encoding="utf-8")
        assert "(South Yorkshire Police)" in plan
        assert "Rotherham Partnership" in plan


def _sections_text(html: str) -> str:
    text = plain_text(html)
    return text[: text.index("Appendix A. Definitions")]


class TestPaper:
    def test_title_sections_and_committee_language(self, run):
        html = run.paper.read_text(encoding="utf-8")
        assert (
            "<title>Partnership Consultation and Community Involvement (CCI) Framework Progress "
            "Report (April 2006 - January 2007)</title>" in html
        )
        headings = [text for _, text in parse_paper(html).headings]
        for heading in ("1. Summary", "2. Recommendations", "3. Shared standards"):
            assert heading in headings
        assert "5. The joint forward plan" in headings
        text = _sections_text(html)
        assert not re.search(r"\b\w+\.(csv|xlsx)\b|\b[a-z]+_[a-z_]+\b", text)
        assert not re.search(r"\d{4}-\d{2}\.\.\d{4}-\d{2}", text)
        for term in ("data contract", "set aside", "PA1.", "PA4."):
            assert term not in text
        assert "That the progress of the Partnership CCI Framework from April 2006 to " in text

    def test_pdf_tagged_a4_fonts_embedded(self, run):
        require_tools("pdf")
        info = pdf_info(run.folder / "report.pdf")
        assert info["Tagged"] == "yes"
        assert "(A4)" in info["Page size"]
        assert all(font["emb"] == "yes" for font in pdf_fonts(run.folder / "report.pdf"))

    def test_fits_keeps_together_and_short(self, run):
        require_tools("pdf")
        pages = pdf_pages(run.folder / "report.pdf")
        paper = parse_paper(run.paper.read_text(encoding="utf-8"))
        assert outside_text_area(pages) == []
        text = page_texts(pages)
        captions = [squash(c) for c in paper.tables if c != "Report details"]
        assert [c for c in captions if c not in text] == []
        assert stranded_headings(pages, [t for _, t in paper.headings]) == []
        assert [p.number for p in pages if len(p.body) < 4] == []
        assert len(pages) <= 16
        assert first_page_with(pages, "Appendix A. Definitions") - 1 <= 10

    @pytest.mark.browser
    def test_axe_and_the_nu_checker_find_nothing(self, run):
        require_tools("axe")
        report = run_axe(run.paper)
        assert [(v["id"], len(v["nodes"])) for v in report["violations"]] == []
        assert report["blockedRequests"] == []
        require_tools("vnu")
        assert run_vnu(run.paper) == []

    @pytest.mark.browser
    def test_html_fits_a_laptop_and_a_phone(self, run):
        require_tools("layout")
        layout = run_layout(run.paper, (1280, 390))
        assert layout["1280"]["outside"] == []
        assert layout["390"]["outside"] == []
        assert layout["390"]["scrollWidth"] == layout["390"]["viewport"]


class TestBadInput:
    @pytest.fixture
    def folder(self, tmp_path):
        data = tmp_path / "data"
        shutil.copytree(DEFAULT_DATA, data)
        return data

    def test_strict_names_the_partner_file_row_and_column_and_archives_nothing(
        self, folder, tmp_path
    ):
        from pipeline.run.partnership import run_partnership

        out = tmp_path / "out"
        with pytest.raises(StrictModeError) as error:
            run_partnership(PERIOD, data_dir=folder, output_dir=out, strict=True)
        text = str(error.value)
        assert "South Yorkshire Police, partners/police.csv row 41, column start_date" in text
        assert not (out / "partnership").exists()

    def test_a_partner_register_without_a_column_stops_on_the_command_line(self, folder, tmp_path):
        path = folder / "partners" / "rema.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[0] = lines[0].replace("area_assembly", "area")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline",
                "partnership",
                "--period",
                PERIOD,
                "--data",
                str(folder),
                "--output",
                str(tmp_path / "out"),
            ],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 2
        assert "Error: partners/rema.csv has no 'area_assembly' column" in result.stderr
        assert "Traceback" not in result.stderr

    def test_without_partners_csv_the_run_says_what_is_missing(self, folder, tmp_path):
        from pipeline.run.partnership import run_partnership

        (folder / "reference" / "partners.csv").unlink()
        with pytest.raises(InputError, match=r"reference/partners\.csv is missing"):
            run_partnership(PERIOD, data_dir=folder, output_dir=tmp_path / "out")
