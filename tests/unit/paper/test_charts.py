"""Tests for pipeline.paper.charts: deterministic SVG figures with escaped alt text."""

from __future__ import annotations

import base64
import logging
import re

import matplotlib as mpl
import pytest
from matplotlib.figure import Figure

from pipeline.paper import charts, typeface

MONTHS = ["Apr 2006", "May 2006", "Jun 2006"]


def _svg(figure_html: str) -> str:
    """The SVG document inside a <figure>'s data URI."""
    match = re.search(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', figure_html)
    assert match is not None
    return base64.b64decode(match.group(1)).decode("utf-8")


def _bar_figure_html() -> str:
    fig = charts.bar_chart(["North", "South"], [3, 5], "South ran more", "Activities")
    return charts.figure_html(fig, "South ran 5, North 3", "Activities by area")


class TestAnalysisFunctionStyle:
    def test_charts_are_drawn_in_the_af_style(self) -> None:
        svg = _svg(_bar_figure_html())
        # afcharts: 14 px text (16.8 px titles).
        assert "font-size: 14px" in svg
        assert "font-size: 10px" not in svg

    def test_text_is_in_the_papers_typeface_and_names_it_first(self) -> None:
        svg = _svg(_bar_figure_html())
        families = set(re.findall(r"font-family: ([^;\"]+)", svg))
        assert len(families) == 1
        names = [name.strip(" '") for name in families.pop().split(",")]
        # The project's faces first (the PDF has only these), then names a screen may have.
        assert names[:3] == ["CCI Sans", "CCI Arabic", "CCI Bengali"]
        assert names.index("Noto Sans") > names.index("CCI Emoji")

    def test_every_face_is_found_at_both_weights_without_a_word_from_matplotlib(self, caplog):
        with caplog.at_level(logging.INFO, logger="matplotlib.font_manager"):
            fig = charts.bar_chart(
                ["North", "اردو", "中文"], [3, 5, 4], "t", "v", highlight="North"
            )
            charts.figure_html(fig, "North ran 3", "Activities by area")
            lines = charts.line_chart(MONTHS, {"One": [1, 2, 3], "Two": [3, 2, 1]}, "Two fell")
            charts.figure_html(lines, "Two fell", "c")
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []

    @pytest.mark.parametrize("weight", ["normal", "bold"])
    def test_matplotlib_measures_the_text_in_the_projects_noto_sans(self, weight) -> None:
        from fontTools.ttLib import TTFont
        from matplotlib import font_manager

        with mpl.rc_context(typeface.chart_rc()):
            found = font_manager.findfont(
                font_manager.FontProperties(family="CCI Sans", weight=weight),
                fallback_to_default=False,
            )
        with TTFont(found, lazy=True) as font:
            assert font["name"].getDebugName(1) == "Noto Sans"
            assert font["OS/2"].usWeightClass == (700 if weight == "bold" else 400)

    def test_style_does_not_leak_into_matplotlib_settings(self) -> None:
        before = dict(mpl.rcParams)
        _bar_figure_html()
        charts.line_chart(MONTHS, {"Activities": [1, 2, 3]}, "Rising")
        assert dict(mpl.rcParams) == before

    def test_only_the_bottom_spine_is_drawn(self) -> None:
        html = charts.figure_html(
            charts.line_chart(MONTHS, {"Activities": [1, 2, 3]}, "Rising"), "Rising", "c"
        )
        # Figure background, axes background and one spine; the default style draws four.
        assert _svg(html).count('<g id="patch_') == 3


class TestFigureHtml:
    def test_same_chart_twice_same_bytes(self) -> None:
        assert _bar_figure_html().encode() == _bar_figure_html().encode()

    def test_svg_has_no_date(self) -> None:
        assert "<dc:date>" not in _svg(_bar_figure_html())

    def test_alt_and_caption_escaped(self) -> None:
        fig = Figure()
        fig.add_subplot().plot([0, 1], [0, 1])
        html = charts.figure_html(fig, 'Rose by 5% "sharply" & <fast>', "Caption <b> & co")
        assert 'alt="Rose by 5% &quot;sharply&quot; &amp; &lt;fast&gt;"' in html
        assert "<figcaption>Caption &lt;b&gt; &amp; co</figcaption>" in html

    def test_figure_markup(self) -> None:
        html = _bar_figure_html()
        assert html.startswith('<figure><img src="data:image/svg+xml;base64,')
        assert html.endswith("<figcaption>Activities by area</figcaption></figure>")

    def test_empty_alt_rejected(self) -> None:
        with pytest.raises(ValueError, match="alt text"):
            charts.figure_html(Figure(), "  ", "caption")

    def test_pyplot_figure_closed(self) -> None:
        import matplotlib.pyplot as plt

        fig = plt.figure()
        charts.figure_html(fig, "An empty chart", "caption")
        assert not plt.fignum_exists(fig.number)


class TestBarChart:
    def test_bars_in_given_order_top_down_with_value_labels(self) -> None:
        fig = charts.bar_chart(["North", "South"], [3, 5.5], "South ran more", "Activities")
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels == ["North", "South"]
        assert ax.yaxis_inverted()  # first category at the top
        assert [t.get_text() for t in ax.texts] == ["3", "5.5"]
        assert ax.get_legend() is None
        assert ax.get_title(loc="left") == "South ran more"

    def test_bars_dark_blue_highlight_orange(self) -> None:
        fig = charts.bar_chart(["North", "South"], [3, 5], "t", "v", highlight="South")
        colours = [mpl.colors.to_hex(bar.get_facecolor()) for bar in fig.axes[0].patches]
        assert colours == ["#12436d", "#f46a25"]

    def test_thousands_separated(self) -> None:
        fig = charts.bar_chart(["A"], [12400], "t", "Cost (£)")
        assert [t.get_text() for t in fig.axes[0].texts] == ["12,400"]

    def test_length_mismatch_rejected(self) -> None:
        with pytest.raises(ValueError, match="2 categories but 1 values"):
            charts.bar_chart(["A", "B"], [1], "t", "v")


class TestLineChart:
    def test_lines_labelled_at_their_ends_no_legend(self) -> None:
        fig = charts.line_chart(MONTHS, {"Started": [1, 2, 3], "Finished": [0, 1, 1]}, "t")
        ax = fig.axes[0]
        assert len(ax.lines) == 2
        assert sorted(t.get_text() for t in ax.texts) == ["Finished", "Started"]
        assert ax.get_legend() is None

    def test_one_line_is_named_on_its_axis_not_on_the_chart(self) -> None:
        fig = charts.line_chart(MONTHS, {"Activities under way": [1, 2, 3]}, "t")
        ax = fig.axes[0]
        assert list(ax.texts) == []
        assert ax.get_ylabel() == "Activities under way"

    def test_series_colours_from_af_palette(self) -> None:
        fig = charts.line_chart(MONTHS, {"A": [1, 2, 3], "B": [3, 2, 1]}, "t")
        colours = [mpl.colors.to_hex(line.get_color()) for line in fig.axes[0].lines]
        assert colours == ["#12436d", "#28a197"]

    def test_close_end_labels_pushed_apart(self) -> None:
        # Both series end at 10: the second label must sit above the first, not on it.
        fig = charts.line_chart(MONTHS, {"A": [0, 5, 10], "B": [1, 6, 10]}, "t")
        heights = sorted(t.xyann[1] for t in fig.axes[0].texts)
        assert heights[1] > heights[0]

    def test_seven_series_rejected(self) -> None:
        series = {f"S{i}": [1, 2, 3] for i in range(7)}
        with pytest.raises(ValueError, match="at most 6 series"):
            charts.line_chart(MONTHS, series, "t")

    def test_series_length_mismatch_rejected(self) -> None:
        with pytest.raises(ValueError, match="2 values for 3 months"):
            charts.line_chart(MONTHS, {"A": [1, 2]}, "t")

    def test_same_chart_twice_same_bytes(self) -> None:
        def build() -> str:
            fig = charts.line_chart(MONTHS, {"A": [1, 2, 3]}, "Rising")
            return charts.figure_html(fig, "Rose from 1 to 3", "caption")

        assert build().encode() == build().encode()


class TestReferenceLine:
    def test_reference_line_labelled_and_deterministic(self) -> None:
        from pipeline.paper.charts import bar_chart, figure_html

        def make() -> str:
            fig = bar_chart(
                ["16-24", "25-34"],
                [0.72, 1.05],
                "Age: 16-24 under-represented",
                "Ratio",
                reference=(0.8, "0.8, under-represented below it"),
                decimals=2,
            )
            return figure_html(fig, alt="Bar chart. 16-24 under-represented.", caption="Age")

        first = make()
        assert first == make()
        svg = _svg(first)
        assert "Dashed line: 0.8, under-represented below it" in svg
        assert "0.72" in svg
