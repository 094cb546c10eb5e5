"""The fonts the PDF is set in: they come with the project's set-up, never from the machine.

The body text is DejaVu Sans, the font matplotlib ships and draws the charts' text with, so
that a chart's labels print in the font they were measured in. Scripts DejaVu lacks (Arabic
and Urdu, Bengali and the other Indic scripts, Chinese, Japanese and Korean, emoji) follow in
the Noto fonts of the ``manimgx-fonts`` packages. Every family has a name of its own ("CCI
..."), so a font installed on the machine can never stand in for one of these: the same
inputs give the same pages everywhere.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
from dataclasses import dataclass
from pathlib import Path

import matplotlib

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Face:
    family: str
    path: Path
    weight: str = "normal"
    style: str = "normal"


def _matplotlib(name: str) -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


def _package(package: str, name: str) -> Path:
    return Path(str(importlib.resources.files(package) / name))


# The scripts after Latin, Greek and Cyrillic, in the order a missing glyph is looked for.
_NOTO = (
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


@functools.cache
def faces() -> tuple[Face, ...]:
    """Every face the PDF may use, in fallback order."""
    sans = [
        Face("CCI Sans", _matplotlib("DejaVuSans.ttf")),
        Face("CCI Sans", _matplotlib("DejaVuSans-Bold.ttf"), weight="bold"),
        Face("CCI Sans", _matplotlib("DejaVuSans-Oblique.ttf"), style="italic"),
        Face("CCI Sans", _matplotlib("DejaVuSans-BoldOblique.ttf"), "bold", "italic"),
        # The charts' SVG names DejaVu Sans: the same file, under the name they ask for.
        Face("DejaVu Sans", _matplotlib("DejaVuSans.ttf")),
        Face("DejaVu Sans", _matplotlib("DejaVuSans-Bold.ttf"), weight="bold"),
        Face("CCI Mono", _matplotlib("DejaVuSansMono.ttf")),
    ]
    scripts = [
        Face(f"CCI {script}", _package("manimgx_fonts", f"NotoSans{script}[wght].ttf"))
        for script in _NOTO
    ]
    cjk = Face("CCI CJK", _package("manimgx_fonts_cjk", "NotoSansCJK-VF.otf.ttc"))
    emoji = Face("CCI Emoji", _package("manimgx_fonts", "NotoEmoji[wght].ttf"))
    return (*sans, *scripts, cjk, emoji)


def families(first: str = "CCI Sans") -> str:
    """A CSS font-family list: ``first``, then the fallback for every other script, in order."""
    scripts = [f.family for f in faces() if f.family.startswith("CCI ")]
    others = [name for name in dict.fromkeys(scripts) if name not in ("CCI Sans", "CCI Mono")]
    return ", ".join(f'"{name}"' for name in (first, *others))


def stylesheet() -> str:
    """The PDF's font rules: every face, and the families the text and the hashes are set in."""
    rules = [
        f'@font-face {{ font-family: "{f.family}"; src: url("{f.path.as_uri()}"); '
        f"font-weight: {f.weight}; font-style: {f.style}; }}"
        for f in faces()
    ]
    rules += [
        f"html {{ font-family: {families()}; }}",
        f"@page {{ @top-center {{ font-family: {families()}; }} "
        f"@bottom-center {{ font-family: {families()}; }} }}",
        f"td.hash {{ font-family: {families('CCI Mono')}; }}",
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
