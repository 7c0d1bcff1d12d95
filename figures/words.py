"""The ledger's words that the figures draw, as messages for the translation catalogue.

Figures show some words straight from ``figures/data.py``: a trial's question and finding,
the arms it compared, a belief from the survey, an age band, a time after the loss. They
reach the reader through ``i18n.words()``, which looks them up with their numbers replaced
by ``{0}``, ``{1}`` ("25 to 29" as "{0} to {1}"). The extraction finds only ``_("…")`` with
the text written out, so each such message is written out here once. A ledger text missing
here stops a translated figure with an error that names it.
"""

from __future__ import annotations

from .i18n import _


def messages() -> list[str]:
    """Every message ``i18n.words()`` may look up, in the current language."""
    return [
        # Trials (data.TRIALS): names with words, questions, findings and arms.
        _("PRISM, {0} or more losses"),
        _("Progesterone for bleeding in early pregnancy, scan-confirmed pregnancy in the womb"),
        _("Same trial: women with bleeding and {0} or more miscarriages before"),
        _("Progesterone for unexplained recurrent miscarriage, no bleeding"),
        _("Levothyroxine for thyroid antibodies with normal thyroid tests (past miscarriage or infertility)"),
        _("Heparin for an inherited clotting tendency"),
        _("Surgery to remove a womb septum (small trial)"),
        _("Small gain overall, not certain"),
        _("Larger gain"),
        _("No clear gain"),
        _("No gain"),
        _("No gain shown"),
        _("Progesterone"),
        _("Placebo"),
        _("Levothyroxine"),
        _("Heparin"),
        _("Standard care"),
        _("Surgery"),
        _("No surgery"),
        # Beliefs from the survey (data.WRONG_BELIEFS).
        _("A stressful event"),
        _("Lifting something heavy"),
        _("Having used a coil (IUD) before"),
        _("Having taken the pill before"),
        # Age bands (data.RISK_BY_AGE) and times after the loss (data.POST_TRAUMATIC_STRESS_*).
        _("Under {0}"),
        _("{0} to {1}"),
        _("{0} and over"),
        _("{0} month"),
        _("{0} months"),
        # The ledger's number words (Cited.says) that are not "n in 100".
        _("more than half"),
    ]
