"""The paper's typeface: Noto Sans, for the body, headings, tables and charts alike.

Noto Sans is a plain, open sans-serif made for legibility on the page and on screen, and it has
a sister font for every script the borough's communities write in. All of them come with the
project's set-up (the ``manimgx-fonts`` and ``manimgx-fonts-cjk`` packages), never from the
machine: after Noto Sans (Latin, Greek, Cyrillic) come Noto Sans Arabic (Urdu and Arabic),
Bengali and the other Indic scripts, Chinese, Japanese and Korean, and the rest, in the order a
missing character is looked for. The signs Noto lacks (the ratings' ✔ ✖ ▲) are DejaVu Sans's
and monospaced text (the input files' fingerprints) is DejaVu Sans Mono: matplotlib ships both.

Every family has a name of its own here ("CCI Sans", "CCI Arabic"...): the PDF and the charts
ask for these names, which no font installed on a machine can answer to, so the same inputs give
the same pages everywhere. The packages ship Noto Sans as a variable font (one file for every
weight); the charts' bold labels are measured and drawn from a bold cut of it made once per
machine (:func:`bold_sans`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.resources
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import matplotlib

log = logging.getLogger(__name__)

SANS = "CCI Sans"
MONO = "CCI Mono"
SIGNS = "CCI Signs"
SANS_NAME = "Noto Sans"  # the typeface's own name, which screens that have it show
SCREEN_FALLBACK = ("Arial", "Helvetica", "Liberation Sans", "DejaVu Sans")
BOLD = 700


@dataclass(frozen=True)
class Face:
    family: str
    path: Path
    weight: str | None = "normal"  # None: a variable font, each named weight as its own
    style: str = "normal"


def _package(package: str, name: str) -> Path:
    return Path(str(importlib.resources.files(package) / name))


def _matplotlib(name: str) -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


# The scripts after Latin, Greek and Cyrillic, in the order a missing glyph is looked for.
SCRIPTS = (
    "Arabic",
    "Bengali",
    "Devanagari",
    "Gurmukhi",
    "Gujarati",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Sinhala",
    "Oriya",
    "Hebrew",
    "Armenian",
    "Georgian",
    "Ethiopic",
    "Thai",
    "Lao",
    "Khmer",
    "Myanmar",
    "Symbols",
)
# The packages' fonts are variable (one file for Regular to Bold): the PDF's renderer finds each
# named weight in the file when no weight is declared, and sets and measures the text in it.
VARIABLE = None


def sans_path() -> Path:
    """Noto Sans, upright, every weight (its default is the regular one)."""
    return _package("manimgx_fonts", "NotoSans[wght].ttf")


@functools.cache
def faces() -> tuple[Face, ...]:
    """Every face the paper may be set in, in fallback order."""
    sans = [
        Face(SANS, sans_path(), VARIABLE),
        Face(SANS, _package("manimgx_fonts", "NotoSans-Italic[wght].ttf"), VARIABLE, "italic"),
        Face(MONO, _matplotlib("DejaVuSansMono.ttf")),
    ]
    scripts = [
        Face(f"CCI {script}", _package("manimgx_fonts", f"NotoSans{script}[wght].ttf"), VARIABLE)
        for script in SCRIPTS
    ]
    # The ratings' and directions' signs Noto Sans lacks (✔ ✖ ▲), drawn as on the page.
    signs = [
        Face(SIGNS, _matplotlib("DejaVuSans.ttf")),
        Face(SIGNS, _matplotlib("DejaVuSans-Bold.ttf"), "bold"),
    ]
    # One weight of the collection: the PDF embeds a collection's face by its index, which a
    # named weight's would not be.
    cjk = Face("CCI CJK", _package("manimgx_fonts_cjk", "NotoSansCJK-VF.otf.ttc"))
    emoji = Face("CCI Emoji", _package("manimgx_fonts", "NotoEmoji[wght].ttf"), VARIABLE)
    return (*sans, *scripts, *signs, cjk, emoji)


def families(first: str = SANS) -> tuple[str, ...]:
    """``first``, then the family of every other script, in fallback order."""
    others = [f.family for f in faces() if f.family not in (SANS, MONO)]
    return (first, *dict.fromkeys(others))


def css_families(first: str = SANS) -> str:
    """:func:`families` as a CSS ``font-family`` value."""
    return ", ".join(f'"{name}"' for name in families(first))


def _cache_folder() -> Path:
    return Path(matplotlib.get_cachedir()) / "cci-fonts"


@functools.cache
def bold_sans() -> Path:
    """Noto Sans Bold as a font file of its own, made from the variable font once per machine.

    matplotlib and the Word version's chart pictures draw one weight per file, and the tables'
    widths are measured in it. The file is kept in matplotlib's cache folder under a name
    that changes with the variable font it comes from; the same font gives the same bytes.
    """
    source = sans_path()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    target = _cache_folder() / f"NotoSans-Bold-{digest}.ttf"
    if target.is_file():
        return target
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    log.debug("Making Noto Sans Bold from the variable font (once per machine, a few seconds)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with TTFont(source, recalcTimestamp=False) as font:
        bold = instancer.instantiateVariableFont(font, {"wght": BOLD}, updateFontNames=True)
        handle, temporary = tempfile.mkstemp(suffix=".ttf", dir=target.parent)
        os.close(handle)
        bold.save(temporary)
    os.replace(temporary, target)  # whole or not at all, should two runs make it at once
    return target


@functools.cache
def chart_rc() -> dict[str, object]:
    """matplotlib settings that set the charts in the paper's typeface.

    The faces are known to matplotlib under the paper's own family names, so that the SVG text
    names them and the PDF draws it in the very fonts it was measured in. Last come the names
    a screen may have (the charts in the HTML page are drawn by the reader's browser).
    """
    from matplotlib import font_manager, ft2font

    manager = font_manager.fontManager
    known = {(entry.name, entry.weight) for entry in manager.ttflist}
    # Noto Sans regular and bold; every other face (a variable font, which matplotlib reads
    # at one weight) serves both weights, as the PDF's fallback fonts do.
    entries = [(SANS, sans_path(), (400,)), (SANS, bold_sans(), (BOLD,))]
    others = [f for f in faces() if f.style == "normal" and f.family not in (SANS, MONO)]
    with_bold = {f.family for f in others if f.weight == "bold"}
    entries += [
        (
            f.family,
            f.path,
            (BOLD,) if f.weight == "bold" else (400,) if f.family in with_bold else (400, BOLD),
        )
        for f in others
    ]
    for family, path, weights in entries:
        entry = font_manager.ttfFontProperty(ft2font.FT2Font(str(path)))
        for weight in weights:
            if (family, weight) not in known:
                manager.ttflist.append(dataclasses.replace(entry, name=family, weight=weight))
    return {
        "font.family": [*families(), "sans-serif"],
        "font.sans-serif": [SANS_NAME, *SCREEN_FALLBACK],
    }


def chart_files() -> tuple[str, ...]:
    """The chart fonts' files under the typeface's own names, for drawing a chart's SVG."""
    scripts = [str(f.path) for f in faces() if f.family not in (SANS, MONO)]
    return (str(sans_path()), str(bold_sans()), *scripts)
