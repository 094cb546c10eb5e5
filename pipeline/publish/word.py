"""The Word version of the paper, ``report.docx``, on the council's own template.

:func:`render_docx` turns the rendered HTML paper into Word with pandoc (whose binary comes
with the ``pypandoc-binary`` wheel), on ``reference/paper_template.docx`` when the council
gives one (its styles, page set-up, headers and footers) or on the plain A4 layout of
:mod:`pipeline.publish.word_styles`. The text is the HTML paper's, so no figure is computed
or formatted twice. It then finishes what Word's accessibility checker and an agenda pack ask
for and pandoc leaves undone (:func:`finish`), and writes the package with fixed dates, so
that the same paper gives the same bytes.
"""

from __future__ import annotations

import copy
import io
import logging
import os
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from pipeline.errors import InputError
from pipeline.publish.word_html import LEAD_STYLE, WordVersionError, word_html
from pipeline.publish.word_look import carry_look, table_look, unbreakable_identifiers
from pipeline.publish.word_styles import A4, MARGIN, default_reference
from pipeline.publish.word_tables import element_text, finish_table, text_width

log = logging.getLogger(__name__)

LANGUAGE = "en-GB"
_TABLE_STYLES = ("Table", "Table Grid")  # the first the document defines is used
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip file can record: no run's clock
SPACE_AFTER_TABLE = Pt(10)
APPENDICES = "appendix-a"  # the ids of the HTML paper's first appendix and contact heading
CONTACT = "contact"
_MARGINS = ("left_margin", "right_margin", "top_margin", "bottom_margin")


def pandoc_path() -> str:
    """The pandoc binary of the ``pypandoc-binary`` wheel."""
    import pypandoc

    return pypandoc.get_pandoc_path()


def _epoch(stamp: date) -> int:
    return int(datetime.combine(stamp, time(), tzinfo=UTC).timestamp())


def _pandoc(source: Path, reference: Path, output: Path, stamp: date) -> None:
    command = [
        pandoc_path(),
        "--from=html",
        "--to=docx",
        f"--reference-doc={reference}",
        f"--metadata=lang:{LANGUAGE}",
        f"--output={output}",
        str(source),
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(_epoch(stamp))}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        msg = f"pandoc could not make the Word version: {done.stderr.strip()}"
        raise WordVersionError(msg)
    for line in done.stderr.splitlines():
        log.debug("pandoc: %s", line)


def _style_names(document) -> set[str]:
    return {style.name for style in document.styles if style.name}


def _properties(document, title: str, author: str, stamp: date) -> None:
    """The title and language Word's accessibility checker asks for; dates fixed."""
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.language = LANGUAGE
    properties.last_modified_by = author
    properties.revision = 1
    moment = datetime.combine(stamp, time())
    properties.created = moment
    properties.modified = moment


def _tables(document, table_style: str | None) -> None:
    style = table_style
    look = table_look(document.styles[style] if style is not None else None)
    captions = {}
    previous = None
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:tbl") and previous is not None:
            captions[element] = previous
        is_caption = element.tag == qn("w:p") and element.style == "TableCaption"
        previous = element_text(element) if is_caption else None
    width = text_width(document)
    for table in document.tables:
        if style is not None:
            table.style = document.styles[style]
        caption = captions.get(table._tbl) or _title(table)
        finish_table(table, width=width, caption=caption)
        carry_look(table, look)
        _space_after(table._tbl, document)


def _title(table) -> str | None:
    """The text of a header row that is one cell across the table (a caption made into one)."""
    first = table._tbl.find(qn("w:tr"))
    cells = first.findall(qn("w:tc")) if first is not None else []
    header = first is not None and first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    return element_text(cells[0]) if header and len(cells) == 1 else None


def _space_after(table, document) -> None:
    """Room between a table and what follows it (a caption would sit against it otherwise):
    the next paragraph starts :data:`SPACE_AFTER_TABLE` below, unless its style gives more."""
    following = table.getnext()
    while following is not None and following.tag == qn("w:bookmarkEnd"):
        following = following.getnext()
    if following is None or following.tag != qn("w:p"):
        return
    paragraph = Paragraph(following, document)
    before = paragraph.style.paragraph_format.space_before if paragraph.style else None
    if before is None or before < SPACE_AFTER_TABLE:
        paragraph.paragraph_format.space_before = SPACE_AFTER_TABLE


def _bookmarked(document, name: str):
    """The paragraph holding the bookmark ``name`` (pandoc's for an HTML element's id)."""
    for mark in document.element.body.iter(qn("w:bookmarkStart")):
        if mark.get(qn("w:name")) == name:
            following = mark if mark.getparent().tag == qn("w:p") else mark.getnext()
            while following is not None and following.tag != qn("w:p"):
                following = following.getnext()
            if following is not None and following.tag == qn("w:p"):
                return Paragraph(following, document)
            return None
    return None


def _sections_apart(document) -> None:
    """The appendices start on a page of their own; the contact details stay together, and
    with their heading."""
    appendices = _bookmarked(document, APPENDICES)
    if appendices is not None:
        appendices.paragraph_format.page_break_before = True
    heading = _bookmarked(document, CONTACT)
    if heading is None:
        return
    block = []
    following = heading._p.getnext()
    while following is not None and following.tag == qn("w:p"):
        paragraph = Paragraph(following, document)
        if (paragraph.style.name or "").startswith("Heading"):
            break
        block.append(paragraph)
        following = following.getnext()
    for index, paragraph in enumerate(block):
        paragraph.paragraph_format.keep_together = True
        paragraph.paragraph_format.keep_with_next = index < len(block) - 1


def _pictures(document) -> None:
    """Each chart's alt text on the picture itself too (pandoc leaves its source there)."""
    for drawing in document.element.body.iter(qn("w:drawing")):
        described = drawing.find(f".//{qn('wp:docPr')}")
        alt = described.get("descr", "") if described is not None else ""
        for picture in drawing.iter(qn("pic:cNvPr")):
            picture.set("descr", alt)
            picture.set("name", "Chart")
        paragraph = next(drawing.iterancestors(qn("w:p")), None)
        if paragraph is not None:
            Paragraph(paragraph, document).paragraph_format.keep_with_next = True


def fill_missing_styles(document, template, default) -> None:
    """Every style the paper uses that the council's template does not define, from the plain
    layout: a template without a "Heading 2" still gives real headings, and its own styles
    (and the ones it shares with the plain layout) are never replaced."""
    ours = {s.element.get(qn("w:styleId")) for s in template.styles}
    present = {s.element.get(qn("w:styleId")): s.element for s in document.styles}
    for style in default.styles:
        style_id = style.element.get(qn("w:styleId"))
        if style_id in ours:
            continue
        if style_id in present:
            document.styles.element.remove(present[style_id])
        document.styles.element.append(copy.deepcopy(style.element))


def table_style(reference) -> str | None:
    """The table style the reference document (the council's template) defines, if any.

    pandoc adds its own "Table" style to a document whose template has none; the council's
    "Table Grid" (Word's built-in) is used then instead.
    """
    names = _style_names(reference)
    return next((name for name in _TABLE_STYLES if name in names), None)


def _page_set_up(document) -> None:
    """A page size and margins wherever the template gives none (pandoc's own reference.docx
    has neither): the plain layout's A4 and 2 cm, so that tables have a width to fit and Word
    does not fall back on a size of its own."""
    document.element.body.get_or_add_sectPr()
    for section in document.sections:
        if section.page_width is None or section.page_height is None:
            section.page_width, section.page_height = A4
        for side in _MARGINS:
            if getattr(section, side) is None:
                setattr(section, side, MARGIN)


def _detach_template(document) -> None:
    """No attached template: Word would look for it (on a share, or a web address) each time
    the paper is opened. The council's template has given the paper its styles already."""
    part = document.part.part_related_by(RT.SETTINGS)
    for attached in part.element.findall(qn("w:attachedTemplate")):
        relation = attached.get(qn("r:id"))
        part.element.remove(attached)
        if relation:
            part.drop_rel(relation)


def finish(document, *, title: str, author: str, stamp: date, tables: str | None = "Table") -> None:
    """What pandoc leaves undone: properties, tables that hold together, alt text, captions.

    ``tables``: the style every table is set in (see :func:`table_style`).
    """
    _page_set_up(document)
    _detach_template(document)
    _properties(document, title, author, stamp)
    lead = document.styles[LEAD_STYLE].style_id if LEAD_STYLE in _style_names(document) else None
    for paragraph in document.paragraphs:
        style_id = paragraph._p.style
        name = paragraph.style.name if paragraph.style is not None else ""
        if style_id in (lead, "TableCaption") or (name or "").startswith("Heading"):
            paragraph.paragraph_format.keep_with_next = True
    _tables(document, tables)
    _pictures(document)
    _sections_apart(document)
    unbreakable_identifiers(document)


def stable_zip(package: bytes) -> bytes:
    """The package again with every entry dated 1980-01-01, so that no clock gets into it."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def render_docx(
    html_path: Path,
    docx_path: Path,
    *,
    title: str,
    author: str,
    stamp: date,
    template: Path | None = None,
) -> None:
    """Write the Word version of the HTML paper at ``html_path`` to ``docx_path``.

    ``template``: the council's ``paper_template.docx``, or None for the plain A4 layout.
    ``stamp``: the date the document records as made and last saved (the period's end).
    """
    with tempfile.TemporaryDirectory(prefix="cci-word-") as folder:
        work = Path(folder)
        source = work / "paper.html"
        source.write_text(word_html(Path(html_path).read_text(encoding="utf-8")), "utf-8")
        default = work / "reference.docx"
        default.write_bytes(default_reference(pandoc_path()))
        reference = template or default
        made = work / "paper.docx"
        try:
            _pandoc(source, reference, made, stamp)
            document = Document(str(made))
            council = Document(str(reference))
        except (WordVersionError, ValueError, KeyError, zipfile.BadZipFile) as error:
            if template is None:
                raise
            msg = (
                f"The Word template {template.name} could not be used ({error}). Open it in "
                "Word and save it again as a Word Document, or remove it to use the plain layout."
            )
            raise InputError(msg) from error
        fill_missing_styles(document, council, Document(str(default)))
        tables = table_style(council)
    finish(document, title=title, author=author, stamp=stamp, tables=tables)
    buffer = io.BytesIO()
    document.save(buffer)
    Path(docx_path).write_bytes(stable_zip(buffer.getvalue()))


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.publish.word HTML DOCX --title T --author A --stamp YYYY-MM-DD
    [--template DOCX]``: the Word version of an HTML paper (how a run makes it beside the PDF).

    A problem the user can act on (the council's template cannot be used, say) is printed as
    ``Error:`` lines, with exit status 2.
    """
    import argparse

    from pipeline.errors import PipelineError, disk_full

    parser = argparse.ArgumentParser(prog="python -m pipeline.publish.word")
    parser.add_argument("html", type=Path)
    parser.add_argument("docx", type=Path)
    parser.add_argument("--title", required=True)
    parser.add_argument("--author", required=True)
    parser.add_argument("--stamp", required=True, type=date.fromisoformat)
    parser.add_argument("--template", type=Path)
    args = parser.parse_args(argv)
    try:
        render_docx(
            args.html,
            args.docx,
            title=args.title,
            author=args.author,
            stamp=args.stamp,
            template=args.template,
        )
    except (PipelineError, OSError) as error:
        plain = error if isinstance(error, PipelineError) else disk_full(error)
        if plain is None:
            raise
        for problem in plain.problems:
            print(f"Error: {problem}", file=sys.stderr)  # noqa: T201
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
