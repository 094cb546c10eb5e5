"""The sample run's Word version, report.docx: the HTML paper's content, accessible, and laid out
by LibreOffice as an agenda pack needs it.

LibreOffice Writer (Debian: libreoffice-writer-nogui) opens the file as a committee officer's
copy of Word would; CI installs it, and without it the layout tests are skipped with a reason.
"""

from __future__ import annotations

import itertools
import re
from html import unescape

import pytest
from docx import Document
from docx.oxml.ns import qn

from pipeline.paper.title import paper_title
from pipeline.publish.word import render_docx
from pipeline.publish.word_tables import element_text
from pipeline.spec.period import parse_period
from tests.conftest import SAMPLE_PERIOD
from tests.html_text import parse_paper
from tests.libreoffice import converter, require_writer
from tests.pdf_layout import (
    WORD_MARGINS,
    fitted_but_moved,
    outside_text_area,
    page_texts,
    pdf_pages,
    squash,
    stranded_headings,
)

pytestmark = pytest.mark.e2e

MAX_PAGES = 16


@pytest.fixture(scope="module")
def paper(sample_run):
    return parse_paper(sample_run.paper.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def word(sample_run):
    return Document(str(sample_run.word_path))


def _tables_by_caption(document) -> dict[str, list[list[str]]]:
    found = {}
    for table in document.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        rows = [
            [squash(element_text(cell)) for cell in row.findall(qn("w:tc"))]
            for row in table._tbl.findall(qn("w:tr"))
        ]
        found[caption.get(qn("w:val")) if caption is not None else "Report details"] = rows
    return found


def _with_header_rows(sample_run, paper) -> dict[str, list[list[str]]]:
    """The HTML's tables as the Word version has them: a table with no header row (its headings
    are its first column) has its caption as a header row across it."""
    html = sample_run.paper.read_text(encoding="utf-8")
    tables = re.findall(r"<table\b.*?</table>", html, re.DOTALL)
    titled = {
        squash(unescape(re.sub(r"<[^>]+>", "", caption)))
        for table in tables
        if "<thead" not in table
        for caption in re.findall(r"<caption[^>]*>(.*?)</caption>", table, re.DOTALL)
    }
    assert titled == {"Report details", "How this report was produced"}
    return {c: ([[c]] if c in titled else []) + rows for c, rows in paper.tables.items()}


class TestSameContentAsTheHtml:
    def test_every_table_has_the_htmls_cells(self, sample_run, paper, word):
        assert _tables_by_caption(word) == _with_header_rows(sample_run, paper)

    def test_the_headings_are_the_htmls_at_the_same_levels(self, paper, word):
        headings = [
            (f"h{p.style.name[-1]}", squash(p.text))
            for p in word.paragraphs
            if re.fullmatch(r"Heading [1-4]", p.style.name)
        ]
        assert headings == paper.headings

    def test_every_chart_carries_the_htmls_alt_text(self, sample_run, word):
        html = sample_run.paper.read_text(encoding="utf-8")
        alts = re.findall(r'<img alt="([^"]+)"', html)
        pictures = [
            d.get("descr") for d in word.element.body.iter(qn("wp:docPr")) if d.get("descr")
        ]
        assert alts
        assert pictures == [a.replace("&#x27;", "'").replace("&quot;", '"') for a in alts]


class TestAccessible:
    def test_title_and_language_are_set(self, word):
        assert word.core_properties.title == paper_title(parse_period(SAMPLE_PERIOD))
        assert word.core_properties.language == "en-GB"

    def test_headings_never_skip_a_level(self, word):
        levels = [
            int(p.style.name[-1])
            for p in word.paragraphs
            if re.fullmatch(r"Heading \d", p.style.name)
        ]
        assert levels[0] == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))

    def test_every_table_has_a_header_row_that_repeats(self, paper, word):
        assert len(word.tables) == len(paper.tables) > 20
        for table in word.tables:
            rows = table._tbl.findall(qn("w:tr"))
            assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None

    def test_every_table_has_rules_and_a_shaded_bold_header_of_its_own(self, word):
        for table in word.tables:
            borders = table._tbl.tblPr.find(qn("w:tblBorders"))
            assert borders is not None
            assert {b.get(qn("w:val")) for b in borders} == {"single"}
            header = table._tbl.findall(qn("w:tr"))[0]
            for cell in header.findall(qn("w:tc")):
                assert cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill")) == "DEE0E2"
                runs = list(cell.iter(qn("w:r")))
                assert runs
                assert all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in runs)


class TestDeterministic:
    def test_a_re_render_gives_the_same_bytes(self, sample_run, tmp_path):
        again = tmp_path / "again.docx"
        render_docx(
            sample_run.paper,
            again,
            title=paper_title(parse_period(SAMPLE_PERIOD)),
            author=Document(str(sample_run.word_path)).core_properties.author,
            stamp=parse_period(SAMPLE_PERIOD).end.date(),
        )
        assert again.read_bytes() == sample_run.word_path.read_bytes()


@pytest.fixture(scope="module")
def laid_out(sample_run, tmp_path_factory):
    """The Word version as LibreOffice lays it out, printed to PDF."""
    program = require_writer()
    folder = tmp_path_factory.mktemp("word-layout")
    convert = converter(program, folder / "profile")
    return pdf_pages(convert(sample_run.word_path, "pdf", folder), WORD_MARGINS)


class TestAgendaReadyInLibreOffice:
    def test_nothing_outside_the_text_area(self, laid_out):
        assert outside_text_area(laid_out) == []

    def test_no_heading_or_caption_ends_a_page(self, paper, laid_out):
        headings = [text for _, text in paper.headings]
        captions = [c for c in paper.tables if c != "Report details"]
        assert stranded_headings(laid_out, headings + captions) == []

    def test_every_caption_and_heading_is_printed(self, paper, laid_out):
        text = page_texts(laid_out)
        wanted = [squash(c) for c in paper.tables if c != "Report details"]
        wanted += [squash(h) for _, h in paper.headings]
        assert [w for w in wanted if w not in text] == []

    def test_no_half_empty_page_before_a_table_that_would_have_fitted(self, paper, laid_out):
        headings = [text for _, text in paper.headings]
        captions = [c for c in paper.tables if c != "Report details"]
        first_appendix = next(h for h in headings if h.startswith("Appendix A"))
        assert fitted_but_moved(laid_out, headings, captions, forced=(first_appendix,)) == []

    def test_the_appendices_start_a_page_and_the_contact_details_share_one(self, laid_out):
        starts = [page.body[0].text for page in laid_out if page.body]
        assert any(text.startswith("Appendix A") for text in starts)
        contact = [
            page.number
            for page in laid_out
            for line in page.body
            if line.text.startswith(("Telephone", "E-mail", "Contact name and details"))
        ]
        assert len(contact) == 3
        assert len(set(contact)) == 1

    def test_no_file_name_or_identifier_breaks_mid_word(self, sample_run, laid_out):
        html = sample_run.paper.read_text(encoding="utf-8")
        names = re.findall(r'<tr><th scope="row">([\w/.\-]+\.(?:csv|toml|xlsx|sav))</th>', html)
        words = {word for page in laid_out for line in page.body for word in line.text.split()}
        assert len(names) > 10
        assert [
            n for n in names if n.rsplit("/", 1)[-1] not in {w.rsplit("/", 1)[-1] for w in words}
        ] == []
        assert "(SHA-256," in words  # the provenance appendix's "(SHA-256, in groups of eight"

    def test_page_numbers_and_a_short_paper(self, laid_out):
        assert len(laid_out) <= MAX_PAGES
        footers = [
            line.text for page in laid_out for line in page.lines if line.text.startswith("Page ")
        ]
        assert footers == [f"Page {n} of {len(laid_out)}" for n in range(1, len(laid_out) + 1)]
