"""Word templates as councils hand them over: pandoc's own reference document (no page size, no
margins), and templates the paper could not safely carry (a document type declaration, which
Word will not open; pictures linked from a web address and an attached template, which Word
would fetch each time the paper is opened)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from pipeline.ingest.template import template_problems
from pipeline.publish.word import pandoc_path
from tests.libreoffice import converter, require_writer
from tests.unit.publish.word_papers import council_template, render

NAME = "reference/paper_template.docx"
REMOTE_PICTURE = "https://intranet.example.gov.uk/images/crest.png"


def _pandocs_own(path: Path) -> Path:
    """pandoc's own reference.docx, as ``pandoc --print-default-data-file`` gives it."""
    done = subprocess.run(
        [pandoc_path(), "--print-default-data-file", "reference.docx"],
        capture_output=True,
        check=True,
    )
    path.write_bytes(done.stdout)
    return path


def _with_parts(path: Path, changes: dict[str, callable], added: dict[str, bytes]) -> Path:
    """The package at ``path`` with some parts changed and others added, as Word writes them."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            target.writestr(name, changes[name](content) if name in changes else content)
        for name, content in added.items():
            target.writestr(name, content)
    return path


def _attached_template(path: Path) -> Path:
    """The template with the attached template Word records (its Normal.dotm on a share)."""
    rels = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rIdT1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/attachedTemplate" Target="file:///\\\\fileserver\\templates\\Council.dotm"'
        b' TargetMode="External"/></Relationships>'
    )

    def attach(xml: bytes) -> bytes:
        start = xml.index(b">", xml.index(b"<w:settings")) + 1
        return xml[:start] + b'<w:attachedTemplate r:id="rIdT1"/>' + xml[start:]

    return _with_parts(
        path,
        {"word/settings.xml": attach},
        {"word/_rels/settings.xml.rels": rels},
    )


def _linked_header_picture(path: Path) -> Path:
    """The template with a header picture linked from a web address (Word's "Link to File")."""

    rels = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rIdP1" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/image" Target="' + REMOTE_PICTURE.encode() + b'" '
        b'TargetMode="External"/></Relationships>'
    )
    picture = (
        b'<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" '
        b'style="width:40pt;height:40pt"><v:imagedata r:id="rIdP1" o:title="Crest" '
        b'xmlns:o="urn:schemas-microsoft-com:office:office"/></v:shape></w:pict></w:r>'
    )
    with zipfile.ZipFile(path) as package:
        header = next(n for n in package.namelist() if n.startswith("word/header"))

    def show(xml: bytes) -> bytes:
        return xml.replace(b"</w:p>", picture + b"</w:p>", 1)

    return _with_parts(
        path, {header: show}, {header.replace("word/", "word/_rels/") + ".rels": rels}
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, Path]:
    """pandoc's own reference document, and the paper made on it."""
    folder = tmp_path_factory.mktemp("pandoc-reference")
    template = _pandocs_own(folder / "paper_template.docx")
    return template, render(folder, template=template)


class TestPandocsOwnReferenceDocument:
    def test_it_has_no_page_size_or_margins_to_start_with(self, made):
        template, _ = made
        assert template_problems(template, NAME) == []
        section = Document(str(template)).sections
        assert not section or section[0].page_width is None

    def test_the_paper_on_it_is_a4_with_the_plain_margins(self, made):
        section = Document(str(made[1])).sections[-1]
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
        margins = (section.left_margin, section.right_margin, section.top_margin)
        assert [round(m.cm, 2) for m in margins] == [2.0] * 3

    def test_its_tables_span_the_text_width(self, made):
        table = Document(str(made[1])).tables[0]
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        assert sum(int(c.get(qn("w:w"))) for c in grid) == round((21.0 - 4.0) / 2.54 * 1440)

    def test_word_processors_open_it(self, made, tmp_path):
        program = require_writer()
        convert = converter(program, tmp_path / "profile")
        pdf = convert(made[1], "pdf", tmp_path)
        assert pdf.read_bytes().startswith(b"%PDF")


class TestWhatWordWouldFetch:
    def test_an_attached_template_is_left_out_of_the_paper(self, tmp_path):
        template = _attached_template(council_template(tmp_path / "paper_template.docx"))
        assert template_problems(template, NAME) == []
        with zipfile.ZipFile(render(tmp_path, template=template)) as paper:
            names = paper.namelist()
            settings = paper.read("word/settings.xml")
            rels = [paper.read(n) for n in names if n.endswith(".rels")]
        assert b"attachedTemplate" not in settings
        assert not [r for r in rels if b"Council.dotm" in r]

    def test_a_picture_linked_from_a_web_address_is_refused(self, tmp_path):
        template = _linked_header_picture(council_template(tmp_path / "paper_template.docx"))
        assert template_problems(template, NAME) == [
            f"{NAME} links to {REMOTE_PICTURE} from outside itself, which Word would fetch each "
            "time the paper is opened: insert pictures into the template rather than linking to "
            "them (in Word: Insert, Pictures, then Insert, not Link to File), or remove them"
        ]

    def test_a_header_with_a_document_type_declaration_is_refused(self, tmp_path):
        template = council_template(tmp_path / "paper_template.docx")
        with zipfile.ZipFile(template) as package:
            header = next(n for n in package.namelist() if n.startswith("word/header"))

        def declare(xml: bytes) -> bytes:
            start = xml.index(b"?>") + 2
            return xml[:start] + b'<!DOCTYPE w:hdr [<!ENTITY org "Council">]>' + xml[start:]

        _with_parts(template, {header: declare}, {})
        problems = template_problems(template, NAME)
        assert len(problems) == 1
        assert problems[0].startswith(
            f"{NAME}: its part {header} has a document type declaration (DTD), which Office "
            "never writes"
        )


def test_a_field_that_includes_a_picture_from_a_web_address_is_refused(tmp_path):
    # Word's Insert, Quick Parts, Field, IncludePicture: fetched whenever fields update.
    template = council_template(tmp_path / "paper_template.docx")
    document = Document(str(template))
    paragraph = document.sections[0].header.paragraphs[0]
    for kind, text in (("begin", None), (None, f' INCLUDEPICTURE "{REMOTE_PICTURE}" \\d '),
                       ("end", None)):  # fmt: skip
        run = paragraph.add_run()._r
        if kind:
            run.append(run.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))
        else:
            instruction = run.makeelement(qn("w:instrText"), {})
            instruction.text = text
            run.append(instruction)
    document.save(str(template))
    problems = template_problems(template, NAME)
    assert problems
    assert problems[0].startswith(f"{NAME} links to {REMOTE_PICTURE} from outside itself")
