"""More projector layouts (see ``figures/projector.py`` for the sizes they share).

``canvas`` gives a blank slide with its title and source line; ``table_slide`` draws rows of
one or two values each: a label left, thin bars, and each value written in its own column
under a heading that shows the bar's fill (so neither colour nor position alone tells the
series apart).  It raises an error when the rows do not fit.
"""

from __future__ import annotations

from matplotlib.patches import Rectangle

from .i18n import one_line
from .projector import HEIGHT, LINE, MARGIN, TITLE, TYPE, WIDTH, _lines, _text_width, _wrap
from .style import INK, MUTED, new_figure, source_line

ROW_GAP = 0.06  # inches between two rows
SWATCH = 0.32  # width of the fill sample in a column heading, inches


def canvas(title: str, source_extra: str = ""):
    """A slide with ``title`` at the top and the figure's source line at the bottom.

    Returns the figure, its axes (measured in inches from the bottom left), the top of the
    free space and its bottom.
    """
    fig = new_figure(HEIGHT, WIDTH)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, HEIGHT)  # inches both ways, so circles stay round
    ax.set_axis_off()
    # A title too long for one line at TITLE points takes the body size: one line, not two.
    size = TITLE if _text_width(title, size=TITLE, bold=True) <= WIDTH - 2 * MARGIN else TYPE
    title = _wrap(title, WIDTH - 2 * MARGIN, bold=True, size=size)
    ax.text(MARGIN, HEIGHT - 0.1, title, ha="left", va="top", fontsize=size, fontweight="bold", color=INK,
            linespacing=1.1)
    source = _wrap(one_line(source_line(source_extra)), WIDTH - 2 * MARGIN)
    ax.text(MARGIN, 0.06, source, ha="left", va="bottom", fontsize=TYPE, color=MUTED, linespacing=1.1)
    top = HEIGHT - 0.1 - _lines(title) * size * 1.2 / 72 - 0.08
    bottom = 0.1 + _lines(source) * LINE + 0.05
    return fig, ax, top, bottom


def text(ax, x, y, s, bold=False, colour=INK, italic=False, **kw):
    """Slide-sized text whose top-left corner is at (x, y) unless told otherwise."""
    kw = {"ha": "left", "va": "top", **kw}
    return ax.text(x, y, s, fontsize=TYPE, fontweight="bold" if bold else "normal", color=colour,
                   style="italic" if italic else "normal", linespacing=1.1, **kw)


def table_slide(title: str, sections, xmax: float, lead: str = "", note: str = "", note_bold: bool = True,
                bar_room: float = 1.1):
    """Rows of values with thin bars, in sections.

    ``sections``: ``(heading, columns, rows)``; ``columns``: ``(head, colour, hatch)`` per value;
    ``rows``: ``(label, values, value_texts)``.  The heading sits over the labels and bars, each
    column head (with its fill) over its values.
    """
    fig, ax, top, bottom = canvas(title)
    width = WIDTH - 2 * MARGIN
    count = max(len(cols) for _, cols, _ in sections)
    texts = [t for _, _, rows in sections for _, _, ts in rows for t in ts]
    heads = [c[0] for _, cols, _ in sections for c in cols]
    column_w = max([_text_width(t) for t in texts] + [_text_width(h) + SWATCH + 0.1 for h in heads if h]) + 0.15
    columns_x0 = WIDTH - MARGIN - count * column_w
    labels = [label for _, _, rows in sections for label, _, _ in rows]
    # The labels take what they need, leaving the bars at least ``bar_room`` inches.
    label_w = min(max(_text_width(t) for t in labels) + 0.1, columns_x0 - MARGIN - 0.4 - bar_room)
    if label_w < 1.5:
        raise ValueError(f"{title!r}: the values leave the labels only {label_w:.2f} in")
    bar_x0 = MARGIN + label_w + 0.15
    bar_w = columns_x0 - 0.25 - bar_x0

    y = top
    if lead:
        lead = _wrap(lead, width)
        text(ax, MARGIN, y, lead, colour=MUTED)
        y -= _lines(lead) * LINE + 0.05
    for i, (heading, columns, rows) in enumerate(sections):
        if i:
            y -= 0.12 if heading else 0.1
        if heading or any(c[0] for c in columns):
            heading = _wrap(heading, columns_x0 - MARGIN - 0.1, bold=True) if heading else ""
            if heading:
                text(ax, MARGIN, y, heading, bold=True)
            for k, (head, colour, hatch) in enumerate(columns):
                if head:
                    x = columns_x0 + k * column_w
                    ax.add_patch(Rectangle((x, y - 0.33), SWATCH, 0.28, facecolor=colour, edgecolor=INK,
                                           linewidth=1.5, hatch=hatch))
                    text(ax, x + SWATCH + 0.1, y, head)
            y -= max(_lines(heading), 1) * LINE + 0.04
        bar_h = min(0.3, 0.36 / len(columns))
        rows_top = y
        for label, values, value_texts in rows:
            label = _wrap(label, label_w)
            text(ax, MARGIN, y, label)
            bar_top = y - 0.04
            for k, ((_, colour, hatch), value, value_text) in enumerate(zip(columns, values, value_texts)):
                ax.add_patch(Rectangle((bar_x0, bar_top - (k + 1) * bar_h - k * 0.03), value / xmax * bar_w,
                                       bar_h, facecolor=colour, edgecolor=INK, linewidth=1.5, hatch=hatch))
                text(ax, columns_x0 + k * column_w, y, value_text, bold=len(columns) == 1)
            y -= _lines(label) * LINE + ROW_GAP
        # The bars start from a common line, as on an axis.
        ax.plot([bar_x0, bar_x0], [rows_top, y + ROW_GAP], color=MUTED, linewidth=1.5)
    if note:
        note = _wrap(note, width, bold=note_bold)
        text(ax, MARGIN, bottom + 0.02, note, bold=note_bold, va="bottom")
        bottom += _lines(note) * LINE + 0.05
    if y < bottom - 1e-6:
        raise ValueError(f"{title!r}: the projector form needs {top - y + (HEIGHT - top) + bottom:.2f} in, "
                         f"more than its {HEIGHT} in")
    return fig
