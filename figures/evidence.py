"""Figures drawn from trials and surveys: treatments, beliefs, feelings and the outlook."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Circle

from . import data
from .i18n import _, fill, words
from .style import (
    PERCENT_TICKS,
    Rows,
    rows_figure,
    CALM,
    INK,
    MUTED,
    OKABE_ITO,
    SMALL,
    TREATED,
    UNTREATED,
    WHITE,
    add_source,
    add_title,
    new_figure,
    percent_label,
    figure,
    projecting,
)


@figure("coomarasamy2019prism", "coomarasamy2015promise", "dhillonsmith2019tablet", "quenby2023alife2",
        "rikken2021trust", projector=True)
def treatment_trials() -> Figure:
    """Live-birth rates with and without treatment in randomised trials, large and small."""
    if projecting():
        from .slides import table_slide

        # Every trial, named only; the values sit in a "with" and a "without" column.
        rows = [(words(trial.name), [trial.treated.percent.value, trial.untreated.percent.value],
                 [percent_label(trial.treated.percent.value), percent_label(trial.untreated.percent.value)])
                for trial in data.TRIALS]
        return table_slide(_("Live births with and without treatment"),
                           [("", [(_("With"), TREATED, ""), (_("Without"), UNTREATED, "//")], rows)], 100,
                           lead=_("Women with a live birth, as each trial counted it"))
    rows = Rows()
    rows.text(_("Solid bar: with the treatment. Striped bar: without it."), colour=MUTED).space(0.1)
    for i, trial in enumerate(data.TRIALS):
        if i:
            rows.space(0.14)
        rows.text(_("{trial}: {finding}").format(trial=words(trial.name), finding=words(trial.finding).lower()),
                  bold=True)
        rows.text(fill(words(trial.question), 50), colour=MUTED).space(0.04)
        for arm, colour, hatch in ((trial.treated, TREATED, ""), (trial.untreated, UNTREATED, "//")):
            rows.bar(arm.percent.value, _("{percent} {arm}").format(percent=percent_label(arm.percent.value),
                                                                    arm=words(arm.label).lower()), colour, hatch)
    ticks, labels = PERCENT_TICKS[100]
    return rows_figure(_("Live births with and without treatment"), rows, 118, ticks, labels,
                       xlabel=_("Women with a live birth, as each trial counted it"))


@figure("bardos2015", "quenby2021", projector=True)
def myths_vs_evidence() -> Figure:
    """What many adults wrongly believe about miscarriage (US survey), next to the facts."""
    fact = round(data.MISCARRIAGE_PER_RECOGNISED_PREGNANCY.value)
    rare = data.BELIEVED_MISCARRIAGE_RARE
    rare_label = _("Miscarriage happens in {n} in 100 pregnancies or fewer").format(
        n=f"{data.BELIEVED_RARE_THRESHOLD.value:g}")
    lead = _("Share of {n} US adults who believed it").format(n=f"{data.SURVEY_SIZE.value:,.0f}")
    if projecting():
        from .slides import table_slide

        column = [("", OKABE_ITO["orange"], "")]
        causes = [(words(label), [c.value], [percent_label(c.value)]) for label, c in data.WRONG_BELIEFS.items()]
        return table_slide(_("Common beliefs about miscarriage"),
                           [(_("Can cause miscarriage:"), column, causes),
                            ("", column, [(_("\u201c{belief}\u201d").format(belief=rare_label), [rare.value],
                                           [percent_label(rare.value)])])], 100,
                           lead=lead, note=_("In fact, about {n} in 100 recognised pregnancies end in "
                                             "miscarriage.").format(n=fact))
    rows = Rows()
    entries = [(_("{belief} can cause miscarriage").format(belief=words(label)), cited)
               for label, cited in data.WRONG_BELIEFS.items()]
    entries.append((rare_label, rare))
    for i, (label, cited) in enumerate(entries):
        if i:
            rows.space(0.1)
        rows.text(fill(_("\u201c{belief}\u201d").format(belief=label), 50))
        rows.bar(cited.value, percent_label(cited.value), OKABE_ITO["orange"], bold_label=True)
    ticks, labels = PERCENT_TICKS[100]
    return rows_figure(_("Common beliefs about miscarriage"), rows, 100, ticks, labels, xlabel=lead,
                       note=_("In fact, about {n} in 100 recognised pregnancies\nend in miscarriage.").format(n=fact))


def _icon_array(ax, x0, y0, filled: int, colour, size=0.34, gap=0.1):
    """A 10 x 10 grid: ``filled`` solid dots, the rest hollow rings (shape, not only colour, differs)."""
    for k in range(100):
        row, col = divmod(k, 10)
        cx = x0 + col * (size + gap) + size / 2
        cy = y0 - row * (size + gap) - size / 2
        if k < filled:
            ax.add_patch(Circle((cx, cy), size / 2, facecolor=colour, edgecolor=INK, linewidth=0.6))
        else:
            ax.add_patch(Circle((cx, cy), size / 2 * 0.8, facecolor=WHITE, edgecolor=MUTED, linewidth=0.9))


@figure("lund2012", "brigham1999", projector=True)
def outlook() -> Figure:
    """Most women with recurrent miscarriage go on to have a baby: two grids of 100 women."""
    fig = new_figure(4.5)
    add_title(fig, _("Most go on to have a baby"))
    ax = fig.add_axes((0.02, 0.21, 0.96, 0.7))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 7.0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    five_years = data.LIVE_BIRTH_WITHIN_5_YEARS
    next_pregnancy = data.NEXT_PREGNANCY_SUCCESS
    years = f"{data.LUND_FOLLOW_UP_YEARS.value:g}"
    panels = [
        (0.1, _("{percent} had a baby").format(percent=percent_label(five_years.value)),
         _("within {years} years: all women\nseen at one clinic").format(years=years), round(five_years.value)),
        (5.3, _("{percent} had a baby").format(percent=percent_label(next_pregnancy.value)),
         _("of those pregnant again\n(no cause found)"), round(next_pregnancy.value)),
    ]
    legend = _("Each grid: {n} women of that group. Solid: had a baby.").format(n=100)
    if projecting():
        from .projector import outlook_slide

        return outlook_slide(_("Most go on to have a baby"), [(a, b, n) for _x, a, b, n in panels],
                             legend, _icon_array, CALM)
    for x0, line1, line2, filled in panels:
        ax.text(x0, 6.95, line1, ha="left", va="top", fontsize=SMALL, fontweight="bold")
        ax.text(x0, 6.4, line2, ha="left", va="top", fontsize=SMALL, linespacing=1.2)
        _icon_array(ax, x0, 5.0, filled, CALM)
    fig.text(0.02, 0.14, legend, ha="left",
             va="bottom", fontsize=SMALL, color=MUTED)
    add_source(fig)
    return fig


@figure("farren2020", "farren2021partners", projector=True)
def feelings_after_loss() -> Figure:
    """Post-traumatic stress, anxiety and depression after early pregnancy loss, and in partners."""
    if projecting():
        from .slides import table_slide

        def pair(a, b):
            return [a.value, b.value], [percent_label(a.value), percent_label(b.value)]

        women = [(label, *pair(values["1 month"], values["9 months"])) for label, values in
                 [(_("Post-traumatic stress"), data.POST_TRAUMATIC_STRESS_WOMEN), (_("Anxiety"), data.ANXIETY_WOMEN),
                  (_("Depression"), data.DEPRESSION_WOMEN)]]
        # The couples when most had post-traumatic stress: their later months do not fit on a slide.
        couples = [(_("{when} after").format(when=_capital(words(when))), *pair(w, p))
                   for when, (w, p) in data.POST_TRAUMATIC_STRESS_COUPLES.items() if when == "1 month"]
        return table_slide(_("Strong feelings after a loss are common"), [
            (_("Women after an early loss"), [(words("1 month"), OKABE_ITO["blue"], ""),
                                              (words("9 months"), OKABE_ITO["sky"], "//")], women),
            (_("Post-traumatic stress in couples"), [(_("Women"), OKABE_ITO["vermillion"], ""),
                                                     (_("Partners"), OKABE_ITO["orange"], "//")], couples)], 50,
                           note=_("Anxiety and depression: moderate or severe"), note_bold=False)
    rows = Rows()
    rows.text(_("Women after an early loss"), bold=True).space(0.06)
    measures = [
        (_("Post-traumatic stress"), data.POST_TRAUMATIC_STRESS_WOMEN),
        (_("Moderate or severe anxiety"), data.ANXIETY_WOMEN),
        (_("Moderate or severe depression"), data.DEPRESSION_WOMEN),
    ]
    for i, (label, values) in enumerate(measures):
        if i:
            rows.space(0.1)
        rows.text(label)
        for when, colour, hatch in (("1 month", OKABE_ITO["blue"], ""), ("9 months", OKABE_ITO["sky"], "//")):
            rows.bar(values[when].value, _("{percent} at {when}").format(percent=percent_label(values[when].value),
                                                                        when=words(when)), colour, hatch)
    rows.space(0.25).text(_("Post-traumatic stress in couples"), bold=True).space(0.06)
    for i, (when, (women, partners)) in enumerate(data.POST_TRAUMATIC_STRESS_COUPLES.items()):
        if i:
            rows.space(0.1)
        rows.text(_("{when} after the loss").format(when=_capital(words(when))))
        rows.bar(women.value, _("{percent} of women").format(percent=percent_label(women.value)),
                 OKABE_ITO["vermillion"])
        rows.bar(partners.value, _("{percent} of partners").format(percent=percent_label(partners.value)),
                 OKABE_ITO["orange"], "//")
    ticks, labels = PERCENT_TICKS[50]
    return rows_figure(_("Strong feelings after a loss are common"), rows, 50, ticks, labels,
                       xlabel=_("Share of those who answered"))


def _capital(text: str) -> str:
    """``text`` with its first letter a capital ("1 month" stays as it is)."""
    return text[:1].upper() + text[1:]
