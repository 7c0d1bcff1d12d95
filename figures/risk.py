"""Risk of miscarriage by the mother's age and by earlier miscarriages (Magnus et al. 2019)."""

from __future__ import annotations

from matplotlib.figure import Figure

from . import data
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
    n = f"{data.PREGNANCIES_IN_MAGNUS.value:,.0f}"
    if projecting():
        # The same bands and notes, the notes gathered under the bars to fit a slide.
        rows = Rows()
        for i, (label, cited) in enumerate(bands):
            if i:
                rows.space(0.05)
            high = cited.value > 50
            rows.text(f"{label} (lowest)" if label == lowest else label).bar(
                cited.value, f"{percent_label(cited.value)} ({cited.text()})",
                OKABE_ITO["vermillion"] if high else OKABE_ITO["blue"], "//" if high else "")
        rows.space(0.05).text(f"20 to 24: not drawn. 30 to 44: no exact figures in the paper's text; "
                              f"the chance rises quickly after {data.AGE_RISE_AFTER.value:g}.", colour=MUTED,
                              italic=True)
        return rows_figure("Chance of miscarriage by the mother's age", rows, 100, ticks, labels,
                           f"{n} pregnancies in Norway")
    rows = Rows()
    # Top to bottom by age; a text row stands for the bands the figure does not draw.
    for i, (label, cited) in enumerate(bands):
        if i:
            rows.space(0.12)
        if label == "25 to 29":
            rows.text("20 to 24: not drawn", colour=MUTED, italic=True).space(0.12)
        if label == "45 and over":
            rows.text(f"30 to 44: the chance rises quickly after {data.AGE_RISE_AFTER.value:g}").text(
                "(the paper's text gives no exact figures for these ages)", colour=MUTED,
                italic=True).space(0.12)
        high = cited.value > 50
        rows.text(f"{label} (lowest)" if label == lowest else label).bar(
            cited.value, f"{percent_label(cited.value)} ({cited.text()})",
            OKABE_ITO["vermillion"] if high else OKABE_ITO["blue"], "//" if high else "", bold_label=True)
    return rows_figure("Chance of miscarriage by the mother's age", rows, 100, ticks, labels,
                       f"{n} pregnancies in Norway")


@figure("magnus2019", projector=True)
def risk_by_previous_losses() -> Figure:
    """Odds of miscarriage after one, two or three earlier miscarriages, with 95% confidence intervals."""
    if projecting():
        from .projector import odds_slide

        names = {"1": "After 1 miscarriage", "2": "After 2 miscarriages", "3": "After 3 in a row"}
        return odds_slide("Earlier miscarriages raise the odds",
                          [(names[k], v) for k, v in data.ODDS_BY_PREVIOUS_LOSSES.items()],
                          "odds adjusted for age")
    fig = new_figure(4.2)
    add_title(fig, "Earlier miscarriages raise the odds")
    ax = fig.add_axes((0.05, 0.27, 0.90, 0.6))
    names = {"1": "After 1 miscarriage", "2": "After 2 miscarriages", "3": "After 3 in a row"}
    rows = [("No miscarriage before: 1 (the comparison)", None)] + [
        (f"{names[k]}: {v.value:.2f} (95% CI {v.low:.2f} to {v.high:.2f})", v)
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
    ax.set_xlabel("Odds of miscarriage, compared with no miscarriage before\n"
                  "(shape: estimate; line: 95% confidence interval)", fontsize=SMALL)
    add_source(fig, "odds adjusted for age")
    return fig
