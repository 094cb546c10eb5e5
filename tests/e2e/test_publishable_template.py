"""The paper template makes a publishable page and PDF from a representative notebook.

The notebook is built in memory with the kinds of output the paper notebook makes
(headings, the header block, a scorecard with rating badges, a chart, a table long
enough to span pages) and the kinds it must never show (a print, a warning, an error,
a ``<Figure>`` repr, code, a cell tagged ``remove_cell``). The page is then checked by
tools the team did not write: axe-core in Chromium, the Nu Html Checker, poppler.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pipeline.paper import charts
from pipeline.publish.render import render_html, render_pdf
from tests.browser.checks import (
    pdf_fonts,
    pdf_info,
    pdf_text,
    require_tools,
    run_axe,
    run_vnu,
)

pytestmark = pytest.mark.e2e

TITLE = (
    "Corporate Consultation and Community Involvement (CCI) Framework Progress Report "
    "(April 2006 - January 2007)"
)
STRAY = ("STRAY-PRINT", "STRAY-WARNING", "STRAY-ERROR", "STRAY-REPR", "STRAY-CODE", "STRAY-NOTE")
LONG_TABLE_ROWS = 150


def _html_cell(fragment: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    """A code cell whose only output is an HTML fragment, as display(HTML(...)) leaves it."""
    return new_code_cell(
        source="display(HTML(fragment))  # STRAY-CODE",
        outputs=[
            new_output(
                "display_data",
                data={"text/html": fragment, "text/plain": "<IPython.core.display.HTML object>"},
            )
        ],
        metadata={"tags": list(tags)},
    )


def _chart_html() -> str:
    fig = charts.bar_chart(
        ["Neighbourhoods", "Children & Young People", "Adult Services", "Environment"],
        [42, 30, 17, 8],
        title="Neighbourhoods ran the most activities",
        value_label="Activities",
        highlight="Neighbourhoods",
    )
    return charts.figure_html(
        fig,
        alt="Neighbourhoods ran 42 activities, more than any other programme area; "
        "Environment ran the fewest, 8.",
        caption="Figure 1: Activities by programme area, April 2006 to January 2007",
    )


def _representative_notebook() -> nbformat.NotebookNode:
    header_block = (
        '<p class="org-name">Rotherham Metropolitan Borough Council</p>'
        f"<h1>{TITLE}</h1>"
        '<table class="header-block"><caption>Report details</caption><tbody>'
        '<tr><th scope="row">Meeting</th><td>Cabinet Member for Neighbourhoods</td></tr>'
        '<tr><th scope="row">Date</th><td>14 February 2007</td></tr>'
        f'<tr><th scope="row">Title</th><td>{TITLE}</td></tr>'
        '<tr><th scope="row">Programme Area</th><td>Chief Executive&#39;s</td></tr>'
        '<tr><th scope="row">Report author</th><td>Policy and Performance Officer</td></tr>'
        "</tbody></table>"
    )
    ratings = [
        ("PA1.1 Activities recorded", "42", "40", "green", "✓ Green", "↑ Improving"),
        ("PA2.3 Actions on track", "78%", "90%", "amber", "! Amber", "→ No change"),
        ("PA3.1 Residents satisfied", "51%", "60%", "red", "✗ Red", "↓ Worse"),
        ("PA4.2 Staff trained", "n/a", "25", "none", "– Not rated", "No previous period"),
    ]
    scorecard_rows = "".join(
        f'<tr><th scope="row">{name}</th><td class="num">{value}</td>'
        f'<td class="num">{target}</td>'
        f'<td><span class="rating rating-{colour}">{word}</span></td><td>{trend}</td></tr>'
        for name, value, target, colour, word, trend in ratings
    )
    scorecard = (
        "<h2>3. Proposals and details</h2>"
        "<h3>3.1 Progress against the five priority areas</h3>"
        "<table><caption>Indicators against their targets</caption><thead><tr>"
        '<th scope="col">Indicator</th><th scope="col" class="num">Value</th>'
        '<th scope="col" class="num">Target</th><th scope="col">Rating</th>'
        '<th scope="col">Direction of travel</th></tr></thead>'
        f"<tbody>{scorecard_rows}</tbody></table>"
    )
    long_rows = "".join(
        f'<tr><th scope="row">Activity {i}</th><td>Neighbourhoods</td>'
        f'<td class="num">£{i * 125:,}</td></tr>'
        for i in range(1, LONG_TABLE_ROWS + 1)
    )
    long_table = (
        "<h3>3.4 Activity</h3>"
        "<table><caption>Activities started in the period</caption><thead><tr>"
        '<th scope="col">Activity</th><th scope="col">Programme area</th>'
        '<th scope="col" class="num">Cost</th></tr></thead>'
        f"<tbody>{long_rows}</tbody></table>"
    )
    nb = new_notebook(metadata={"title": TITLE})
    nb.cells = [
        new_markdown_cell("A note for developers: STRAY-NOTE"),
        new_code_cell("period = '2006-04..2007-01'", metadata={"tags": ["parameters"]}),
        _html_cell(header_block),
        _html_cell(
            "<h2>1. Summary</h2><p>42 activities ran between April 2006 and January 2007.</p>"
            "<h2>2. Recommendations</h2><ol><li>That the progress made be noted.</li></ol>"
        ),
        new_code_cell(
            "print('x')",
            outputs=[
                new_output("stream", name="stdout", text="STRAY-PRINT\n"),
                new_output("stream", name="stderr", text="UserWarning: STRAY-WARNING\n"),
            ],
        ),
        _html_cell(scorecard),
        _html_cell("<p>STRAY-HIDDEN</p>", tags=("remove_cell",)),
        _html_cell(_chart_html()),
        new_code_cell(
            "fig",
            outputs=[
                new_output(
                    "execute_result", data={"text/plain": "<Figure STRAY-REPR>"}, execution_count=7
                )
            ],
        ),
        _html_cell(long_table),
        new_code_cell(
            "1 / 0",
            outputs=[
                new_output(
                    "error",
                    ename="ZeroDivisionError",
                    evalue="STRAY-ERROR",
                    traceback=["ZeroDivisionError: STRAY-ERROR"],
                )
            ],
        ),
    ]
    nbformat.validate(nb)
    return nb


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The representative notebook rendered twice as HTML, and once as PDF."""
    folder = tmp_path_factory.mktemp("paper")
    nb = _representative_notebook()
    html = render_html(nb)
    html_path = folder / "paper.html"
    html_path.write_text(html, encoding="utf-8")
    pdf_path = folder / "paper.pdf"
    render_pdf(html_path, pdf_path)
    return {"html": html, "again": render_html(nb), "html_path": html_path, "pdf_path": pdf_path}


class TestRenderedHtml:
    def test_second_render_byte_identical(self, paper: dict) -> None:
        assert paper["again"].encode() == paper["html"].encode()

    def test_title_from_notebook_metadata(self, paper: dict) -> None:
        assert f"<title>{TITLE}</title>" in paper["html"]

    def test_lang_en_gb(self, paper: dict) -> None:
        assert '<html lang="en-GB">' in paper["html"]

    def test_one_h1(self, paper: dict) -> None:
        assert len(re.findall(r"<h1\b", paper["html"])) == 1

    def test_no_stray_output_or_code(self, paper: dict) -> None:
        found = [marker for marker in (*STRAY, "STRAY-HIDDEN") if marker in paper["html"]]
        assert found == []

    def test_no_script_or_remote_resource(self, paper: dict) -> None:
        html = paper["html"]
        assert "<script" not in html.lower()
        assert re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html) == []

    def test_chart_embedded_with_alt(self, paper: dict) -> None:
        images = re.findall(r"<img\b[^>]*>", paper["html"])
        assert len(images) == 1
        assert 'src="data:image/svg+xml;base64,' in images[0]
        assert 'alt="Neighbourhoods ran 42 activities' in images[0]


@pytest.fixture(scope="module")
def axe_report(paper: dict) -> dict:
    """axe-core's report on the page, run once for the module."""
    require_tools("axe")
    return run_axe(paper["html_path"])


@pytest.mark.browser
class TestAccessibilityAndValidity:
    def test_axe_finds_no_violations(self, axe_report: dict) -> None:
        found = [(v["id"], v["help"], len(v["nodes"])) for v in axe_report["violations"]]
        assert found == []

    def test_page_makes_no_network_request(self, axe_report: dict) -> None:
        assert axe_report["blockedRequests"] == []

    def test_vnu_finds_no_errors(self, paper: dict) -> None:
        require_tools("vnu")
        assert run_vnu(paper["html_path"]) == []


class TestPdf:
    @pytest.fixture(autouse=True)
    def _poppler(self) -> None:
        require_tools("pdf")

    def test_tagged(self, paper: dict) -> None:
        assert pdf_info(paper["pdf_path"])["Tagged"] == "yes"

    def test_a4(self, paper: dict) -> None:
        assert "(A4)" in pdf_info(paper["pdf_path"])["Page size"]

    def test_long_table_spans_pages(self, paper: dict) -> None:
        # 150 rows of about 6 mm cannot fit on one A4 page (297 mm less margins).
        assert int(pdf_info(paper["pdf_path"])["Pages"]) > 1

    def test_title_in_metadata(self, paper: dict) -> None:
        assert pdf_info(paper["pdf_path"])["Title"] == TITLE

    def test_fonts_embedded(self, paper: dict) -> None:
        fonts = pdf_fonts(paper["pdf_path"])
        assert fonts
        assert [font["name"] for font in fonts if font["emb"] != "yes"] == []

    def test_text_extractable_with_page_numbers_and_running_title(self, paper: dict) -> None:
        text = pdf_text(paper["pdf_path"])
        pages = int(pdf_info(paper["pdf_path"])["Pages"])
        assert "Activity 150" in text
        assert f"Page 1 of {pages}" in text
        assert f"Page {pages} of {pages}" in text
        # The running header repeats the title on every page (pdftotext may wrap it).
        assert text.count("Framework Progress Report") >= pages

    def test_no_stray_output(self, paper: dict) -> None:
        text = pdf_text(paper["pdf_path"])
        assert [marker for marker in STRAY if marker in text] == []


def test_render_html_reads_notebook_file(tmp_path: Path) -> None:
    path = tmp_path / "paper.ipynb"
    nbformat.write(_representative_notebook(), path)
    assert render_html(path) == render_html(_representative_notebook())
