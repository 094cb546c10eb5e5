"""The Word version's tables carry their look themselves, so that Word and LibreOffice both show it.

A table style ("Table", the council's or the plain layout's) is what Word applies; LibreOffice
Writer shows little of it (no rules, no header shading, no bold header). So each table also
carries the look of the style in force as formatting of its own (:func:`carry_look`): its
borders, and its header row's shading, rule and bold text. The look is read from the style
(:func:`table_look`): a council's template that defines the table style restyles every table,
in both programs; what the style leaves out comes from the plain layout, which is the HTML
paper's: mid-grey rules, a light grey header row in bold with a dark rule beneath it.

A table with no header row (none in the paper: :mod:`pipeline.publish.word_html` gives every
table one) would have its first column, its rows' headings, shaded and bold instead.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.run import Run

RULE = "B1B4B6"  # the HTML paper's --rule
HEADER_FILL = "DEE0E2"  # the HTML paper's --header-fill (14.8:1 under the near-black text)
HEADER_RULE = "0B0C0C"
SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")

# Where each element goes among its siblings, as the schema orders them.
_TBLPR_AFTER_BORDERS = ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
_TCPR_AFTER_BORDERS = ("shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
_TCPR_AFTER_SHADING = _TCPR_AFTER_BORDERS[1:]


def _border(side: str, size: int, colour: str) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="{colour}"/>'


DEFAULT_BORDERS = (
    f"<w:tblBorders {nsdecls('w')}>"
    + "".join(_border(side, 4, RULE) for side in SIDES)
    + "</w:tblBorders>"
)
DEFAULT_SHADING = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
HEADER_BOTTOM = _border("bottom", 12, HEADER_RULE)
DEFAULT_HEADER_BORDERS = f"<w:tcBorders {nsdecls('w')}>{HEADER_BOTTOM}</w:tcBorders>"


@dataclass(frozen=True)
class TableLook:
    """What a table carries: its borders, and its header cells' shading, rules and weight."""

    borders: object  # a w:tblBorders element
    header_shading: object | None  # a w:shd element
    header_borders: object | None  # a w:tcBorders element
    header_bold: bool


def _chain(style):
    """The style and the styles it is based on, nearest first."""
    while style is not None:
        yield style
        style = style.base_style


def _first(style, path: str):
    for each in _chain(style):
        found = each.element.find(path)
        if found is not None:
            return found
    return None


def _header_part(style, tag: str):
    for each in _chain(style):
        for conditional in each.element.findall(qn("w:tblStylePr")):
            if conditional.get(qn("w:type")) == "firstRow":
                found = conditional.find(tag)
                if found is not None:
                    return found
    return None


def table_look(style) -> TableLook:
    """The look of the table style ``style`` (None: the plain layout's), filled in from the
    plain layout where the style says nothing."""
    borders = _first(style, f"{qn('w:tblPr')}/{qn('w:tblBorders')}") if style else None
    shading = _header_part(style, f"{qn('w:tcPr')}/{qn('w:shd')}") if style else None
    rules = _header_part(style, f"{qn('w:tcPr')}/{qn('w:tcBorders')}") if style else None
    bold = _header_part(style, f"{qn('w:rPr')}/{qn('w:b')}") if style else None
    return TableLook(
        borders=borders if borders is not None else parse_xml(DEFAULT_BORDERS),
        header_shading=shading if shading is not None else parse_xml(DEFAULT_SHADING),
        header_borders=rules if rules is not None else parse_xml(DEFAULT_HEADER_BORDERS),
        header_bold=bold is None or bold.get(qn("w:val"), "1") not in ("0", "false", "off"),
    )


def _place(parent, element, after: tuple[str, ...]) -> None:
    """``element`` in ``parent``, replacing one of its kind, before the first of ``after``."""
    for old in parent.findall(element.tag):
        parent.remove(old)
    for name in after:
        following = parent.find(qn(f"w:{name}"))
        if following is not None:
            following.addprevious(element)
            return
    parent.append(element)


def _header_cells(table) -> list:
    rows = table._tbl.findall(qn("w:tr"))
    headers = [r for r in rows if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
    if headers:
        return [cell for row in headers for cell in row.findall(qn("w:tc"))]
    # No header row: the first column holds the rows' headings.
    return [cells[0] for row in rows if (cells := row.findall(qn("w:tc")))]


def carry_look(table, look: TableLook) -> None:
    """Give ``table`` the look as formatting of its own (see the module's note)."""
    _place(table._tbl.tblPr, copy.deepcopy(look.borders), _TBLPR_AFTER_BORDERS)
    for cell in _header_cells(table):
        properties = cell.get_or_add_tcPr()
        if look.header_borders is not None:
            _place(properties, copy.deepcopy(look.header_borders), _TCPR_AFTER_BORDERS)
        if look.header_shading is not None:
            _place(properties, copy.deepcopy(look.header_shading), _TCPR_AFTER_SHADING)
        if look.header_bold:
            for run in cell.iter(qn("w:r")):
                Run(run, table).bold = True


# A hyphen with a digit beside it joins the parts of one identifier or range: "SHA-256",
# "2006-04", "16-24". Word and LibreOffice may break a line at a hyphen; not at these.
_IDENTIFIER_HYPHEN = re.compile(r"(?<=[0-9A-Za-z])-(?=[0-9])|(?<=[0-9])-(?=[0-9A-Za-z])")


def unbreakable_identifiers(document) -> None:
    """Every hyphen inside an identifier or a range made a non-breaking hyphen (Word's own
    ``w:noBreakHyphen``, which prints as a hyphen in any font)."""
    for text in list(document.element.body.iter(qn("w:t"))):
        value = text.text or ""
        parts = _IDENTIFIER_HYPHEN.split(value)
        if len(parts) == 1:
            continue
        run = text.getparent()
        position = run.index(text)
        run.remove(text)
        pieces = []
        for index, part in enumerate(parts):
            if index:
                pieces.append(run.makeelement(qn("w:noBreakHyphen"), {}))
            if part:
                piece = run.makeelement(qn("w:t"), {})
                piece.text = part
                piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                pieces.append(piece)
        for offset, piece in enumerate(pieces):
            run.insert(position + offset, piece)
