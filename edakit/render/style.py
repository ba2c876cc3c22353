"""The one chart style of edakit: palette and sizes. Every chart module takes its looks from here.

Readable in print and in dark mode: charts have a transparent background; text, axes and ticks are drawn in
`currentColor` (INK_CSS), so inline SVG takes the report's text colour in both light and dark themes; data colours
are mid-contrast and colour-blind safe (Okabe & Ito 2008, "Color Universal Design"), readable on white and on the
dark background alike. Sizes and font sizes follow seaborn's "ticks" style in its "paper" context (`render.svgplot`).
"""

from __future__ import annotations

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

INK_CSS = "currentColor"  # text, axes and ticks: the page's text colour

# Sizes in inches (1 in = 72 pt in the SVG).
WIDTH = 4.2
HEIGHT = 2.5
BOX_HEIGHT = 1.5
BAR_HEIGHT = 0.26  # per bar in horizontal bar charts
