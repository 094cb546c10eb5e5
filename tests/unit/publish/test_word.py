"""Tests for pipeline.publish.word: the Word version, read back with python-docx."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Inches, Pt
from docx.text.paragraph import Paragraph

from pipeline.errors import InputError
from pipeline.publish.word import render_docx, stable_zip
from pipeline.publish.word_html import WordVersionError
from pipeline.publish.word_tables import element_text
from tests.unit.publish.word_papers import (
    ALT,
    AUTHOR,
    STAMP,
    TITLE,
    council_template,
    render,
    write_paper,
)


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory):
    return render(tmp_path_factory.mktemp("word"))


@pytest.fixture(scope="module")
def document(docx_path):
    return Document(str(docx_path))


def _text(element) -> str:
    return element_text(element)


class TestStructure:
    def test_headings_are_heading_styles_in_order(self, document):
        headings = [
            (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Head")
        ]
        assert headings == [
            ("Heading 1", TITLE),
            ("Heading 2", "1. Summary"),
            ("Heading 2", "3. Proposals and details"),
            ("Heading 3", "3.1 Progress against the five priority areas"),
            ("Heading 2", "Contact name and details"),
            ("Heading 2", "Appendix A. Indicator definitions"),
        ]

    def test_no_bold_text_stands_in_for_a_heading(self, document):
        bold_only = [
            p.text
            for p in document.paragraphs
            if p.runs and all(r.bold for r in p.runs) and not p.style.name.startswith("Head")
        ]
        assert bold_only == []

    def test_the_text_is_the_papers_escaped_as_written(self, document):
        texts = [p.text for p in document.paragraphs]
        assert "317 activities ran & 291 started: <b>not bold</b>." in texts
        assert "Each indicator is rated against its target." in texts
        # The page's own <title> and stylesheet are not content.
        assert sum(TITLE in t for t in texts) == 1
        assert not any("color: red" in t for t in texts)

    def test_an_introducing_sentence_keeps_with_its_table(self, document):
        lead = next(p for p in document.paragraphs if p.text.startswith("Each indicator"))
        assert lead.style.name == "Lead"
        assert lead.paragraph_format.keep_with_next is True
        caption = next(p for p in document.paragraphs if p.text == "Scorecard: every indicator")
        assert caption.paragraph_format.keep_with_next is True

    def test_ratings_are_words_with_their_symbol_in_a_rating_style(self, document):
        table = document.tables[1]
        scorecard = table._tbl
        rated = [
            (paragraph.runs[0].style.name, paragraph.text.split(": ")[-1].split(" Awareness ")[-1])
            for paragraph in (Paragraph(p, table) for p in scorecard.iter(qn("w:p")))
            if paragraph.runs and paragraph.runs[0].style.name.startswith("Rating")
        ]
        assert sorted(set(rated)) == [("Rating Green", "✔ Green")]
        groups = [p for p in scorecard.iter(qn("w:p")) if "Priority area" in _text(p)]
        assert [_text(p) for p in groups] == [f"Priority area {n}: Awareness ✖ Red" for n in (1, 2)]
        last_runs = [Paragraph(p, table).runs[-1].style.name for p in groups]
        assert last_runs == ["Rating Red", "Rating Red"]


class TestTables:
    def test_cell_texts_are_the_htmls(self, document):
        header, scorecard = document.tables
        assert [c.text for c in header.rows[1].cells] == [
            "Meeting",
            "Cabinet Member for Community Cohesion",
        ]
        assert [c.text for c in scorecard.rows[0].cells] == ["Indicator", "Value", "Rating"]
        assert [c.text for c in scorecard.rows[2].cells] == [
            "PA1.1 Staff trained",
            "10%",
            "✔ Green",
        ]

    def test_the_header_row_repeats_on_every_page(self, document):
        scorecard = document.tables[1]
        rows = scorecard._tbl.findall(qn("w:tr"))
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for r in rows[1:])

    def test_no_row_breaks_across_a_page(self, document):
        for table in document.tables:
            for row in table._tbl.findall(qn("w:tr")):
                assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None

    def test_the_caption_is_the_tables_alt_text(self, document):
        scorecard = document.tables[1]._tbl.tblPr
        assert scorecard.find(qn("w:tblCaption")).get(qn("w:val")) == "Scorecard: every indicator"

    def test_each_table_has_one_caption_and_one_description_last_as_the_schema_orders(
        self, document
    ):
        for table in document.tables:
            tags = [child.tag for child in table._tbl.tblPr]
            if qn("w:tblCaption") in tags:
                assert tags.count(qn("w:tblCaption")) == 1
                assert tags.count(qn("w:tblDescription")) == 1
                assert tags[-2:] == [qn("w:tblCaption"), qn("w:tblDescription")]

    def test_a_caption_for_screen_readers_only_is_not_printed(self, document):
        assert "Report details" not in [p.text for p in document.paragraphs]

    def test_numbers_are_right_aligned(self, document):
        value = document.tables[1].rows[2].cells[1].paragraphs[0]
        assert value.paragraph_format.alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT

    def test_tables_span_the_text_width(self, document):
        section = document.sections[0]
        text_width = (section.page_width - section.left_margin - section.right_margin) // 635
        for table in document.tables:
            grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
            assert sum(int(c.get(qn("w:w"))) for c in grid) == text_width


def _header_cells(table) -> list:
    rows = table._tbl.findall(qn("w:tr"))
    return [
        c
        for r in rows
        if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        for c in r.findall(qn("w:tc"))
    ]


def _fill(cell) -> str | None:
    shading = cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    return None if shading is None else shading.get(qn("w:fill"))


def _all_bold(cell) -> bool:
    runs = list(cell.iter(qn("w:r")))
    return bool(runs) and all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in runs)


class TestTablesCarryTheirLook:
    """LibreOffice shows little of a table style: each table carries the look itself."""

    def test_every_table_has_rules_of_its_own(self, document):
        for table in document.tables:
            borders = table._tbl.tblPr.find(qn("w:tblBorders"))
            assert borders is not None
            sides = {
                b.tag.split("}")[1]: (b.get(qn("w:val")), b.get(qn("w:color"))) for b in borders
            }
            assert sides == dict.fromkeys(
                ("top", "left", "bottom", "right", "insideH", "insideV"), ("single", "B1B4B6")
            )

    def test_the_header_row_is_shaded_and_bold(self, document):
        cells = _header_cells(document.tables[1])
        assert len(cells) == 3
        assert all(_fill(c) == "DEE0E2" and _all_bold(c) for c in cells)
        body = document.tables[1]._tbl.findall(qn("w:tr"))[2].findall(qn("w:tc"))[1]
        assert _fill(body) is None

    def test_a_table_of_row_headings_has_its_caption_as_a_header_row(self, document):
        header_block = document.tables[0]
        title, meeting = header_block._tbl.findall(qn("w:tr"))[:2]
        assert title.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        (cell,) = title.findall(qn("w:tc"))
        assert (_text(cell), _fill(cell), _all_bold(cell)) == ("Report details", "DEE0E2", True)
        assert cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == "2"
        caption = header_block._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption.get(qn("w:val")) == "Report details"
        # The rows' headings are bold, as on the page; the values are not.
        heading, value = meeting.findall(qn("w:tc"))
        assert (_all_bold(heading), _all_bold(value)) == (True, False)

    def test_every_table_has_a_header_row_that_repeats(self, document):
        for table in document.tables:
            first = table._tbl.find(qn("w:tr"))
            assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None

    def test_the_properties_are_in_the_order_the_schema_asks(self, document):
        order = ["tblW", "tblBorders", "tblLayout", "tblLook", "tblCaption", "tblDescription"]
        tags = [e.tag.split("}")[1] for e in document.tables[1]._tbl.tblPr]
        assert [t for t in tags if t in order] == order
        cell = [e.tag.split("}")[1] for e in _header_cells(document.tables[1])[0].tcPr]
        assert cell.index("tcW") < cell.index("tcBorders") < cell.index("shd")

    def test_the_plain_table_style_says_the_same_for_word(self, document):
        style = document.styles["Table"].element
        assert [e.tag.split("}")[1] for e in style][-2:] == ["tblPr", "tblStylePr"]
        header = style.find(qn("w:tblStylePr"))
        assert header.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill")) == "DEE0E2"
        assert header.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None

    def test_what_follows_a_table_stands_clear_of_it(self, document):
        after = document.tables[1]._tbl.getnext()
        assert Paragraph(after, document).paragraph_format.space_before == Pt(10)


class TestKeptApart:
    def test_the_appendices_start_on_a_new_page(self, document):
        heading = next(p for p in document.paragraphs if p.text.startswith("Appendix A"))
        assert heading.paragraph_format.page_break_before is True

    def test_the_contact_details_stay_together(self, document):
        texts = [p.text for p in document.paragraphs]
        contact = document.paragraphs[texts.index("Contact name and details") + 1]
        assert contact.text.startswith("Principal Officer")
        assert contact.paragraph_format.keep_together is True

    def test_identifiers_and_ranges_never_break_at_their_hyphen(self, document):
        paragraph = next(p for p in document.paragraphs if "SHA" in _text(p._p))
        assert _text(paragraph._p) == (
            "The fingerprint (SHA-256) of 2006-04..2007-01, aged 16-24, under-represented."
        )
        assert len(list(paragraph._p.iter(qn("w:noBreakHyphen")))) == 4
        assert "under-represented" in "".join(t.text for t in paragraph._p.iter(qn("w:t")))


class TestChart:
    def test_the_picture_carries_the_alt_text(self, document):
        (drawing,) = document.element.body.iter(qn("w:drawing"))
        assert drawing.find(f".//{qn('wp:docPr')}").get("descr") == ALT
        assert drawing.find(f".//{qn('pic:cNvPr')}").get("descr") == ALT

    def test_the_chart_is_a_png_every_word_shows(self, docx_path):
        with zipfile.ZipFile(docx_path) as package:
            media = [n for n in package.namelist() if n.startswith("word/media/")]
            assert len(media) == 1
            assert package.read(media[0]).startswith(b"\x89PNG")

    def test_the_chart_keeps_with_its_caption(self, document):
        (drawing,) = document.element.body.iter(qn("w:drawing"))
        paragraph = next(drawing.iterancestors(qn("w:p")))
        assert paragraph.pPr.find(qn("w:keepNext")) is not None


class TestProperties:
    def test_title_author_and_language(self, document):
        properties = document.core_properties
        assert properties.title == TITLE
        assert properties.author == AUTHOR
        assert properties.language == "en-GB"

    def test_the_text_is_in_english_uk(self, document):
        defaults = document.styles.element.find(qn("w:docDefaults"))
        lang = defaults.find(f".//{qn('w:lang')}")
        assert lang.get(qn("w:val")) == "en-GB"

    def test_dates_are_the_periods_end(self, document):
        assert document.core_properties.created == datetime(2007, 1, 31, tzinfo=UTC)
        assert document.core_properties.modified == datetime(2007, 1, 31, tzinfo=UTC)

    def test_the_default_layout_is_a4_with_page_numbers(self, document):
        section = document.sections[0]
        assert abs(section.page_width - Cm(21)) < Cm(0.01)
        assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
        footer = section.footer._element
        instructions = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
        assert instructions == ["PAGE", "NUMPAGES"]


class TestDeterministic:
    def test_the_same_paper_gives_the_same_bytes(self, docx_path, tmp_path):
        assert render(tmp_path).read_bytes() == docx_path.read_bytes()

    def test_no_clock_in_the_package(self, docx_path):
        with zipfile.ZipFile(docx_path) as package:
            assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}

    def test_stable_zip_keeps_every_entry_and_its_content(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            package.writestr("[Content_Types].xml", "<Types/>")
            package.writestr("word/document.xml", "<w:document/>")
        with zipfile.ZipFile(io.BytesIO(stable_zip(buffer.getvalue()))) as again:
            assert again.namelist() == ["[Content_Types].xml", "word/document.xml"]
            assert again.read("word/document.xml") == b"<w:document/>"


@pytest.fixture(scope="module")
def on_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    template = council_template(folder / "paper_template.docx")
    return Document(str(render(folder, template=template)))


class TestCouncilTemplate:
    def test_its_fonts_and_heading_colour_carry_over(self, on_template):
        normal = on_template.styles["Normal"]
        assert normal.font.name == "Courier New"
        assert normal.font.size.pt == 13
        assert str(on_template.styles["Heading 1"].font.color.rgb) == "800020"

    def test_its_page_set_up_and_header_carry_over(self, on_template):
        section = on_template.sections[0]
        assert section.page_width == Inches(8.5)
        assert section.left_margin == Inches(1)
        assert "OFFICIAL - SENSITIVE" in section.header.paragraphs[0].text

    def test_its_own_table_style_is_used(self, on_template):
        assert {t.style.name for t in on_template.tables} == {"Table Grid"}

    def test_its_table_style_restyles_every_table_in_every_program(self, tmp_path):
        template = council_template(tmp_path / "paper_template.docx")
        council = Document(str(template))
        grid = council.styles["Table Grid"].element
        for border in grid.iter(qn("w:top"), qn("w:insideH"), qn("w:insideV")):
            border.set(qn("w:color"), "800020")
        grid.append(
            parse_xml(
                f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:tcPr>'
                '<w:shd w:val="clear" w:color="auto" w:fill="FFE699"/></w:tcPr></w:tblStylePr>'
            )
        )
        council.save(template)
        document = Document(str(render(tmp_path, template=template)))
        for table in document.tables:
            borders = table._tbl.tblPr.find(qn("w:tblBorders"))
            assert borders.find(qn("w:insideH")).get(qn("w:color")) == "800020"
        cells = _header_cells(document.tables[1])
        assert all(_fill(c) == "FFE699" and _all_bold(c) for c in cells)

    def test_its_body_text_is_replaced_by_the_paper(self, on_template):
        texts = [p.text for p in on_template.paragraphs]
        assert "Template body text the paper replaces." not in texts
        assert "1. Summary" in texts

    def test_the_tables_span_its_text_width(self, on_template):
        grid = on_template.tables[1]._tbl.tblGrid.findall(qn("w:gridCol"))
        assert sum(int(c.get(qn("w:w"))) for c in grid) == int(6.5 * 1440)


class TestErrors:
    def test_html_without_a_main_is_refused(self, tmp_path):
        html = tmp_path / "report.html"
        html.write_text("<html><body><p>No main</p></body></html>", encoding="utf-8")
        with pytest.raises(WordVersionError, match="no <main>"):
            render_docx(html, tmp_path / "x.docx", title=TITLE, author=AUTHOR, stamp=STAMP)

    def test_nothing_is_written_when_it_fails(self, tmp_path):
        write_paper(tmp_path)
        html = tmp_path / "report.html"
        html.write_text("<html></html>", encoding="utf-8")
        with pytest.raises(WordVersionError):
            render_docx(html, tmp_path / "x.docx", title=TITLE, author=AUTHOR, stamp=STAMP)
        assert not (tmp_path / "x.docx").exists()

    def test_a_template_pandoc_cannot_read_names_the_template(self, tmp_path):
        template = tmp_path / "paper_template.docx"
        with zipfile.ZipFile(template, "w") as package:
            package.writestr("[Content_Types].xml", "<Types/>")
            package.writestr("word/document.xml", "not xml at all")
        with pytest.raises(InputError, match=r"The Word template paper_template\.docx could not"):
            render(tmp_path, template=template)
        assert not (tmp_path / "report.docx").exists()
