"""Tests for pipeline.publish.render: what reaches the paper, and what never does."""

from __future__ import annotations

import contextlib
import re
import sys
import zlib
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pipeline.errors import RunError
from pipeline.publish.render import (
    PdfUnavailableError,
    _weasyprint,
    publishing_problems,
    render_html,
    render_pdf,
)

TITLE = "Progress Report (April 2006 - January 2007)"


def _html_output(fragment: str) -> nbformat.NotebookNode:
    return new_output(
        "display_data",
        data={"text/html": fragment, "text/plain": "<IPython.core.display.HTML object>"},
    )


def _notebook(*cells: nbformat.NotebookNode, title: str | None = TITLE) -> nbformat.NotebookNode:
    metadata = {} if title is None else {"title": title}
    return new_notebook(cells=list(cells), metadata=metadata)


def _html_cell(fragment: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    return new_code_cell("show()", outputs=[_html_output(fragment)], metadata={"tags": list(tags)})


def _main(html: str) -> str:
    """What lies between <main> and </main>, stripped."""
    match = re.search(r"<main>(.*)</main>", html, re.DOTALL)
    assert match is not None
    return match.group(1).strip()


class TestRenderHtml:
    def test_html_output_inside_main(self) -> None:
        html = render_html(_notebook(_html_cell("<h1>Paper</h1><p>Text</p>")))
        assert _main(html) == "<h1>Paper</h1><p>Text</p>"

    def test_execute_result_html_kept(self) -> None:
        cell = new_code_cell(
            "table",
            outputs=[
                new_output("execute_result", data={"text/html": "<p>Kept</p>"}, execution_count=1)
            ],
        )
        assert _main(render_html(_notebook(cell))) == "<p>Kept</p>"

    def test_outputs_in_cell_order(self) -> None:
        html = render_html(_notebook(_html_cell("<p>first</p>"), _html_cell("<p>second</p>")))
        assert _main(html) == "<p>first</p>\n<p>second</p>"

    def test_code_source_left_out(self) -> None:
        cell = new_code_cell("secret_variable = 1", outputs=[_html_output("<p>Shown</p>")])
        assert "secret_variable" not in render_html(_notebook(cell))

    def test_stream_output_left_out(self) -> None:
        cell = new_code_cell(
            "print()",
            outputs=[
                new_output("stream", name="stdout", text="printed line\n"),
                new_output("stream", name="stderr", text="UserWarning: careful\n"),
            ],
        )
        html = render_html(_notebook(_html_cell("<p>Body</p>"), cell))
        assert _main(html) == "<p>Body</p>"

    def test_error_output_left_out(self) -> None:
        cell = new_code_cell(
            "1/0",
            outputs=[
                new_output(
                    "error", ename="ZeroDivisionError", evalue="boom", traceback=["Traceback boom"]
                )
            ],
        )
        html = render_html(_notebook(_html_cell("<p>Body</p>"), cell))
        assert _main(html) == "<p>Body</p>"

    def test_plain_text_repr_left_out(self) -> None:
        cell = new_code_cell(
            "fig",
            outputs=[
                new_output(
                    "execute_result",
                    data={"text/plain": "<Figure size 640x480>"},
                    execution_count=1,
                )
            ],
        )
        assert "Figure size" not in render_html(_notebook(cell))

    def test_image_output_without_html_left_out(self) -> None:
        cell = new_code_cell(
            "plt.show()", outputs=[new_output("display_data", data={"image/png": "iVBORw0KGgo="})]
        )
        assert "<img" not in render_html(_notebook(cell))

    def test_remove_cell_tag_drops_cell(self) -> None:
        html = render_html(_notebook(_html_cell("<p>Hidden</p>", tags=("remove_cell",))))
        assert "Hidden" not in html

    def test_markdown_cell_left_out(self) -> None:
        html = render_html(_notebook(new_markdown_cell("Developer note")))
        assert "Developer note" not in html

    def test_page_frame(self) -> None:
        html = render_html(_notebook(_html_cell("<p>x</p>")))
        assert html.startswith("<!DOCTYPE html>")
        assert '<html lang="en-GB">' in html
        assert '<meta charset="utf-8"/>' in html
        assert 'name="viewport"' in html
        assert f"<title>{TITLE}</title>" in html

    def test_title_escaped_in_title_and_css(self) -> None:
        title = 'Ward "A" & <B> \\ report'
        html = render_html(_notebook(_html_cell("<p>x</p>"), title=title))
        assert '<title>Ward "A" &amp; &lt;B&gt; \\ report</title>' in html
        # In the CSS string: quote and backslash escaped, "<" as the CSS escape \3c.
        assert 'content: "Ward \\"A\\" & \\3c B> \\\\ report";' in html

    def test_stylesheet_inlined(self) -> None:
        html = render_html(_notebook(_html_cell("<p>x</p>")))
        assert "size: A4" in html
        assert "<link" not in html

    def test_no_script_and_no_remote_src_or_href(self) -> None:
        html = render_html(_notebook(_html_cell("<h1>Paper</h1>")))
        assert "<script" not in html.lower()
        assert re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html) == []
        assert "mathjax" not in html.lower()
        assert "require.js" not in html.lower()

    def test_same_notebook_byte_identical(self) -> None:
        nb = _notebook(_html_cell("<h1>Paper</h1>"), _html_cell("<p>x</p>"))
        assert render_html(nb).encode() == render_html(nb).encode()

    def test_reads_notebook_file(self, tmp_path: Path) -> None:
        path = tmp_path / "paper.ipynb"
        nbformat.write(_notebook(_html_cell("<p>From file</p>")), path)
        assert _main(render_html(path)) == "<p>From file</p>"

    def test_notebook_not_changed(self) -> None:
        nb = _notebook(_html_cell("<p>x</p>", tags=("remove_cell",)))
        render_html(nb)
        assert len(nb.cells) == 1

    def test_missing_title_raises(self) -> None:
        with pytest.raises(RunError, match="no title"):
            render_html(_notebook(_html_cell("<p>x</p>"), title=None))

    def test_script_in_output_raises(self) -> None:
        with pytest.raises(RunError, match="script"):
            render_html(_notebook(_html_cell("<script>alert(1)</script>")))

    def test_image_without_alt_raises(self) -> None:
        with pytest.raises(RunError, match="alt text"):
            render_html(_notebook(_html_cell('<img src="data:image/png;base64,AAAA">')))


class TestPublishingProblems:
    def test_clean_page_has_none(self) -> None:
        page = '<main><a href="https://www.rotherham.gov.uk/">council</a><img alt="x"></main>'
        assert publishing_problems(page) == []

    @pytest.mark.parametrize(
        "page",
        [
            '<img src="https://example.org/chart.png" alt="x">',
            "<img src='//example.org/chart.png' alt='x'>",
            '<iframe src="http://example.org/"></iframe>',
            "<div style=\"background: url('https://example.org/a.png')\"></div>",
        ],
    )
    def test_remote_resource_found(self, page: str) -> None:
        assert len(publishing_problems(page)) == 1

    def test_remote_resource_found_after_other_slashes_and_tags(self) -> None:
        page = (
            '<p>see https://a.org // or //</p><a href="//b.org">b</a>'
            + "<p>x</p>" * 1000
            + '<video poster = " HTTPS://c.org/p.png"></video>'
        )
        assert len(publishing_problems(page)) == 1
        assert publishing_problems(page.replace("poster", "title")) == []

    @pytest.mark.parametrize(
        "page",
        [
            # Text from the inputs, escaped as every page escapes it, loads nothing.
            "<p>Consultation on src=http://example.org and url(http://example.org/a.png)</p>",
            '<img alt="A chart: src=http://x.org" src="data:image/png;base64,ab//cd">',
            "<td>&lt;img src=&quot;http://x.org/a.png&quot;&gt;</td>",
            "<style>p { color: red }</style><p>url(//x.org/a.png)</p>",
            '<a href="https://www.example.gov.uk/" title="src=//x.org">council</a>',
        ],
    )
    def test_escaped_text_that_names_an_address_is_no_problem(self, page: str) -> None:
        assert publishing_problems(page) == []

    def test_remote_resource_found_as_a_markup_parser_finds_it(self) -> None:
        # Looked at only around each "//": the same answer as reading the markup whole.
        import random
        from html.parser import HTMLParser

        from pipeline.publish.checks import _points_off_page

        class Loads(HTMLParser):
            found = False
            in_style = False

            def handle_starttag(self, tag, attrs) -> None:
                self.in_style = tag == "style"
                for key, value in attrs:
                    value = (value or "").strip()
                    loads = key in ("src", "srcset", "data", "poster") or (
                        tag == "image" and key == "href"
                    )
                    remote = re.search(r"(?:^|,)\s*(?:[a-z]+:)?//", value, re.I)
                    css = re.search(r"url\(\s*['\"]?(?:[a-z]+:)?//", value, re.I)
                    self.found |= bool((loads and remote) or (key == "style" and css))

            def handle_endtag(self, tag) -> None:
                self.in_style = False

            def handle_data(self, data) -> None:
                if self.in_style and re.search(r"url\(\s*['\"]?(?:[a-z]+:)?//", data, re.I):
                    self.found = True

        pieces = [
            "<p>",
            "</p>",
            "src=http://a.org ",
            "url(//a.org)",
            "&lt;img src=&quot;//a.org&quot;&gt;",
            '<img alt="src=http://x" src="data:x//y">',
            '<img src="//x.org/a.png" alt="a">',
            "<img alt='b' SRC = ' HTTPS://x.org/b.png'>",
            '<img srcset="a.png 1x, https://x.org/b.png 2x" alt="c">',
            "<style>p{background:url(http://x.org)}</style>",
            "<style>p { }</style>",
            '<p style="background: url(&quot;//x.org&quot;)">',
            '<a href="http://z.org">z // z</a>',
            '<svg><image href="https://x.org/y.png"/></svg>',
        ]
        chance = random.Random(2007)
        for _ in range(5_000):
            page = "".join(chance.choice(pieces) for _ in range(chance.randint(0, 6)))
            parser = Loads()
            parser.feed(page)
            parser.close()
            assert bool(_points_off_page(page)) == parser.found, page

    def test_link_element_found(self) -> None:
        problems = publishing_problems('<link rel="stylesheet" href="paper.css">')
        assert problems == ["The paper contains a <link> element; its styles must be inlined."]


def _pdf_page(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "paper.html"
    page = render_html(_notebook(_html_cell(body)))
    path.write_text(page, encoding="utf-8")
    return path


def _pdf_objects(data: bytes) -> bytes:
    """The PDF's bytes with every Flate stream decompressed (object streams hide the catalog)."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    return b"\n".join(parts)


class TestRenderPdf:
    def test_tagged_a4_pdf(self, tmp_path: Path) -> None:
        pdf = tmp_path / "paper.pdf"
        render_pdf(_pdf_page(tmp_path, "<h1>Paper</h1><p>Text</p>"), pdf)
        data = _pdf_objects(pdf.read_bytes())
        assert data.startswith(b"%PDF-")
        assert b"/StructTreeRoot" in data
        assert b"/Lang (en-GB)" in data
        # A4 is 210 x 297 mm = 595.276 x 841.890 points (1 pt = 25.4/72 mm).
        assert re.search(rb"/MediaBox \[0 0 595\.27\d* 841\.88\d*\]", data)

    def test_remote_resource_refused(self, tmp_path: Path) -> None:
        html_path = tmp_path / "paper.html"
        html_path.write_text(
            '<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head><body>'
            '<img alt="x" src="http://192.0.2.1/chart.png"></body></html>',
            encoding="utf-8",
        )
        pdf = tmp_path / "paper.pdf"
        with pytest.raises(RunError, match=r"http://192\.0\.2\.1/chart\.png"):
            render_pdf(html_path, pdf)
        assert not pdf.exists()

    def test_weasyprint_missing_raises_with_install_advice(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
    ) -> None:
        monkeypatch.setitem(sys.modules, "weasyprint", None)  # import now raises ImportError
        _weasyprint.cache_clear()  # this process may have loaded it already
        request.addfinalizer(_weasyprint.cache_clear)
        with pytest.raises(PdfUnavailableError, match="pip install weasyprint"):
            render_pdf(tmp_path / "paper.html", tmp_path / "paper.pdf")
