"""Small HTML papers, marked up as the sections mark them up, for the Word version's tests."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Inches, Pt, RGBColor

from pipeline.publish.word import render_docx

STAMP = date(2007, 1, 31)
TITLE = "Corporate CCI Framework Progress Report (April 2006 - January 2007)"
AUTHOR = "Principal Community Involvement Officer"
ALT = "Bar chart. Young people took part least: 0.72 of their share of the population."

# A chart as matplotlib writes one: sizes in points, text as text.
SVG = (
    '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="100pt" '
    'viewBox="0 0 200 100" version="1.1">'
    '<rect x="10" y="10" width="120" height="30" style="fill: #12436d"/>'
    '<text x="10" y="80" style="font-size: 14px; font-family: DejaVu Sans">Age 16-24</text>'
    "</svg>\n"
)
SVG_URI = "data:image/svg+xml;base64," + base64.b64encode(SVG.encode()).decode("ascii")


def scorecard_rows(groups: int, rows_each: int) -> str:
    """A scorecard body: each group a heading row across the table, then its indicators."""
    body = []
    for group in range(1, groups + 1):
        body.append(
            f'<tbody><tr class="group"><th colspan="3" scope="rowgroup">Priority area {group}: '
            'Awareness <span class="rating rating-red"><span aria-hidden="true">✖</span> Red'
            "</span></th></tr>"
        )
        body += [
            f'<tr><th scope="row">PA{group}.{row} Staff trained</th><td class="num">{row}0%</td>'
            '<td><span class="rating rating-green"><span aria-hidden="true">✔</span> Green'
            "</span></td></tr>"
            for row in range(1, rows_each + 1)
        ]
        body.append("</tbody>")
    return "".join(body)


def paper_html(*, groups: int = 2, rows_each: int = 2) -> str:
    """A paper with the header, numbered headings, a lead and a scorecard, and a chart."""
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><title>{TITLE}</title><style>p {{ color: red }}</style></head>
<body><main>
<header class="paper-header"><p class="org-name">Example Borough Council</p>
<h1>{TITLE}</h1>
<div class="table-wrap" role="region" tabindex="0" aria-label="Report details">
<table class="header-block"><caption class="visually-hidden">Report details</caption>
<tbody><tr><th scope="row">Meeting</th><td>Cabinet Member for Community Cohesion</td></tr>
</tbody></table></div></header>
<h2 class="numbered" id="s1">1. Summary</h2>
<p>317 activities ran &amp; 291 started: &lt;b&gt;not bold&lt;/b&gt;.</p>
<h2 class="numbered" id="s3">3. Proposals and details</h2>
<h3>3.1 Progress against the five priority areas</h3>
<p class="lead">Each indicator is rated against its target.</p>
<div class="table-wrap" role="region" tabindex="0" aria-label="Scorecard">
<table class="scorecard"><caption>Scorecard: every indicator</caption>
<thead><tr><th scope="col">Indicator</th><th scope="col" class="num">Value</th>
<th scope="col">Rating</th></tr></thead>
{scorecard_rows(groups, rows_each)}
</table></div>
<figure><img alt="{ALT}" src="{SVG_URI}"><figcaption>Age: each group's share</figcaption></figure>
<h2 id="contact">Contact name and details</h2>
<p class="contact">Principal Officer<br>Telephone: 01709 000000<br>E-mail: cci@example.gov.uk</p>
<h2 id="appendix-a" class="appendix">Appendix A. Indicator definitions</h2>
<p>The fingerprint (SHA-256) of 2006-04..2007-01, aged 16-24, under-represented.</p>
</main></body></html>
"""


def write_paper(folder: Path, **kwargs: int) -> Path:
    path = folder / "report.html"
    path.write_text(paper_html(**kwargs), encoding="utf-8")
    return path


def render(folder: Path, template: Path | None = None, **kwargs: int) -> Path:
    """The Word version of :func:`paper_html`, written into ``folder``."""
    out = folder / "report.docx"
    render_docx(
        write_paper(folder, **kwargs),
        out,
        title=TITLE,
        author=AUTHOR,
        stamp=STAMP,
        template=template,
    )
    return out


def council_template(path: Path) -> Path:
    """A council's template: Courier New 13 pt, maroon headings, US Letter landscape margins
    of one inch, and a protective marking in the header."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Courier New"
    normal.font.size = Pt(13)
    heading = document.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(1))
    section.header.paragraphs[0].text = "OFFICIAL - SENSITIVE"
    document.add_paragraph("Template body text the paper replaces.")
    document.save(path)
    return path
