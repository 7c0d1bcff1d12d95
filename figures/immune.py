"""A schematic of the place where mother and baby meet (no data; labels in plain words)."""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, Polygon, Rectangle, RegularPolygon

from .style import INK, OKABE_ITO, SMALL, TINT, add_source, add_title, new_figure, figure

WRAP = 21  # characters per label line


def _label(ax, xy_text, xy_target, title, body):
    """A bold name and a plain explanation on the right, with a leader line to the part it names."""
    x, y = xy_text
    ax.text(x, y, title, ha="left", va="bottom", fontsize=SMALL, fontweight="bold")
    ax.text(x, y - 0.08, textwrap.fill(body, WRAP), ha="left", va="top", fontsize=SMALL, linespacing=1.2)
    ax.annotate("", xy=xy_target, xytext=(x - 0.08, y),
                arrowprops=dict(arrowstyle="-", color=INK, linewidth=0.9, shrinkA=0, shrinkB=0))
    ax.plot([xy_target[0]], [xy_target[1]], marker="o", markersize=3.5, color=INK, zorder=6)


@figure("erlebacher2013", "moffett2014unk")
def mother_baby_boundary() -> Figure:
    """Trophoblast, HLA-G, womb NK cells, regulatory T cells and a spiral artery, drawn as simple shapes."""
    fig = new_figure(5.8)
    add_title(fig, "Where mother and baby meet")
    ax = fig.add_axes((0.01, 0.07, 0.98, 0.84))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 9.2)
    ax.set_axis_off()

    left, right = 0.2, 5.4
    # Baby's side (placenta) and mother's side (womb lining).
    ax.add_patch(Rectangle((left, 6.3), right - left, 2.8, facecolor=TINT["purple"], edgecolor=INK, linewidth=0.8))
    ax.add_patch(Rectangle((left, 0.1), right - left, 6.2, facecolor=TINT["orange"], edgecolor=INK, linewidth=0.8))
    ax.text(left + 0.2, 8.85, "Baby's side", ha="left", va="top", fontweight="bold")
    ax.text(left + 0.2, 8.35, "the placenta", ha="left", va="top", fontsize=SMALL)
    ax.text(left + 0.2, 0.95, "Mother's side", ha="left", va="bottom", fontweight="bold")
    ax.text(left + 0.2, 0.3, "the womb lining", ha="left", va="bottom", fontsize=SMALL)

    # Spiral artery: a winding vessel that opens wide where it meets the placenta.
    ys = np.linspace(1.0, 6.05, 80)
    centre = 4.45 + 0.28 * np.sin(ys * 2.6)
    half = 0.13 + 0.32 * ((ys - ys[0]) / (ys[-1] - ys[0])) ** 2
    outline = np.concatenate([np.column_stack([centre - half, ys]), np.column_stack([centre + half, ys])[::-1]])
    ax.add_patch(Polygon(outline, closed=True, facecolor="#F4B998", edgecolor=OKABE_ITO["vermillion"],
                         linewidth=1.4, zorder=2))

    # Trophoblast: the placenta's outer cells, with HLA-G on their surface.
    cells_x = [0.8, 1.8, 2.8, 3.8, 4.8]
    for x in cells_x:
        ax.add_patch(Ellipse((x, 6.3), 0.95, 0.62, facecolor="#E3BCD3", edgecolor=INK, linewidth=0.9, zorder=3))
        for dx in (-0.22, 0.22):
            ax.plot([x + dx, x + dx], [6.0, 5.72], color=OKABE_ITO["blue"], linewidth=1.4, zorder=3)
            ax.add_patch(Circle((x + dx, 5.68), 0.07, facecolor=OKABE_ITO["blue"], edgecolor=OKABE_ITO["blue"],
                                zorder=3))

    # Womb natural killer cells: large round cells with granules.
    rng = np.random.default_rng(7)
    for cx, cy in ((1.2, 4.35), (2.7, 3.45), (1.25, 2.3)):
        ax.add_patch(Circle((cx, cy), 0.45, facecolor=TINT["green"], edgecolor=OKABE_ITO["green"], linewidth=1.6,
                            zorder=3))
        for gx, gy in rng.uniform(-0.22, 0.22, size=(4, 2)):
            ax.add_patch(Circle((cx + gx, cy + gy), 0.05, facecolor=OKABE_ITO["green"], edgecolor="none", zorder=4))

    # Regulatory T cells: smaller six-sided shapes.
    for cx, cy in ((3.2, 4.75), (3.55, 2.1)):
        ax.add_patch(RegularPolygon((cx, cy), numVertices=6, radius=0.36, facecolor=TINT["sky"],
                                    edgecolor=OKABE_ITO["blue"], linewidth=1.6, zorder=3))

    x_lab = 5.8
    _label(ax, (x_lab, 7.85), (5.2, 6.45), "Trophoblast", "the placenta's outer cells, touching the mother")
    _label(ax, (x_lab, 5.75), (5.02, 5.68), "HLA-G", "a signal on these cells that tells immune cells to stay calm")
    _label(ax, (x_lab, 3.7), (3.13, 3.55), "Womb NK cells", "help widen blood vessels; they do not attack")
    _label(ax, (x_lab, 1.95), (3.9, 2.1), "Regulatory T cells", "keep other immune cells calm")
    _label(ax, (x_lab, 0.55), (4.62, 1.3), "Spiral artery", "widened to bring more blood to the placenta")
    add_source(fig)
    return fig
