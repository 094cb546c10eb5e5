"""Charts for the paper in the Government Analysis Function style (the ``afcharts`` package).

Each chart is an SVG embedded in the page as a data URI inside a ``<figure>``, with alt
text that states its message and a caption. The title states the finding; the caller
writes it. Values are labelled directly on the chart rather than in a legend. Every
colour is from the Analysis Function palettes and has at least 3:1 contrast with white.
"""

from __future__ import annotations

import base64
import html
import io
import sys
from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.style
from afcharts.af_colours import get_af_colours
from matplotlib.axes import Axes
from matplotlib.figure import Figure

AF_STYLE = "afcharts.afcharts"
"""The matplotlib style the afcharts package ships (font, grid, palette)."""

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
_BAR_HEIGHT_INCHES = 0.45


def apply_style() -> None:
    """Use the Analysis Function matplotlib style for every chart made after this call."""
    mpl.style.use(AF_STYLE)


def _svg_bytes(fig: Figure) -> bytes:
    """The figure as SVG; the same figure gives the same bytes."""
    buffer = io.BytesIO()
    with mpl.rc_context(_SVG_RC):
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
    return fig, fig.add_subplot()


def _format_value(value: float) -> str:
    """Whole numbers without decimals, others to one decimal place, thousands separated."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


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
    ax.set_xlabel(value_label)
    top = max([*values, 0, reference[0] if reference else 0])
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    if reference:
        # Named in the axis label, where no bar can cover the words.
        at, text = reference
        ax.axvline(at, color=TEXT_COLOUR, linestyle="--", linewidth=1.2)
        ax.set_xlabel(f"{value_label}. Dashed line: {text}")
    ax.set_title(title, loc="left", wrap=True)
    return fig


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
    _label_line_ends(ax, ends, last_x=len(months) - 1)
    ax.set_title(title, loc="left", wrap=True)
    return fig


def _label_line_ends(ax: Axes, ends: list[tuple[float, str, str]], last_x: int) -> None:
    """Write each series' name right of its last point, nudged apart so none overlap.

    The names are near-black rather than in the series' colour: position ties each
    name to its line, and text needs more contrast than a line does.
    """
    if not ends:
        return
    bottom, top = ax.get_ylim()
    gap = (top - bottom) * 0.06
    placed: list[float] = []
    for value, _, _ in sorted(ends):
        placed.append(value if not placed else max(value, placed[-1] + gap))
    for y, (value, name, _) in zip(placed, sorted(ends), strict=True):
        ax.annotate(
            name,
            xy=(last_x, value),
            xytext=(last_x + 0.15, y),
            textcoords="data",
            color=TEXT_COLOUR,
            fontweight="bold",
            va="center",
            ha="left",
            annotation_clip=False,
        )
