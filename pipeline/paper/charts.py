"""Charts for the paper in the Government Analysis Function style (the ``afcharts`` package).

Each chart is an SVG embedded in the page as a data URI inside a ``<figure>``, with alt
text that states its message and a caption. The title states the finding; the caller
writes it. Values are labelled directly on the chart rather than in a legend. Every
colour is from the Analysis Function palettes and has at least 3:1 contrast with white.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import ParamSpec

import matplotlib as mpl
import matplotlib.style
from afcharts.af_colours import get_af_colours
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from pipeline.measures.view import ActivityFigures, DimensionFigures
from pipeline.paper import typeface
from pipeline.paper.filters import format_month, join_words, plural
from pipeline.spec.period import Period
from pipeline.spec.thresholds import UNDER_REPRESENTED

P = ParamSpec("P")

AF_STYLE = "afcharts.afcharts"
"""The matplotlib style the afcharts package ships (grid, palette, text sizes); the text is set
in the paper's own typeface (:mod:`pipeline.paper.typeface`) instead of the style's Arial."""

CATEGORICAL = tuple(get_af_colours("categorical"))
"""The Analysis Function categorical palette: navy, teal, maroon, orange, dark grey, lavender."""

MAIN_COLOUR, HIGHLIGHT_COLOUR = get_af_colours("duo")
"""Dark blue for every bar; orange for a highlighted one (3.4:1 against the dark blue)."""

TEXT_COLOUR = "#0b0c0c"
"""Labels are near-black (19:1 against white): the series' colours reach only 3:1."""

_SVG_RC = {
    "svg.hashsalt": "cci-paper",  # fixed clip-path and glyph ids
    "svg.fonttype": "none",  # text as text: small, fast to draw and to print
    "svg.image_inline": True,
}
_WIDTH_INCHES = 8.0
_BAR_HEIGHT_INCHES = 0.4
_PAD_INCHES = 0.12
_LABEL_CHARACTERS = 64  # an axis label's line at 14 pt across the 8-inch chart


def styled(build: Callable[P, Figure]) -> Callable[P, Figure]:
    """Build the chart in the Analysis Function style, leaving matplotlib's settings as they were.

    The style has to be in force while the figure is made: fonts, spines and grid are fixed
    when the artists are created.
    """

    @functools.wraps(build)
    def in_style(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with mpl.style.context(AF_STYLE), mpl.rc_context(typeface.chart_rc()):
            return build(*args, **kwargs)

    return in_style


def _svg_bytes(fig: Figure) -> bytes:
    """The figure as SVG; the same figure gives the same bytes."""
    buffer = io.BytesIO()
    with mpl.rc_context({**typeface.chart_rc(), **_SVG_RC}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def figure_html(fig: Figure, alt: str, caption: str) -> str:
    """The figure as an HTML ``<figure>``: SVG data URI, alt text and caption (both escaped).

    Closes the figure. ``alt`` must state the chart's message, not describe its shape.
    """
    if not alt.strip():
        msg = "A chart needs alt text that states its message."
        raise ValueError(msg)
    try:
        svg = _svg_bytes(fig)
    finally:
        fig.clear()
        _close(fig)
    data_uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    return (
        f'<figure><img src="{data_uri}" alt="{html.escape(alt, quote=True)}">'
        f"<figcaption>{html.escape(caption, quote=False)}</figcaption></figure>"
    )


def _close(fig: Figure) -> None:
    """Release a pyplot-managed figure; a plain Figure needs nothing."""
    plt = sys.modules.get("matplotlib.pyplot")  # no pyplot imported: no pyplot figures
    if plt is not None and plt.fignum_exists(getattr(fig, "number", -1)):
        plt.close(fig)


def _new_figure(height: float) -> tuple[Figure, Axes]:
    """A figure outside pyplot's registry (nothing to leak), in the current style."""
    fig = Figure(figsize=(_WIDTH_INCHES, height), layout="constrained")
    # A margin round the chart, so that no label (a rotated month, say) touches its edge.
    fig.get_layout_engine().set(w_pad=_PAD_INCHES, h_pad=_PAD_INCHES)
    return fig, fig.add_subplot()


def _format_value(value: float) -> str:
    """Whole numbers without decimals, others to one decimal place, thousands separated."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


@styled
def bar_chart(
    categories: Sequence[str],
    values: Sequence[float],
    title: str,
    value_label: str,
    highlight: str | Sequence[str] | None = None,
    reference: tuple[float, str] | None = None,
    decimals: int | None = None,
) -> Figure:
    """Horizontal bars, first category at the top, each labelled with its value; no legend.

    ``value_label`` names the measure on the value axis (for example "Activities").
    ``highlight`` names the category or categories drawn in orange with a bold label.
    ``reference`` draws a dashed line at a value (a threshold, say), named in the axis label.
    ``decimals`` fixes the labels' decimal places (default: whole numbers as such, else one).
    """
    if len(categories) != len(values):
        msg = f"bar_chart got {len(categories)} categories but {len(values)} values."
        raise ValueError(msg)
    highlighted = {highlight} if isinstance(highlight, str) else set(highlight or ())
    colours = [HIGHLIGHT_COLOUR if c in highlighted else MAIN_COLOUR for c in categories]
    fig, ax = _new_figure(max(2.0, 1.2 + _BAR_HEIGHT_INCHES * len(categories)))
    positions = range(len(categories))
    bars = ax.barh(positions, values, color=colours, height=0.65)
    ax.set_yticks(positions, labels=list(categories))
    ax.invert_yaxis()
    for label in ax.get_yticklabels():
        if label.get_text() in highlighted:
            label.set_fontweight("bold")
    labels = [_format_value(v) if decimals is None else f"{v:,.{decimals}f}" for v in values]
    ax.bar_label(bars, labels=labels, padding=4)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel(_wrapped(value_label))
    top = max([*values, 0, reference[0] if reference else 0])
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    if reference:
        # Named in the axis label, where no bar can cover the words.
        at, text = reference
        ax.axvline(at, color=TEXT_COLOUR, linestyle="--", linewidth=1.2)
        ax.set_xlabel(_wrapped(f"{value_label}. Dashed line: {text}"))
    ax.set_title(title, loc="left", wrap=True)
    return fig


@styled
def line_chart(
    months: Sequence[str],
    series_dict: Mapping[str, Sequence[float]],
    title: str,
) -> Figure:
    """One line per series over the months, each named at its end instead of in a legend.

    ``months`` are the x-axis labels as the reader reads them ("Apr 2006"); at most six
    series (the size of the Analysis Function categorical palette).
    """
    if len(series_dict) > len(CATEGORICAL):
        msg = f"line_chart can draw at most {len(CATEGORICAL)} series, got {len(series_dict)}."
        raise ValueError(msg)
    for name, values in series_dict.items():
        if len(values) != len(months):
            msg = f"Series {name!r} has {len(values)} values for {len(months)} months."
            raise ValueError(msg)
    fig, ax = _new_figure(4.5)
    x = range(len(months))
    ends: list[tuple[float, str, str]] = []
    for (name, values), colour in zip(series_dict.items(), CATEGORICAL, strict=False):
        ax.plot(x, values, color=colour, marker="o", markersize=4)
        if len(values):
            ends.append((float(values[-1]), name, colour))
    ax.set_xticks(x, labels=list(months))
    if len(months) > 6:
        ax.tick_params(axis="x", labelrotation=45)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
    lowest = min((min(v) for v in series_dict.values() if len(v)), default=0)
    ax.set_ylim(bottom=min(0, lowest))
    ax.set_xlim(-0.3, max(len(months) - 1, 0) + 0.3)
    if len(ends) == 1:
        # One line needs no label on the chart: the value axis names it.
        ax.set_ylabel(_wrapped(ends[0][1]))
    else:
        _label_line_ends(ax, ends, last_x=len(months) - 1)
    ax.set_title(title, loc="left", wrap=True)
    return fig


def _label_line_ends(ax: Axes, ends: list[tuple[float, str, str]], last_x: int) -> None:
    """Write each series' name just above its last point, ending there, nudged apart.

    Ending at the last point keeps the name inside the chart (a name written to the right of
    it runs off the figure). The names are near-black rather than in the series' colour:
    position ties each name to its line, and text needs more contrast than a line does.
    """
    if not ends:
        return
    bottom, top = ax.get_ylim()
    gap = (top - bottom) * 0.08
    placed: list[float] = []
    for value, _, _ in sorted(ends):
        placed.append(value if not placed else max(value, placed[-1] + gap))
    for y, (value, name, _) in zip(placed, sorted(ends), strict=True):
        ax.annotate(
            name,
            xy=(last_x, value),
            xytext=(last_x, y),
            textcoords="data",
            color=TEXT_COLOUR,
            fontweight="bold",
            va="bottom",
            ha="right",
            annotation_clip=False,
        )


def _wrapped(text: str) -> str:
    """An axis label broken into lines that fit the chart's width at the style's text size."""
    return "\n".join(textwrap.wrap(text, width=_LABEL_CHARACTERS))


# -- the paper's charts, from the computed view ---------------------------------------------


def activity_chart(activity: ActivityFigures, period: Period) -> str:
    """Activities under way in each month, its title naming the peak month."""
    labels = [format_month(m.month, short=True) for m in activity.months]
    peak = activity.peak
    title = (
        f"Activity peaked in {format_month(peak.month)} with "
        f"{plural(peak.count, 'activity', 'activities')} under way"
    )
    return figure_html(
        line_chart(labels, {"Activities under way": [m.count for m in activity.months]}, title),
        alt=f"Line chart. {title}. Monthly figures are in the table below.",
        caption=(
            "Consultation and involvement activities under way in each month, "
            f"{period.label_to}. Source: activity register (cancelled activities left out)."
        ),
    )


def representation_chart(dimension: DimensionFigures) -> str:
    """Each plotted group's ratio, the under-represented ones highlighted, the threshold marked."""
    label, under = dimension.label, list(dimension.under_represented)
    if under:
        title = f"{label}: {join_words(under)} under-represented among respondents"
    else:
        title = f"{label}: no group under-represented among respondents"
    plotted = dimension.plotted
    return figure_html(
        bar_chart(
            [g.category for g in plotted],
            [float(g.ratio) for g in plotted],  # type: ignore[arg-type]
            title,
            "Respondents relative to population (1 = in proportion)",
            highlight=under or None,
            reference=(UNDER_REPRESENTED, f"{UNDER_REPRESENTED}, under-represented below it"),
            decimals=2,
        ),
        alt=f"Bar chart. {title}. The figures are in the table that follows.",
        caption=(
            f"{label}: each group's share of the residents' survey respondents divided by its "
            "share of the population. Source: residents' survey responses in the period; "
            "population reference table."
        ),
    )
