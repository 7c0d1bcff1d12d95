"""The path of care after a pregnancy loss, as a flowchart (no data)."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .i18n import _, wrap
from .style import INK, SMALL, TINT, add_source, add_title, new_figure, figure, projecting


def _box(ax, x, y, w, h, title, body, fill, width):
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.25",
                                facecolor=fill, edgecolor=INK, linewidth=1.0, zorder=2))
    top = y + h - 0.22
    ax.text(x + 0.25, top, title, ha="left", va="top", fontsize=SMALL + 0.5, fontweight="bold", zorder=3)
    lines = []
    for part in body:
        lines.extend(wrap(part, width, subsequent_indent="   " if part.startswith("\u2022") else ""))
    ax.text(x + 0.25, top - 0.5, "\n".join(lines), ha="left", va="top", fontsize=SMALL, linespacing=1.25, zorder=3)


def _arrow(ax, start, end):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16, color=INK, linewidth=1.4,
                                 zorder=1, shrinkA=0, shrinkB=0))


@figure("eshre2022", "rcog2023", "nice2023ng126", "brigham1999", projector=True)
def care_pathway() -> Figure:
    """From a loss through tests, treatment or supportive care, to early care in the next pregnancy."""
    if projecting():
        return _pathway_slide()
    fig = new_figure(7.2)
    add_title(fig, _("The usual path of care"))
    ax = fig.add_axes((0.01, 0.085, 0.98, 0.85))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 13.2)
    ax.set_axis_off()

    _box(ax, 0.2, 11.35, 9.6, 1.75, _("A pregnancy loss"),
         [_("Care now: an early pregnancy unit, time, and support.")], TINT["grey"], 50)
    _arrow(ax, (5, 11.35), (5, 10.15))
    ax.text(5.25, 10.75, _("after repeated losses"), ha="left", va="center", fontsize=SMALL, style="italic")

    _box(ax, 0.2, 7.45, 9.6, 2.7, _("Tests"),
         ["• " + _("Blood tests for antiphospholipid antibodies"),
          "• " + _("Thyroid blood tests (TSH and TPO antibodies)"),
          "• " + _("A scan of the womb, ideally 3D ultrasound"),
          "• " + _("Chromosome test of pregnancy tissue, if possible")], TINT["sky"], 50)

    _arrow(ax, (3.0, 7.45), (2.6, 5.95))
    _arrow(ax, (7.0, 7.45), (7.4, 5.95))
    _box(ax, 0.2, 3.0, 4.65, 2.95, _("A cause is found"),
         [_("Treatment for that cause, such as aspirin and heparin for antiphospholipid syndrome.")], TINT["green"], 22)
    _box(ax, 5.15, 3.0, 4.65, 2.95, _("No cause is found"),
         [_("This is common. Many people still go on to have a baby.")], TINT["orange"], 22)

    _arrow(ax, (2.6, 3.0), (3.6, 2.35))
    _arrow(ax, (7.4, 3.0), (6.4, 2.35))
    _box(ax, 0.2, 0.1, 9.6, 2.25, _("The next pregnancy"),
         [_("Early scans, a named contact and kind support."),
          _("If you bleed after a past loss, your team may prescribe progesterone once a scan "
            "shows it is in the womb.")], TINT["purple"], 60)
    add_source(fig, y=0.012)
    return fig


def _pathway_slide() -> Figure:
    """The projector form: the five steps, each with its name and at most one short line."""
    from .projector import LINE, MARGIN, WIDTH
    from .slides import canvas, text

    fig, ax, top, bottom = canvas(_("The usual path of care"))
    pad, side = 0.07, 0.12  # inside a box: above and below its text, and either side
    right = WIDTH - MARGIN

    def box(x, y, w, lines, fill):
        """A rounded box whose top-left corner is (x, y); ``lines``: (text, bold) on one line each,
        or two texts side by side on one line.  Returns its bottom."""
        h = len(lines) * LINE + 2 * pad
        ax.add_patch(FancyBboxPatch((x, y - h), w, h, boxstyle="round,pad=0,rounding_size=0.15", facecolor=fill,
                                    edgecolor=INK, linewidth=1.5, zorder=2))
        for i, line in enumerate(lines):
            if sum(_width(part, bold) + 0.3 for part, bold in line) - 0.3 > w - 2 * side:
                raise ValueError(f"care_pathway() projector form: {line!r} is wider than its box")
            cx = x + side
            for part, bold in line:
                text(ax, cx, y - pad - i * LINE, part, bold=bold, zorder=3)
                cx += _width(part, bold) + 0.3
        return y - h

    y = box(MARGIN, top, 4.0, [[(_("A pregnancy loss"), True)]], TINT["grey"])
    below = y - 0.44
    _arrow(ax, (1.2, y), (1.2, below))
    text(ax, 1.45, y - 0.04, _("after repeated losses"), italic=True)
    y = box(MARGIN, below, right - MARGIN, [[(_("Tests"), True), (_("blood tests, a scan of the womb"), False)]],
            TINT["sky"])
    below = y - 0.33
    _arrow(ax, (2.4, y), (2.4, below))
    _arrow(ax, (7.0, y), (7.0, below))
    split = MARGIN + 4.8
    y_cause = box(MARGIN, below, split - 0.1 - MARGIN,
                  [[(_("A cause is found"), True)], [(_("Treatment for that cause"), False)]], TINT["green"])
    y = min(y_cause, box(split + 0.1, below, right - split - 0.1, [[(_("No cause is found"), True)],
                                                                    [(_("This is common."), False)]], TINT["orange"]))
    below = y - 0.33
    _arrow(ax, (2.4, y), (2.4, below))
    _arrow(ax, (7.0, y), (7.0, below))
    y = box(MARGIN, below, right - MARGIN, [[(_("The next pregnancy"), True)],
                                            [(_("Early scans, a named contact and kind support."), False)]],
            TINT["purple"])
    if y < bottom - 1e-6:
        raise ValueError("the projector form of care_pathway() does not fit its 6 in")
    return fig


def _width(s, bold):
    from .projector import _text_width

    return _text_width(s, bold=bold)
