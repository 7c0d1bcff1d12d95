"""A schematic of the place where mother and baby meet (no data; labels in plain words)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, Polygon, Rectangle, RegularPolygon

from .i18n import _, fill
from .style import INK, OKABE_ITO, SMALL, TINT, add_source, add_title, new_figure, figure, projecting

WRAP = 21  # characters per label line


def _label(ax, xy_text, xy_target, title, body):
    """A bold name and a plain explanation on the right, with a leader line to the part it names."""
    x, y = xy_text
    ax.text(x, y, title, ha="left", va="bottom", fontsize=SMALL, fontweight="bold")
    ax.text(x, y - 0.08, fill(body, WRAP), ha="left", va="top", fontsize=SMALL, linespacing=1.2)
    ax.annotate("", xy=xy_target, xytext=(x - 0.08, y),
                arrowprops=dict(arrowstyle="-", color=INK, linewidth=0.9, shrinkA=0, shrinkB=0))
    ax.plot([xy_target[0]], [xy_target[1]], marker="o", markersize=3.5, color=INK, zorder=6)


@figure("erlebacher2013", "moffett2014unk", projector=True)
def mother_baby_boundary() -> Figure:
    """Trophoblast, HLA-G, womb NK cells, regulatory T cells and a spiral artery, drawn as simple shapes."""
    if projecting():
        return _boundary_slide()
    fig = new_figure(5.8)
    add_title(fig, _("Where mother and baby meet"))
    ax = fig.add_axes((0.01, 0.07, 0.98, 0.84))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 9.2)
    ax.set_axis_off()

    left, right = 0.2, 5.4
    # Baby's side (placenta) and mother's side (womb lining).
    ax.add_patch(Rectangle((left, 6.3), right - left, 2.8, facecolor=TINT["purple"], edgecolor=INK, linewidth=0.8))
    ax.add_patch(Rectangle((left, 0.1), right - left, 6.2, facecolor=TINT["orange"], edgecolor=INK, linewidth=0.8))
    ax.text(left + 0.2, 8.85, _("Baby's side"), ha="left", va="top", fontweight="bold")
    ax.text(left + 0.2, 8.35, _("the placenta"), ha="left", va="top", fontsize=SMALL)
    ax.text(left + 0.2, 0.95, _("Mother's side"), ha="left", va="bottom", fontweight="bold")
    ax.text(left + 0.2, 0.3, _("the womb lining"), ha="left", va="bottom", fontsize=SMALL)

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
    _label(ax, (x_lab, 7.85), (5.2, 6.45), _("Trophoblast"), _("the placenta's outer cells, touching the mother"))
    _label(ax, (x_lab, 5.75), (5.02, 5.68), "HLA-G", _("a signal on these cells that tells immune cells to stay calm"))
    _label(ax, (x_lab, 3.7), (3.13, 3.55), _("Womb NK cells"), _("help widen blood vessels; they do not attack"))
    _label(ax, (x_lab, 1.95), (3.9, 2.1), _("Regulatory T cells"), _("keep other immune cells calm"))
    _label(ax, (x_lab, 0.55), (4.62, 1.3), _("Spiral artery"), _("widened to bring more blood to the placenta"))
    add_source(fig)
    return fig


def _boundary_slide() -> Figure:
    """The projector form: the two sides and four labelled parts (the artery is left to the web form)."""
    from .projector import LINE, MARGIN, WIDTH, _lines, _wrap
    from .slides import canvas, text

    fig, ax, top, bottom = canvas(_("Where mother and baby meet"))
    left, right, meet = MARGIN, 3.15, top - 1.05
    ax.add_patch(Rectangle((left, meet), right - left, top - meet, facecolor=TINT["purple"], edgecolor=INK,
                           linewidth=1.2))
    ax.add_patch(Rectangle((left, bottom), right - left, meet - bottom, facecolor=TINT["orange"], edgecolor=INK,
                           linewidth=1.2))
    text(ax, left + 0.1, top - 0.05, _("Baby's side"), bold=True)
    text(ax, left + 0.1, bottom + 0.05, _("Mother's side"), bold=True, va="bottom")

    for x in (0.55, 1.3, 2.05, 2.8):  # trophoblast, with HLA-G below
        ax.add_patch(Ellipse((x, meet), 0.7, 0.46, facecolor="#E3BCD3", edgecolor=INK, linewidth=1.2, zorder=3))
        for dx in (-0.16, 0.16):
            ax.plot([x + dx, x + dx], [meet - 0.2, meet - 0.45], color=OKABE_ITO["blue"], linewidth=2, zorder=3)
            ax.add_patch(Circle((x + dx, meet - 0.5), 0.06, facecolor=OKABE_ITO["blue"],
                                edgecolor=OKABE_ITO["blue"], zorder=3))
    nk = [(0.8, meet - 1.45), (2.05, meet - 1.2)]
    rng = np.random.default_rng(7)
    for cx, cy in nk:
        ax.add_patch(Circle((cx, cy), 0.38, facecolor=TINT["green"], edgecolor=OKABE_ITO["green"], linewidth=2,
                            zorder=3))
        for gx, gy in rng.uniform(-0.18, 0.18, size=(4, 2)):
            ax.add_patch(Circle((cx + gx, cy + gy), 0.05, facecolor=OKABE_ITO["green"], edgecolor="none", zorder=4))
    treg = (2.55, meet - 2.25)
    ax.add_patch(RegularPolygon(treg, numVertices=6, radius=0.3, facecolor=TINT["sky"], edgecolor=OKABE_ITO["blue"],
                                linewidth=2, zorder=3))

    labels = [(_("Trophoblast"), _("the placenta's outer cells"), (2.8 + 0.35, meet)),
              ("HLA-G", _("tells immune cells to stay calm"), (2.96, meet - 0.5)),
              (_("Womb NK cells"), _("they do not attack"), (nk[1][0] + 0.38, nk[1][1])),
              (_("Regulatory T cells"), _("keep other immune cells calm"), (treg[0] + 0.3, treg[1]))]
    x, y = right + 0.3, top
    for name, body, target in labels:
        body = _wrap(body, WIDTH - MARGIN - x)
        text(ax, x, y, name, bold=True)
        text(ax, x, y - LINE, body)
        ax.plot([x - 0.08, target[0]], [y - LINE / 2, target[1]], color=INK, linewidth=1.5, zorder=5)
        ax.plot([target[0]], [target[1]], marker="o", markersize=6, color=INK, zorder=6)
        y -= (1 + _lines(body)) * LINE + 0.12
    if y < bottom - 1e-6:
        raise ValueError("the projector form of mother_baby_boundary() does not fit its 6 in")
    return fig
