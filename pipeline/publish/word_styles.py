"""The Word version's plain A4 layout, used when the council gives no template of its own.

:func:`default_reference` restyles pandoc's own reference document (the one it builds every
Word file on) into an accessible council paper: A4 with 2 cm margins, Arial 11 pt in
near-black (10 pt in tables), bold headings that keep with their text, tables with ruled
cells and a bold header row, and "Page N of M" at the foot of every page. It also defines the
styles the paper's markup asks for (:data:`~pipeline.publish.word_html.LEAD_STYLE`, the rating
styles), which a council's template may define too. The same pandoc gives the same bytes.
"""

from __future__ import annotations

import io
import subprocess

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from pipeline.publish.word_html import LEAD_STYLE, RATING_STYLES
from pipeline.publish.word_look import HEADER_BOTTOM, HEADER_FILL, RULE

FONT = "Arial"
TEXT = RGBColor(0x0B, 0x0C, 0x0C)  # near-black, 19:1 on white
# Rating colours with at least 4.5:1 contrast on white; the word and symbol carry the rating.
RATING_COLOURS = {
    "Rating Green": RGBColor(0x00, 0x70, 0x3C),
    "Rating Amber": RGBColor(0x8A, 0x4B, 0x08),
    "Rating Red": RGBColor(0xAA, 0x10, 0x1C),
}
BODY_SIZE = 11
TABLE_SIZE = 10
HEADING_SIZES = {"Heading 1": 16, "Heading 2": 13, "Heading 3": 11.5, "Heading 4": 11}
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2)

_TABLE_PROPERTIES = (
    f"<w:tblPr {nsdecls('w')}><w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders><w:tblCellMar>"
    '<w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
    '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr>"
)
_HEADER_ROW = (
    f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr>'
    f"<w:tcBorders>{HEADER_BOTTOM}</w:tcBorders>"
    f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/><w:vAlign w:val="bottom"/>'
    "</w:tcPr></w:tblStylePr>"
)


def pandoc_reference(pandoc: str) -> bytes:
    """The reference document pandoc builds Word files on when given none."""
    command = [pandoc, "--print-default-data-file", "reference.docx"]
    return subprocess.run(command, capture_output=True, check=True).stdout


_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_font(rpr) -> None:
    """Arial for every script of a run-properties element, with no theme font overriding it."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in _THEME_FONTS:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _fonts(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    _set_font(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    document.styles["Compact"].font.size = Pt(TABLE_SIZE)  # pandoc's style for table cells
    normal.font.color.rgb = TEXT
    for name, size in HEADING_SIZES.items():
        style = document.styles[name]
        _set_font(style.element.get_or_add_rPr())
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = name == "Heading 4"
        style.font.color.rgb = TEXT
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(18 if name == "Heading 2" else 12)
        style.paragraph_format.space_after = Pt(6)
    for name in ("Table Caption", "Image Caption"):
        style = document.styles[name]
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = TEXT
        style.paragraph_format.keep_with_next = name == "Table Caption"


def _paper_styles(document) -> None:
    """The styles the paper's markup names: an introducing sentence, and the ratings."""
    lead = document.styles.add_style(LEAD_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    lead.base_style = document.styles["Body Text"]
    lead.paragraph_format.keep_with_next = True
    for name in RATING_STYLES.values():
        rating = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        rating.font.bold = True
        rating.font.color.rgb = RATING_COLOURS[name]
    # pandoc's table style, redone in the order the schema asks for: the table's properties,
    # then one set for the header row (the same look every table carries itself, word_look).
    table = document.styles["Table"]
    for old in [*table.element.findall(qn("w:tblPr")), *table.element.findall(qn("w:tblStylePr"))]:
        table.element.remove(old)
    table.element.append(parse_xml(_TABLE_PROPERTIES))
    table.element.append(parse_xml(_HEADER_ROW))


def _page(document) -> None:
    """A4 portrait, 2 cm margins, and "Page N of M" centred in the footer."""
    section = document.sections[0]
    section.page_width, section.page_height = A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centred
    footer.add_run("Page ")
    footer._p.append(_field("PAGE"))
    footer.add_run(" of ")
    footer._p.append(_field("NUMPAGES"))


def _field(instruction: str):
    """A Word field (the page number, the number of pages) that Word fills in as it lays out."""
    return parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="{instruction}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )


def default_reference(pandoc: str) -> bytes:
    """The plain A4 reference document, as the bytes of a .docx file."""
    document = Document(io.BytesIO(pandoc_reference(pandoc)))
    _fonts(document)
    _paper_styles(document)
    _page(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
