"""The sample paper itself is fit to publish: checked by axe-core, the Nu Html Checker and poppler.

On CI (CI=true) a missing tool fails these tests; locally they are skipped with a reason
naming what to install (see the README).
"""

from __future__ import annotations

import csv

import pytest

from tests.browser.checks import pdf_fonts, pdf_info, pdf_text, require_tools, run_axe, run_vnu
from tests.html_text import plain_text

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def axe_report(sample_run) -> dict:
    require_tools("axe")
    return run_axe(sample_run.paper)


@pytest.mark.browser
class TestAccessibleHtml:
    def test_axe_finds_no_violations(self, axe_report):
        summary = [(v["id"], len(v["nodes"])) for v in axe_report["violations"]]
        assert summary == []

    def test_no_network_request_attempted(self, axe_report):
        assert axe_report["blockedRequests"] == []

    def test_nu_checker_finds_no_errors(self, sample_run):
        require_tools("vnu")
        assert run_vnu(sample_run.paper) == []

    def test_lang_and_title(self, sample_run):
        html = sample_run.paper.read_text(encoding="utf-8")
        assert '<html lang="en-GB">' in html
        assert (
            "<title>Corporate Consultation and Community Involvement (CCI) Framework Progress "
            "Report (April 2006 - January 2007)</title>" in html
        )

    def test_every_chart_has_alt_text_stating_its_message(self, sample_run):
        html = sample_run.paper.read_text(encoding="utf-8")
        images = html.count("<img ")
        assert images >= 2
        assert html.count('alt="Bar chart. ') + html.count('alt="Line chart. ') == images


class TestPdf:
    @pytest.fixture(autouse=True)
    def _tools(self):
        require_tools("pdf")

    def test_tagged_a4_with_pages(self, sample_run):
        info = pdf_info(sample_run.folder / "report.pdf")
        assert info["Tagged"] == "yes"
        assert "(A4)" in info["Page size"]
        assert int(info["Pages"]) > 1

    def test_fonts_embedded(self, sample_run):
        fonts = pdf_fonts(sample_run.folder / "report.pdf")
        assert fonts
        assert all(font["emb"] == "yes" for font in fonts)

    def test_text_has_page_numbers_title_and_the_same_figures(self, sample_run):
        text = " ".join(pdf_text(sample_run.folder / "report.pdf").split())
        assert "Page 1 of" in text
        assert "Progress Report (April 2006 - January 2007)" in text
        assert "All actions in the action plan are on track" in text
        html_text = plain_text(sample_run.paper.read_text(encoding="utf-8"))
        with open(sample_run.folder / "indicators.csv", encoding="utf-8", newline="") as handle:
            names = [row["name"] for row in csv.DictReader(handle)]
        for name in names:
            assert name in html_text
            assert name.split(" ")[0] in text
