"""Risk of miscarriage by the mother's age and by earlier miscarriages (Magnus et al. 2019)."""

from __future__ import annotations

from matplotlib.figure import Figure

from . import data
from .i18n import _, number_words, words
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


@figure("magnus2019", projector=True)
def risk_by_age() -> Figure:
    """Chance that a recognised pregnancy ends in miscarriage, by the mother's age band."""
    bands = list(data.RISK_BY_AGE.items())
    lowest = min(bands, key=lambda kv: kv[1].value)[0]
    ticks, labels = PERCENT_TICKS[100]
    source = _("{n} pregnancies in Norway").format(n=f"{data.PREGNANCIES_IN_MAGNUS.value:,.0f}")
    rise = f"{data.AGE_RISE_AFTER.value:g}"

    def band(label):
        return _("{band} (lowest)").format(band=words(label)) if label == lowest else words(label)

    def value(cited):
        return _("{percent} ({words})").format(percent=percent_label(cited.value),
                                               words=number_words(cited, "pregnancies"))

    if projecting():
        # The same bands and notes, the notes gathered under the bars to fit a slide.
        rows = Rows()
        for i, (label, cited) in enumerate(bands):
            if i:
                rows.space(0.05)
            high = cited.value > 50
            rows.text(band(label)).bar(cited.value, value(cited),
                                       OKABE_ITO["vermillion"] if high else OKABE_ITO["blue"], "//" if high else "")
        rows.space(0.05).text(_("{a} to {b}: not drawn. {c} to {d}: no exact figures in the paper's text; "
                                "the chance rises quickly after {age}.").format(a=20, b=24, c=30, d=44, age=rise),
                              colour=MUTED, italic=True)
        return rows_figure(_("Chance of miscarriage by the mother's age"), rows, 100, ticks, labels, source)
    rows = Rows()
    # Top to bottom by age; a text row stands for the bands the figure does not draw.
    for i, (label, cited) in enumerate(bands):
        if i:
            rows.space(0.12)
        if label == "25 to 29":
            rows.text(_("{a} to {b}: not drawn").format(a=20, b=24), colour=MUTED, italic=True).space(0.12)
        if label == "45 and over":
            rows.text(_("{a} to {b}: the chance rises quickly after {age}").format(a=30, b=44, age=rise)).text(
                _("(the paper's text gives no exact figures for these ages)"), colour=MUTED,
                italic=True).space(0.12)
        high = cited.value > 50
        rows.text(band(label)).bar(cited.value, value(cited), OKABE_ITO["vermillion"] if high else OKABE_ITO["blue"],
                                   "//" if high else "", bold_label=True)
    return rows_figure(_("Chance of miscarriage by the mother's age"), rows, 100, ticks, labels, source)


@figure("magnus2019", projector=True)
def risk_by_previous_losses() -> Figure:
    """Odds of miscarriage after one, two or three earlier miscarriages, with 95% confidence intervals."""
    names = {"1": _("After {n} miscarriage").format(n=1), "2": _("After {n} miscarriages").format(n=2),
             "3": _("After {n} in a row").format(n=3)}
    if projecting():
        from .projector import odds_slide

        return odds_slide(_("Earlier miscarriages raise the odds"),
                          [(names[k], v) for k, v in data.ODDS_BY_PREVIOUS_LOSSES.items()],
                          _("odds adjusted for age"))
    fig = new_figure(4.2)
    add_title(fig, _("Earlier miscarriages raise the odds"))
    ax = fig.add_axes((0.05, 0.27, 0.90, 0.6))
    rows = [(_("No miscarriage before: {one} (the comparison)").format(one=1), None)] + [
        (_("{name}: {value} (95% CI {low} to {high})").format(name=names[k], value=f"{v.value:.2f}",
                                                              low=f"{v.low:.2f}", high=f"{v.high:.2f}"), v)
        for k, v in data.ODDS_BY_PREVIOUS_LOSSES.items()
    ]
    markers = ["o", "s", "D", "^"]
    ax.set_xlim(0, 5.5)
    ax.set_ylim(-0.5, len(rows) - 0.25)
    for i, (label, cited) in enumerate(rows):
        y = len(rows) - 1 - i
        ax.text(0.05, y + 0.08, label, ha="left", va="bottom", fontsize=SMALL,
                fontweight="normal" if cited is None else "bold")
        # The line of no difference, drawn only in the marker rows so it never crosses a label.
        ax.plot([1, 1], [y - 0.38, y + 0.02], color=MUTED, linewidth=1.0, linestyle=(0, (3, 2)), zorder=1)
        if cited is None:
            ax.plot([1], [y - 0.18], marker="o", markersize=8, markerfacecolor="white",
                    markeredgecolor=INK, linestyle="none", zorder=3)
            continue
        ax.plot([cited.low, cited.high], [y - 0.18, y - 0.18], color=INK, linewidth=1.8, zorder=2)
        ax.plot([cited.value], [y - 0.18], marker=markers[i], markersize=8, color=OKABE_ITO["vermillion"],
                markeredgecolor=INK, linestyle="none", zorder=3)
    ax.set_xticks([0, 1, 2, 3, 4, 5])
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(_("Odds of miscarriage, compared with no miscarriage before\n"
                    "(shape: estimate; line: 95% confidence interval)"), fontsize=SMALL)
    add_source(fig, _("odds adjusted for age"))
    return fig
