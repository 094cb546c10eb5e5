"""The Word version on a template written by real office software: LibreOffice Writer saves a
council's template as Word, the paper is built on it, and LibreOffice lays the paper out.

LibreOffice Writer is a Debian package (libreoffice-writer-nogui): CI installs it; without it
these tests are skipped with a reason (and fail under CI=true).
"""

from __future__ import annotations

import subprocess

import pytest
from docx import Document
from docx.shared import Cm

from tests.libreoffice import converter, require_writer
from tests.pdf_layout import Margins, outside_text_area, page_texts, pdf_pages
from tests.unit.publish.word_papers import render

MM = 72 / 25.4
# A council's template as Writer would hold it: Courier New 13 pt, 3 cm side margins and a
# protective marking in the header of every page.
TEMPLATE_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Courier New" svg:font-family="'Courier New'"
   style:font-family-generic="modern" style:font-pitch="fixed"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Courier New" fo:font-size="13pt" fo:language="en"
    fo:country="GB"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text">
   <style:text-properties style:font-name="Courier New" fo:font-size="13pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
    fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="3cm"/>
   <style:header-style/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Standard">OFFICIAL</text:p></style:header>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
  <text:p text:style-name="Standard">Committee report template</text:p>
 </office:text></office:body>
</office:document>
"""


@pytest.fixture(scope="module")
def on_writer_template(tmp_path_factory):
    """(the Word version built on Writer's template, the same laid out by Writer as PDF)."""
    program = require_writer()
    folder = tmp_path_factory.mktemp("writer-template")
    convert = converter(program, folder / "profile")
    source = folder / "paper_template.fodt"
    source.write_text(TEMPLATE_FODT, encoding="utf-8")
    template = convert(source, "docx:MS Word 2007 XML", folder)
    paper = render(folder, template=template, groups=5, rows_each=4)
    return paper, convert(paper, "pdf", folder)


class TestWriterTemplate:
    def test_its_font_margins_and_header_carry_over(self, on_writer_template):
        document = Document(str(on_writer_template[0]))
        assert "Courier New" in document.styles.element.xml
        section = document.sections[0]
        assert abs(section.left_margin - Cm(3)) < Cm(0.01)
        assert "OFFICIAL" in section.header.paragraphs[0].text

    def test_writer_lays_it_out_in_the_templates_font(self, on_writer_template):
        fonts = subprocess.run(
            ["pdffonts", str(on_writer_template[1])], capture_output=True, text=True, check=True
        ).stdout
        assert "Mono" in fonts or "Courier" in fonts

    def test_nothing_is_outside_its_margins(self, on_writer_template):
        pages = pdf_pages(on_writer_template[1], Margins(20 * MM, 30 * MM, 20 * MM))
        assert outside_text_area(pages) == []
        assert "OFFICIAL" in " ".join(line.text for line in pages[0].lines)
        assert "Scorecard: every indicator" in page_texts(pages)
