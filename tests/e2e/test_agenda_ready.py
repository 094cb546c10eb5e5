"""The paper as it goes into an agenda pack, read from the rendered PDF and the page in Chromium.

Three papers: the sample period (April 2006 to January 2007), one month (January 2007) and the
2005/06 financial year, whose data folder has achievements written in the scripts of the
borough's communities.
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from pipeline.paths import DEFAULT_DATA
from tests.browser.checks import pdf_fonts, require_tools, run_layout
from tests.html_text import parse_paper, plain_text
from tests.pdf_layout import (
    first_page_with,
    outside_text_area,
    page_texts,
    pdf_pages,
    squash,
    stranded_headings,
)

# Achievements of 2005/06, as community groups might have written them.
SCRIPTS = {
    "Polish": "Spotkanie z mieszkańcami: zażółć gęślą jaźń",
    "Slovak": "Stretnutie s rómskou komunitou: ťažká úloha",
    "Urdu": "اردو زبان میں مشاورت ہے",
    "Bengali": "বাংলা ভাষায় পরামর্শ",
    "Chinese": "中文社区咨询会",
}
LEFT_TO_RIGHT = ("Polish", "Slovak", "Bengali", "Chinese")
MAX_PAGES, MAX_SECTION_PAGES = 16, 10


def _multilingual_folder(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, data)
    plan = data / "action_plan.csv"
    actions = pd.read_csv(plan, dtype=str, keep_default_na=False)
    done = actions.index[actions["completed_date"].between("2005-04-01", "2006-03-31")]
    assert len(done) >= len(SCRIPTS)
    for row, text in zip(done, SCRIPTS.values(), strict=False):
        actions.loc[row, "achievement"] = text
    actions.to_csv(plan, index=False, lineterminator="\n")
    return data


@pytest.fixture(scope="module")
def papers(sample_run, tmp_path_factory):
    """period -> (html text, parsed paper, pdf path) for the three papers."""
    from pipeline.run.report import run_report

    tmp = tmp_path_factory.mktemp("agenda")
    runs = {
        "sample": sample_run,
        "one month": run_report("2007-01", data_dir=DEFAULT_DATA, output_dir=tmp / "archive"),
        "2005/06": run_report(
            "2005/06", data_dir=_multilingual_folder(tmp), output_dir=tmp / "archive"
        ),
    }
    found = {}
    for name, run in runs.items():
        html = run.paper.read_text(encoding="utf-8")
        found[name] = (html, parse_paper(html), run.folder / "report.pdf", run.paper)
    return found


PAPERS = ("sample", "one month", "2005/06")


def _sections_text(html: str) -> str:
    """The text of sections 1-7 and the contact details (before Appendix A)."""
    text = plain_text(html)
    return text[: text.index("Appendix A. Indicator definitions")]


@pytest.mark.e2e
@pytest.mark.parametrize("name", PAPERS)
class TestFitsAndKeepsTogether:
    def test_nothing_outside_the_text_area(self, papers, name):
        require_tools("pdf")
        assert outside_text_area(pdf_pages(papers[name][2])) == []

    def test_every_table_caption_is_in_the_pdf(self, papers, name):
        require_tools("pdf")
        _, paper, pdf, _ = papers[name]
        text = page_texts(pdf_pages(pdf))
        captions = [squash(c) for c in paper.tables if c != "Report details"]
        assert captions
        assert [c for c in captions if c not in text] == []

    def test_no_heading_ends_a_page(self, papers, name):
        require_tools("pdf")
        _, paper, pdf, _ = papers[name]
        headings = [text for _, text in paper.headings]
        assert stranded_headings(pdf_pages(pdf), headings) == []

    def test_no_page_holds_only_a_stray_line(self, papers, name):
        require_tools("pdf")
        short = [p.number for p in pdf_pages(papers[name][2]) if len(p.body) < 4]
        assert short == []

    def test_short(self, papers, name):
        require_tools("pdf")
        pages = pdf_pages(papers[name][2])
        assert len(pages) <= MAX_PAGES
        appendix_a = first_page_with(pages, "Appendix A. Indicator definitions")
        assert appendix_a is not None
        assert appendix_a - 1 <= MAX_SECTION_PAGES  # sections 1-7 end on the page before

    def test_html_fits_a_laptop_and_a_phone(self, papers, name):
        require_tools("layout")
        layout = run_layout(papers[name][3], (1280, 390))
        laptop, phone = layout["1280"], layout["390"]
        assert laptop["outside"] == []
        assert laptop["scrolled"] == []  # every table fits a laptop's screen
        assert phone["outside"] == []
        assert phone["scrollWidth"] == phone["viewport"]  # the page itself never scrolls sideways


@pytest.mark.e2e
@pytest.mark.parametrize("name", PAPERS)
class TestCommitteeLanguage:
    def test_sections_carry_no_file_names_column_names_or_codes(self, papers, name):
        text = _sections_text(papers[name][0])
        assert not re.search(r"\b\w+\.csv\b|\b[a-z]+_[a-z_]+\b", text)
        assert not re.search(r"\d{4}-\d{2}\.\.\d{4}-\d{2}", text)
        for term in ("data contract", "set aside", "set_aside"):
            assert term not in text.lower()

    def test_count_targets_are_whole_numbers(self, papers, name):
        _, paper, _, _ = papers[name]
        scorecard = next(rows for caption, rows in paper.tables.items() if "Scorecard" in caption)
        count_rows = [r for r in scorecard if r[0].split(" ")[0] in ("PA1.4", "PA2.1", "PA2.2")]
        assert len(count_rows) == 3
        # The clashes, a count to keep low, have a limit.
        assert re.fullmatch(r"[\d,]+ \(limit\)", count_rows[0][2]), count_rows
        assert all(re.fullmatch(r"[\d,]+", row[2]) for row in count_rows[1:]), count_rows

    def test_summary_and_recommendations_name_no_code_and_no_target_for_a_limit(self, papers, name):
        text = plain_text(papers[name][0])
        opening = text[text.index("1. Summary") : text.index("3. Proposals and details")]
        assert not re.search(r"\bPA\d\.\d\b", opening)
        assert not re.search(r"clashed[^.]*against a target", opening)

    def test_one_remedial_recommendation_at_most(self, papers, name):
        text = plain_text(papers[name][0])
        assert text.count("That a remedial plan for priority") <= 1
        assert "reported back to this meeting" not in text


def _opening(html: str) -> str:
    text = plain_text(html)
    return text[text.index("1. Summary") : text.index("3. Proposals and details")]


def _scorecard(paper) -> dict[str, list[str]]:
    rows = next(rows for caption, rows in paper.tables.items() if "Scorecard" in caption)
    return {r[0].split(" ")[0]: r for r in rows if r[0].startswith("PA")}


@pytest.mark.e2e
class TestFairFigures:
    def test_the_sample_paper_compares_with_the_same_months_a_year_earlier(self, papers):
        opening = _opening(papers["sample"][0])
        assert "the same period last year (April 2005 to January 2006)" in opening
        assert "June 2005" not in opening

    def test_the_sample_paper_says_what_comes_next(self, papers):
        text = plain_text(papers["sample"][0])
        coming = text[text.index("What comes next") : text.index("3.3 Key achievements")]
        assert "Hold an all-member seminar on consultation and community involvement" in coming
        assert "31 May 2007" in coming

    def test_the_one_month_paper_rates_no_reach_and_nothing_on_a_small_base(self, papers):
        scorecard = _scorecard(papers["one month"][1])
        for code in ("PA2.3", "PA3.1", "PA3.2"):
            assert "No rating" in scorecard[code][3], scorecard[code]
        small = {c: r for c, r in scorecard.items() if re.fullmatch(r"\d+ of \d", r[1])}
        assert small  # January 2007 closed few activities whose feedback or results were due
        assert all("No rating" in r[3] for r in small.values()), small
        assert "Red" not in _opening(papers["one month"][0])

    def test_the_forward_plan_flags_no_past_election(self, papers):
        run_folder = papers["sample"][2].parent
        plan = pd.read_csv(run_folder / "website" / "forward-plan.csv", dtype=str)
        flagged = set(plan["pre_election"].dropna())
        assert flagged == {"Borough council elections 2007"}


@pytest.mark.e2e
class TestEveryScriptPrints:
    def test_achievements_print_as_themselves(self, papers):
        require_tools("pdf")
        html, _, pdf, _ = papers["2005/06"]
        for text in SCRIPTS.values():
            assert text in plain_text(html)
        # pdftotext puts spaces inside Bengali clusters: compare without spaces.
        printed = page_texts(pdf_pages(pdf)).replace(" ", "")
        for name in LEFT_TO_RIGHT:
            assert SCRIPTS[name].replace(" ", "") in printed, name
        names = {font["name"].split("+", 1)[-1] for font in pdf_fonts(pdf)}
        assert {"CCI-Arabic", "CCI-Bengali", "CCI-CJK"} <= names
