"""Diagrams of the course, one function per figure, each returning a matplotlib Figure.

Lessons call these from hidden code cells, for example::

    from figures import risk_by_age
    risk_by_age()

Importing the package inside a notebook kernel sets the inline output formats:
SVG for the web page and PDF for the LaTeX book (see ``_config.yml``,
``nb_mime_priority_overrides``).
"""

from __future__ import annotations

from .care import care_pathway
from .definitions import definitions_timeline, how_common
from .evidence import feelings_after_loss, myths_vs_evidence, outlook, treatment_trials
from .immune import mother_baby_boundary
from .risk import risk_by_age, risk_by_previous_losses

FIGURES = {
    "definitions_timeline": definitions_timeline,
    "how_common": how_common,
    "risk_by_age": risk_by_age,
    "risk_by_previous_losses": risk_by_previous_losses,
    "mother_baby_boundary": mother_baby_boundary,
    "care_pathway": care_pathway,
    "treatment_trials": treatment_trials,
    "myths_vs_evidence": myths_vs_evidence,
    "outlook": outlook,
    "feelings_after_loss": feelings_after_loss,
}

__all__ = sorted(FIGURES)


def _configure_notebook_output() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to configure
        return
    if get_ipython() is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    # SVG for HTML, vector PDF for LaTeX; bbox tight keeps nothing clipped.
    set_matplotlib_formats("svg", "pdf", bbox_inches="tight")


_configure_notebook_output()
