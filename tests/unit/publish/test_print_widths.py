"""Tests for pipeline.publish.print_widths: table column widths from the cells' text."""

from __future__ import annotations

import re

import numpy as np
import pytest

from pipeline.paths import PACKAGE
from pipeline.publish import render
from pipeline.publish.print_widths import (
    LONGEST_WORD,
    RATING_PADDING,
    cell_sizes,
    column_widths,
    fixed_column_html,
    sizes,
    text_width,
    unbroken,
)


class TestColumnWidths:
    def test_longest_texts_that_fit_share_the_spare_width_in_proportion(self):
        # texts 10 + 5 = 15 fit in 30: each doubles.
        widths = column_widths(np.array([4, 2]), np.array([10, 5]), 30)
        assert widths.tolist() == pytest.approx([20, 10])

    def test_between_words_and_texts_each_column_gets_the_same_share_of_what_it_wants(self):
        # words 4 + 2 = 6 leave 4 of 10; the columns want 6 and 3 more: 4/9 of each.
        widths = column_widths(np.array([4, 2]), np.array([10, 5]), 10)
        assert widths.tolist() == pytest.approx([4 + 6 * 4 / 9, 2 + 3 * 4 / 9])

    def test_words_that_do_not_fit_are_scaled_down_together(self):
        widths = column_widths(np.array([4, 2]), np.array([10, 5]), 3)
        assert widths.tolist() == pytest.approx([2, 1])

    def test_a_text_shorter_than_its_word_counts_as_the_word(self):
        widths = column_widths(np.array([5, 5]), np.array([1, 5]), 20)
        assert widths.tolist() == pytest.approx([10, 10])


class TestMeasuring:
    def test_a_line_is_the_sum_of_its_characters(self):
        assert text_width("abc") == pytest.approx(
            text_width("a") + text_width("b") + text_width("c")
        )

    def test_wide_letters_are_wider_and_bold_is_wider(self):
        assert text_width("MM") > text_width("ii")
        assert text_width("Green", bold=True) > text_width("Green")

    def test_a_cell_is_its_longest_word_and_its_longest_line(self):
        narrow, wide = cell_sizes(["Programme area", "of the council"])
        assert narrow == pytest.approx(text_width("Programme"))
        assert wide == pytest.approx(text_width("Programme area"))

    def test_a_fingerprint_may_wrap(self):
        narrow, wide = cell_sizes(["2a278a835bb0c7d64d8c68d86205a6bb3b6"])
        assert narrow == LONGEST_WORD
        assert wide > LONGEST_WORD

    def test_a_file_name_never_wraps_but_a_path_may_break_after_its_slash(self):
        narrow, wide = cell_sizes(["reference/communities_of_interest.csv"], bold=True)
        assert narrow == pytest.approx(text_width("communities_of_interest.csv", bold=True))
        assert narrow > LONGEST_WORD
        assert wide == pytest.approx(text_width("reference/communities_of_interest.csv", bold=True))

    def test_unbroken_text_is_one_word_of_the_same_width(self):
        narrow, wide = cell_sizes([unbroken("No change")])
        assert narrow == pytest.approx(wide)
        assert wide == pytest.approx(text_width("No change"))

    def test_spanning_cells_and_short_rows_are_left_out(self):
        rows = [
            [(["Priority area 1: a long group heading"], 2, True, 0.0)],
            [(["ab"], 1, False, 0.0), (["abcd"], 1, False, 0.0)],
        ]
        _, texts = sizes(rows, 2)
        assert texts.tolist() == pytest.approx([text_width("ab"), text_width("abcd")])


TABLE = (
    '<table class="x"><caption>Cap</caption>'
    '<thead><tr><th scope="col">Area</th><th scope="col">Rating</th></tr></thead>'
    '<tbody><tr><th scope="row">Rotherham North and its villages</th>'
    '<td><span class="rating rating-green"><span aria-hidden="true">✔</span> Green</span></td>'
    "</tr></tbody></table>"
)


def _percentages(html: str) -> list[float]:
    return [float(p) for p in re.findall(r'<col style="width: ([\d.]+)%">', html)]


class TestFixedColumnHtml:
    def test_every_table_gets_widths_after_its_caption(self):
        html = fixed_column_html(f"<p>x</p>{TABLE}{TABLE}", available=50, padding=1)
        assert html.count("</caption><colgroup>") == 2
        assert sum(_percentages(html)) == pytest.approx(200, abs=0.05)

    def test_the_text_fits_so_the_widths_follow_the_longest_texts(self):
        percentages = _percentages(fixed_column_html(TABLE, available=50, padding=1))
        area = text_width("Rotherham North and its villages", bold=True)
        badge = text_width(unbroken("✔ Green"), bold=True) + RATING_PADDING
        # 48 ems of text (50 less a padding of 1 in each column), shared by the texts.
        scale = 48 / (area + badge)
        expected = [100 * (area * scale + 1) / 50, 100 * (badge * scale + 1) / 50]
        assert percentages == pytest.approx(expected, abs=0.01)

    def test_a_badge_never_wraps_even_when_space_is_short(self):
        html = fixed_column_html(TABLE, available=12, padding=1)
        word = text_width("Rotherham", bold=True)
        badge = text_width(unbroken("✔ Green"), bold=True) + RATING_PADDING
        assert word + badge > 10  # even the words do not fit: they share the 10 ems
        expected = 100 * (badge * 10 / (word + badge) + 1) / 12
        assert _percentages(html)[1] == pytest.approx(expected, abs=0.01)

    def test_a_table_with_widths_of_its_own_is_left_alone(self):
        table = '<table><colgroup><col style="width: 10%"></colgroup><tr><td>a</td></tr></table>'
        assert fixed_column_html(table, available=50, padding=1) == table


class TestPrintGeometry:
    def test_the_pdfs_table_geometry_is_the_stylesheets(self):
        css = (PACKAGE / "paper" / "cci_paper" / "static" / "paper.css").read_text("utf-8")
        assert re.search(r"@page \{\s*size: A4;\s*margin: 22mm 18mm 20mm;", css)
        printed = css[css.index("@media print") :]
        assert re.search(r"html \{\s*font-size: 10\.5pt;", printed)
        assert re.search(r"table \{\s*font-size: 9\.5pt;", printed)
        assert re.search(
            r"th, td \{\s*border: 1px solid var\(--rule\);\s*padding: 0\.3rem 0\.5rem;", css
        )
        assert render.PRINT_TABLE_FONT_PT == 9.5
        assert abs(render.PRINT_TEXT_WIDTH_PT - 174 * 72 / 25.4) < 1e-9
