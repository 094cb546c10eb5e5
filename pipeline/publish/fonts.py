"""The fonts the PDF is set in: they come with the project's set-up, never from the machine.

The typeface is the paper's (:mod:`pipeline.paper.typeface`): Noto Sans for the body, headings,
tables and charts, the Noto fonts of the other scripts behind it, all under family names of the
project's own ("CCI Sans"...). The page's stylesheet names the typeface and, after it, fonts a
screen may have; the PDF's stylesheet (:func:`stylesheet`) sets every element in the project's
families instead, so a font installed on the machine is never used: the same inputs give the
same pages everywhere.
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

from pipeline.paper.typeface import MONO, SANS, Face, css_families, faces

__all__ = ["Face", "faces", "fixed_font_dates", "font_files", "stylesheet", "undrawable"]

FONT_DATE = 315532800  # 1980-01-01, as the Word version's package dates its files
NO_SYSTEM_FONTS = "No fonts configured in FontConfig"  # WeasyPrint's warning: none needed


@contextlib.contextmanager
def fixed_font_dates():
    """The fonts the PDF embeds dated 1980-01-01 rather than the moment of printing.

    WeasyPrint embeds a variable font (Noto's) as the weight the text uses, which fontTools
    makes and dates with the clock unless ``SOURCE_DATE_EPOCH`` (the reproducible-builds
    convention) fixes the date: set here for the print, and put back after it.
    """
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(FONT_DATE)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def stylesheet() -> str:
    """The PDF's font rules: every face, and every element (the running header and footer
    too) set in the project's families, whatever the page's stylesheet asks for."""
    rules = [
        f'@font-face {{ font-family: "{f.family}"; src: url("{f.path.as_uri()}"); '
        + (f"font-weight: {f.weight}; " if f.weight else "")
        + f"font-style: {f.style}; }}"
        for f in faces()
    ]
    sans, mono = css_families(SANS), css_families(MONO)
    rules += [
        f"*, *::before, *::after, *::marker {{ font-family: {sans} !important; }}",
        f"@page {{ @top-center {{ font-family: {sans} !important; }} "
        f"@bottom-center {{ font-family: {sans} !important; }} }}",
        f"td.hash, code, pre {{ font-family: {mono} !important; }}",
    ]
    return "\n".join(rules) + "\n"


def font_files() -> frozenset[str]:
    """The fonts' file URIs: the only files the PDF may load."""
    return frozenset(f.path.as_uri() for f in faces())


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix == ".ttc":
        collection = TTCollection(path, lazy=True)
        try:
            return frozenset(collection.fonts[0].getBestCmap())
        finally:
            collection.close()
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` that none of the PDF's fonts can draw, in order of first use."""
    wanted = {c for c in text if not c.isspace() and c.isprintable()}
    for face in faces():
        if not wanted:
            break
        wanted -= {c for c in wanted if ord(c) in _cmap(face.path)}
    return sorted(wanted, key=text.index)
