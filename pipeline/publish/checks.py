"""What stops an HTML page being published as it is: a script, a stylesheet link, anything loaded
from another address, an image without a text alternative.

Kept apart from the renderers (:mod:`pipeline.publish.render`) so that the web pages are checked
without importing nbconvert or the PDF's fonts.
"""

from __future__ import annotations

import re

# nbconvert writes this into an <img> that has no alt attribute.
_NBCONVERT_PLACEHOLDER_ALT = "No description has been provided for this image"

_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
_LINK_ELEMENT = re.compile(r"<link\b", re.IGNORECASE)
# A src/srcset/data/poster/action attribute, or a CSS url(), that points off the page.
_EXTERNAL_SRC = re.compile(
    r"""\b(?:src|srcset|data|poster|action|formaction)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//"""
    r"""|url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""",
    re.IGNORECASE,
)


def _points_off_page(html: str) -> bool:
    """Whether ``html`` has a match of ``_EXTERNAL_SRC``, found without scanning all of it.

    Every match ends in ``//``, which a page holds few of, and holds no ``<`` or ``>``: so
    only the text from the tag boundary before each ``//`` up to it is searched (the whole
    of a large web page, searched character by character, takes a second and a half).
    """
    searched_to = 0
    for slashes in re.finditer("//", html):
        end = slashes.end()
        start = max(html.rfind("<", searched_to, end), html.rfind(">", searched_to, end)) + 1
        if _EXTERNAL_SRC.search(html, max(start, searched_to), end):
            return True
        searched_to = max(searched_to, start)
    return False


def publishing_problems(html: str) -> list[str]:
    """What stops ``html`` being published as a self-contained, accessible page."""
    problems = []
    if _SCRIPT.search(html):
        problems.append("The paper contains a <script> element; it must not run any code.")
    if _LINK_ELEMENT.search(html):
        problems.append("The paper contains a <link> element; its styles must be inlined.")
    if _points_off_page(html):
        problems.append(
            "The paper loads something from another address (an image, frame or style); "
            "everything must be embedded in the page."
        )
    missing_alt = html.count(_NBCONVERT_PLACEHOLDER_ALT)
    if missing_alt:
        problems.append(
            f"{missing_alt} image(s) in the paper have no text alternative (alt text); "
            "every chart must state its message in its alt text."
        )
    return problems
