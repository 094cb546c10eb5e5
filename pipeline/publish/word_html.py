"""The rendered HTML paper, made ready for pandoc to turn into the Word version.

The Word version is the HTML paper's content: :func:`word_html` takes the ``<main>`` of
``report.html`` and changes only how pandoc will read it, never a word or a figure:

- an introducing sentence (``p.lead``) becomes a paragraph in the ``Lead`` style, which the
  Word version keeps on the page of its table;
- a rating becomes a run in the ``Rating Green``, ``Rating Amber`` or ``Rating Red`` style
  (the word and its symbol stay: the colour only repeats them);
- a number cell is right-aligned, as on the page;
- a row's heading (``<th scope="row">``, a group's ``scope="rowgroup"``) is bold, as on the page;
- a caption meant only for screen readers is dropped (Word tables carry theirs as alt text);
- a table with no header row (its headings are its first column) gets its caption as a header
  row across it instead of above it, so that every table in Word has a header row to repeat;
- each chart's SVG is rasterised to PNG, which every version of Word shows (an SVG needs
  Word 2019 or later, with a PNG beside it for the others).
"""

from __future__ import annotations

import base64
import re

from pipeline.paper import typeface

_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.DOTALL)
_LEAD = re.compile(r'<p class="lead">(.*?)</p>', re.DOTALL)
_RATING = re.compile(r'<span class="rating rating-(green|amber|red)">')
_NUMBER_CELL = re.compile(r'<(td|th)([^>]*) class="num"')
_ROW_HEADING = re.compile(r'(<th\b[^>]*\bscope="row(?:group)?"[^>]*>)(.*?)(</th>)', re.DOTALL)
_HIDDEN_CAPTION = re.compile(r'<caption class="visually-hidden">.*?</caption>', re.DOTALL)
_TABLE = re.compile(r"(<table\b[^>]*>)(.*?</table>)", re.DOTALL)
_CAPTION = re.compile(r"\s*<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
_ROW = re.compile(r"<tr\b.*?</tr>", re.DOTALL)
_CELL = re.compile(r"<t[hd]\b([^>]*)>")
_SPAN = re.compile(r'colspan="(\d+)"')
_SVG_IMAGE = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')

LEAD_STYLE = "Lead"
RATING_STYLES = {"green": "Rating Green", "amber": "Rating Amber", "red": "Rating Red"}
CHART_DPI = 96  # CSS pixels per inch, for the SVG's sizes in points
CHART_ZOOM = 2  # two PNG pixels per CSS pixel: about 240 dots per inch at the text width
CHART_WIDTH = "100%"  # of the text width, as on the page


class WordVersionError(RuntimeError):
    """The HTML paper is not one the Word version can be made from (a bug, not bad input)."""


def _rating(match: re.Match[str]) -> str:
    return f'{match.group(0)[:-1]} data-custom-style="{RATING_STYLES[match.group(1)]}">'


def _columns(table: str) -> int:
    return max(
        (
            sum(int(span.group(1)) if (span := _SPAN.search(attrs)) else 1 for attrs in cells)
            for row in _ROW.findall(table)
            if (cells := _CELL.findall(row))
        ),
        default=1,
    )


def _title_row(match: re.Match[str]) -> str:
    """A table whose headings are its first column (the header block, the provenance) gets its
    caption as a header row across it: Word repeats a header row and reads it out as the
    heading of every cell, which the caption is, and its checker asks every table for one."""
    opening, rest = match.groups()
    caption = _CAPTION.match(rest)
    if "<thead" in rest or caption is None:
        return match.group(0)
    title = (
        f'<thead><tr><th colspan="{_columns(rest)}" scope="colgroup">{caption.group(1)}</th>'
        "</tr></thead>"
    )
    return f"{opening}{title}{rest[caption.end() :]}"


def chart_png(svg: bytes) -> bytes:
    """A chart's SVG as PNG, drawn with the charts' own fonts: the same SVG, the same bytes."""
    import resvg_py

    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg.decode("utf-8"),
            dpi=CHART_DPI,
            zoom=CHART_ZOOM,
            background="#ffffff",
            skip_system_fonts=True,
            font_files=list(typeface.chart_files()),
            font_family=typeface.SANS_NAME,
            sans_serif_family=typeface.SANS_NAME,
        )
    )


def _png_image(match: re.Match[str]) -> str:
    png = chart_png(base64.b64decode(match.group(1)))
    data = base64.b64encode(png).decode("ascii")
    return f'width="{CHART_WIDTH}" src="data:image/png;base64,{data}"'


def word_html(paper_html: str) -> str:
    """The ``<main>`` of the HTML paper, marked up for pandoc's Word writer."""
    found = _MAIN.search(paper_html)
    if found is None:
        msg = "The HTML paper has no <main> element to make the Word version from."
        raise WordVersionError(msg)
    body = found.group(1)
    body = _LEAD.sub(rf'<div data-custom-style="{LEAD_STYLE}"><p>\1</p></div>', body)
    body = _RATING.sub(_rating, body)
    body = _NUMBER_CELL.sub(r'<\1\2 class="num" style="text-align: right"', body)
    body = _ROW_HEADING.sub(r"\1<strong>\2</strong>\3", body)
    body = _TABLE.sub(_title_row, body)
    body = _HIDDEN_CAPTION.sub("", body)
    body = _SVG_IMAGE.sub(_png_image, body)
    return f'<!DOCTYPE html>\n<html lang="en-GB"><body>\n{body}\n</body></html>\n'
