"""The texts a drawn figure puts on its canvas, measured: shared by the English figure tests
(tests/test_figures.py) and the Chinese ones (tests/test_figure_language.py)."""

from __future__ import annotations

import itertools

from matplotlib.text import Text

TOLERANCE_PX = 0.5


def label(t: Text) -> str:
    return repr(t.get_text()[:40])


def clashes(texts) -> list[str]:
    """Every two texts (with their boxes) that overlap by more than the tolerance both ways."""
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        overlap_w = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        overlap_h = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if overlap_w > TOLERANCE_PX and overlap_h > TOLERANCE_PX:
            found.append(f"{label(a)} overlaps {label(b)} by {overlap_w:.1f} x {overlap_h:.1f} px")
    return found


def off_canvas(fig, texts) -> list[tuple[Text, object]]:
    """The texts (with their boxes) that reach beyond the figure's canvas."""
    width, height = fig.bbox.width, fig.bbox.height
    return [(t, box) for t, box in texts
            if box.x0 < -TOLERANCE_PX or box.y0 < -TOLERANCE_PX
            or box.x1 > width + TOLERANCE_PX or box.y1 > height + TOLERANCE_PX]
