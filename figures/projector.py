"""Projector forms of the figures: wide, with slide-sized type.

On a 1024 x 768 projector at 150 % zoom the browser is 683 x 512 CSS px and the page's
header takes 56 px, so a figure has about 650 x 456 px.  At ``WIDTH`` x ``HEIGHT`` inches
it shows at 650 x 433 px, and ``TYPE`` points of text at 25 CSS px.  That leaves room for
about 12 lines, so the layouts differ from the web form: in a bar chart (``rows_slide``)
each label sits to the left of its bars and long value labels break before their bracket;
the outlook grids sit side by side (``outlook_slide``); odds ratios keep their numbers
beside the estimates (``odds_slide``).  A bar chart that still does not fit raises an error.
A figure function opts in with ``@figure(..., projector=True)``.  ``figures/slides.py`` adds a
blank slide with title and source line (for the drawings) and a table of values with thin bars.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .i18n import _, one_line, pieces
from .style import INK, MUTED, new_figure, source_line

WIDTH, HEIGHT = 9.0, 6.0  # inches
TYPE, TITLE = 25.0, 28.0  # points
LINE = TYPE * 1.22 / 72  # one line of text, inches
BAR, GAP = 0.34, 0.1  # bar thickness and the space after it, inches
MARGIN = 0.15
LABELS = 0.45 * WIDTH  # width of the label column, inches


def _wrap(text: str, width_in: float, bold: bool = False, size: float = TYPE) -> str:
    """Break ``text`` into lines no wider than ``width_in`` inches, measured in the house font.

    Lines break at spaces, and between Chinese characters (``i18n.pieces``).
    """
    lines = []
    for part in text.split("\n"):
        line = ""
        for word, spaced in pieces(part):
            trial = f"{line}{' ' if spaced and line else ''}{word}"
            if line and _text_width(trial, size=size, bold=bold) > width_in:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return "\n".join(lines)


def _lines(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def _text_width(text: str, size: float = TYPE, bold: bool = False) -> float:
    """Width of the widest line, inches, as the figure's font draws it (a CJK font for Chinese)."""
    import matplotlib
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family=matplotlib.rcParams["font.family"], size=size,
                          weight="bold" if bold else "normal")
    return max(TextToPath().get_text_width_height_descent(line, font, ismath=False)[0]
               for line in text.split("\n")) / 72


def rows_slide(title: str, rows, xmax: float, ticks, tick_labels, source: str,
               xlabel: str = "", note: str = "") -> Figure:
    """Draw ``rows`` (a ``style.Rows``) as a projector slide: labels left, bars right."""
    # Entries: the last text line before bars labels them; other text lines run full width.
    blocks, pending = [], []
    for item in rows.items:
        if item[0] == "text":
            pending.append(item)
        elif item[0] == "bar":
            if pending:
                blocks += [("full", t) for t in pending[:-1]] + [("entry", pending[-1], [])]
                pending = []
            blocks[-1][2].append(item)
        else:
            blocks += [("full", t) for t in pending] + [("space", None)]
            pending = []
    blocks += [("full", t) for t in pending]

    # The label column is as wide as the longest label needs, up to LABELS.
    labels = [blk[1] for blk in blocks if blk[0] == "entry"]
    label_w = min(LABELS, max(_text_width(t[1], bold=t[2]) for t in labels) + 0.1)
    bar_x0 = MARGIN + label_w + 0.2
    room = WIDTH - bar_x0 - MARGIN
    bars = [b for blk in blocks if blk[0] == "entry" for b in blk[2]]

    def longest_bar(value_labels):
        """Bars as long as the value labels after them and the last tick label allow."""
        width = room - _text_width(tick_labels[-1]) / 2
        for b in bars:
            if b[1] > 0:
                width = min(width, (room - _text_width(value_labels[id(b)]) - 0.15) * xmax / b[1])
        return width

    # Value labels stay on one line while that leaves the bars a third of the room; else break at "(".
    value_labels = {id(b): b[2] for b in bars}
    bar_w = longest_bar(value_labels)
    if bar_w < room / 3:
        value_labels = {id(b): b[2].replace(" (", "\n(").replace("（", "\n（") for b in bars}
        bar_w = longest_bar(value_labels)

    laid = []
    for blk in blocks:
        if blk[0] == "space":
            laid.append(("space", 0.08, None))
        elif blk[0] == "full":
            wrapped = _wrap(blk[1][1], WIDTH - 2 * MARGIN, blk[1][2])
            laid.append(("full", _lines(wrapped) * LINE + 0.04, (wrapped, blk[1])))
        else:
            _, label, bars = blk
            wrapped = _wrap(label[1], label_w, label[2])
            bars_h = sum(max(BAR, _lines(value_labels[id(b)]) * LINE) + GAP for b in bars)
            laid.append(("entry", max(_lines(wrapped) * LINE, bars_h) + 0.06, (wrapped, label, bars)))

    title = _wrap(title, WIDTH - 2 * MARGIN, bold=True, size=TITLE)
    title_h = _lines(title) * TITLE * 1.2 / 72 + 0.12
    xlabel = _wrap(xlabel, WIDTH - 2 * MARGIN) if xlabel else ""
    axis_h = LINE + 0.2 + _lines(xlabel) * LINE
    note = _wrap(note, WIDTH - 2 * MARGIN, bold=True) if note else ""
    note_h = _lines(note) * LINE + (0.05 if note else 0)
    source = _wrap(one_line(source), WIDTH - 2 * MARGIN)
    source_h = _lines(source) * LINE + 0.1
    needed = title_h + sum(h for _, h, _ in laid) + axis_h + note_h + source_h
    if needed > HEIGHT + 1e-6:
        raise ValueError(f"the projector form needs {needed:.2f} in, more than its {HEIGHT} in")

    fig = new_figure(HEIGHT, WIDTH)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, HEIGHT)
    ax.set_axis_off()
    ax.text(MARGIN, HEIGHT - 0.1, title, ha="left", va="top", fontsize=TITLE, fontweight="bold", color=INK,
            linespacing=1.1)
    y = HEIGHT - title_h

    def x_of(value):
        return bar_x0 + value / xmax * bar_w

    def put(x, top, text, item):
        _, _, bold, colour, italic, _ = item
        ax.text(x, top, text, ha="left", va="top", fontsize=TYPE, linespacing=1.1, color=colour,
                fontweight="bold" if bold else "normal", style="italic" if italic else "normal")

    for kind, h, payload in laid:
        if kind == "full":
            put(MARGIN, y, payload[0], payload[1])
        elif kind == "entry":
            wrapped, label, bars = payload
            put(MARGIN, y, wrapped, label)
            top = y - 0.04
            for b in bars:
                _, value, _, colour, hatch, _, _ = b
                ax.add_patch(Rectangle((bar_x0, top - BAR), x_of(value) - bar_x0, BAR, facecolor=colour,
                                       edgecolor=INK, linewidth=1.5, hatch=hatch))
                ax.text(x_of(value) + 0.1, top, value_labels[id(b)], ha="left", va="top", fontsize=TYPE,
                        linespacing=1.1, color=INK)
                top -= max(BAR, _lines(value_labels[id(b)]) * LINE) + GAP
        y -= h

    # Three ticks are enough at this size: first, middle, last.
    if len(ticks) > 3:
        middle = (ticks[0] + ticks[-1]) / 2
        ticks, tick_labels = [ticks[0], middle, ticks[-1]], [tick_labels[0], f"{middle:g}%", tick_labels[-1]]
    axis_y = y - 0.05
    ax.plot([x_of(ticks[0]), x_of(ticks[-1])], [axis_y, axis_y], color=MUTED, linewidth=1.5)
    for tick, tick_label in zip(ticks, tick_labels):
        ax.plot([x_of(tick)] * 2, [axis_y, axis_y - 0.08], color=MUTED, linewidth=1.5)
        ax.text(x_of(tick), axis_y - 0.1, tick_label, ha="center", va="top", fontsize=TYPE, color=MUTED)
    if xlabel:
        ax.text(MARGIN, axis_y - 0.12 - LINE, xlabel, ha="left", va="top", fontsize=TYPE, color=INK,
                linespacing=1.1)
    if note:
        ax.text(MARGIN, source_h + 0.02, note, ha="left", va="bottom", fontsize=TYPE, fontweight="bold",
                linespacing=1.1)
    ax.text(MARGIN, 0.06, source, ha="left", va="bottom", fontsize=TYPE, color=MUTED, linespacing=1.1)
    return fig


def outlook_slide(title: str, panels, legend: str, icon_array, colour) -> Figure:
    """Two grids of 100 side by side, each under its bold result and who it counts."""
    fig = new_figure(HEIGHT, WIDTH)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, HEIGHT)  # inches both ways, so the dots stay round
    ax.set_axis_off()
    ax.text(MARGIN, HEIGHT - 0.1, title, ha="left", va="top", fontsize=TITLE, fontweight="bold", color=INK)
    source = _wrap(one_line(source_line()), WIDTH - 2 * MARGIN)
    legend = _wrap(legend, WIDTH - 2 * MARGIN)
    ax.text(MARGIN, 0.06, source, ha="left", va="bottom", fontsize=TYPE, color=MUTED, linespacing=1.1)
    ax.text(MARGIN, 0.1 + _lines(source) * LINE, legend, ha="left", va="bottom", fontsize=TYPE, color=MUTED,
            linespacing=1.1)
    panel_w = (WIDTH - 3 * MARGIN) / 2
    top = HEIGHT - 0.1 - TITLE * 1.3 / 72
    bottom = 0.2 + (_lines(source) + _lines(legend)) * LINE
    heads = [(_wrap(result, panel_w, bold=True), _wrap(one_line(who), panel_w)) for result, who, _ in panels]
    head_h = max((_lines(a) + _lines(b)) * LINE for a, b in heads) + 0.1
    grid = min(top - head_h - bottom, panel_w)  # a square of 10 x 10 dots
    step = grid / 10
    for i, ((result, who), (_, _, filled)) in enumerate(zip(heads, panels)):
        x0 = MARGIN + i * (panel_w + MARGIN)
        ax.text(x0, top, result, ha="left", va="top", fontsize=TYPE, fontweight="bold", color=INK, linespacing=1.1)
        ax.text(x0, top - _lines(result) * LINE, who, ha="left", va="top", fontsize=TYPE, color=INK,
                linespacing=1.1)
        icon_array(ax, x0, top - head_h, filled, colour, size=step * 0.78, gap=step * 0.22)
    return fig


def odds_slide(title: str, rows, source_extra: str) -> Figure:
    """Odds ratios with 95% confidence intervals: each label and its numbers left, the estimate right."""
    from .style import OKABE_ITO

    fig = new_figure(HEIGHT, WIDTH)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, HEIGHT)
    ax.set_axis_off()
    ax.text(MARGIN, HEIGHT - 0.1, title, ha="left", va="top", fontsize=TITLE, fontweight="bold", color=INK)
    source = _wrap(one_line(source_line(source_extra)), WIDTH - 2 * MARGIN)
    legend = _wrap(_("Dashed line: {one}, the odds with no miscarriage before. Shape: the estimate; "
                     "line: 95% confidence interval (in brackets).").format(one=1), WIDTH - 2 * MARGIN)
    ax.text(MARGIN, 0.06, source, ha="left", va="bottom", fontsize=TYPE, color=MUTED, linespacing=1.1)
    ax.text(MARGIN, 0.1 + _lines(source) * LINE, legend, ha="left", va="bottom", fontsize=TYPE, color=INK,
            linespacing=1.1)
    plot_x0, plot_x1, xmax = MARGIN + LABELS + 0.3, WIDTH - MARGIN - 0.2, 5.0
    axis_y = 0.25 + (_lines(source) + _lines(legend)) * LINE + LINE  # tick labels under the axis line

    def x_of(value):
        return plot_x0 + value / xmax * (plot_x1 - plot_x0)

    top = HEIGHT - 0.1 - TITLE * 1.3 / 72
    row_h = (top - axis_y - 0.1) / len(rows)
    ax.plot([x_of(1)] * 2, [axis_y, top], color=MUTED, linewidth=1.5, linestyle=(0, (3, 2)), zorder=1)
    for i, ((name, cited), marker) in enumerate(zip(rows, ["s", "D", "^"])):
        y = top - i * row_h
        ax.text(MARGIN, y, name, ha="left", va="top", fontsize=TYPE, fontweight="bold", color=INK)
        interval = _("{value} ({low} to {high})").format(value=f"{cited.value:.2f}", low=f"{cited.low:.2f}",
                                                          high=f"{cited.high:.2f}")
        ax.text(MARGIN, y - LINE, interval, ha="left",
                va="top", fontsize=TYPE, color=INK)
        centre = y - LINE
        ax.plot([x_of(cited.low), x_of(cited.high)], [centre] * 2, color=INK, linewidth=3, zorder=2)
        ax.plot([x_of(cited.value)], [centre], marker=marker, markersize=16, color=OKABE_ITO["vermillion"],
                markeredgecolor=INK, markeredgewidth=1.5, linestyle="none", zorder=3)
    ax.plot([x_of(0), x_of(xmax)], [axis_y, axis_y], color=MUTED, linewidth=1.5)
    for tick in range(0, int(xmax) + 1):
        ax.plot([x_of(tick)] * 2, [axis_y, axis_y - 0.08], color=MUTED, linewidth=1.5)
        ax.text(x_of(tick), axis_y - 0.1, f"{tick}", ha="center", va="top", fontsize=TYPE, color=MUTED)
    return fig
