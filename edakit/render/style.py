"""The one chart style of edakit: palette, fonts, sizes. Every chart module takes its looks from here.

Readable in print and in dark mode: figures have a transparent background; text, axes and ticks are drawn
in a placeholder colour (INK) that `render.charts` turns into `currentColor`, so inline SVG takes the
report's text colour in both light and dark themes; data colours are mid-contrast and colour-blind safe
(Okabe & Ito 2008, "Color Universal Design"), readable on white and on the dark background alike.

The base look is seaborn's "ticks" style with its "paper" context (seaborn 0.13), copied here as plain
rcParams so drawing a chart does not import seaborn (about 1 s of import time); a test checks the copy
against seaborn itself. Everything is applied with `matplotlib.rc_context`, never globally, so a notebook's
own matplotlib settings are left alone.
"""

from __future__ import annotations

from typing import Any

# Okabe-Ito colours (without black, which vanishes on a dark background).
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW)

MID_BLUE = "#2F7FC1"  # Okabe-Ito blue lightened to ~4.2:1 contrast on both white and the dark background

FILL = SKY  # bars and histogram areas
EDGE = MID_BLUE  # their outlines, points
MEAN = VERMILLION  # mean markers (dashed)
MEDIAN = MID_BLUE  # median markers (solid)
MUTED = "#8C8C8C"  # "other" bars, reference lines, grid: mid grey reads on white and on near-black
MISSING = VERMILLION
PRESENT = "#B8C4D0"
DIVERGING = "RdBu_r"  # ColorBrewer RdBu: colour-blind safe, centred at 0 (correlations)

# Placeholders replaced in the SVG text: INK -> currentColor, PAPER -> the report's background colour.
INK = "#262626"
PAPER = "#FEFEFE"
INK_CSS = "currentColor"
PAPER_CSS = "var(--ek-bg, #fff)"
FONT_CSS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

# Sizes in inches (1 in = 72 pt in the SVG).
WIDTH = 4.2
HEIGHT = 2.5
BOX_HEIGHT = 1.5
BAR_HEIGHT = 0.26  # per bar in horizontal bar charts
RASTER_DPI = 144  # for artists drawn as an embedded PNG (very many points)
MAX_VECTOR_POINTS = 500  # more points than this in one scatter are rasterised

# seaborn.axes_style("ticks"), seaborn 0.13.2
SEABORN_TICKS: dict[str, Any] = {
    "figure.facecolor": "white",
    "axes.labelcolor": ".15",
    "xtick.direction": "out",
    "ytick.direction": "out",
    "xtick.color": ".15",
    "ytick.color": ".15",
    "axes.axisbelow": True,
    "grid.linestyle": "-",
    "text.color": ".15",
    "font.family": ["sans-serif"],
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif"],
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "image.cmap": "rocket",
    "xtick.top": False,
    "ytick.right": False,
    "axes.grid": False,
    "axes.facecolor": "white",
    "axes.edgecolor": ".15",
    "grid.color": ".8",
    "axes.spines.left": True,
    "axes.spines.bottom": True,
    "axes.spines.right": True,
    "axes.spines.top": True,
    "xtick.bottom": True,
    "ytick.left": True,
}

# seaborn.plotting_context("paper"), seaborn 0.13.2
SEABORN_PAPER: dict[str, Any] = {
    "axes.linewidth": 1.0,
    "grid.linewidth": 0.8,
    "lines.linewidth": 1.2,
    "lines.markersize": 4.8,
    "patch.linewidth": 0.8,
    "xtick.major.width": 1.0,
    "ytick.major.width": 1.0,
    "xtick.minor.width": 0.8,
    "ytick.minor.width": 0.8,
    "xtick.major.size": 4.8,
    "ytick.major.size": 4.8,
    "xtick.minor.size": 3.2,
    "ytick.minor.size": 3.2,
    "font.size": 9.6,
    "axes.labelsize": 9.6,
    "axes.titlesize": 9.6,
    "xtick.labelsize": 8.8,
    "ytick.labelsize": 8.8,
    "legend.fontsize": 8.8,
    "legend.title_fontsize": 9.6,
}

# What edakit changes on top of seaborn's theme.
OVERRIDES: dict[str, Any] = {
    # compact, accessible SVG: text stays text (selectable, scalable), ids are stable between runs
    "svg.fonttype": "none",
    "svg.hashsalt": "edakit",
    "svg.image_inline": True,
    "path.simplify": True,
    # transparent, theme-following colours
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "patch.edgecolor": PAPER,
    "patch.force_edgecolor": False,
    "grid.color": MUTED,
    "grid.alpha": 0.35,
    "legend.frameon": False,
    "axes.prop_cycle": None,  # filled in by rc() (needs matplotlib's cycler)
    "image.cmap": "viridis",
    # despined, as seaborn.despine() would
    "axes.spines.right": False,
    "axes.spines.top": False,
    # DejaVu Sans ships with matplotlib, so text is measured the same everywhere; the SVG then asks for the
    # report's own font (FONT_CSS).
    "font.sans-serif": ["DejaVu Sans"],
    "axes.titlelocation": "left",
}


def rc() -> dict[str, Any]:
    """The rcParams for `matplotlib.rc_context`: seaborn ticks + paper, then edakit's overrides."""
    from cycler import cycler

    params = {**SEABORN_TICKS, **SEABORN_PAPER, **OVERRIDES}
    params["axes.prop_cycle"] = cycler(color=list(PALETTE))
    return params
