"""What counts as recurrent miscarriage, and how common miscarriage is."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from . import data
from .i18n import _, number_words
from .style import (
    PERCENT_TICKS,
    Rows,
    rows_figure,
    INK,
    MUTED,
    OKABE_ITO,
    SMALL,
    TINT,
    add_source,
    add_title,
    new_figure,
    percent_label,
    figure,
    projecting,
)


@figure("eshre2022", "rcog2023", "asrm2013", "chinese2022", projector=True)
def definitions_timeline() -> Figure:
    """Weeks of pregnancy, early and later loss, and where each guideline's definition applies."""
    if projecting():
        return _timeline_slide()
    fig = new_figure(6.0)
    add_title(fig, _("Which losses count, by guideline"))
    ax = fig.add_axes((0.05, 0.41, 0.9, 0.49))

    early_end = data.FIRST_TRIMESTER_ENDS_WEEK.value
    uk = data.UPPER_LIMIT_WEEKS["UK"].value
    china = data.UPPER_LIMIT_WEEKS["China"].value
    ax.set_xlim(0, 30)
    ax.set_ylim(4.3, 10.6)

    # Background zones: early and later loss.
    zone_bottom = 4.3
    ax.add_patch(Rectangle((0, zone_bottom), early_end, 10.6 - zone_bottom, facecolor=TINT["sky"], edgecolor="none",
                           zorder=0))
    ax.add_patch(Rectangle((early_end, zone_bottom), china - early_end, 10.6 - zone_bottom, facecolor=TINT["yellow"],
                           edgecolor="none", zorder=0))
    ax.text(early_end / 2, 10.25, _("Early loss"), ha="center", va="top", fontweight="bold")
    ax.text(early_end / 2, 9.6, _("first trimester"), ha="center", va="top", fontsize=SMALL)
    later_centre = (early_end + uk) / 2
    ax.text(later_centre, 10.25, _("Later loss"), ha="center", va="top", fontweight="bold")
    ax.text(later_centre, 9.6, _("second trimester\nonwards"), ha="center", va="top", fontsize=SMALL, linespacing=1.1)

    rows = [
        # (y, label, segments [(start, end, hatch)], colour)
        (7.4, _("RCOG (UK): {early} or more early losses,\nor {later} or more later loss").format(
            early=f"{data.LOSSES_NEEDED['RCOG'].value:g}", later=f"{data.LOSSES_NEEDED['RCOG, later loss'].value:g}"),
         [(0, early_end, ""), (early_end, uk, "//")], OKABE_ITO["green"]),
        (5.2, _("Chinese consensus: {n} or more\nlosses in a row, same partner").format(
            n=f"{data.LOSSES_NEEDED['China'].value:g}"),
         [(0, china, "")], OKABE_ITO["purple"]),
    ]
    for y, label, segments, colour in rows:
        ax.text(0.4, y + 0.35, label, ha="left", va="bottom", fontsize=SMALL, linespacing=1.15)
        for start, end, hatch in segments:
            ax.add_patch(Rectangle((start, y - 0.25), end - start, 0.5, facecolor=colour,
                                   edgecolor=INK, linewidth=0.8, hatch=hatch, zorder=2))
    # No week limit is drawn for these two: only the number of losses is shown.
    fig.text(0.06, 0.25, _("Number of losses only:"), ha="left", va="bottom", fontsize=SMALL, fontweight="bold")
    fig.text(0.06, 0.195, _("ESHRE (Europe): {n} or more losses, in a row or not").format(
        n=f"{data.LOSSES_NEEDED['ESHRE'].value:g}"), ha="left", va="bottom", fontsize=SMALL)
    fig.text(0.06, 0.11, _("ASRM (USA): {n} or more losses of pregnancies\nseen on a scan or in tissue").format(
        n=f"{data.LOSSES_NEEDED['ASRM'].value:g}"), ha="left", va="bottom", fontsize=SMALL, linespacing=1.15)

    for week in (uk, china):
        ax.plot([week, week], [zone_bottom, 8.75], color=MUTED, linestyle=(0, (3, 2)), linewidth=1.0, zorder=1)

    ax.set_xticks([0, 4, 8, 12, 16, 20, 24, 28])
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(_("Weeks of pregnancy"))
    add_source(fig)
    return fig


@figure("quenby2021", projector=True)
def how_common() -> Figure:
    """How often miscarriage and repeated miscarriage happen."""
    rows = Rows()
    entries = [
        (_("Known pregnancies that end in miscarriage"), data.MISCARRIAGE_PER_RECOGNISED_PREGNANCY,
         "pregnancies", OKABE_ITO["blue"], ""),
        (_("Women who have had {n} miscarriages").format(n=2), data.WOMEN_WITH_TWO_LOSSES, "women",
         OKABE_ITO["orange"], "//"),
        (_("Women who have had {n} or more").format(n=3), data.WOMEN_WITH_THREE_OR_MORE, "women",
         OKABE_ITO["vermillion"], "xx"),
    ]
    for i, (label, cited, counted, colour, hatch) in enumerate(entries):
        if i:
            rows.space(0.12)
        value = _("{percent} ({words})").format(percent=percent_label(cited.value),
                                                words=number_words(cited, counted))
        rows.text(label).bar(cited.value, value, colour, hatch, bold_label=True)
    ticks, labels = PERCENT_TICKS[50]
    return rows_figure(_("Miscarriage is common; repeated loss is not"), rows, 50, ticks, labels,
                       _("pooled studies"))


def _timeline_slide() -> Figure:
    """The projector form: each guideline's name left, its counts over the weeks they cover."""
    from .projector import LINE, MARGIN, WIDTH
    from .slides import canvas, text

    fig, ax, top, bottom = canvas(_("Which losses count, by guideline"))
    early_end = data.FIRST_TRIMESTER_ENDS_WEEK.value
    uk = data.UPPER_LIMIT_WEEKS["UK"].value
    china = data.UPPER_LIMIT_WEEKS["China"].value
    x0, x1 = 4.0, WIDTH - MARGIN - 0.15

    def x_of(week):
        return x0 + week / china * (x1 - x0)

    def count(key):
        return _("{n} or more").format(n=f"{data.LOSSES_NEEDED[key].value:g}")

    bar = 0.34
    rows = [(_("RCOG (UK)"), [(0, early_end, "", count("RCOG")), (early_end, uk, "//", count("RCOG, later loss"))],
             OKABE_ITO["green"]),
            (_("Chinese consensus"), [(0, china, "", _("{count} in a row").format(count=count("China")))],
             OKABE_ITO["purple"])]
    axis_y = top - LINE - 0.1 - len(rows) * (LINE + bar + 0.16)
    # Zones of early and later loss behind the rows.
    ax.add_patch(Rectangle((x_of(0), axis_y), x_of(early_end) - x_of(0), top - axis_y, facecolor=TINT["sky"],
                           edgecolor="none", zorder=0))
    ax.add_patch(Rectangle((x_of(early_end), axis_y), x_of(china) - x_of(early_end), top - axis_y,
                           facecolor=TINT["yellow"], edgecolor="none", zorder=0))
    text(ax, x_of(early_end / 2), top, _("Early loss"), bold=True, ha="center")
    text(ax, x_of((early_end + china) / 2), top, _("Later loss"), bold=True, ha="center")
    y = top - LINE - 0.1
    for name, segments, colour in rows:
        text(ax, MARGIN, y, name, bold=True)
        for start, end, hatch, label in segments:
            if end - start > uk:  # a long bar: its count starts at its left end, clear of the week lines
                text(ax, x_of(start) + 0.1, y, label)
            else:
                text(ax, x_of((start + end) / 2), y, label, ha="center")
            ax.add_patch(Rectangle((x_of(start), y - LINE - bar), x_of(end) - x_of(start), bar, facecolor=colour,
                                   edgecolor=INK, linewidth=1.5, hatch=hatch, zorder=2))
        y -= LINE + bar + 0.16
    # The week limits, from the first bar down (clear of the counts written over it).
    for week in (uk, china):
        ax.plot([x_of(week)] * 2, [axis_y, top - 2 * LINE - 0.1], color=MUTED, linestyle=(0, (3, 2)),
                linewidth=1.5, zorder=1)
    ax.plot([x_of(0), x_of(china)], [axis_y, axis_y], color=MUTED, linewidth=1.5)
    for week in (0, early_end, uk, china):
        ax.plot([x_of(week)] * 2, [axis_y, axis_y - 0.08], color=MUTED, linewidth=1.5)
        text(ax, x_of(week), axis_y - 0.1, f"{week:g}", colour=MUTED, ha="center")
    text(ax, MARGIN, axis_y - 0.1, _("Weeks of pregnancy"))
    y = axis_y - 0.2 - LINE
    for line, bold in [(_("Number of losses only:"), True),
                       (_("ESHRE (Europe): {count} losses, in a row or not").format(count=count("ESHRE")), False),
                       (_("ASRM (USA): {count} losses").format(count=count("ASRM")), False)]:
        text(ax, MARGIN, y, line, bold=bold)
        y -= LINE
    if y < bottom - 1e-6:
        raise ValueError("the projector form of definitions_timeline() does not fit its 6 in")
    return fig
