"""The Word version's tables: as wide as the text, columns sized to their content, held together.

pandoc writes a table from HTML with equal columns that Word and LibreOffice squeeze as they
please. :func:`finish_table` gives it what the HTML paper's tables have in a browser:

- **Widths.** The table spans the text width of the page set-up (the council's, when its
  template gives one). Each column gets at least its longest word and, as far as the width
  allows, its longest text, as the PDF's tables do (:mod:`pipeline.publish.print_widths`); the
  widths are fixed in the file, so every program shows the same table.
- **Holding together.** No row breaks across a page, and the header row repeats on every page.
  A table with groups (the scorecard's priority areas) breaks only between them; any other
  table of up to :data:`KEPT_TOGETHER_ROWS` rows stays on one page.
- **Alt text.** The caption is the table's title for screen readers too.
"""

from __future__ import annotations

import numpy as np
from docx.oxml.ns import qn
from docx.shared import Emu, Twips
from docx.text.paragraph import Paragraph

from pipeline.publish import print_widths

KEPT_TOGETHER_ROWS = 25
TABLE_FONT_TWIPS = 200  # an em of the tables' 10 pt text (word_styles.TABLE_SIZE), in twips
CELL_PADDING_TWIPS = 2 * 85  # the table style's left and right cell margins
# Ems more for every cell: the widths are measured in Noto Sans, Word sets Arial (or what the
# council's template names), LibreOffice a font as wide as Arial; a template may choose a wider one.
WORD_SLACK = 0.5
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
UNBROKEN_TEXT = 12  # characters: a cell's line this short never wraps ("✔ Green")


def element_text(element) -> str:
    """The text of a piece of a document: its ``w:t`` runs of text and non-breaking hyphens."""
    return "".join(
        "-" if piece.tag == _NO_BREAK_HYPHEN else piece.text or ""
        for piece in element.iter(qn("w:t"), _NO_BREAK_HYPHEN)
    )


def _cells(row) -> list:
    return row.findall(qn("w:tc"))


def _span(cell) -> int:
    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return 1 if span is None else int(span.get(qn("w:val")))


def _lines(cell) -> list[str]:
    """A cell's paragraphs; a short one (a rating, "No change") kept on one line."""
    texts = [element_text(p) for p in cell.iter(qn("w:p"))]
    return [print_widths.unbroken(t) if len(t) <= UNBROKEN_TEXT else t for t in texts]


def _rows_of_cells(rows) -> list[list[print_widths.Cell]]:
    """Each row's cells as :mod:`pipeline.publish.print_widths` measures them: header rows, and
    cells with a rating (set in bold), bold."""
    measured = []
    for row in rows:
        header = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        measured.append(
            [(_lines(cell), _span(cell), header or _rated(cell), 0.0) for cell in _cells(row)]
        )
    return measured


def _rated(cell) -> bool:
    """A cell with a rating (set in bold) or whose text is all bold (a row's heading)."""
    styles = (style.get(qn("w:val")) or "" for style in cell.iter(qn("w:rStyle")))
    runs = [run for run in cell.iter(qn("w:r")) if element_text(run).strip()]
    all_bold = bool(runs) and all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in runs)
    return all_bold or any(style.startswith("Rating") for style in styles)


def _size_columns(table, text_width: int) -> None:
    rows = table._tbl.findall(qn("w:tr"))
    count = len(table._tbl.tblGrid.findall(qn("w:gridCol")))
    words, texts = print_widths.sizes(_rows_of_cells(rows), count, slack=WORD_SLACK)
    padding = CELL_PADDING_TWIPS / TABLE_FONT_TWIPS
    available = text_width / TABLE_FONT_TWIPS - padding * count
    shares = print_widths.column_widths(words, texts, available) + padding
    twips = np.floor(shares * TABLE_FONT_TWIPS).astype(int)
    twips[-1] += text_width - twips.sum()
    for gridcol, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        gridcol.set(qn("w:w"), str(int(width)))
    for row in rows:
        start = 0
        for cell in _cells(row):
            span = _span(cell)
            cell.get_or_add_tcPr().width = Twips(int(twips[start : start + span].sum()))
            start += span
    table.autofit = False
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(text_width))


def _is_group(row, columns: int) -> bool:
    """A row with one cell across every column: a group's heading (a priority area)."""
    cells = _cells(row)
    return len(cells) == 1 and _span(cells[0]) == columns


def _hold_rows(table) -> None:
    rows = table._tbl.findall(qn("w:tr"))
    count = len(table._tbl.tblGrid.findall(qn("w:gridCol")))
    groups = any(_is_group(row, count) for row in rows)
    long_table = len(rows) > KEPT_TOGETHER_ROWS
    for index, row in enumerate(rows):
        _cant_split(row)
        last = index == len(rows) - 1
        before_group = not last and _is_group(rows[index + 1], count)
        if last or (groups and before_group) or (long_table and not groups):
            continue
        for paragraph in row.iter(qn("w:p")):
            Paragraph(paragraph, table).paragraph_format.keep_with_next = True


def _cant_split(row) -> None:
    properties = row.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.append(properties.makeelement(qn("w:cantSplit"), {}))


def _caption(table, text: str) -> None:
    """The table's caption and description, each once (pandoc may have written a caption of
    its own: the schema allows one), last in its properties as the schema orders them."""
    properties = table._tbl.tblPr
    for tag in ("w:tblCaption", "w:tblDescription"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    for tag in ("w:tblCaption", "w:tblDescription"):
        properties.append(properties.makeelement(qn(tag), {qn("w:val"): text}))


def text_width(document) -> int:
    """The width between the margins of the document's last section, in twips."""
    section = document.sections[-1]
    width = Emu(section.page_width - section.left_margin - section.right_margin)
    return int(width.twips)


def finish_table(table, *, width: int, caption: str | None) -> None:
    _size_columns(table, width)
    _hold_rows(table)
    if caption:
        _caption(table, caption)
