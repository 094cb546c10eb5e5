"""The Word version's tables: as wide as the text, columns sized to their content, held together.

pandoc writes a table from HTML with equal columns that Word and LibreOffice squeeze as they
please. :func:`finish_table` gives it what the HTML paper's tables have in a browser:

- **Widths.** The table spans the text width of the page set-up (the council's, when its
  template gives one). Each column gets at least its longest word and, as far as the width
  allows, its longest text, in the way a browser lays out a table automatically; the widths
  are fixed in the file, so every program shows the same table.
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

KEPT_TOGETHER_ROWS = 25
CHARACTER_TWIPS = 125  # a character of 10 pt Arial (bold, or a wider stand-in), in twips
LONGEST_WORD = 16  # characters: a longer word (a fingerprint) wraps inside its cell
SHORT_TEXT = 12  # characters: a text this short never wraps ("▲ Amber", "→ No change")
SHORT_SLACK = 2  # characters more for it: symbols, bold and digits are wider than average
CELL_PADDING_TWIPS = 2 * 85  # the table style's left and right cell margins


def element_text(element) -> str:
    """The text of a piece of a document: its ``w:t`` runs of text, joined."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _cells(row) -> list:
    return row.findall(qn("w:tc"))


def _span(cell) -> int:
    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return 1 if span is None else int(span.get(qn("w:val")))


def _text_sizes(rows, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Each column's longest word and longest text, in characters (spanning cells left out)."""
    words = np.ones(columns)
    texts = np.ones(columns)
    for row in rows:
        cells = _cells(row)
        if len(cells) != columns:
            continue
        for index, cell in enumerate(cells):
            paragraphs = [element_text(p) for p in cell.iter(qn("w:p"))]
            longest_word = max((len(w) for p in paragraphs for w in p.split()), default=1)
            short = max(
                (len(p) + SHORT_SLACK for p in paragraphs if len(p) <= SHORT_TEXT), default=1
            )
            words[index] = max(words[index], min(longest_word, LONGEST_WORD), short)
            texts[index] = max(texts[index], max((len(p) for p in paragraphs), default=1))
    return words, texts


def column_widths(words: np.ndarray, texts: np.ndarray, available: float) -> np.ndarray:
    """Column widths in characters that add up to ``available``, as a browser's auto layout.

    Every column gets its longest word; what is left is shared in proportion to how much more
    each column's longest text needs; when even the longest texts fit, the spare width is
    shared in proportion to them. When the words alone do not fit, the widths are in
    proportion to the words.
    """
    words = np.maximum(words, 1.0)
    texts = np.maximum(texts, words)
    if texts.sum() <= available:
        return texts * (available / texts.sum())
    if words.sum() >= available:
        return words * (available / words.sum())
    wanted = texts - words
    return words + wanted * ((available - words.sum()) / wanted.sum())


def _size_columns(table, text_width: int) -> None:
    rows = table._tbl.findall(qn("w:tr"))
    columns = len(table._tbl.tblGrid.findall(qn("w:gridCol")))
    words, texts = _text_sizes(rows, columns)
    padding = CELL_PADDING_TWIPS / CHARACTER_TWIPS
    available = text_width / CHARACTER_TWIPS - padding * columns
    shares = column_widths(words, texts, available) + padding
    twips = np.floor(shares * CHARACTER_TWIPS).astype(int)
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
    columns = len(table._tbl.tblGrid.findall(qn("w:gridCol")))
    groups = any(_is_group(row, columns) for row in rows)
    long_table = len(rows) > KEPT_TOGETHER_ROWS
    for index, row in enumerate(rows):
        _cant_split(row)
        last = index == len(rows) - 1
        before_group = not last and _is_group(rows[index + 1], columns)
        if last or (groups and before_group) or (long_table and not groups):
            continue
        for paragraph in row.iter(qn("w:p")):
            Paragraph(paragraph, table).paragraph_format.keep_with_next = True


def _cant_split(row) -> None:
    properties = row.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.append(properties.makeelement(qn("w:cantSplit"), {}))


def _caption(table, text: str) -> None:
    properties = table._tbl.tblPr
    for tag in ("w:tblCaption", "w:tblDescription"):
        element = properties.makeelement(qn(tag), {qn("w:val"): text})
        properties.append(element)


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
