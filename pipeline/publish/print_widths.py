"""Table column widths worked out from the cells' text, for the printed outputs.

A browser lays a table out "automatically": every column gets at least its longest word and,
as the width allows, its longest text. The PDF's renderer does the same at a cost (about a
third of a second per dozen tables) and Word and LibreOffice each do it their own way, so both
printed outputs are given widths worked out here instead (:func:`column_widths`), once per
table, from the same text:

- :func:`fixed_column_html` gives each table of the HTML paper a ``<colgroup>`` for the PDF,
  which then lays the table out with ``table-layout: fixed``;
- :mod:`pipeline.publish.word_tables` sizes the Word version's tables the same way.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import numpy as np

from pipeline.paper import typeface

LONGEST_WORD = 8.0  # ems: a fingerprint longer than this may wrap inside its cell
_FINGERPRINT = re.compile(r"[0-9a-fA-F]{16,}")  # a SHA-256, a commit: hexadecimal digits
_AFTER_SLASH = re.compile(r"/(?=\S)")
UNKNOWN_ADVANCE = 1.0  # ems: a character the measuring font lacks (a CJK one, say)
RATING_PADDING = 1.2  # ems: a rating badge's padding and border (paper.css .rating)
_JOINED = "\u2060"  # joins the words of a badge, which never wraps, into one

_TABLE = re.compile(r"(<table\b[^>]*>)(\s*<caption\b.*?</caption>)?(.*?</table>)", re.DOTALL)


def column_widths(words: np.ndarray, texts: np.ndarray, available: float) -> np.ndarray:
    """Column widths that add up to ``available``, as a browser's automatic table layout.

    Every column gets its longest word; what is left is shared in proportion to how much more
    each column's longest text needs; when even the longest texts fit, the spare width is
    shared in proportion to them. When the words alone do not fit, the widths are in
    proportion to the words.
    """
    words = np.maximum(np.asarray(words, dtype=float), 1.0)
    texts = np.maximum(np.asarray(texts, dtype=float), words)
    if texts.sum() <= available:
        return texts * (available / texts.sum())
    if words.sum() >= available:
        return words * (available / words.sum())
    wanted = texts - words
    return words + wanted * ((available - words.sum()) / wanted.sum())


def unbroken(text: str) -> str:
    """``text`` measured as one word: it is never wrapped."""
    return text.replace(" ", _JOINED)


@functools.cache
def _advances(bold: bool) -> dict[int, float]:
    """Each character's advance width in ems, in the paper's Noto Sans (regular or bold)."""
    from fontTools.ttLib import TTFont

    path = typeface.bold_sans() if bold else typeface.sans_path()
    with TTFont(path, lazy=True) as font:
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        return {code: metrics[name][0] / per_em for code, name in font.getBestCmap().items()}


def text_width(text: str, *, bold: bool = False) -> float:
    """The width of a line of text in ems, as Noto Sans sets it (no kerning)."""
    advances = _advances(bold)
    return sum(advances.get(ord(c), UNKNOWN_ADVANCE) for c in text.replace(_JOINED, " "))


def _word_width(word: str, bold: bool) -> float:
    """A word's width in ems; a fingerprint's at most :data:`LONGEST_WORD` (it may wrap)."""
    width = text_width(word, bold=bold)
    return min(width, LONGEST_WORD) if _FINGERPRINT.fullmatch(word) else width


def cell_sizes(
    paragraphs: list[str], *, bold: bool = False, slack: float = 0.0
) -> tuple[float, float]:
    """A cell's narrowest and widest width in ems: its longest word and its longest line, each
    with ``slack`` ems more. A line may break after a slash, so a path's parts are words of
    their own ("reference/", "population.csv"); any other word (a file name) is never broken,
    except a fingerprint, which counts as at most :data:`LONGEST_WORD`."""
    words = [_word_width(w, bold) for p in paragraphs for w in _AFTER_SLASH.sub("/ ", p).split()]
    lines = [text_width(p, bold=bold) for p in paragraphs]
    return max(words, default=0.0) + slack, max(lines, default=0.0) + slack


# A cell: its lines of text, its column span, whether it is bold, and the ems its badges add.
Cell = tuple[list[str], int, bool, float]


def sizes(
    rows: list[list[Cell]], columns: int, slack: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Each column's narrowest and widest text in ems over ``rows`` of cells.

    Cells that span columns are left out, as are rows that do not fill every column.
    ``slack``: ems more for every cell (room for a font wider than the one measured).
    """
    words = np.full(columns, 0.5)
    texts = np.full(columns, 0.5)
    for row in rows:
        if len(row) != columns or any(cell[1] != 1 for cell in row):
            continue
        for index, (paragraphs, _, bold, padding) in enumerate(row):
            narrow, wide = cell_sizes(paragraphs, bold=bold, slack=slack + padding)
            words[index] = max(words[index], narrow)
            texts[index] = max(texts[index], wide)
    return words, texts


def _badge(attrs: list[tuple[str, str | None]]) -> bool:
    return "rating" in (dict(attrs).get("class") or "").split()


class _Cells(HTMLParser):
    """The rows of one HTML table: each cell's text and column span."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[Cell]] = []
        self._cell: list[str] | None = None
        self._span = 1
        self._bold = False
        self._badges = 0
        self._in_badge = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell, self._span = [], int(dict(attrs).get("colspan") or 1)
            self._bold, self._badges = tag == "th", 0
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif tag == "span" and self._cell is not None and (self._in_badge or _badge(attrs)):
            self._in_badge += 1
            self._badges += self._in_badge == 1
            self._bold = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).replace("\n", " \n ").split(" "))
            lines = [" ".join(line.split()) for line in text.split("\n")]
            self.rows[-1].append((lines, self._span, self._bold, RATING_PADDING * self._badges))
            self._cell = None
        elif tag == "span" and self._in_badge:
            self._in_badge -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(unbroken(data) if self._in_badge else data)


def _colgroup(body: str, available: float, padding: float) -> str:
    parser = _Cells()
    parser.feed(body)
    parser.close()
    columns = max((sum(cell[1] for cell in row) for row in parser.rows), default=0)
    if columns == 0:
        return ""
    words, texts = sizes(parser.rows, columns)
    shares = column_widths(words, texts, available - padding * columns) + padding
    percent = shares * (100 / shares.sum())
    cols = "".join(f'<col style="width: {p:.2f}%">' for p in percent)
    return f"<colgroup>{cols}</colgroup>"


def fixed_column_html(html: str, *, available: float, padding: float) -> str:
    """``html`` with a ``<colgroup>`` of worked-out widths in every table that has none.

    ``available``: the text width in ems of the tables' font; ``padding``: each cell's left
    and right padding and borders, in the same ems.
    """

    def sized(match: re.Match[str]) -> str:
        start, caption, rest = match.group(1), match.group(2) or "", match.group(3)
        if "<colgroup" in rest:
            return match.group(0)
        return start + caption + _colgroup(rest, available, padding) + rest

    return _TABLE.sub(sized, html)
