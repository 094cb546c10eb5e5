"""The rendered PDF's pages as lines with positions, read by poppler (``pdftotext -bbox-layout``).

Used by the agenda-ready tests: what lies outside the text area, which lines end a page, and
how many pages the sections take.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4


@dataclass(frozen=True)
class Margins:
    top: float
    side: float
    bottom: float


# The paper's @page margins (paper.css): 22 mm top, 18 mm sides, 20 mm bottom.
PAPER_MARGINS = Margins(22 * MM, 18 * MM, 20 * MM)
# The Word version's plain layout (word_styles.py): 2 cm all round.
WORD_MARGINS = Margins(20 * MM, 20 * MM, 20 * MM)
_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    margins: Margins = PAPER_MARGINS

    @property
    def body(self) -> tuple[Line, ...]:
        """The lines of the text area: the running header and the page number left out."""
        return tuple(
            line
            for line in self.lines
            if line.y_min >= self.margins.top - 2
            and line.y_max <= self.height - self.margins.bottom + 2
        )


def pdf_pages(pdf: Path, margins: Margins = PAPER_MARGINS) -> list[Page]:
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    root = ET.fromstring(xml)
    pages = []
    for number, page in enumerate(root.iter(f"{_NS}page"), 1):
        lines = []
        for line in page.iter(f"{_NS}line"):
            words = [w.text or "" for w in line.iter(f"{_NS}word")]
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(Line(" ".join(words), *box))
        lines.sort(key=lambda line: (round(line.y_min), line.x_min))
        pages.append(
            Page(number, float(page.get("width")), float(page.get("height")), tuple(lines), margins)
        )
    return pages


def outside_text_area(pages: list[Page]) -> list[str]:
    """Lines of the text area that reach past its left or right edge (clipped in print)."""
    found = []
    for page in pages:
        left, right = page.margins.side - 1, page.width - page.margins.side + 1
        found += [
            f"page {page.number}: {line.text[:60]!r} ({line.x_min:.0f}-{line.x_max:.0f} pt)"
            for line in page.body
            if line.x_min < left or line.x_max > right
        ]
    return found


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def stranded_headings(pages: list[Page], headings: list[str], last: int = 1) -> list[str]:
    """Headings found among the last ``last`` lines of a page's text area (left without
    the sentence they introduce)."""
    wanted = {squash(h) for h in headings}
    found = []
    for page in pages[:-1]:
        for line in page.body[-last:]:
            if squash(line.text) in wanted:
                found.append(f"page {page.number}: {line.text!r}")
    return found


def first_page_with(pages: list[Page], text: str) -> int | None:
    return next(
        (p.number for p in pages if any(squash(line.text) == text for line in p.body)), None
    )


def page_texts(pages: list[Page]) -> str:
    return squash(" ".join(line.text for page in pages for line in page.body))


def fitted_but_moved(
    pages: list[Page],
    headings: list[str],
    captions: list[str],
    forced: tuple[str, ...] = (),
    gap: float = 14.0,
) -> list[str]:
    """Pages left with room at their foot for the block that opens the next page: a table's
    caption, or a heading that leads to one, and everything down to the end of that table (a
    half-empty page before a table that would have fitted). ``forced``: headings that start a
    new page anyway; ``gap``: the space allowed above the block (its space before)."""
    heads, caps = {squash(h) for h in headings}, {squash(c) for c in captions}
    found = []
    for page, following in itertools.pairwise(pages):
        lines = [squash(line.text) for line in following.body]
        if not page.body or not lines or lines[0] in {squash(f) for f in forced}:
            continue
        if lines[0] not in heads | caps or following.body[0].y_min > following.margins.top + 30:
            continue  # a picture or a run-on paragraph opens the page
        caption = next((i for i, text in enumerate(lines) if text in caps), None)
        if caption is None:
            continue  # no table in the block
        end = next((i for i in range(caption + 1, len(lines)) if lines[i] in heads | caps), None)
        block = following.body[: end or len(lines)]
        height = block[-1].y_max - block[0].y_min
        room = page.height - page.margins.bottom - page.body[-1].y_max
        if height + gap < room:
            found.append(
                f"page {page.number}: {room:.0f} pt left empty before {lines[0][:50]!r} "
                f"({height:.0f} pt high) on page {following.number}"
            )
    return found
