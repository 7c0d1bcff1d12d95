"""Diagrams of the course, one function per figure, each returning a matplotlib Figure.

Lessons show a figure with the ``{course-figure}`` directive (``_ext/course/figure.py``)::

    :::{course-figure} risk_by_age
    :name: fig-risk-by-age
    :alt: Bar chart of ...
    The chance of miscarriage is lowest in the late twenties.
    :::

Each function declares the ``references.bib`` keys of its sources with ``@figure(...)``
(``figures/style.py``); its numbers come from the ledger, ``figures/data.py``.
``FIGURES`` maps the names lessons use to the functions.
"""

from __future__ import annotations

from .care import care_pathway
from .definitions import definitions_timeline, how_common
from .evidence import feelings_after_loss, myths_vs_evidence, outlook, treatment_trials
from .immune import mother_baby_boundary
from .risk import risk_by_age, risk_by_previous_losses

FIGURES = {
    fn.__name__: fn
    for fn in (definitions_timeline, how_common, risk_by_age, risk_by_previous_losses, mother_baby_boundary,
               care_pathway, treatment_trials, myths_vs_evidence, outlook, feelings_after_loss)
}

__all__ = ["FIGURES", *sorted(FIGURES)]
