"""What stops an HTML page being published as it is: a script, a stylesheet link, anything loaded
from another address, an image without a text alternative.

Kept apart from the renderers (:mod:`pipeline.publish.render`) so that the web pages are checked
without importing nbconvert or the PDF's fonts.
"""

from __future__ import annotations

import bisect
import html as html_lib
import re

# nbconvert writes this into an <img> that has no alt attribute.
_NBCONVERT_PLACEHOLDER_ALT = "No description has been provided for this image"

_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
_LINK_ELEMENT = re.compile(r"<link\b", re.IGNORECASE)
# Attributes through which a page loads something, and what points off the page: a value that
# starts with "//" or "scheme://" (a srcset: any of its candidates), or a CSS url() that does.
_LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "action", "formaction", "background"}
# In inline SVG, an <image> or <use> (and filters' <feImage>) load what their href names.
_SVG_LOADING_TAGS = {"image", "use", "feimage"}
_OFF_PAGE = re.compile(r"(?:^|,)\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""", re.IGNORECASE)
_TAG_NAME = re.compile(r"<\s*([a-zA-Z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_SHOWN = 120  # how much of the markup that loads from elsewhere a problem shows
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)


def _tag_points_off_page(tag: str) -> bool:
    """Whether one start tag (``<img src=...>``) loads something from another address.

    Only its attributes' values are looked at, each as the browser reads it: text in an
    ``alt`` or ``title`` that merely says ``src=http://`` loads nothing.
    """
    name = _TAG_NAME.match(tag)
    if name is None:
        return False
    tag_name = name.group(1).lower()
    for attribute in _ATTRIBUTE.finditer(tag, name.end()):
        key = attribute.group(1).lower()
        value = html_lib.unescape((attribute.group(2) or "").strip("\"'"))
        loads = key in _LOADING_ATTRIBUTES or (
            tag_name in _SVG_LOADING_TAGS and key in ("href", "xlink:href")
        )
        if (loads and _OFF_PAGE.search(value)) or (key == "style" and _CSS_URL.search(value)):
            return True
    return False


def _points_off_page(html: str) -> str | None:
    """Whether ``html``'s markup loads anything from another address, found without parsing
    all of it.

    Every such address holds ``//``, which a page holds few of. Each ``//`` is looked at where
    it is: inside a start tag, that tag's attributes are read; in a ``<style>`` element, its
    CSS; anywhere else it is text (escaped, so it holds no ``<``), which loads nothing.
    """
    styles = [match.span(1) for match in _STYLE_ELEMENT.finditer(html)]
    checked_to = 0
    for slashes in re.finditer("//", html):
        at = slashes.start()
        if at < checked_to:
            continue
        tag_start, tag_end = html.rfind("<", 0, at), html.rfind(">", 0, at)
        if tag_start > tag_end:  # inside a tag
            end = html.find(">", at)
            end = len(html) if end < 0 else end + 1
            if _tag_points_off_page(html[tag_start:end]):
                return html[tag_start:end]
            checked_to = end
            continue
        index = bisect.bisect_right(styles, (at, len(html) + 1)) - 1
        if index >= 0 and styles[index][0] <= at < styles[index][1]:
            start = max(tag_end + 1, styles[index][0])
            found = _CSS_URL.search(html, start, slashes.end())
            if found:
                return html[found.start() : html.find(")", found.end()) + 1 or found.end()]
    return None


def publishing_problems(html: str) -> list[str]:
    """What stops ``html`` being published as a self-contained, accessible page."""
    problems = []
    if _SCRIPT.search(html):
        problems.append("The paper contains a <script> element; it must not run any code.")
    if _LINK_ELEMENT.search(html):
        problems.append("The paper contains a <link> element; its styles must be inlined.")
    off_page = _points_off_page(html)
    if off_page:
        shown = off_page if len(off_page) <= _SHOWN else off_page[: _SHOWN - 3] + "..."
        problems.append(
            "The paper loads something from another address (an image, frame or style): "
            f"{shown}; everything must be embedded in the page."
        )
    missing_alt = html.count(_NBCONVERT_PLACEHOLDER_ALT)
    if missing_alt:
        problems.append(
            f"{missing_alt} image(s) in the paper have no text alternative (alt text); "
            "every chart must state its message in its alt text."
        )
    return problems
