"""Turn the executed paper notebook into the published files: one HTML page and an A4 PDF.

The HTML comes from nbconvert's :class:`~nbconvert.HTMLExporter` with the project's
template (``pipeline/paper/cci_paper``): only the notebook's ``text/html`` outputs,
inside ``<main>``, with the stylesheet inlined; no code, prompts, stream or error
output, scripts or external requests. The PDF is printed from that HTML by WeasyPrint,
tagged (PDF/UA-1) so that screen readers can follow it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import re
import warnings
from html import unescape
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

from pipeline.errors import RunError
from pipeline.paths import PACKAGE
from pipeline.publish import fonts
from pipeline.publish.checks import publishing_problems
from pipeline.publish.print_widths import fixed_column_html

log = logging.getLogger(__name__)

TEMPLATE_NAME = "cci_paper"
REMOVE_CELL_TAG = "remove_cell"

PDF_VARIANT = "pdf/ua-1"
"""WeasyPrint's PDF/UA-1 output: tagged, with the language, title and running header and
footer marked as artifacts."""

PDF_INSTALL_HINT = (
    "Install WeasyPrint into the project's environment (pip install weasyprint) and the "
    "Pango libraries it needs (Debian/Ubuntu: apt-get install -y libpango-1.0-0 "
    "libpangoft2-1.0-0 libharfbuzz-subset0)."
)


class PdfUnavailableError(RunError):
    """The PDF renderer (WeasyPrint and the system libraries it needs) cannot be used."""


@functools.cache
def _exporter() -> HTMLExporter:
    """One exporter per process: nbconvert's first conversion is slow, the next ones fast."""
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {REMOVE_CELL_TAG}
    return HTMLExporter(
        config=config,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(PACKAGE / "paper")],
    )


def _left_out(nb: nbformat.NotebookNode) -> dict[str, int]:
    """Count the outputs the template leaves out, by kind, for the log."""
    counts = {"stream": 0, "error": 0, "not text/html": 0}
    for cell in nb.cells:
        if cell.cell_type != "code" or REMOVE_CELL_TAG in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            kind = output.output_type
            if kind in ("stream", "error"):
                counts[kind] += 1
            elif "text/html" not in output.get("data", {}):
                counts["not text/html"] += 1
    return counts


def render_html(notebook: nbformat.NotebookNode | Path) -> str:
    """Render the executed paper notebook (or its file) as one self-contained HTML page.

    Deterministic: the same notebook gives byte-identical HTML. Raises RunError if the
    notebook has no ``title`` in its metadata, or if the page would not be publishable
    (a script, an external resource, an image without alt text).
    """
    if isinstance(notebook, Path):
        nb = nbformat.read(notebook, as_version=4)
        source = str(notebook)
    else:
        nb = notebook
        source = "the paper notebook"
    title = str(nb.metadata.get("title", "")).strip()
    if not title:
        msg = f"{source} has no title in its metadata; the paper's <title> and PDF header need it."
        raise RunError(msg)
    left_out = {kind: n for kind, n in _left_out(nb).items() if n}
    if left_out:
        log.info(
            "Left out of the paper: %s",
            ", ".join(f"{n} {kind} output(s)" for kind, n in left_out.items()),
        )
    html, _ = _exporter().from_notebook_node(nb)
    problems = publishing_problems(html)
    if problems:
        raise RunError([f"{source}: {problem}" for problem in problems])
    log.debug("Rendered %s as HTML (%d characters)", source, len(html))
    return html


SUBSET_HINT = (
    "Note: HarfBuzz's font subsetting library is not installed, so the PDF takes about a "
    "second longer to make (it is otherwise the same). To speed it up: "
    "apt-get install -y libharfbuzz-subset0 (Debian/Ubuntu)."
)

# WeasyPrint warns, on import, that a later version will need HarfBuzz's subsetting library,
# and logs one warning per font per PDF when it falls back to fontTools.
_SUBSET_WARNING = "HarfBuzz-Subset will be required"
_SUBSET_FALLBACK_LOG = "Using fontTools instead of HarfBuzz-Subset"


def _not_subset_fallback(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(_SUBSET_FALLBACK_LOG)


@functools.cache
def _weasyprint():
    """Import WeasyPrint once per process, or say exactly what to install.

    A missing optional library (HarfBuzz subsetting) is never an error: WeasyPrint falls back
    to fontTools. The set-up says so once (:func:`subsetting_note`); a run does not repeat it.
    """
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=_SUBSET_WARNING, category=DeprecationWarning)
            # A machine with no fonts of its own: the PDF needs none of them.
            warnings.filterwarnings("ignore", message=fonts.NO_SYSTEM_FONTS, category=UserWarning)
            import weasyprint
            from weasyprint.text import ffi
    except (ImportError, OSError) as error:
        msg = f"The PDF cannot be made: WeasyPrint did not load ({error}). {PDF_INSTALL_HINT}"
        raise PdfUnavailableError(msg) from error
    if ffi.harfbuzz_subset is None:
        logging.getLogger("weasyprint").addFilter(_not_subset_fallback)
        log.debug("%s", SUBSET_HINT)
    return weasyprint


def subsetting_note() -> str | None:
    """What to say at set-up when HarfBuzz's subsetting library is missing (None when it is
    there, or when WeasyPrint does not load at all)."""
    try:
        _weasyprint()
    except PdfUnavailableError:
        return None
    from weasyprint.text import ffi

    return SUBSET_HINT if ffi.harfbuzz_subset is None else None


def _fetcher(weasyprint, allowed: frozenset[str]):
    """A URL fetcher for ``data:`` URLs and the PDF's own font files; it notes every refusal."""

    class EmbeddedOnly(weasyprint.urls.URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"})
            self.refused: list[str] = []

        def fetch(
            self, url: str, headers: dict | None = None
        ) -> weasyprint.urls.URLFetcherResponse:
            if not url.startswith("data:") and url not in allowed:
                self.refused.append(url)
                msg = f"The paper may not load {url}: everything must be embedded."
                raise ValueError(msg)
            return super().fetch(url, headers)

    return EmbeddedOnly()


_TAG = re.compile(r"<[^>]*>")


def warn_undrawable(html: str) -> list[str]:
    """Say on the console which characters of the paper no font of the PDF can draw."""
    missing = fonts.undrawable(unescape(_TAG.sub(" ", html)))
    if missing:
        shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:20])
        log.warning(
            "The PDF has no font for %d character(s) in the paper, which print as empty boxes: "
            "%s. Check the input text for them.",
            len(missing),
            shown,
        )
    return missing


# The printed tables' geometry, as paper.css sets it: A4 less 18 mm margins each side, table
# text 9.5 pt, cells padded 0.5rem each side (the rem is 10.5 pt in print) plus a 1px border.
PRINT_TEXT_WIDTH_PT = (210 - 2 * 18) * 72 / 25.4
PRINT_TABLE_FONT_PT = 9.5
PRINT_TABLE_EMS = PRINT_TEXT_WIDTH_PT / PRINT_TABLE_FONT_PT
PRINT_CELL_PADDING_EMS = (2 * 0.5 * 10.5 + 0.75) / PRINT_TABLE_FONT_PT
# With the widths worked out, WeasyPrint need not measure every cell twice to lay tables out.
FIXED_TABLES = "table { table-layout: fixed; }\n"


@contextlib.contextmanager
def _no_garbage_collection():
    """Python's cyclic garbage collector kept out of the render: WeasyPrint makes millions of
    short-lived objects, and collecting them as it goes costs a tenth of the render. What is
    garbage is collected once, after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect()


def render_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print the paper's HTML page as a tagged (PDF/UA-1) A4 PDF with embedded fonts.

    Page size, page numbers and the running title come from the page's CSS; the fonts come
    with the project (:mod:`pipeline.publish.fonts`), so every machine prints the same pages.
    Offline: anything the page asks for that is not a ``data:`` URL or one of those fonts is
    refused, and a RunError names it. Raises PdfUnavailableError if WeasyPrint cannot load.
    """
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _fetcher(weasyprint, fonts.font_files())
    font_config = FontConfiguration()
    css = weasyprint.CSS(
        string=fonts.stylesheet() + FIXED_TABLES, font_config=font_config, url_fetcher=fetcher
    )
    html = html_path.read_text(encoding="utf-8")
    warn_undrawable(html)
    html = fixed_column_html(html, available=PRINT_TABLE_EMS, padding=PRINT_CELL_PADDING_EMS)
    document = weasyprint.HTML(string=html, base_url=str(html_path.parent), url_fetcher=fetcher)
    with _no_garbage_collection(), fonts.fixed_font_dates():
        document.write_pdf(
            pdf_path, stylesheets=[css], font_config=font_config, pdf_variant=PDF_VARIANT
        )
    if fetcher.refused:
        pdf_path.unlink(missing_ok=True)
        raise RunError(
            [
                f"{html_path}: the paper asks for {url}, which is not embedded."
                for url in fetcher.refused
            ]
        )
    log.debug("Printed %s as %s", html_path.name, pdf_path)


def pdf_renderer() -> str | None:
    """The PDF renderer this machine has (name and version), or None when there is none."""
    try:
        weasyprint = _weasyprint()
    except PdfUnavailableError as error:
        log.debug("%s", error)
        return None
    return f"weasyprint {weasyprint.__version__}"
